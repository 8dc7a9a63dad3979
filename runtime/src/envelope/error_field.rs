use super::{Envelope, Reads};
use crate::{Context, ErrorParts, JsonObject};
use serde_json::{Value, json};

/// The message under `error`: `application/json`, `{"error":MESSAGE,"errors":{FIELD:MESSAGE},...details}`.
/// `errors` (from an `#[api_error(violations)]` field) holds one message per field, the first
/// reported.
///
/// ```
/// use errcat::ApiError;
///
/// #[derive(Debug, ApiError)]
/// #[api_error(envelope = errcat::envelope::ErrorField)]
/// enum BundleError {
///     #[status(404)]
///     #[message("bundle not found")]
///     NotFound,
/// }
///
/// assert_eq!(BundleError::NotFound.to_response().body(), r#"{"error":"bundle not found"}"#);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct ErrorField;

impl Envelope for ErrorField {
    const __COMPILE: bool = true;
    const MEMBERS: &'static [&'static str] = &["error"];
    const VIOLATION_MEMBERS: &'static [&'static str] = &["errors"];

    fn write(error: &ErrorParts<'_>, _ctx: &Context<'_>, body: &mut JsonObject<'_>) {
        body.text("error", error.message());
        if let Some(violations) = error.violations() {
            body.violation_messages("errors", violations);
        }
        body.details(error);
    }

    const READS: Reads = Reads::Nothing;

    fn schema() -> Value {
        json!({
            "type": "object",
            "required": ["error"],
            "properties": {
                "error": { "type": "string", "description": "What went wrong, for a human." },
                "errors": {
                    "type": "object",
                    "description": "The request's invalid fields, each with its message.",
                    "additionalProperties": { "type": "string" }
                }
            }
        })
    }
}
