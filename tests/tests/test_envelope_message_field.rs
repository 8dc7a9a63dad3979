//! Seed 002, Users API "Error Handling": every error body on the page in the `MessageField`
//! envelope (`{"message": MESSAGE}`), byte for byte, including the `\"` escapes of its
//! quoted names, and the rate-limit headers of its 429.
//!
//! The seed pretty-prints its bodies; errcat writes compact JSON, so each expected body below
//! is the seed's JSON with the whitespace between tokens removed.

mod common;

use errcat::ApiError;
use errcat::envelope::ErrorParts;
use errcat::envelope::MessageField;
use http::{Response, StatusCode};

/// Errors of the Users API's own endpoints (apps, sessions, admin).
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(envelope = errcat::envelope::MessageField)]
pub enum UsersApiError {
    #[error("missing field {field}")]
    #[status(400)]
    #[message("Missing required field: {field}")]
    #[field("{field}")]
    MissingField { field: String },

    #[error("invalid credentials for {username}")]
    #[status(401)]
    #[message("Invalid credentials")]
    InvalidCredentials { username: String },

    /// A non-admin on an admin endpoint, or an attempt to delete the admin app.
    #[error("forbidden")]
    #[status(403)]
    Forbidden,

    #[error("app {app_id} not found")]
    #[status(404)]
    #[message("App not found")]
    AppNotFound { app_id: String },

    #[error("app {source_app_id} exists")]
    #[status(409)]
    #[message("App with sourceAppId \"{source_app_id}\" already exists")]
    AppExists { source_app_id: String },

    /// Default: 60 requests per minute per IP.
    #[error("rate limited")]
    #[status(429)]
    #[header("X-RateLimit-Limit", "{limit}")]
    #[header("X-RateLimit-Remaining", "{remaining}")]
    #[header("Retry-After", "{retry_after}")]
    RateLimited {
        limit: u32,
        remaining: u32,
        retry_after: u64,
    },
}

/// "Schema Validation Errors": submitted user data checked against the app's schema.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(envelope = errcat::envelope::MessageField, status = 400)]
pub enum SchemaError {
    #[error("missing {field}")]
    #[message("Missing required field: {field}")]
    #[field("{field}")]
    Missing { field: String },

    #[error("{field} not boolean")]
    #[message("Field \"{field}\" must be boolean")]
    #[field("{field}")]
    NotBoolean { field: String },

    #[error("{field} not string")]
    #[message("Field \"{field}\" must be string")]
    #[field("{field}")]
    NotString { field: String },

    #[error("{field} not a finite number")]
    #[message("Field \"{field}\" must be a finite number")]
    #[field("{field}")]
    NotFiniteNumber { field: String },

    /// Text below `minLength`.
    #[error("{field} too short")]
    #[message("Field \"{field}\" is too short")]
    #[field("{field}")]
    TooShort { field: String },

    /// Text above `maxLength`.
    #[error("{field} too long")]
    #[message("Field \"{field}\" is too long")]
    #[field("{field}")]
    TooLong { field: String },

    /// A required checkbox is false.
    #[error("{field} unchecked")]
    #[message("Field \"{field}\" must be checked")]
    #[field("{field}")]
    NotChecked { field: String },

    #[error("{field} not in enum")]
    #[message("Field \"{field}\" must be one of: {values}")]
    #[field("{field}")]
    NotOneOf { field: String, values: String },

    /// Number below `min`.
    #[error("{field} too small")]
    #[message("Field \"{field}\" is too small")]
    #[field("{field}")]
    TooSmall { field: String },

    /// Number above `max`.
    #[error("{field} too large")]
    #[message("Field \"{field}\" is too large")]
    #[field("{field}")]
    TooLarge { field: String },

    /// A field not in the schema, when `rejectUnknown: true`.
    #[error("unknown field {field}")]
    #[message("Unknown field: {field}")]
    #[field("{field}")]
    Unknown { field: String },
}

fn body_text<B: AsRef<[u8]>>(response: &Response<B>) -> &str {
    std::str::from_utf8(response.body().as_ref()).expect("body is UTF-8")
}

/// Renders `error` and checks status, `application/json` as the only header, and the body.
#[track_caller]
fn assert_seed_body(error: &impl ApiError, status: u16, expected: &str) {
    let response = error.to_response();
    assert_eq!(response.status(), status, "status of {expected}");
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(response.headers().len(), 1, "no header but content-type");
    assert_eq!(body_text(&response), expected);
}

// ---- Error Response Format ----

#[test]
fn test_error_response_format_is_message_member_alone() {
    let parts = ErrorParts::new(
        StatusCode::BAD_REQUEST,
        "BAD_REQUEST",
        "Human-readable error message",
    )
    .with_envelope::<MessageField>();
    assert_eq!(
        body_text(&common::Hand(parts).to_response()),
        r#"{"message":"Human-readable error message"}"#
    );
}

// ---- HTTP Status Codes ----

#[test]
fn test_400_bad_request_missing_required_field() {
    let error = UsersApiError::MissingField {
        field: "consentRequired".into(),
    };
    assert_seed_body(
        &error,
        400,
        r#"{"message":"Missing required field: consentRequired"}"#,
    );
}

#[test]
fn test_401_unauthorized_invalid_credentials() {
    let error = UsersApiError::InvalidCredentials {
        username: "alice".into(),
    };
    assert_seed_body(&error, 401, r#"{"message":"Invalid credentials"}"#);
}

#[test]
fn test_403_forbidden_says_reason_phrase() {
    assert_seed_body(&UsersApiError::Forbidden, 403, r#"{"message":"Forbidden"}"#);
}

#[test]
fn test_404_app_not_found() {
    let error = UsersApiError::AppNotFound {
        app_id: "my-app".into(),
    };
    assert_seed_body(&error, 404, r#"{"message":"App not found"}"#);
}

#[test]
fn test_409_conflict_quotes_source_app_id_escaped() {
    let error = UsersApiError::AppExists {
        source_app_id: "my-app".into(),
    };
    assert_eq!(
        error.message(),
        "App with sourceAppId \"my-app\" already exists"
    );
    assert_seed_body(
        &error,
        409,
        r#"{"message":"App with sourceAppId \"my-app\" already exists"}"#,
    );
}

#[test]
fn test_429_too_many_requests_rate_limit_headers() {
    // The seed lists the headers but shows no 429 body; the body is errcat's default message.
    let error = UsersApiError::RateLimited {
        limit: 60,
        remaining: 0,
        retry_after: 37,
    };
    let response = error.to_response();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let headers: Vec<(&str, &str)> = response
        .headers()
        .iter()
        .map(|(name, value)| (name.as_str(), value.to_str().unwrap()))
        .collect();
    assert_eq!(
        headers,
        [
            ("content-type", "application/json"),
            ("x-ratelimit-limit", "60"),
            ("x-ratelimit-remaining", "0"),
            ("retry-after", "37"),
        ]
    );
    // What the seed's client code reads: `parseInt(res.headers.get("Retry-After"), 10)`.
    let retry_after: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(retry_after, 37);
    assert_eq!(body_text(&response), r#"{"message":"Too Many Requests"}"#);
}

// ---- Schema Validation Errors ----

#[test]
fn test_schema_validation_field_too_short_example() {
    let error = SchemaError::TooShort {
        field: "fullName".into(),
    };
    assert_eq!(error.status(), StatusCode::BAD_REQUEST);
    assert_seed_body(
        &error,
        400,
        r#"{"message":"Field \"fullName\" is too short"}"#,
    );
}

#[test]
fn test_schema_validation_common_messages() {
    // The seed's list, with its `<field>` / `<values>` placeholders as the values, so each
    // message is the seed's JSON string verbatim.
    let field = || "<field>".to_owned();
    let cases: [(SchemaError, &str); 11] = [
        (
            SchemaError::Missing { field: field() },
            r#""Missing required field: <field>""#,
        ),
        (
            SchemaError::NotBoolean { field: field() },
            r#""Field \"<field>\" must be boolean""#,
        ),
        (
            SchemaError::NotString { field: field() },
            r#""Field \"<field>\" must be string""#,
        ),
        (
            SchemaError::NotFiniteNumber { field: field() },
            r#""Field \"<field>\" must be a finite number""#,
        ),
        (
            SchemaError::TooShort { field: field() },
            r#""Field \"<field>\" is too short""#,
        ),
        (
            SchemaError::TooLong { field: field() },
            r#""Field \"<field>\" is too long""#,
        ),
        (
            SchemaError::NotChecked { field: field() },
            r#""Field \"<field>\" must be checked""#,
        ),
        (
            SchemaError::NotOneOf {
                field: field(),
                values: "<values>".into(),
            },
            r#""Field \"<field>\" must be one of: <values>""#,
        ),
        (
            SchemaError::TooSmall { field: field() },
            r#""Field \"<field>\" is too small""#,
        ),
        (
            SchemaError::TooLarge { field: field() },
            r#""Field \"<field>\" is too large""#,
        ),
        (
            SchemaError::Unknown { field: field() },
            r#""Unknown field: <field>""#,
        ),
    ];
    for (error, message) in &cases {
        assert_seed_body(error, 400, &format!(r#"{{"message":{message}}}"#));
    }
}

#[test]
fn test_schema_validation_one_of_with_real_values() {
    let error = SchemaError::NotOneOf {
        field: "plan".into(),
        values: "free, pro".into(),
    };
    assert_seed_body(
        &error,
        400,
        r#"{"message":"Field \"plan\" must be one of: free, pro"}"#,
    );
    assert_eq!(
        SchemaError::catalog()[7].message,
        "Field \"{field}\" must be one of: {values}"
    );
}
