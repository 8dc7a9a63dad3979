//! Detail members and headers are typed from their Rust types in the catalog's schemas, with
//! examples of the right type.

use errcat::ApiError;
use errcat::catalog::Catalog;
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// A type errcat knows nothing of: any JSON value, unless declared.
#[derive(Debug, Serialize)]
struct Window {
    seconds: u64,
}

/// A type with a utoipa schema (feature `utoipa`).
#[derive(Debug, Serialize, utoipa::ToSchema)]
struct Quota {
    used: u32,
    limit: u32,
}

fn window_schema() -> Value {
    json!({ "type": "object", "properties": { "seconds": { "type": "integer" } }, "required": ["seconds"] })
}

#[derive(Debug, thiserror::Error, ApiError)]
#[expect(dead_code, reason = "only the catalog is read")]
enum LimitError {
    #[error("limited")]
    #[status(429)]
    #[message("Try again in {retry_after} seconds, {name}.")]
    #[header("Retry-After", "{retry_after}")]
    #[header("X-Name", "{name}")]
    Limited {
        #[detail(example = 42)]
        retry_after: u64,
        name: String,
        #[detail]
        reason: Option<String>,
        #[detail]
        ratio: f64,
        #[detail]
        blocked: bool,
        #[detail]
        tags: Vec<String>,
        #[detail(example = BTreeMap::<String, u32>::from([("reads".to_owned(), 3)]))]
        counts: BTreeMap<String, u32>,
        #[detail]
        window: Window,
        #[detail(schema = window_schema)]
        declared: Window,
        #[detail]
        quota: Quota,
    },
}

fn document() -> Value {
    Catalog::new().group::<LimitError>("Limits").to_openapi()
}

#[test]
fn test_detail_members_are_typed_and_required_when_always_sent() {
    let doc = document();
    // Named for the code, `LIMITED`.
    let details = &doc["components"]["schemas"]["LimitedDetails"];
    let properties = &details["properties"];
    assert_eq!(
        properties["retryAfter"],
        json!({ "type": "integer", "minimum": 0 })
    );
    assert_eq!(properties["reason"], json!({ "type": "string" }));
    assert_eq!(properties["ratio"], json!({ "type": "number" }));
    assert_eq!(properties["blocked"], json!({ "type": "boolean" }));
    assert_eq!(
        properties["tags"],
        json!({ "type": "array", "items": { "type": "string" } })
    );
    assert_eq!(
        properties["counts"],
        json!({ "type": "object", "additionalProperties": { "type": "integer", "minimum": 0, "maximum": 4_294_967_295_u32 } })
    );
    assert_eq!(
        properties["window"]["type"],
        json!(["object", "array", "string", "number", "boolean", "null"]),
        "a type errcat does not know is any value"
    );
    assert_eq!(properties["declared"], window_schema());
    assert_eq!(
        properties["quota"]["type"], "object",
        "from utoipa's ToSchema"
    );
    assert_eq!(properties["quota"]["properties"]["used"]["type"], "integer");
    let required: Vec<&str> = details["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|key| key.as_str().unwrap())
        .collect();
    assert!(
        !required.contains(&"reason"),
        "an Option is not always sent"
    );
    assert!(required.contains(&"retryAfter") && required.contains(&"tags"));
}

#[test]
fn test_examples_carry_values_of_the_right_type() {
    let doc = document();
    let media = &doc["components"]["responses"]["Limits429"]["content"]["application/problem+json"];
    let example = &media["examples"]["Limited"]["value"];
    assert_eq!(example["retryAfter"], 42, "the attribute's example");
    assert_eq!(example["ratio"], 0.0, "the type's");
    assert_eq!(example["blocked"], false);
    assert_eq!(example["reason"], "{reason}", "a string shows its key");
    assert_eq!(example["counts"], json!({ "reads": 3 }), "any expression");
    // The message reads as a client sees it, with the example; other fields stay placeholders.
    assert_eq!(example["detail"], "Try again in 42 seconds, {name}.");
}

#[test]
fn test_header_schemas_come_from_their_field() {
    let doc = document();
    let headers = &doc["components"]["responses"]["Limits429"]["headers"];
    assert_eq!(
        headers["Retry-After"]["schema"],
        json!({ "type": "integer", "minimum": 0 })
    );
    assert_eq!(headers["X-Name"]["schema"], json!({ "type": "string" }));
    assert_eq!(headers["Retry-After"]["required"], true);
}

#[derive(Debug, ApiError)]
#[expect(dead_code, reason = "only the catalog is read")]
enum SignupError {
    #[status(422)]
    #[code("SIGNUP_INVALID")]
    #[message("{count} fields of {form} are invalid")]
    Invalid {
        #[api_error(example = 2)]
        count: usize,
        #[api_error(example = "signup")]
        form: String,
        #[detail(example = 1)]
        score: f64,
        #[detail(example = ["beta", "early"])]
        tags: Vec<String>,
        #[detail]
        attempts: u8,
        #[api_error(violations, example = [
            errcat::FieldViolation::new("email", "email", "must be a well-formed email address"),
            errcat::FieldViolation::new("age", "range", "must be at least 18"),
        ])]
        violations: errcat::Violations,
    },
}

#[test]
fn test_field_examples_fill_the_message_and_the_violations() {
    let entry = &SignupError::catalog()[0];
    let example: Value = serde_json::from_slice(entry.example().unwrap().body()).unwrap();
    assert_eq!(example["detail"], "2 fields of signup are invalid");
    assert_eq!(example["score"], 1.0, "an integer literal for a float");
    assert_eq!(
        example["tags"],
        json!(["beta", "early"]),
        "an array for a Vec"
    );
    assert_eq!(
        example["errors"],
        json!([
            { "detail": "must be a well-formed email address", "pointer": "#/email", "code": "email" },
            { "detail": "must be at least 18", "pointer": "#/age", "code": "range" }
        ])
    );
}

#[test]
fn test_small_integers_state_their_range() {
    let doc = Catalog::new().group::<SignupError>("Signup").to_openapi();
    let details = &doc["components"]["schemas"]["SignupInvalidDetails"];
    assert_eq!(
        details["properties"]["attempts"],
        json!({ "type": "integer", "minimum": 0, "maximum": 255 }),
        "{details}"
    );
}
