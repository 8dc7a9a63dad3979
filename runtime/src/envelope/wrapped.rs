use super::{Context, Envelope, ErrorParts, ErrorSchema, JsonObject};
use crate::Violations;
use serde_json::{Value, json};

/// A success flag, the error, and metadata: `application/json`,
/// `{"success":false,"error":{"code":CODE,"message":MESSAGE,"field":FIELD,"errors":[...],...details},"meta":{"requestId":ID,"timestamp":TS}}`,
/// where `errors` lists the request's invalid fields (`{"field","code","message"}`) and
/// `field` is the first of them unless the error names one.
///
/// ```
/// use errcat::{ApiError, RequestContext};
/// use std::time::{Duration, UNIX_EPOCH};
///
/// #[derive(Debug, ApiError)]
/// #[api_error(envelope = errcat::envelope::Wrapped)]
/// enum TaskError {
///     #[status(400)]
///     #[code("VALIDATION_ERROR")]
///     #[message("{field} is required")]
///     #[field("{field}")]
///     Missing { field: &'static str },
/// }
///
/// let request = RequestContext::new("req_abc123", "/v1/tasks")
///     .with_time(UNIX_EPOCH + Duration::from_secs(1_765_708_200));
/// let response = request.enter(|| TaskError::Missing { field: "title" }.to_response());
/// assert_eq!(
///     response.body(),
///     r#"{"success":false,"error":{"code":"VALIDATION_ERROR","message":"title is required","field":"title"},"meta":{"requestId":"req_abc123","timestamp":"2025-12-14T10:30:00Z"}}"#
/// );
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Wrapped;

impl Envelope for Wrapped {
    const MEMBERS: &'static [&'static str] = &["code", "message", "field"];
    const VIOLATION_MEMBERS: &'static [&'static str] = &["errors"];

    fn write(error: &ErrorParts<'_>, ctx: &Context<'_>, body: &mut JsonObject<'_>) {
        body.bool("success", false)
            .object("error", |inner| {
                inner
                    .str("code", error.code())
                    .text("message", error.message());
                let violations = error.violations();
                if let Some(field) = error.field() {
                    inner.text("field", field);
                } else if let Some(first) = violations.and_then(Violations::first) {
                    inner.str("field", &first.field);
                }
                if let Some(violations) = violations {
                    inner.violation_list("errors", violations);
                }
                inner.details(error);
            })
            .object("meta", |meta| {
                if let Some(id) = ctx.request_id() {
                    meta.text("requestId", id);
                }
                meta.timestamp("timestamp", ctx.timestamp());
            });
    }

    fn schema() -> Value {
        json!({
            "type": "object",
            "required": ["success", "error", "meta"],
            "properties": {
                "success": { "type": "boolean", "enum": [false] },
                "error": {
                    "type": "object",
                    "required": ["code", "message"],
                    "properties": {
                        "code": { "type": "string", "description": "A stable, machine-readable code." },
                        "message": { "type": "string", "description": "What went wrong, for a human." },
                        "field": { "type": "string", "description": "The request field the error points at." },
                        "errors": {
                            "type": "array",
                            "description": "The request's invalid fields.",
                            "items": {
                                "type": "object",
                                "required": ["field", "code", "message"],
                                "properties": {
                                    "field": { "type": "string" },
                                    "code": { "type": "string" },
                                    "message": { "type": "string" },
                                    "location": { "type": "string", "enum": ["query", "path", "header"] }
                                }
                            }
                        }
                    }
                },
                "meta": {
                    "type": "object",
                    "required": ["timestamp"],
                    "properties": {
                        "requestId": { "type": "string", "description": "The id of the request, as in the `x-request-id` header." },
                        "timestamp": { "type": "string", "format": "date-time" }
                    }
                }
            }
        })
    }

    fn error_schema(error: &ErrorSchema<'_>) -> Option<Value> {
        let mut properties = serde_json::Map::new();
        properties.insert(
            "code".into(),
            json!({ "type": "string", "enum": [error.code()] }),
        );
        let mut required = vec!["code"];
        if error.has_field() {
            // Declared here too: generated clients type a member by the branch it is
            // required in.
            properties.insert("field".into(), json!({ "type": "string" }));
            required.push("field");
        }
        let inner = json!({
            "type": "object",
            "properties": properties,
            "required": required
        });
        Some(json!({
            "type": "object",
            "properties": { "error": error.with_details(inner) },
            "required": ["error"]
        }))
    }
}
