//! The scenarios, each built three ways: five in errcat's built-in envelopes and two in
//! envelopes a service writes itself with the public `Envelope` trait.

use crate::{Collected, collect};
use axum::Json;
use axum::body::Body;
use axum::response::IntoResponse;
use bytes::Bytes;
use errcat::ApiError;
use errcat::envelope::{
    Context, Envelope, ErrorField, ErrorParts, JsonObject, MessageField, Wrapped,
};
use http::header::{CONTENT_TYPE, RETRY_AFTER};
use http::{HeaderValue, Response, StatusCode};
use serde_json::json;
use std::time::SystemTime;

/// The API's bundle errors, in the `ErrorField` envelope.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(envelope = ErrorField)]
pub enum BundleError {
    /// A bundle that does not exist.
    #[error("bundle not found")]
    #[status(404)]
    #[message("bundle not found")]
    NotFound,
}

/// Key ring errors, in the `MessageField` envelope.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(envelope = MessageField)]
pub enum KeyError<'a> {
    /// A key ring that does not exist.
    #[error("key ring {0} not found")]
    #[status(404)]
    #[message("KeyRing '{0}' not found")]
    NotFound(&'a str),

    /// Too many requests.
    #[error("rate limited")]
    #[status(429)]
    #[code("RATE_LIMITED")]
    #[message("Rate limit exceeded. Try again in {retry_after} seconds.")]
    #[header("Retry-After", "{retry_after}")]
    RateLimited {
        /// Seconds to wait.
        #[detail]
        retry_after: u64,
    },
}

/// Problem details (the default envelope).
#[derive(Debug, thiserror::Error, ApiError)]
pub enum ConflictError {
    /// A bundle name already in use.
    #[error("duplicate")]
    #[status(409)]
    #[code("CONFLICT")]
    #[message("bundle with this name already exists")]
    Duplicate,
}

/// Validation errors, in the `Wrapped` envelope (request id and timestamp).
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(envelope = Wrapped)]
pub enum TaskError<'a> {
    /// A required field is missing.
    #[error("missing {field}")]
    #[status(400)]
    #[code("VALIDATION_ERROR")]
    #[message("{field} is required")]
    #[field("{field}")]
    Missing {
        /// The field's name.
        field: &'a str,
    },
}

/// A service's own flat envelope, written with the public trait alone:
/// `{"code":CODE,"message":MESSAGE,...details}`.
pub struct Flat;

impl Envelope for Flat {
    const MEMBERS: &'static [&'static str] = &["code", "message"];

    fn write(error: &ErrorParts<'_>, _ctx: &Context<'_>, body: &mut JsonObject<'_>) {
        body.str("code", error.code())
            .text("message", error.message())
            .details(error);
    }
}

/// A service's own nested envelope, written with the public trait alone:
/// `{"success":false,"error":{"code":CODE,"message":MESSAGE,"field":FIELD,...details}}`.
pub struct Enveloped;

impl Envelope for Enveloped {
    fn write(error: &ErrorParts<'_>, _ctx: &Context<'_>, body: &mut JsonObject<'_>) {
        body.bool("success", false).object("error", |inner| {
            inner
                .str("code", error.code())
                .text("message", error.message());
            if let Some(field) = error.field() {
                inner.text("field", field);
            }
            inner.details(error);
        });
    }
}

/// Rate limits, in the service's [`Flat`] envelope.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(envelope = Flat)]
pub enum LimitError {
    /// Too many requests.
    #[error("rate limited")]
    #[status(429)]
    #[code("RATE_LIMITED")]
    #[message("Rate limit exceeded. Try again in {retry_after} seconds.")]
    #[header("Retry-After", "{retry_after}")]
    RateLimited {
        /// Seconds to wait.
        #[detail]
        retry_after: u64,
    },
}

/// Field errors, in the service's [`Enveloped`] envelope.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(envelope = Enveloped)]
pub enum FormError<'a> {
    /// A required field is missing.
    #[error("missing {field}")]
    #[status(400)]
    #[code("VALIDATION_ERROR")]
    #[message("{field} is required")]
    #[field("{field}")]
    Missing {
        /// The field's name.
        field: &'a str,
    },
}

/// What errcat's way must cost against the floor.
#[derive(Clone, Copy)]
pub struct Target {
    /// What kind of response it is, in the report.
    pub kind: &'static str,
    /// At most this many times the floor's instructions.
    pub instructions: f64,
    /// At most this many allocations more than the floor's; `None` for no target.
    pub extra_allocs: Option<f64>,
}

const STATIC: Target = Target {
    kind: "static message",
    instructions: 1.05,
    extra_allocs: Some(0.0),
};
const INTERPOLATED: Target = Target {
    kind: "interpolated",
    instructions: 1.15,
    extra_allocs: Some(1.0),
};

/// One scenario: its name, the body it produces, and its three ways.
pub struct Scenario {
    /// A short name, used on the command line and in the report.
    pub name: &'static str,
    /// What it shows.
    pub title: &'static str,
    /// What errcat's way must cost.
    pub target: Target,
    /// The hand-built floor.
    pub floor: fn() -> Collected,
    /// `(StatusCode, Json(json!(..)))`.
    pub json: fn() -> Collected,
    /// errcat's derive.
    pub errcat: fn() -> Collected,
}

/// The key ring name interpolated by the `interpolated` scenario.
pub const RING: &str = "Finance";
/// The `Retry-After` of the `retry_after` scenario.
pub const RETRY: u64 = 42;
/// The field of the `nested` scenario.
pub const FIELD: &str = "title";
/// The request id of the `nested` scenario.
pub const REQUEST_ID: &str = "req_abc123";

/// All scenarios, in the issue's order.
pub const SCENARIOS: &[Scenario] = &[
    Scenario {
        name: "static",
        title: "static message `{\"error\":\"bundle not found\"}`",
        target: STATIC,
        floor: floor_static,
        json: json_static,
        errcat: errcat_static,
    },
    Scenario {
        name: "interpolated",
        title: "interpolated `{\"message\":\"KeyRing 'Finance' not found\"}`",
        target: INTERPOLATED,
        floor: floor_interpolated,
        json: json_interpolated,
        errcat: errcat_interpolated,
    },
    Scenario {
        name: "problem",
        title: "problem+json 409",
        target: STATIC,
        floor: floor_problem,
        json: json_problem,
        errcat: errcat_problem,
    },
    Scenario {
        name: "nested",
        title: "nested code/message/field, with request id and timestamp (`Wrapped`)",
        target: Target {
            kind: "timestamp and request id",
            instructions: 1.20,
            extra_allocs: None,
        },
        floor: floor_nested,
        json: json_nested,
        errcat: errcat_nested,
    },
    Scenario {
        name: "retry_after",
        title: "429 with Retry-After and a `retryAfter` detail",
        target: INTERPOLATED,
        floor: floor_retry_after,
        json: json_retry_after,
        errcat: errcat_retry_after,
    },
    Scenario {
        name: "custom_flat",
        title: "a service's own envelope: flat `{\"code\",\"message\",\"retryAfter\"}` 429 with Retry-After",
        target: INTERPOLATED,
        floor: floor_custom_flat,
        json: json_custom_flat,
        errcat: errcat_custom_flat,
    },
    Scenario {
        name: "custom_nested",
        title: "a service's own envelope: `{\"success\":false,\"error\":{\"code\",\"message\",\"field\"}}`",
        target: Target {
            kind: "a service's own nested envelope",
            instructions: 1.20,
            extra_allocs: Some(1.0),
        },
        floor: floor_custom_nested,
        json: json_custom_nested,
        errcat: errcat_custom_nested,
    },
];

fn with_type(
    mut response: Response<Body>,
    status: StatusCode,
    content_type: &'static str,
) -> Response<Body> {
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

/// Floor: the body prebuilt, as a static.
pub fn floor_static() -> Collected {
    let body = Body::from(Bytes::from_static(br#"{"error":"bundle not found"}"#));
    collect(with_type(
        Response::new(body),
        StatusCode::NOT_FOUND,
        "application/json",
    ))
}

/// `json!`.
pub fn json_static() -> Collected {
    collect(
        (
            StatusCode::NOT_FOUND,
            Json(json!({ "error": "bundle not found" })),
        )
            .into_response(),
    )
}

/// errcat.
pub fn errcat_static() -> Collected {
    collect(BundleError::NotFound.into_response())
}

/// Floor: the body formatted by hand (the name needs no escaping).
pub fn floor_interpolated() -> Collected {
    let body = format!(
        r#"{{"message":"KeyRing '{}' not found"}}"#,
        std::hint::black_box(RING)
    );
    collect(with_type(
        Response::new(Body::from(body)),
        StatusCode::NOT_FOUND,
        "application/json",
    ))
}

/// `json!`.
pub fn json_interpolated() -> Collected {
    let ring = std::hint::black_box(RING);
    collect(
        (
            StatusCode::NOT_FOUND,
            Json(json!({ "message": format!("KeyRing '{ring}' not found") })),
        )
            .into_response(),
    )
}

/// errcat.
pub fn errcat_interpolated() -> Collected {
    collect(KeyError::NotFound(std::hint::black_box(RING)).into_response())
}

/// Floor: the body prebuilt, as a static.
pub fn floor_problem() -> Collected {
    let body = Body::from(Bytes::from_static(
        br#"{"type":"about:blank","title":"Conflict","status":409,"detail":"bundle with this name already exists","code":"CONFLICT"}"#,
    ));
    collect(with_type(
        Response::new(body),
        StatusCode::CONFLICT,
        "application/problem+json",
    ))
}

/// `json!`.
pub fn json_problem() -> Collected {
    collect(
        (
            StatusCode::CONFLICT,
            [(
                CONTENT_TYPE,
                HeaderValue::from_static("application/problem+json"),
            )],
            Json(json!({
                "type": "about:blank",
                "title": "Conflict",
                "status": 409,
                "detail": "bundle with this name already exists",
                "code": "CONFLICT",
            })),
        )
            .into_response(),
    )
}

/// errcat.
pub fn errcat_problem() -> Collected {
    collect(ConflictError::Duplicate.into_response())
}

/// The time of the `nested` scenario's request.
pub fn request_time() -> SystemTime {
    SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_765_708_200)
}

/// Floor: the body formatted by hand, id and timestamp included.
pub fn floor_nested() -> Collected {
    let field = std::hint::black_box(FIELD);
    let body = format!(
        r#"{{"success":false,"error":{{"code":"VALIDATION_ERROR","message":"{field} is required","field":"{field}"}},"meta":{{"requestId":"{}","timestamp":"{}"}}}}"#,
        std::hint::black_box(REQUEST_ID),
        humantime::format_rfc3339_seconds(request_time()),
    );
    collect(with_type(
        Response::new(Body::from(body)),
        StatusCode::BAD_REQUEST,
        "application/json",
    ))
}

/// `json!`.
pub fn json_nested() -> Collected {
    let field = std::hint::black_box(FIELD);
    collect(
        (
            StatusCode::BAD_REQUEST,
            Json(json!({
                "success": false,
                "error": { "code": "VALIDATION_ERROR", "message": format!("{field} is required"), "field": field },
                "meta": {
                    "requestId": std::hint::black_box(REQUEST_ID),
                    "timestamp": humantime::format_rfc3339_seconds(request_time()).to_string(),
                },
            })),
        )
            .into_response(),
    )
}

/// errcat: rendered where a request context is current (see [`nested_context`]).
pub fn errcat_nested() -> Collected {
    collect(
        TaskError::Missing {
            field: std::hint::black_box(FIELD),
        }
        .into_response(),
    )
}

/// The request the `nested` scenario's errcat way runs in, as `ErrorContextLayer` makes it.
pub fn nested_context() -> errcat::RequestContext {
    errcat::RequestContext::new(REQUEST_ID, "/v1/tasks").with_time(request_time())
}

/// Floor: the body formatted by hand, the header from the number.
pub fn floor_retry_after() -> Collected {
    let retry = std::hint::black_box(RETRY);
    let body = format!(
        r#"{{"message":"Rate limit exceeded. Try again in {retry} seconds.","retryAfter":{retry}}}"#
    );
    let mut response = with_type(
        Response::new(Body::from(body)),
        StatusCode::TOO_MANY_REQUESTS,
        "application/json",
    );
    response
        .headers_mut()
        .insert(RETRY_AFTER, HeaderValue::from(retry));
    collect(response)
}

/// `json!`.
pub fn json_retry_after() -> Collected {
    let retry = std::hint::black_box(RETRY);
    collect(
        (
            StatusCode::TOO_MANY_REQUESTS,
            [(RETRY_AFTER, HeaderValue::from(retry))],
            Json(json!({
                "message": format!("Rate limit exceeded. Try again in {retry} seconds."),
                "retryAfter": retry,
            })),
        )
            .into_response(),
    )
}

/// errcat.
pub fn errcat_retry_after() -> Collected {
    collect(
        KeyError::RateLimited {
            retry_after: std::hint::black_box(RETRY),
        }
        .into_response(),
    )
}

/// Floor: the body formatted by hand, the header from the number.
pub fn floor_custom_flat() -> Collected {
    let retry = std::hint::black_box(RETRY);
    let body = format!(
        r#"{{"code":"RATE_LIMITED","message":"Rate limit exceeded. Try again in {retry} seconds.","retryAfter":{retry}}}"#
    );
    let mut response = with_type(
        Response::new(Body::from(body)),
        StatusCode::TOO_MANY_REQUESTS,
        "application/json",
    );
    response
        .headers_mut()
        .insert(RETRY_AFTER, HeaderValue::from(retry));
    collect(response)
}

/// `json!`.
pub fn json_custom_flat() -> Collected {
    let retry = std::hint::black_box(RETRY);
    collect(
        (
            StatusCode::TOO_MANY_REQUESTS,
            [(RETRY_AFTER, HeaderValue::from(retry))],
            Json(json!({
                "code": "RATE_LIMITED",
                "message": format!("Rate limit exceeded. Try again in {retry} seconds."),
                "retryAfter": retry,
            })),
        )
            .into_response(),
    )
}

/// errcat, in the service's own [`Flat`] envelope.
pub fn errcat_custom_flat() -> Collected {
    collect(
        LimitError::RateLimited {
            retry_after: std::hint::black_box(RETRY),
        }
        .into_response(),
    )
}

/// Floor: the body formatted by hand (the field needs no escaping).
pub fn floor_custom_nested() -> Collected {
    let field = std::hint::black_box(FIELD);
    let body = format!(
        r#"{{"success":false,"error":{{"code":"VALIDATION_ERROR","message":"{field} is required","field":"{field}"}}}}"#
    );
    collect(with_type(
        Response::new(Body::from(body)),
        StatusCode::BAD_REQUEST,
        "application/json",
    ))
}

/// `json!`.
pub fn json_custom_nested() -> Collected {
    let field = std::hint::black_box(FIELD);
    collect(
        (
            StatusCode::BAD_REQUEST,
            Json(json!({
                "success": false,
                "error": { "code": "VALIDATION_ERROR", "message": format!("{field} is required"), "field": field },
            })),
        )
            .into_response(),
    )
}

/// errcat, in the service's own [`Enveloped`] envelope.
pub fn errcat_custom_nested() -> Collected {
    collect(
        FormError::Missing {
            field: std::hint::black_box(FIELD),
        }
        .into_response(),
    )
}

/// Runs `f` in the context a scenario needs (only `nested` needs one).
pub fn in_context<R>(scenario: &Scenario, f: impl FnOnce() -> R) -> R {
    if scenario.name == "nested" {
        nested_context().enter(f)
    } else {
        f()
    }
}
