//! The `Wrapped` envelope (`{"success":false,"error":{...},"meta":{"requestId","timestamp"}}`),
//! byte for byte: code, message and field inside `error`, details beside them, the request id
//! and the clock under `meta`. The bodies are those of a tasks API's "Error Codes Reference"
//! (seed 003).
//!
//! The full example is rendered in a request context (request id `req_abc123`, time
//! `2025-12-14T10:30:00Z`) so every member is exact. The seed shows the other examples as the
//! inner `error` object alone; those are checked as that object, verbatim, inside the whole
//! body. The seed pretty-prints; errcat writes compact JSON, so the expected text is the
//! seed's JSON with the whitespace between tokens removed, members in seed order.

mod common;

use common::{Clock, body_text};
use errcat::{ApiError, RequestContext};
use http::{Response, StatusCode};
use std::fmt;
use std::time::{Duration, UNIX_EPOCH};

/// A field's allowed values, displayed as `low, normal, high, critical`.
#[derive(Debug, Clone, Copy)]
pub struct OneOf(pub &'static [&'static str]);

impl fmt::Display for OneOf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.join(", "))
    }
}

const PRIORITIES: OneOf = OneOf(&["low", "normal", "high", "critical"]);

/// Errors of the tasks API.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(envelope = errcat::envelope::Wrapped)]
pub enum TaskApiError {
    /// No `Authorization` header, or a malformed, revoked or expired key.
    #[error("unauthorized")]
    #[status(401)]
    #[message("Missing or invalid API key")]
    Unauthorized,

    /// A publishable key used for a write, or another team's resources.
    #[error("forbidden")]
    #[status(403)]
    #[message("API key lacks required permissions")]
    Forbidden,

    #[error("{resource} not found")]
    #[status(404)]
    #[message("Resource doesn't exist")]
    NotFound { resource: String },

    /// A query or path parameter outside its enumeration.
    #[error("invalid {field}")]
    #[status(400)]
    #[code("VALIDATION_ERROR")]
    #[message("The '{field}' field must be one of: {allowed}")]
    #[field("{field}")]
    InvalidParameter { field: &'static str, allowed: OneOf },

    #[error("{field} missing")]
    #[status(400)]
    #[code("VALIDATION_ERROR")]
    #[message("{field} is required")]
    #[field("{field}")]
    Required { field: &'static str },

    #[error("{field} not one of {allowed}")]
    #[status(400)]
    #[code("VALIDATION_ERROR")]
    #[message("{field} must be one of: {allowed}")]
    #[field("{field}")]
    NotOneOf { field: &'static str, allowed: OneOf },

    #[error("{field} not an email address")]
    #[status(400)]
    #[code("VALIDATION_ERROR")]
    #[message("{field} is not a valid email address")]
    #[field("{field}")]
    InvalidEmail { field: &'static str },

    /// Too many requests for the key type.
    #[error("rate limited")]
    #[status(429)]
    #[message("Rate limit exceeded. Try again in {retry_after} seconds.")]
    #[header("Retry-After", "{retry_after}")]
    #[header("X-RateLimit-Remaining", "{remaining}")]
    RateLimited {
        #[detail]
        retry_after: u64,
        remaining: u32,
    },

    /// A duplicate email or slug, or an invalid state transition.
    #[error("conflict")]
    #[status(409)]
    #[message("Resource already exists or state conflict")]
    Conflict,

    #[error("server error")]
    #[status(500)]
    #[message("Internal server error")]
    ServerError(#[source] std::io::Error),
}

/// `2025-12-14T10:30:00Z`, the seed's timestamp.
const SEED_TIME: u64 = 1_765_708_200;

/// Renders `error` while handling request `req_abc123` at the seed's time.
fn render_in_seed_request(error: &TaskApiError) -> Response<impl AsRef<[u8]>> {
    RequestContext::new("req_abc123", "/v1/tasks")
        .with_time(UNIX_EPOCH + Duration::from_secs(SEED_TIME))
        .enter(|| error.to_response())
}

/// The whole body the seed's `error` object (compacted) sits in, in the seed's request.
fn wrapped(error_object: &str) -> String {
    format!(
        r#"{{"success":false,"error":{error_object},"meta":{{"requestId":"req_abc123","timestamp":"2025-12-14T10:30:00Z"}}}}"#
    )
}

// ---- Error Response Format ----

#[test]
fn test_every_member_in_request_context() {
    let error = TaskApiError::InvalidParameter {
        field: "priority",
        allowed: PRIORITIES,
    };
    let response = render_in_seed_request(&error);
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(response.headers().len(), 1);
    assert_eq!(
        body_text(&response),
        concat!(
            r#"{"success":false,"#,
            r#""error":{"code":"VALIDATION_ERROR","#,
            r#""message":"The 'priority' field must be one of: low, normal, high, critical","#,
            r#""field":"priority"},"#,
            r#""meta":{"requestId":"req_abc123","timestamp":"2025-12-14T10:30:00Z"}}"#,
        )
    );
}

#[test]
fn test_without_request_context_no_request_id_and_timestamp_now() {
    // Outside any request: no `requestId` (left out, not null), and the timestamp is the
    // time of rendering, RFC 3339 UTC to the second.
    let error = TaskApiError::InvalidParameter {
        field: "priority",
        allowed: PRIORITIES,
    };
    let (response, clock) = Clock::around(|| error.to_response());
    let body = body_text(&response);

    let prefix = concat!(
        r#"{"success":false,"error":{"code":"VALIDATION_ERROR","#,
        r#""message":"The 'priority' field must be one of: low, normal, high, critical","#,
        r#""field":"priority"},"meta":{"timestamp":""#,
    );
    let timestamp = body
        .strip_prefix(prefix)
        .and_then(|rest| rest.strip_suffix(r#""}}"#))
        .unwrap_or_else(|| panic!("unexpected body {body}"));
    clock.assert_read_during(timestamp);
    assert!(!body.contains("requestId"));
    assert!(!body.contains("null"));
}

#[test]
fn test_timestamp_truncates_to_whole_seconds() {
    let response = RequestContext::new("req_abc123", "/v1/tasks")
        .with_time(UNIX_EPOCH + Duration::from_millis(SEED_TIME * 1000 + 999))
        .enter(|| TaskApiError::Conflict.to_response());
    assert!(
        body_text(&response).ends_with(r#""timestamp":"2025-12-14T10:30:00Z"}}"#),
        "{}",
        body_text(&response)
    );
}

// ---- VALIDATION_ERROR (400): Example errors ----

#[test]
fn test_400_field_title_is_required() {
    let response = render_in_seed_request(&TaskApiError::Required { field: "title" });
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        body_text(&response),
        wrapped(r#"{"code":"VALIDATION_ERROR","message":"title is required","field":"title"}"#)
    );
}

#[test]
fn test_400_field_priority_must_be_one_of() {
    let error = TaskApiError::NotOneOf {
        field: "priority",
        allowed: PRIORITIES,
    };
    let response = render_in_seed_request(&error);
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        body_text(&response),
        wrapped(
            r#"{"code":"VALIDATION_ERROR","message":"priority must be one of: low, normal, high, critical","field":"priority"}"#
        )
    );
}

#[test]
fn test_400_field_email_is_not_valid() {
    let response = render_in_seed_request(&TaskApiError::InvalidEmail { field: "email" });
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        body_text(&response),
        wrapped(
            r#"{"code":"VALIDATION_ERROR","message":"email is not a valid email address","field":"email"}"#
        )
    );
}

// ---- RATE_LIMITED (429): Response includes ----

#[test]
fn test_429_detail_in_error_object_headers_beside() {
    let error = TaskApiError::RateLimited {
        retry_after: 42,
        remaining: 0,
    };
    let response = render_in_seed_request(&error);
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(response.headers()["retry-after"], "42");
    assert_eq!(response.headers()["x-ratelimit-remaining"], "0");
    assert_eq!(
        body_text(&response),
        wrapped(
            r#"{"code":"RATE_LIMITED","message":"Rate limit exceeded. Try again in 42 seconds.","retryAfter":42}"#
        )
    );
}

// ---- Error Codes: each code's "Message:" ----

#[test]
fn test_codes_from_variant_names_without_field() {
    // The seed gives these as "Message:" lines, not bodies; their error objects follow the
    // format of the seed's full example, without `field`.
    let cases = [
        (
            TaskApiError::Unauthorized,
            401,
            r#"{"code":"UNAUTHORIZED","message":"Missing or invalid API key"}"#,
        ),
        (
            TaskApiError::Forbidden,
            403,
            r#"{"code":"FORBIDDEN","message":"API key lacks required permissions"}"#,
        ),
        (
            TaskApiError::NotFound {
                resource: "task_9".into(),
            },
            404,
            r#"{"code":"NOT_FOUND","message":"Resource doesn't exist"}"#,
        ),
        (
            TaskApiError::Conflict,
            409,
            r#"{"code":"CONFLICT","message":"Resource already exists or state conflict"}"#,
        ),
        (
            TaskApiError::ServerError(std::io::Error::other("pool exhausted")),
            500,
            r#"{"code":"SERVER_ERROR","message":"Internal server error"}"#,
        ),
    ];
    for (error, status, object) in &cases {
        let response = render_in_seed_request(error);
        assert_eq!(response.status(), *status, "{object}");
        assert_eq!(body_text(&response), wrapped(object));
    }
}

// ---- HTTP Status Codes Summary ----

#[test]
fn test_catalog_lists_each_status_and_code() {
    let mut rows: Vec<(u16, &str)> = TaskApiError::catalog()
        .iter()
        .map(|entry| (entry.status, entry.code))
        .collect();
    rows.sort();
    rows.dedup();
    assert_eq!(
        rows,
        [
            (400, "VALIDATION_ERROR"),
            (401, "UNAUTHORIZED"),
            (403, "FORBIDDEN"),
            (404, "NOT_FOUND"),
            (409, "CONFLICT"),
            (429, "RATE_LIMITED"),
            (500, "SERVER_ERROR"),
        ]
    );
}
