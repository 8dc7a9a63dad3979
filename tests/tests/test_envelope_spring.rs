//! The `Spring` envelope (`{"timestamp","status","error","message","path",...details}`), byte
//! for byte: the reason phrase under `error`, the request's path, field violations under
//! `validationErrors`, the clock. The bodies are those of EntryGuard's "Error Handling" page
//! (seed 004), every one of them.
//!
//! Bodies are rendered in a request context on the seed's path at the seed's time,
//! `2024-01-15T10:30:00Z`, so the timestamp and path are exact. The seed pretty-prints;
//! errcat writes compact JSON, so each expected body is the seed's JSON with the whitespace
//! between tokens removed, members in seed order.

mod common;

use common::{Clock, assert_json_body, body_text, header_list};
use errcat::{ApiError, FieldViolation, RequestContext, Violations};
use http::{Response, StatusCode};
use std::time::{Duration, UNIX_EPOCH};

/// The violations of a request body, as a validator reports them: field and message.
fn violations(fields: &[(&str, &'static str)]) -> Violations {
    fields
        .iter()
        .map(|(field, message)| FieldViolation::new(*field, "invalid", *message))
        .collect()
}

/// Errors of the EntryGuard API.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(envelope = errcat::envelope::Spring)]
pub enum EntryGuardError {
    /// Bean validation rejected the request body; `validationErrors` says why, per field.
    #[error("validation failed")]
    #[status(400)]
    #[message("Validation failed")]
    ValidationFailed(#[api_error(violations)] Violations),

    /// The organization's plan caps its users.
    #[error("user limit {max_users} reached")]
    #[status(400)]
    #[message("Maximum number of users ({max_users}) reached for your organization")]
    UserLimitReached { max_users: u32 },

    #[error("no credentials")]
    #[status(401)]
    #[message("Full authentication is required to access this resource")]
    AuthenticationRequired,

    #[error("token expired")]
    #[status(401)]
    #[message("Token has expired")]
    TokenExpired,

    #[error("admin required")]
    #[status(403)]
    #[message("Access denied. Administrator privileges required.")]
    AdminRequired,

    #[error("API key scope {scope} insufficient")]
    #[status(403)]
    #[message("API key does not have access to this resource")]
    ApiKeyScope { scope: String },

    /// Also returned for another organization's resources, so as not to disclose them.
    #[error("resource {id} not found")]
    #[status(404)]
    #[message("Resource not found")]
    ResourceNotFound { id: String },

    #[error("rate limited")]
    #[status(429)]
    #[message("Rate limit exceeded. Please try again later.")]
    #[header("X-RateLimit-Limit", "{limit}")]
    #[header("X-RateLimit-Remaining", "{remaining}")]
    #[header("X-RateLimit-Reset", "{reset}")]
    RateLimited {
        limit: u32,
        remaining: u32,
        reset: u64,
    },

    #[error("internal error")]
    #[status(500)]
    #[message("An unexpected error occurred. Please try again later.")]
    Internal(#[source] std::io::Error),
}

/// `2024-01-15T10:30:00Z`, the seed's timestamp.
const SEED_TIME: u64 = 1_705_314_600;

/// Renders `error` while handling a request on `path` at the seed's time.
fn render_on(path: &str, error: &EntryGuardError) -> Response<impl AsRef<[u8]>> {
    RequestContext::new("9f1c2a", path)
        .with_time(UNIX_EPOCH + Duration::from_secs(SEED_TIME))
        .enter(|| error.to_response())
}

/// Renders `error` on `path` and checks status, `application/json` as the only header, and
/// the body.
#[track_caller]
fn assert_body_on(path: &str, error: &EntryGuardError, status: u16, expected: &str) {
    assert_json_body(&render_on(path, error), status, expected);
}

// ---- Error Response Format ----

#[test]
fn test_validation_errors_in_the_order_given() {
    let error = EntryGuardError::ValidationFailed(violations(&[
        ("email", "must not be blank"),
        ("password", "size must be between 8 and 128"),
    ]));
    assert_body_on(
        "/api/v1/auth/register",
        &error,
        400,
        concat!(
            r#"{"timestamp":"2024-01-15T10:30:00Z","status":400,"error":"Bad Request","#,
            r#""message":"Validation failed","path":"/api/v1/auth/register","#,
            r#""validationErrors":{"email":"must not be blank","#,
            r#""password":"size must be between 8 and 128"}}"#,
        ),
    );
}

#[test]
fn test_without_request_context_no_path_and_timestamp_now() {
    // Outside any request: no `path` (left out, not null), and the timestamp is the time of
    // rendering, RFC 3339 UTC to the second.
    let (response, clock) = Clock::around(|| EntryGuardError::TokenExpired.to_response());
    let body = body_text(&response);

    let rest = body
        .strip_prefix(r#"{"timestamp":""#)
        .unwrap_or_else(|| panic!("unexpected body {body}"));
    let (timestamp, rest) = rest.split_at(rest.find('"').expect("timestamp is a string"));
    clock.assert_read_during(timestamp);
    assert_eq!(
        rest,
        r#"","status":401,"error":"Unauthorized","message":"Token has expired"}"#
    );
    assert!(!body.contains("null"));
}

#[test]
fn test_timestamp_truncates_to_whole_seconds() {
    let response = RequestContext::new("9f1c2a", "/api/v1/sessions")
        .with_time(UNIX_EPOCH + Duration::from_millis(SEED_TIME * 1000 + 999))
        .enter(|| EntryGuardError::TokenExpired.to_response());
    assert!(
        body_text(&response).starts_with(r#"{"timestamp":"2024-01-15T10:30:00Z","#),
        "{}",
        body_text(&response)
    );
}

// ---- 400 Bad Request ----

#[test]
fn test_400_validation_errors_per_field_marked_in_catalog() {
    let error = EntryGuardError::ValidationFailed(violations(&[
        ("organizationName", "must not be blank"),
        ("email", "must be a well-formed email address"),
        ("password", "size must be between 8 and 128"),
    ]));
    assert_body_on(
        "/api/v1/auth/register",
        &error,
        400,
        concat!(
            r#"{"timestamp":"2024-01-15T10:30:00Z","status":400,"error":"Bad Request","#,
            r#""message":"Validation failed","path":"/api/v1/auth/register","#,
            r#""validationErrors":{"organizationName":"must not be blank","#,
            r#""email":"must be a well-formed email address","#,
            r#""password":"size must be between 8 and 128"}}"#,
        ),
    );
    assert!(EntryGuardError::catalog()[0].violations);
}

#[test]
fn test_400_business_logic_error_has_no_validation_errors() {
    let error = EntryGuardError::UserLimitReached { max_users: 10 };
    assert_body_on(
        "/api/v1/users",
        &error,
        400,
        concat!(
            r#"{"timestamp":"2024-01-15T10:30:00Z","status":400,"error":"Bad Request","#,
            r#""message":"Maximum number of users (10) reached for your organization","#,
            r#""path":"/api/v1/users"}"#,
        ),
    );
}

// ---- 401 Unauthorized ----

#[test]
fn test_401_missing_token() {
    assert_body_on(
        "/api/v1/sessions",
        &EntryGuardError::AuthenticationRequired,
        401,
        concat!(
            r#"{"timestamp":"2024-01-15T10:30:00Z","status":401,"error":"Unauthorized","#,
            r#""message":"Full authentication is required to access this resource","#,
            r#""path":"/api/v1/sessions"}"#,
        ),
    );
}

#[test]
fn test_401_expired_token() {
    assert_body_on(
        "/api/v1/sessions",
        &EntryGuardError::TokenExpired,
        401,
        concat!(
            r#"{"timestamp":"2024-01-15T10:30:00Z","status":401,"error":"Unauthorized","#,
            r#""message":"Token has expired","path":"/api/v1/sessions"}"#,
        ),
    );
}

// ---- 403 Forbidden ----

#[test]
fn test_403_non_admin_accessing_admin_endpoint() {
    assert_body_on(
        "/api/v1/users",
        &EntryGuardError::AdminRequired,
        403,
        concat!(
            r#"{"timestamp":"2024-01-15T10:30:00Z","status":403,"error":"Forbidden","#,
            r#""message":"Access denied. Administrator privileges required.","#,
            r#""path":"/api/v1/users"}"#,
        ),
    );
}

#[test]
fn test_403_api_key_scope_stays_private() {
    let error = EntryGuardError::ApiKeyScope {
        scope: "sessions:write".into(),
    };
    assert_body_on(
        "/api/v1/credentials",
        &error,
        403,
        concat!(
            r#"{"timestamp":"2024-01-15T10:30:00Z","status":403,"error":"Forbidden","#,
            r#""message":"API key does not have access to this resource","#,
            r#""path":"/api/v1/credentials"}"#,
        ),
    );
}

// ---- 404 Not Found ----

#[test]
fn test_404_resource_id_only_in_path() {
    let id = "99999999-9999-9999-9999-999999999999";
    let error = EntryGuardError::ResourceNotFound { id: id.into() };
    assert_body_on(
        &format!("/api/v1/resources/{id}"),
        &error,
        404,
        concat!(
            r#"{"timestamp":"2024-01-15T10:30:00Z","status":404,"error":"Not Found","#,
            r#""message":"Resource not found","#,
            r#""path":"/api/v1/resources/99999999-9999-9999-9999-999999999999"}"#,
        ),
    );
}

// ---- 429 Too Many Requests ----

#[test]
fn test_429_rate_limit_exceeded_with_headers() {
    let error = EntryGuardError::RateLimited {
        limit: 60,
        remaining: 0,
        reset: 1_642_248_660,
    };
    let response = render_on("/api/v1/sessions", &error);
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        header_list(&response),
        [
            ("content-type", "application/json"),
            ("x-ratelimit-limit", "60"),
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-reset", "1642248660"),
        ]
    );
    assert_eq!(
        body_text(&response),
        concat!(
            r#"{"timestamp":"2024-01-15T10:30:00Z","status":429,"error":"Too Many Requests","#,
            r#""message":"Rate limit exceeded. Please try again later.","#,
            r#""path":"/api/v1/sessions"}"#,
        )
    );
}

// ---- 500 Internal Server Error ----

#[test]
fn test_500_internal_server_error_hides_source() {
    let error = EntryGuardError::Internal(std::io::Error::other("AWS SDK: throttled"));
    assert_body_on(
        "/api/v1/sessions",
        &error,
        500,
        concat!(
            r#"{"timestamp":"2024-01-15T10:30:00Z","status":500,"error":"Internal Server Error","#,
            r#""message":"An unexpected error occurred. Please try again later.","#,
            r#""path":"/api/v1/sessions"}"#,
        ),
    );
}
