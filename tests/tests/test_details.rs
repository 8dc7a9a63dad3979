//! `#[detail]` members: camelCase keys, renames, field order, any `Serialize` value, and
//! fields that stay private.

mod common;

use common::body;
use errcat::ApiError;
use serde::Serialize;

#[derive(Debug, Serialize)]
struct Limits {
    limit: u32,
    remaining: u32,
}

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(envelope = errcat::envelope::ErrorField)]
enum E {
    #[error("x")]
    #[status(429)]
    #[message("Too many requests")]
    Throttled {
        internal_note: String,
        #[detail]
        retry_after_seconds: u64,
        #[detail(rename = "rateLimit")]
        limits: Limits,
        #[detail]
        tags: Vec<&'static str>,
        #[detail]
        reason: Option<String>,
    },

    #[error("x")]
    #[status(400)]
    #[message("Duplicate email")]
    Tuple(#[detail(rename = "fieldErrors")] std::collections::BTreeMap<&'static str, &'static str>),

    #[error("x")]
    #[status(400)]
    #[message("bad type")]
    RawName {
        #[detail]
        r#type: &'static str,
    },
}

#[test]
fn test_detail_keys_order_and_values() {
    let error = E::Throttled {
        internal_note: "shard-7 overloaded".into(),
        retry_after_seconds: 42,
        limits: Limits {
            limit: 60,
            remaining: 0,
        },
        tags: vec!["burst", "ip"],
        reason: Some("burst".into()),
    };
    assert_eq!(
        body(&error),
        r#"{"error":"Too many requests","retryAfterSeconds":42,"rateLimit":{"limit":60,"remaining":0},"tags":["burst","ip"],"reason":"burst"}"#
    );
}

#[test]
fn test_none_detail_is_left_out_not_null() {
    let error = E::Throttled {
        internal_note: String::new(),
        retry_after_seconds: 1,
        limits: Limits {
            limit: 1,
            remaining: 0,
        },
        tags: vec![],
        reason: None,
    };
    assert_eq!(
        body(&error),
        r#"{"error":"Too many requests","retryAfterSeconds":1,"rateLimit":{"limit":1,"remaining":0},"tags":[]}"#
    );
}

#[test]
fn test_detail_rename_on_tuple_field() {
    let error = E::Tuple([("email", "Email already registered")].into());
    assert_eq!(
        body(&error),
        r#"{"error":"Duplicate email","fieldErrors":{"email":"Email already registered"}}"#
    );
}

#[test]
fn test_detail_of_raw_identifier_field() {
    assert_eq!(
        body(&E::RawName { r#type: "aes256" }),
        r#"{"error":"bad type","type":"aes256"}"#
    );
}

#[test]
fn test_catalog_lists_detail_keys() {
    let catalog = E::catalog();
    assert_eq!(
        catalog[0].details,
        ["retryAfterSeconds", "rateLimit", "tags", "reason"]
    );
    assert_eq!(catalog[1].details, ["fieldErrors"]);
}

#[test]
fn test_failed_detail_is_left_out_and_body_stays_valid() {
    // A map with non-string keys cannot be JSON: serde_json refuses it.
    #[derive(Debug, thiserror::Error, ApiError)]
    #[api_error(envelope = errcat::envelope::MessageField)]
    #[error("x")]
    #[status(400)]
    #[message("bad")]
    struct Odd {
        #[detail]
        map: std::collections::BTreeMap<(u8, u8), u8>,
        #[detail]
        after: u8,
    }
    let error = Odd {
        map: [((1, 2), 3)].into(),
        after: 9,
    };
    assert_eq!(body(&error), r#"{"message":"bad","after":9}"#);
}

#[test]
fn test_detail_named_like_an_envelope_member_is_left_out() {
    use errcat::envelope::{DetailValue, ErrorParts};
    // A derived type cannot do this (compile error); hand-built parts are checked at run time.
    let status = 999_u32;
    let hint = "use another name";
    let details: [(&str, &dyn DetailValue); 2] = [("status", &status), ("hint", &hint)];
    let parts =
        ErrorParts::new(http::StatusCode::CONFLICT, "CONFLICT", "taken").with_details(&details);
    assert_eq!(
        common::Hand(parts).to_response().body(),
        r#"{"type":"about:blank","title":"Conflict","status":409,"detail":"taken","code":"CONFLICT","hint":"use another name"}"#
    );
}

/// Seed 001's 409 and seed 004's 400, written with `#[detail]` as the seeds show them: the
/// `errors` and `validationErrors` members belong to a variant's field violations only when it
/// has some, so without `#[api_error(violations)]` the keys are the details'.
#[derive(Debug, thiserror::Error, ApiError)]
enum Seeds {
    #[error("duplicate email")]
    #[status(409)]
    #[message("User with email '{email}' already exists")]
    #[api_error(envelope = errcat::envelope::MessageField)]
    Duplicate {
        email: String,
        #[detail]
        errors: std::collections::BTreeMap<&'static str, &'static str>,
    },

    #[error("invalid")]
    #[status(400)]
    #[message("Validation failed")]
    #[api_error(envelope = errcat::envelope::Spring)]
    Invalid {
        #[detail]
        validation_errors: std::collections::BTreeMap<&'static str, &'static str>,
    },
}

#[test]
fn test_details_may_take_the_keys_of_field_violations() {
    let error = Seeds::Duplicate {
        email: "john@example.com".into(),
        errors: [("email", "Email already registered")].into(),
    };
    assert_eq!(
        error.to_response().body(),
        r#"{"message":"User with email 'john@example.com' already exists","errors":{"email":"Email already registered"}}"#
    );

    let error = Seeds::Invalid {
        validation_errors: [("email", "must not be blank")].into(),
    };
    let body: serde_json::Value = serde_json::from_slice(error.to_response().body()).unwrap();
    assert_eq!(
        body["validationErrors"],
        serde_json::json!({ "email": "must not be blank" })
    );
    assert_eq!(body["message"], "Validation failed");
    assert_eq!(
        Seeds::catalog()[1].details,
        ["validationErrors"],
        "the catalog lists it as a detail"
    );
}

#[test]
fn test_hand_built_detail_gives_way_to_listed_violations() {
    use errcat::envelope::{DetailValue, ErrorParts};
    use errcat::{FieldViolation, Violations};
    let note = "from a detail";
    let details: [(&str, &dyn DetailValue); 1] = [("errors", &note)];
    let violations = Violations::from(FieldViolation::new("email", "taken", "is taken"));
    let parts = ErrorParts::new(http::StatusCode::CONFLICT, "CONFLICT", "taken")
        .with_details(&details)
        .with_violations(&violations);
    let body: serde_json::Value =
        serde_json::from_slice(common::Hand(parts).to_response().body()).unwrap();
    assert_eq!(body["errors"][0]["pointer"], "#/email");
    // With no violations listed, the detail has the key to itself.
    let parts =
        ErrorParts::new(http::StatusCode::CONFLICT, "CONFLICT", "taken").with_details(&details);
    let body: serde_json::Value =
        serde_json::from_slice(common::Hand(parts).to_response().body()).unwrap();
    assert_eq!(body["errors"], "from a detail");
}
