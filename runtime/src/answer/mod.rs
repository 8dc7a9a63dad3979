//! What errcat's middleware (the tower layer, actix-web's `ErrorContext`) answers in place of
//! an error response errcat did not render: the [`Rejection`] it stands for, read from its
//! status and (for axum's rejections) its text; and how rejections are answered
//! ([`RejectionEnvelope`]). Written once, for both frameworks' adapters.

mod rejections;

pub use self::rejections::RejectionEnvelope;

/// Marks an error response that errcat's middleware (the tower layer, actix-web's
/// `ErrorContext`) passes as it is: for a route that serves its own error pages.
///
/// With axum it is a part of a response (`(StatusCode::NOT_FOUND, Untouched, Html(page))`),
/// with tower a layer too (`.route_layer(Untouched)`), with actix-web an extension of the
/// response (`response.extensions_mut().insert(Untouched)`).
///
/// ```
/// use errcat::tower::{ErrorContextLayer, Untouched};
/// use std::convert::Infallible;
/// use tower::{Layer, ServiceExt};
///
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// let page = tower::service_fn(|_request: http::Request<()>| async {
///     let response = http::Response::builder()
///         .status(404)
///         .header("content-type", "text/html")
///         .body(String::from("<h1>Nothing here</h1>"))
///         .unwrap();
///     Ok::<_, Infallible>(response)
/// });
/// let service = ErrorContextLayer::new().layer(Untouched.layer(page));
/// let response = service.oneshot(http::Request::new(())).await.unwrap();
/// assert_eq!(response.headers()["content-type"], "text/html");
/// assert_eq!(response.into_body(), "<h1>Nothing here</h1>");
/// # });
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Untouched;

use crate::envelope::ErrorParts;
use crate::log::{Loggable, RequestSpan};
use crate::model::parts::reason_phrase;
use crate::rejection::Rejection;
use crate::request::{Rendered, RequestContext, poll_in};
use bytes::Bytes;
use http::StatusCode;
use std::any::Any;
use std::fmt;
use std::sync::Arc;

/// The error the layer answers with.
#[derive(Clone, Debug)]
pub(crate) enum Answered {
    /// A refusal errcat knows: routing, limits, timeouts, axum's extractors, a panic.
    Rejection(Rejection),
    /// Any other error status, answered with its standard name.
    Status(StatusCode),
}

/// What the service answered in a short plain-text error body, kept for the log when the
/// layer replaces it (the client never sees it).
#[cfg(feature = "tower")]
pub(crate) struct Replaced<'a>(pub(crate) &'a str);

#[cfg(feature = "tower")]
impl std::fmt::Display for Replaced<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the service answered: {}", self.0)
    }
}

#[cfg(feature = "tower")]
impl std::fmt::Debug for Replaced<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self, f)
    }
}

#[cfg(feature = "tower")]
impl std::error::Error for Replaced<'_> {}

/// The answer for an error response with `status` and, when it was read, plain `text`
/// (`Some("")` for an empty body).
///
/// A 404 or 405 with an empty body is routing's (no route, or not with this method); one with
/// a body a handler wrote is answered by its status's name, like any other status.
pub(crate) fn answer(status: StatusCode, text: Option<&str>) -> Answered {
    let empty = text == Some("");
    #[cfg(feature = "axum")]
    if let Some(rejection) = text.and_then(|text| Rejection::from_axum_text(status, text)) {
        return Answered::Rejection(rejection);
    }
    #[cfg(not(feature = "axum"))]
    let _ = text;
    Answered::Rejection(match status {
        StatusCode::NOT_FOUND if empty => Rejection::NotFound,
        StatusCode::METHOD_NOT_ALLOWED if empty => Rejection::MethodNotAllowed,
        StatusCode::REQUEST_TIMEOUT => Rejection::Timeout,
        StatusCode::PAYLOAD_TOO_LARGE => Rejection::TooLarge,
        StatusCode::INTERNAL_SERVER_ERROR => Rejection::Internal,
        _ => return Answered::Status(status),
    })
}

impl Answered {
    /// The answer's parts, without an envelope.
    pub(crate) fn parts(&self, visit: &mut dyn FnMut(&ErrorParts<'_>)) {
        match self {
            Answered::Rejection(rejection) => crate::ApiError::parts(rejection, visit),
            Answered::Status(status) => {
                visit(&ErrorParts::new(
                    *status,
                    status_code(*status),
                    reason_phrase(*status),
                ));
            }
        }
    }
}

/// The error code of a status answered by name: its reason phrase in `SCREAMING_SNAKE_CASE`.
pub(crate) fn status_code(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "BAD_REQUEST",
        401 => "UNAUTHORIZED",
        402 => "PAYMENT_REQUIRED",
        403 => "FORBIDDEN",
        404 => "NOT_FOUND",
        405 => "METHOD_NOT_ALLOWED",
        406 => "NOT_ACCEPTABLE",
        407 => "PROXY_AUTHENTICATION_REQUIRED",
        408 => "REQUEST_TIMEOUT",
        409 => "CONFLICT",
        410 => "GONE",
        411 => "LENGTH_REQUIRED",
        412 => "PRECONDITION_FAILED",
        413 => "PAYLOAD_TOO_LARGE",
        414 => "URI_TOO_LONG",
        415 => "UNSUPPORTED_MEDIA_TYPE",
        416 => "RANGE_NOT_SATISFIABLE",
        417 => "EXPECTATION_FAILED",
        421 => "MISDIRECTED_REQUEST",
        422 => "UNPROCESSABLE_ENTITY",
        423 => "LOCKED",
        424 => "FAILED_DEPENDENCY",
        426 => "UPGRADE_REQUIRED",
        428 => "PRECONDITION_REQUIRED",
        429 => "TOO_MANY_REQUESTS",
        431 => "REQUEST_HEADER_FIELDS_TOO_LARGE",
        451 => "UNAVAILABLE_FOR_LEGAL_REASONS",
        500 => "INTERNAL_SERVER_ERROR",
        501 => "NOT_IMPLEMENTED",
        502 => "BAD_GATEWAY",
        503 => "SERVICE_UNAVAILABLE",
        504 => "GATEWAY_TIMEOUT",
        505 => "HTTP_VERSION_NOT_SUPPORTED",
        507 => "INSUFFICIENT_STORAGE",
        508 => "LOOP_DETECTED",
        511 => "NETWORK_AUTHENTICATION_REQUIRED",
        _ if status.is_server_error() => "SERVER_ERROR",
        _ => "CLIENT_ERROR",
    }
}

/// `answer` rendered in the request's `context` and `span`, as the middleware answers
/// rejections: final, so without errcat's mark (no outer layer is to pass it for errcat's).
pub(crate) fn render(
    context: &mut Option<Arc<RequestContext>>,
    span: &RequestSpan,
    rejections: RejectionEnvelope,
    answer: &Answered,
    source: &Loggable<'_>,
) -> http::Response<Bytes> {
    let mut response = span.in_scope(|| {
        poll_in(context, || {
            crate::render::respond::<Bytes>(|visit| rejections.answer_parts(answer, visit), source)
        })
    });
    response.extensions_mut().remove::<Rendered>();
    response
}

/// The 500 answering a panic with `message`, which is logged and never sent.
pub(crate) fn render_panic(
    context: &mut Option<Arc<RequestContext>>,
    span: &RequestSpan,
    rejections: RejectionEnvelope,
    message: &str,
) -> http::Response<Bytes> {
    let answer = Answered::Rejection(Rejection::Internal);
    render(
        context,
        span,
        rejections,
        &answer,
        &Loggable::Error(&Panic(message)),
    )
}

/// A panic, as the error the log describes.
struct Panic<'a>(&'a str);

impl fmt::Display for Panic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the handler panicked: {}", self.0)
    }
}

impl fmt::Debug for Panic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Panic<'_> {}

/// The message a panic was raised with, when it has one.
pub(crate) fn panic_message(panic: &(dyn Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|message| (*message).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".to_owned())
}

#[cfg(test)]
mod tests {
    use super::status_code;
    use crate::model::parts::reason_phrase;
    use http::StatusCode;

    #[test]
    fn codes_are_the_reason_phrases() {
        for status in (400..600).filter_map(|code| StatusCode::from_u16(code).ok()) {
            let code = status_code(status);
            let Some(reason) = status.canonical_reason() else {
                continue;
            };
            assert_eq!(reason_phrase(status), reason);
            if !matches!(code, "CLIENT_ERROR" | "SERVER_ERROR") {
                let expected = reason.to_ascii_uppercase().replace([' ', '-'], "_");
                assert_eq!(code, expected, "{status}");
            }
        }
    }
}
