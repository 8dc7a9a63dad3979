//! [`ErrorBody`]: the response body types the layer can write an error into.

use bytes::Bytes;

/// A response body type the layer can write an error body into: the body of the services it
/// wraps, so their response type stays what it was.
///
/// Implemented for axum's `Body` (feature `axum`), `String`, `http_body_util::Full<Bytes>`,
/// and the boxed bodies of `http_body_util::combinators`; a service with another body type
/// can map its responses into one of them (`tower::util::MapResponseLayer`) under the layer.
pub trait ErrorBody: http_body::Body + Sized {
    /// The body holding `bytes`.
    fn from_bytes(bytes: Bytes) -> Self;
}

#[cfg(feature = "axum")]
impl ErrorBody for axum_core::body::Body {
    fn from_bytes(bytes: Bytes) -> Self {
        axum_core::body::Body::from(bytes)
    }
}

impl ErrorBody for String {
    fn from_bytes(bytes: Bytes) -> Self {
        // errcat's bodies are JSON, so always UTF-8; lossy only to never panic.
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

impl ErrorBody for http_body_util::Full<Bytes> {
    fn from_bytes(bytes: Bytes) -> Self {
        http_body_util::Full::new(bytes)
    }
}

impl<E: 'static> ErrorBody for http_body_util::combinators::BoxBody<Bytes, E> {
    fn from_bytes(bytes: Bytes) -> Self {
        use http_body_util::BodyExt;
        http_body_util::Full::new(bytes)
            .map_err(|never| match never {})
            .boxed()
    }
}

impl<E: 'static> ErrorBody for http_body_util::combinators::UnsyncBoxBody<Bytes, E> {
    fn from_bytes(bytes: Bytes) -> Self {
        use http_body_util::BodyExt;
        http_body_util::Full::new(bytes)
            .map_err(|never| match never {})
            .boxed_unsync()
    }
}
