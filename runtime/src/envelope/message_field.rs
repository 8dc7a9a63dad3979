use super::{Context, Envelope, ErrorParts, ErrorSchema, JsonObject};
use serde_json::Value;

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
    const MEMBERS: &'static [&'static str] = &["message"];
    const VIOLATION_MEMBERS: &'static [&'static str] = &["errors"];

    fn write(error: &ErrorParts<'_>, _ctx: &Context<'_>, body: &mut JsonObject<'_>) {
        super::write_message_only("message", error, body);
    }

    fn schema() -> Value {
        super::message_only_schema("message")
    }

    fn error_schema(error: &ErrorSchema<'_>) -> Option<Value> {
        error.details().cloned()
    }
}
