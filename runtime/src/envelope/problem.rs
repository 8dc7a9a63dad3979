use super::{Context, Envelope, ErrorParts, ErrorSchema, JsonObject, Text};
use serde_json::{Value, json};

/// RFC 9457 problem details, errcat's default envelope.
///
/// `application/problem+json`:
/// `{"type":"about:blank","title":REASON,"status":N,"detail":MESSAGE,"instance":PATH,"code":CODE,"field":FIELD,"requestId":ID,"errors":[...],...details}`,
/// where `errors` lists the request's invalid fields as RFC 9457 suggests:
/// `{"detail":MESSAGE,"pointer":"#/items/2/sku","code":CODE}`.
///
/// ```
/// use errcat::ApiError;
///
/// #[derive(Debug, ApiError)]
/// enum BundleError {
///     #[status(409)]
///     #[code("CONFLICT")]
///     #[message("bundle with this name already exists")]
///     Duplicate { name: String },
/// }
///
/// let response = BundleError::Duplicate { name: "dev/api".into() }.to_response();
/// assert_eq!(response.headers()["content-type"], "application/problem+json");
/// assert_eq!(
///     response.body(),
///     r#"{"type":"about:blank","title":"Conflict","status":409,"detail":"bundle with this name already exists","code":"CONFLICT"}"#
/// );
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Problem;

impl Envelope for Problem {
    const CONTENT_TYPE: &'static str = "application/problem+json";
    const MEMBERS: &'static [&'static str] = &[
        "type",
        "title",
        "status",
        "detail",
        "instance",
        "code",
        "field",
        "requestId",
    ];
    const VIOLATION_MEMBERS: &'static [&'static str] = &["errors"];

    fn write(error: &ErrorParts<'_>, ctx: &Context<'_>, body: &mut JsonObject<'_>) {
        body.text(
            "type",
            error.type_uri().unwrap_or(Text::fixed("about:blank")),
        )
        .str("title", error.reason())
        .number("status", error.status().as_u16().into())
        .text("detail", error.message());
        if let Some(path) = ctx.path() {
            body.text("instance", path);
        }
        body.str("code", error.code());
        if let Some(field) = error.field() {
            body.text("field", field);
        }
        if let Some(id) = ctx.request_id() {
            body.text("requestId", id);
        }
        if let Some(violations) = error.violations() {
            body.violation_problems("errors", violations);
        }
        body.details(error);
    }

    fn schema() -> Value {
        json!({
            "type": "object",
            "description": "Problem details (RFC 9457), with errcat's `code`, `field` and `requestId` members.",
            "required": ["type", "title", "status", "detail", "code"],
            "properties": {
                "type": { "type": "string", "description": "A URI reference identifying the problem type." },
                "title": { "type": "string", "description": "The reason phrase of the status." },
                "status": { "type": "integer", "minimum": 400, "maximum": 599 },
                "detail": { "type": "string", "description": "What went wrong, for a human." },
                "instance": { "type": "string", "description": "The path of the request." },
                "code": { "type": "string", "description": "A stable, machine-readable code." },
                "field": { "type": "string", "description": "The request field the error points at." },
                "requestId": { "type": "string", "description": "The id of the request, as in the `x-request-id` header." },
                "errors": {
                    "type": "array",
                    "description": "The request's invalid fields.",
                    "items": {
                        "type": "object",
                        "required": ["detail", "code"],
                        "properties": {
                            "detail": { "type": "string" },
                            "pointer": { "type": "string", "description": "A JSON pointer to the field in the body." },
                            "parameter": { "type": "string", "description": "The query or path parameter." },
                            "header": { "type": "string" },
                            "code": { "type": "string" }
                        }
                    }
                }
            }
        })
    }

    fn error_schema(error: &ErrorSchema<'_>) -> Option<Value> {
        let mut properties = serde_json::Map::new();
        properties.insert(
            "status".into(),
            json!({ "type": "integer", "enum": [error.status()] }),
        );
        properties.insert(
            "code".into(),
            json!({ "type": "string", "enum": [error.code()] }),
        );
        let mut required = vec!["status", "code"];
        if let Some(uri) = error.type_uri() {
            properties.insert("type".into(), crate::model::link::schema(uri));
            required.push("type");
        }
        if error.has_field() {
            // Declared here too: generated clients type a member by the branch it is
            // required in.
            properties.insert("field".into(), json!({ "type": "string" }));
            required.push("field");
        }
        Some(error.with_details(json!({
            "type": "object",
            "properties": properties,
            "required": required
        })))
    }
}
