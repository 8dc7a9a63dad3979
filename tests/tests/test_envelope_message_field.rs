//! The `MessageField` envelope (`{"message": MESSAGE}`), byte for byte: the message alone, its
//! quotes escaped (`\"`), the reason phrase when a variant names no message, private fields and
//! sources left out, headers beside the body, field violations under `errors`. The bodies are
//! every `{"message"}` body of two APIs' error pages: a Users API's "Error Handling" (seed 002)
//! and Grizzly's "API Error Responses" (seed 001, whose raw bodies are in `test_raw_body.rs`).
//!
//! The seeds pretty-print their bodies; errcat writes compact JSON, so each expected body below
//! is the seed's JSON with the whitespace between tokens removed, members in seed order.

mod common;

use common::{Hand, assert_renders_json, body_text, header_list};
use errcat::envelope::{ErrorParts, MessageField};
use errcat::{ApiError, FieldViolation, Violations};
use http::StatusCode;

#[test]
fn test_body_is_the_message_member_alone() {
    // Each seed's "Error Response Format".
    for (message, expected) in [
        (
            "Human-readable error message",
            r#"{"message":"Human-readable error message"}"#,
        ),
        (
            "Description of what went wrong",
            r#"{"message":"Description of what went wrong"}"#,
        ),
    ] {
        let parts = ErrorParts::new(StatusCode::BAD_REQUEST, "BAD_REQUEST", message)
            .with_envelope::<MessageField>();
        assert_eq!(body_text(&Hand(parts).to_response()), expected);
    }
}

// ==== A Users API's "Error Handling" (seed 002) ====

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

// ---- HTTP Status Codes ----

#[test]
fn test_400_bad_request_missing_required_field() {
    let error = UsersApiError::MissingField {
        field: "consentRequired".into(),
    };
    assert_renders_json(
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
    assert_renders_json(&error, 401, r#"{"message":"Invalid credentials"}"#);
}

#[test]
fn test_403_forbidden_says_reason_phrase() {
    assert_renders_json(&UsersApiError::Forbidden, 403, r#"{"message":"Forbidden"}"#);
}

#[test]
fn test_404_app_not_found() {
    let error = UsersApiError::AppNotFound {
        app_id: "my-app".into(),
    };
    assert_renders_json(&error, 404, r#"{"message":"App not found"}"#);
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
    assert_renders_json(
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
    assert_eq!(
        header_list(&response),
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
fn test_schema_error_takes_the_type_default_status() {
    let error = SchemaError::TooShort {
        field: "fullName".into(),
    };
    assert_eq!(error.status(), StatusCode::BAD_REQUEST);
    assert_renders_json(
        &error,
        400,
        r#"{"message":"Field \"fullName\" is too short"}"#,
    );
}

#[test]
fn test_schema_messages_escape_quotes() {
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
        assert_renders_json(error, 400, &format!(r#"{{"message":{message}}}"#));
    }
}

#[test]
fn test_schema_one_of_interpolated_catalog_keeps_template() {
    let error = SchemaError::NotOneOf {
        field: "plan".into(),
        values: "free, pro".into(),
    };
    assert_renders_json(
        &error,
        400,
        r#"{"message":"Field \"plan\" must be one of: free, pro"}"#,
    );
    assert_eq!(
        SchemaError::catalog()[7].message,
        "Field \"{field}\" must be one of: {values}"
    );
}

// ==== Grizzly's "API Error Responses" (seed 001) ====

/// Authentication, permission and request-format errors of every endpoint.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(envelope = errcat::envelope::MessageField)]
pub enum RequestError {
    /// The API key is wrong, disabled, or belongs to another tenant.
    #[error("invalid API key")]
    #[status(401)]
    InvalidApiKey,

    #[error("missing Authorization header")]
    #[status(401)]
    MissingAuthorization,

    /// The API key lacks `keyring.<ring>.rotate` (or `keyring.*.rotate`).
    #[error("API key {api_key_id} may not rotate {ring}")]
    #[status(403)]
    #[message("Insufficient permissions to rotate keys for KeyRing '{ring}'")]
    RotateForbidden { api_key_id: String, ring: String },

    #[error("missing field {field}")]
    #[status(400)]
    #[message("Missing required field: {field}")]
    #[field("{field}")]
    MissingField { field: &'static str },

    #[error("invalid JSON")]
    #[status(400)]
    #[message("Invalid JSON in request body")]
    InvalidJson(#[source] serde_json::Error),

    #[error("unsupported content type")]
    #[status(400)]
    #[message("Content-Type must be application/json")]
    UnsupportedContentType,
}

/// Key service (`/ks`) errors (its raw 422 body is in `test_raw_body.rs`).
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(envelope = errcat::envelope::MessageField)]
pub enum KeyServiceError {
    #[error("key ring {0} not found")]
    #[status(404)]
    #[code("KEYRING_NOT_FOUND")]
    #[message("KeyRing '{0}' not found")]
    KeyRingNotFound(String),

    #[error("duplicate key ring {name}")]
    #[status(400)]
    #[message("The KeyRing '{name}' already exists. KeyRings must have unique names.")]
    DuplicateKeyRing { name: String },

    #[error("key ring {name} still in use")]
    #[status(400)]
    #[message("Cannot delete KeyRing. Active API keys are still using this KeyRing.")]
    KeyRingInUse { name: String },

    #[error("key rotation failed")]
    #[status(500)]
    #[message("An unexpected error occurred while rotating the key")]
    RotationFailed(#[source] std::io::Error),
}

/// Auth service (`/auth`) errors: users, accounts, API keys.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(envelope = errcat::envelope::MessageField)]
pub enum AccountError {
    #[error("user {username} not found")]
    #[status(404)]
    #[message("User '{username}' not found")]
    UserNotFound { username: String },

    #[error("account {id} not found")]
    #[status(404)]
    #[message("Account not found")]
    AccountNotFound { id: String },

    #[error("API key {id} not found")]
    #[status(404)]
    #[message("API Key not found")]
    ApiKeyNotFound { id: String },

    #[error("account {account_id} not found for new API key")]
    #[status(404)]
    #[message("Account not found. Cannot create API key.")]
    ApiKeyAccountNotFound { account_id: String },

    #[error("duplicate username {username}")]
    #[status(400)]
    #[message("User with username '{username}' already exists")]
    DuplicateUsername { username: String },

    #[error("duplicate email {email}")]
    #[status(400)]
    #[message("User with email '{email}' already exists")]
    DuplicateEmail {
        email: String,
        /// The field at fault, under `errors`.
        #[api_error(violations)]
        fields: Violations,
    },
}

// ---- Authentication Errors (401) ----

#[test]
fn test_401_invalid_api_key_says_reason_phrase() {
    assert_renders_json(
        &RequestError::InvalidApiKey,
        401,
        r#"{"message":"Unauthorized"}"#,
    );
}

#[test]
fn test_401_missing_authorization_header_says_reason_phrase() {
    assert_renders_json(
        &RequestError::MissingAuthorization,
        401,
        r#"{"message":"Unauthorized"}"#,
    );
}

// ---- Permission Errors (403) ----

#[test]
fn test_403_insufficient_permissions_names_key_ring() {
    let error = RequestError::RotateForbidden {
        api_key_id: "apikey-xxx".into(),
        ring: "Finance".into(),
    };
    assert_renders_json(
        &error,
        403,
        r#"{"message":"Insufficient permissions to rotate keys for KeyRing 'Finance'"}"#,
    );
}

// ---- Bad Request Errors (400) ----

#[test]
fn test_400_missing_required_field() {
    let error = RequestError::MissingField { field: "name" };
    assert_renders_json(&error, 400, r#"{"message":"Missing required field: name"}"#);
}

#[test]
fn test_400_invalid_json_hides_parser_error() {
    let parse_error = serde_json::from_str::<serde_json::Value>(r#"{"name": "Finance""#)
        .expect_err("the seed's payload is malformed");
    let error = RequestError::InvalidJson(parse_error);
    assert_renders_json(&error, 400, r#"{"message":"Invalid JSON in request body"}"#);
}

#[test]
fn test_400_missing_content_type_header() {
    assert_renders_json(
        &RequestError::UnsupportedContentType,
        400,
        r#"{"message":"Content-Type must be application/json"}"#,
    );
}

// ---- Not Found Errors (404) ----

#[test]
fn test_404_positional_placeholder_keyring_not_found() {
    let error = KeyServiceError::KeyRingNotFound("NonExistentRing".into());
    assert_renders_json(
        &error,
        404,
        r#"{"message":"KeyRing 'NonExistentRing' not found"}"#,
    );
}

#[test]
fn test_404_user_not_found() {
    let error = AccountError::UserNotFound {
        username: "nonexistent".into(),
    };
    assert_renders_json(&error, 404, r#"{"message":"User 'nonexistent' not found"}"#);
}

#[test]
fn test_404_account_not_found_keeps_id_private() {
    let error = AccountError::AccountNotFound {
        id: "invalid-id".into(),
    };
    assert_renders_json(&error, 404, r#"{"message":"Account not found"}"#);
}

// ---- Server Errors (500) ----

#[test]
fn test_500_source_hidden_while_rotating() {
    let error = KeyServiceError::RotationFailed(std::io::Error::other("HSM timeout"));
    assert_renders_json(
        &error,
        500,
        r#"{"message":"An unexpected error occurred while rotating the key"}"#,
    );
}

// ---- Resource-Specific Errors: KeyRings ----

#[test]
fn test_400_duplicate_keyring_name() {
    let error = KeyServiceError::DuplicateKeyRing {
        name: "Finance".into(),
    };
    assert_renders_json(
        &error,
        400,
        r#"{"message":"The KeyRing 'Finance' already exists. KeyRings must have unique names."}"#,
    );
}

#[test]
fn test_400_keyring_deletion_failed() {
    let error = KeyServiceError::KeyRingInUse {
        name: "Finance".into(),
    };
    assert_renders_json(
        &error,
        400,
        r#"{"message":"Cannot delete KeyRing. Active API keys are still using this KeyRing."}"#,
    );
}

// ---- Resource-Specific Errors: API Keys ----

#[test]
fn test_404_api_key_not_found() {
    let error = AccountError::ApiKeyNotFound {
        id: "apikey-404".into(),
    };
    assert_renders_json(&error, 404, r#"{"message":"API Key not found"}"#);
}

#[test]
fn test_404_account_not_found_when_creating_api_key() {
    let error = AccountError::ApiKeyAccountNotFound {
        account_id: "acct-0".into(),
    };
    assert_renders_json(
        &error,
        404,
        r#"{"message":"Account not found. Cannot create API key."}"#,
    );
}

// ---- Resource-Specific Errors: Users ----

#[test]
fn test_400_duplicate_username() {
    let error = AccountError::DuplicateUsername {
        username: "john.doe".into(),
    };
    assert_renders_json(
        &error,
        400,
        r#"{"message":"User with username 'john.doe' already exists"}"#,
    );
}

#[test]
fn test_400_duplicate_email_violations_under_errors() {
    let error = AccountError::DuplicateEmail {
        email: "john@example.com".into(),
        fields: FieldViolation::new("email", "taken", "Email already registered").into(),
    };
    assert_renders_json(
        &error,
        400,
        r#"{"message":"User with email 'john@example.com' already exists","errors":{"email":"Email already registered"}}"#,
    );
    assert!(AccountError::catalog()[5].violations);
}
