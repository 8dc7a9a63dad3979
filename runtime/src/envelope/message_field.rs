use super::{Envelope, Reads};
use crate::{Context, ErrorParts, JsonObject};
use serde_json::{Value, json};

/// The message under `message`: `application/json`, `{"message":MESSAGE,"errors":{FIELD:MESSAGE},...details}`.
/// `errors` (from an `#[api_error(violations)]` field) holds one message per field, the first
/// reported.
///
/// ```
/// use errcat::ApiError;
///
/// #[derive(Debug, ApiError)]
/// #[api_error(envelope = errcat::envelope::MessageField)]
/// enum KeyRingError {
///     #[status(404)]
///     #[message("KeyRing '{0}' not found")]
///     NotFound(String),
/// }
///
/// let response = KeyRingError::NotFound("Finance".into()).to_response();
/// assert_eq!(response.body(), r#"{"message":"KeyRing 'Finance' not found"}"#);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct MessageField;

impl Envelope for MessageField {
    const __COMPILE: bool = true;
    const MEMBERS: &'static [&'static str] = &["message"];
    const VIOLATION_MEMBERS: &'static [&'static str] = &["errors"];

    fn write(error: &ErrorParts<'_>, _ctx: &Context<'_>, body: &mut JsonObject<'_>) {
        body.text("message", error.message());
        if let Some(violations) = error.violations() {
            body.violation_messages("errors", violations);
        }
        body.details(error);
    }

    const READS: Reads = Reads::Nothing;

    fn schema() -> Value {
        json!({
            "type": "object",
            "required": ["message"],
            "properties": {
                "message": { "type": "string", "description": "What went wrong, for a human." },
                "errors": {
                    "type": "object",
                    "description": "The request's invalid fields, each with its message.",
                    "additionalProperties": { "type": "string" }
                }
            }
        })
    }
}
