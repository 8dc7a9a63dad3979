//! What errcat logs with the `tracing` feature: every error response (5xx at ERROR with the
//! error's Display and `source()` chain, 4xx at DEBUG) and anything it had to leave out of
//! a response. Without the feature these are no-ops. Bodies never carry any of it.

use crate::model::parts::ErrorParts;
use crate::request::RequestContext;
use http::HeaderName;
#[cfg(feature = "tracing")]
use std::fmt;
use std::fmt::Debug;

/// How an error can describe itself in a log: as an `Error` with its source chain, by its
/// `Debug` output, or not at all.
#[doc(hidden)]
pub enum Loggable<'a> {
    /// The type implements `std::error::Error`.
    Error(&'a dyn std::error::Error),
    /// The type implements `Debug` only.
    Debug(&'a dyn Debug),
    /// Neither is known.
    Opaque,
}

/// `top: cause: root cause`, the Display of an error and each of its sources.
#[cfg(feature = "tracing")]
struct Chain<'a>(&'a dyn std::error::Error);

#[cfg(feature = "tracing")]
impl fmt::Display for Chain<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.0, f)?;
        let mut source = self.0.source();
        while let Some(error) = source {
            write!(f, ": {error}")?;
            source = error.source();
        }
        Ok(())
    }
}

/// Logs one error response, with the id and path of the request it answers, if known.
#[cfg(feature = "tracing")]
pub(crate) fn response(
    parts: &ErrorParts<'_>,
    source: &Loggable<'_>,
    request: Option<&RequestContext>,
) {
    let status = parts.status().as_u16();
    let code = parts.code();
    let request_id = request.map(RequestContext::id);
    let path = request.map(RequestContext::path);
    macro_rules! event {
        ($level:ident) => {
            match source {
                Loggable::Error(error) => tracing::$level!(
                    status,
                    code,
                    request_id,
                    path,
                    error = %Chain(*error),
                    "error response"
                ),
                Loggable::Debug(error) => {
                    tracing::$level!(status, code, request_id, path, error = ?error, "error response")
                }
                // `error`, not `message`: that is the event's own message field.
                Loggable::Opaque => tracing::$level!(
                    status,
                    code,
                    request_id,
                    path,
                    error = %parts.message(),
                    "error response"
                ),
            }
        };
    }
    if parts.status().is_server_error() {
        event!(error);
    } else {
        event!(debug);
    }
}

#[cfg(not(feature = "tracing"))]
pub(crate) fn response(
    _parts: &ErrorParts<'_>,
    _source: &Loggable<'_>,
    _request: Option<&RequestContext>,
) {
}

/// The span around one request under errcat's middleware: its id, method and path, on every
/// event the service logs while handling it. Nothing without the `tracing` feature.
#[cfg(any(feature = "tower", feature = "actix-web"))]
pub(crate) struct RequestSpan {
    #[cfg(feature = "tracing")]
    span: tracing::Span,
}

#[cfg(any(feature = "tower", feature = "actix-web"))]
impl RequestSpan {
    /// The span of the request `id`, `method` on `path`.
    pub(crate) fn new(id: &str, method: &str, path: &str) -> Self {
        #[cfg(feature = "tracing")]
        return RequestSpan {
            span: tracing::info_span!("request", request_id = id, method, path),
        };
        #[cfg(not(feature = "tracing"))]
        {
            let _ = (id, method, path);
            RequestSpan {}
        }
    }

    /// Runs `f` inside the span.
    pub(crate) fn in_scope<R>(&self, f: impl FnOnce() -> R) -> R {
        #[cfg(feature = "tracing")]
        return self.span.in_scope(f);
        #[cfg(not(feature = "tracing"))]
        f()
    }
}

/// A member whose value failed to serialize was left out of a body.
pub(crate) fn member_dropped(key: &str) {
    #[cfg(feature = "tracing")]
    tracing::warn!(
        member = key,
        "errcat left a member out of an error body: its value failed to serialize"
    );
    #[cfg(not(feature = "tracing"))]
    let _ = key;
}

/// A header whose value could not be a header value was left out of a response.
pub(crate) fn header_dropped(name: &HeaderName) {
    #[cfg(feature = "tracing")]
    tracing::warn!(header = %name, "errcat left a header out of an error response: its value is not a valid header value");
    #[cfg(not(feature = "tracing"))]
    let _ = name;
}

#[cfg(all(test, feature = "tracing"))]
mod tests {
    use super::Chain;

    #[derive(Debug)]
    struct Layer(&'static str, Option<Box<Layer>>);

    impl std::fmt::Display for Layer {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.0)
        }
    }

    impl std::error::Error for Layer {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            self.1.as_deref().map(|e| e as _)
        }
    }

    #[test]
    fn chain_lists_every_source() {
        let error = Layer(
            "database",
            Some(Box::new(Layer(
                "io",
                Some(Box::new(Layer("refused", None))),
            ))),
        );
        assert_eq!(Chain(&error).to_string(), "database: io: refused");
    }
}
