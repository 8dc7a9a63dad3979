//! Field violations: where each envelope renders a request's invalid fields, and how the
//! catalog describes them.

mod common;

use errcat::catalog::Catalog;
use errcat::{ApiError, FieldViolation, Location, RequestContext, Violations};
use serde_json::json;
use std::time::{Duration, UNIX_EPOCH};

fn registration() -> Violations {
    Violations::from(vec![
        FieldViolation::new("organizationName", "not_blank", "must not be blank"),
        FieldViolation::new("items[2].sku", "length", "size must be between 8 and 128"),
        FieldViolation::new("page", "range", "must be at least 1").at(Location::Query),
        FieldViolation::new("x-app-id", "required", "is required").at(Location::Header),
    ])
}

macro_rules! invalid_in {
    ($name:ident, $envelope:path) => {
        #[derive(Debug, thiserror::Error, ApiError)]
        #[api_error(envelope = $envelope)]
        #[error("invalid request")]
        #[status(400)]
        #[code("VALIDATION_FAILED")]
        #[message("Validation failed")]
        struct $name {
            #[api_error(violations)]
            violations: Violations,
        }
    };
}

invalid_in!(InProblem, errcat::envelope::Problem);
invalid_in!(InErrorField, errcat::envelope::ErrorField);
invalid_in!(InMessageField, errcat::envelope::MessageField);
invalid_in!(InWrapped, errcat::envelope::Wrapped);
invalid_in!(InSpring, errcat::envelope::Spring);

fn body(error: &dyn ApiError) -> String {
    let response = RequestContext::new("req_1", "/api/v1/auth/register")
        .with_time(UNIX_EPOCH + Duration::from_secs(1_705_314_600))
        .enter(|| error.to_response());
    common::body_text(&response).to_owned()
}

#[test]
fn test_problem_lists_errors_with_pointers() {
    assert_eq!(
        body(&InProblem {
            violations: registration()
        }),
        concat!(
            r#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"Validation failed","#,
            r#""instance":"/api/v1/auth/register","code":"VALIDATION_FAILED","requestId":"req_1","#,
            r##""errors":[{"detail":"must not be blank","pointer":"#/organizationName","code":"not_blank"},"##,
            r##"{"detail":"size must be between 8 and 128","pointer":"#/items/2/sku","code":"length"},"##,
            r#"{"detail":"must be at least 1","parameter":"page","code":"range"},"#,
            r#"{"detail":"is required","header":"x-app-id","code":"required"}]}"#,
        )
    );
}

#[test]
fn test_error_and_message_fields_map_fields_to_messages() {
    let map = r#""errors":{"organizationName":"must not be blank","items[2].sku":"size must be between 8 and 128","page":"must be at least 1","x-app-id":"is required"}}"#;
    assert_eq!(
        body(&InErrorField {
            violations: registration()
        }),
        format!(r#"{{"error":"Validation failed",{map}"#)
    );
    assert_eq!(
        body(&InMessageField {
            violations: registration()
        }),
        format!(r#"{{"message":"Validation failed",{map}"#)
    );
}

#[test]
fn test_wrapped_points_at_the_first_field_and_lists_all() {
    assert_eq!(
        body(&InWrapped {
            violations: registration()
        }),
        concat!(
            r#"{"success":false,"error":{"code":"VALIDATION_FAILED","message":"Validation failed","#,
            r#""field":"organizationName","errors":["#,
            r#"{"field":"organizationName","code":"not_blank","message":"must not be blank"},"#,
            r#"{"field":"items[2].sku","code":"length","message":"size must be between 8 and 128"},"#,
            r#"{"field":"page","code":"range","message":"must be at least 1","location":"query"},"#,
            r#"{"field":"x-app-id","code":"required","message":"is required","location":"header"}]},"#,
            r#""meta":{"requestId":"req_1","timestamp":"2024-01-15T10:30:00Z"}}"#,
        )
    );
}

#[test]
fn test_no_violations_no_member_and_first_message_per_field() {
    assert_eq!(
        body(&InErrorField {
            violations: Violations::new()
        }),
        r#"{"error":"Validation failed"}"#
    );
    let twice = Violations::from(vec![
        FieldViolation::new("email", "required", "is required"),
        FieldViolation::new("email", "email", "must be a well-formed email address"),
    ]);
    assert_eq!(
        body(&InErrorField { violations: twice }),
        r#"{"error":"Validation failed","errors":{"email":"is required"}}"#
    );
}

#[test]
fn test_json_pointers_escape() {
    assert_eq!(
        FieldViolation::new("a/b.c~d", "x", "y").json_pointer(),
        "#/a~1b/c~0d"
    );
    assert_eq!(
        FieldViolation::new("items[0][3]", "x", "y").json_pointer(),
        "#/items/0/3"
    );
    assert_eq!(FieldViolation::new("", "x", "y").json_pointer(), "#");
}

#[test]
fn test_hostile_field_names_stay_valid_json() {
    let violations = Violations::from(FieldViolation::new("\"}],\u{0}", "c\"", "m\n"));
    for text in [
        body(&InProblem {
            violations: violations.clone(),
        }),
        body(&InSpring {
            violations: violations.clone(),
        }),
        body(&InWrapped {
            violations: violations.clone(),
        }),
        body(&InErrorField { violations }),
    ] {
        serde_json::from_str::<serde_json::Value>(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    }
}

#[test]
fn test_catalog_describes_violations() {
    let entry = &InSpring::catalog()[0];
    assert!(entry.violations);
    let example: serde_json::Value =
        serde_json::from_slice(entry.example().unwrap().body()).unwrap();
    // A sample violation, in the envelope's own shape.
    assert_eq!(
        example["validationErrors"],
        json!({ "name": "is required" })
    );

    let doc = Catalog::new()
        .group::<InProblem>("Registration")
        .to_openapi();
    let problem = &doc["components"]["schemas"]["Problem"];
    assert_eq!(problem["properties"]["errors"]["type"], "array");
    let example = &doc["components"]["responses"]["Registration400"]["content"]["application/problem+json"]
        ["examples"]["InProblem"]["value"];
    assert_eq!(
        example["errors"],
        json!([{ "detail": "is required", "pointer": "#/name", "code": "missing" }])
    );
}
