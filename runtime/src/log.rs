//! What errcat logs with the `tracing` feature: every error response (5xx at ERROR with the
//! error's Display and `source()` chain, 4xx at DEBUG) and anything it had to leave out of
//! a response. Without the feature these are no-ops. Bodies never carry any of it.

use crate::model::parts::ErrorParts;
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

/// Logs one error response.
#[cfg(feature = "tracing")]
pub(crate) fn response(parts: &ErrorParts<'_>, source: &Loggable<'_>) {
    let status = parts.status().as_u16();
    let code = parts.code();
    if parts.status().is_server_error() {
        match source {
            Loggable::Error(error) => tracing::error!(
                status,
                code,
                error = %Chain(*error),
                "error response"
            ),
            Loggable::Debug(error) => {
                tracing::error!(status, code, error = ?error, "error response")
            }
            Loggable::Opaque => {
                tracing::error!(status, code, message = %parts.message(), "error response")
            }
        }
    } else {
        match source {
            Loggable::Error(error) => {
                tracing::debug!(status, code, error = %Chain(*error), "error response")
            }
            Loggable::Debug(error) => {
                tracing::debug!(status, code, error = ?error, "error response")
            }
            Loggable::Opaque => {
                tracing::debug!(status, code, message = %parts.message(), "error response")
            }
        }
    }
}

#[cfg(not(feature = "tracing"))]
pub(crate) fn response(_parts: &ErrorParts<'_>, _source: &Loggable<'_>) {}

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
