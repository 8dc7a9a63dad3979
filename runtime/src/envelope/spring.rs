use super::{Context, Envelope, ErrorParts, ErrorSchema, JsonObject};
use serde_json::{Value, json};

/// Spring Boot's error attributes: `application/json`,
/// `{"timestamp":TS,"status":N,"error":REASON,"message":MESSAGE,"path":PATH,"validationErrors":{FIELD:MESSAGE},...details}`.
/// `validationErrors` (from an `#[api_error(violations)]` field) holds one message per field,
/// the first reported.
///
/// ```
/// use errcat::{ApiError, RequestContext};
/// use std::time::{Duration, UNIX_EPOCH};
///
/// #[derive(Debug, ApiError)]
/// #[api_error(envelope = errcat::envelope::Spring)]
/// enum SessionError {
///     #[status(401)]
///     #[message("Token has expired")]
///     Expired,
/// }
///
/// let request = RequestContext::new("r-1", "/api/v1/sessions")
///     .with_time(UNIX_EPOCH + Duration::from_secs(1_705_314_600));
/// let response = request.enter(|| SessionError::Expired.to_response());
/// assert_eq!(
///     response.body(),
///     r#"{"timestamp":"2024-01-15T10:30:00Z","status":401,"error":"Unauthorized","message":"Token has expired","path":"/api/v1/sessions"}"#
/// );
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Spring;

impl Envelope for Spring {
    const MEMBERS: &'static [&'static str] = &["timestamp", "status", "error", "message", "path"];
    const VIOLATION_MEMBERS: &'static [&'static str] = &["validationErrors"];

    fn write(error: &ErrorParts<'_>, ctx: &Context<'_>, body: &mut JsonObject<'_>) {
        body.timestamp("timestamp", ctx.timestamp())
            .number("status", error.status().as_u16().into())
            .str("error", error.reason())
            .text("message", error.message());
        if let Some(path) = ctx.path() {
            body.text("path", path);
        }
        if let Some(violations) = error.violations() {
            body.violation_messages("validationErrors", violations);
        }
        body.details(error);
    }

    fn schema() -> Value {
        json!({
            "type": "object",
            "required": ["timestamp", "status", "error", "message"],
            "properties": {
                "timestamp": { "type": "string", "format": "date-time" },
                "status": { "type": "integer", "minimum": 400, "maximum": 599 },
                "error": { "type": "string", "description": "The reason phrase of the status." },
                "message": { "type": "string", "description": "What went wrong, for a human." },
                "path": { "type": "string", "description": "The path of the request." },
                "validationErrors": {
                    "type": "object",
                    "description": "The request's invalid fields, each with its message.",
                    "additionalProperties": { "type": "string" }
                }
            }
        })
    }

    fn error_schema(error: &ErrorSchema<'_>) -> Option<Value> {
        Some(error.with_details(json!({
            "type": "object",
            "properties": { "status": { "type": "integer", "enum": [error.status()] } },
            "required": ["status"]
        })))
    }
}
