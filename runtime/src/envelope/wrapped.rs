use super::Envelope;
use crate::{Context, ErrorParts, JsonObject};

/// A success flag, the error, and metadata: `application/json`,
/// `{"success":false,"error":{"code":CODE,"message":MESSAGE,"field":FIELD,...details},"meta":{"requestId":ID,"timestamp":TS}}`.
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
    fn write(error: &ErrorParts<'_>, ctx: &Context<'_>, body: &mut JsonObject<'_>) {
        body.bool("success", false)
            .object("error", |inner| {
                inner
                    .str("code", error.code())
                    .text("message", error.message());
                if let Some(field) = error.field() {
                    inner.text("field", field);
                }
                inner.details(error);
            })
            .object("meta", |meta| {
                if let Some(id) = ctx.request_id() {
                    meta.str("requestId", id);
                }
                meta.display("timestamp", &ctx.timestamp());
            });
    }
}
