use super::{Context, Envelope, ErrorParts, ErrorSchema, JsonObject};
use serde_json::Value;

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
    const MEMBERS: &'static [&'static str] = &["error"];
    const VIOLATION_MEMBERS: &'static [&'static str] = &["errors"];

    fn write(error: &ErrorParts<'_>, _ctx: &Context<'_>, body: &mut JsonObject<'_>) {
        super::write_message_only("error", error, body);
    }

    fn schema() -> Value {
        super::message_only_schema("error")
    }

    fn error_schema(error: &ErrorSchema<'_>) -> Option<Value> {
        error.details().cloned()
    }
}
