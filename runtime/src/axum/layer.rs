//! [`ErrorContextLayer`]: each request's id, path and time, for the errors answered in it.

use crate::envelope::{Envelope, Problem};
use crate::model::parts::Vtable;
use crate::scope::{REQUEST_ID_HEADER, ResponseFuture};

/// A tower [`Layer`](tower_layer::Layer) that gives every request an error context: its id,
/// path and time, carried by every error response rendered while the request is handled.
///
/// Add it last (`.layer(ErrorContextLayer::new())` after every other layer), so it is the
/// outermost: errors returned by other middleware then carry the context too.
///
/// The id is the request's `x-request-id` header when that is a sane token (1 to 128
/// characters from `A-Z a-z 0-9 - _ . : / + = @ ~`), else a generated UUID; either way it is
/// echoed as the `x-request-id` response header. A hostile or oversized incoming id is
/// replaced, never reflected.
///
/// ```
/// use axum::response::IntoResponse;
/// use errcat::ApiError;
/// use errcat::axum::ErrorContextLayer;
/// use std::convert::Infallible;
/// use tower::{Layer, Service, ServiceExt};
///
/// #[derive(Debug, thiserror::Error, ApiError)]
/// #[error("no bundle")]
/// #[status(404)]
/// #[message("bundle not found")]
/// struct NotFound;
///
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// let handler = tower::service_fn(|_request: http::Request<()>| async {
///     Ok::<_, Infallible>(NotFound.into_response())
/// });
/// let service = ErrorContextLayer::new().layer(handler);
/// let request = http::Request::builder()
///     .uri("/api/v1/bundles/42")
///     .header("x-request-id", "req_abc123")
///     .body(())
///     .unwrap();
/// let response = service.oneshot(request).await.unwrap();
/// assert_eq!(response.headers()["x-request-id"], "req_abc123");
/// let body = http_body_util::BodyExt::collect(response.into_body()).await.unwrap().to_bytes();
/// assert_eq!(
///     body,
///     r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"bundle not found","instance":"/api/v1/bundles/42","code":"NOT_FOUND","requestId":"req_abc123"}"#
/// );
/// # });
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct ErrorContextLayer {
    rejections: Option<RejectionEnvelope>,
}

impl ErrorContextLayer {
    /// The layer.
    pub fn new() -> Self {
        ErrorContextLayer { rejections: None }
    }

    /// Makes errcat's extractors ([`Json`](super::Json), [`Query`](super::Query), ...)
    /// reject requests in envelope `E`, the one the service's own errors use; without it they
    /// use [`Problem`](crate::envelope::Problem).
    ///
    /// ```
    /// use errcat::axum::ErrorContextLayer;
    /// use errcat::envelope::ErrorField;
    ///
    /// let layer = ErrorContextLayer::new().rejections::<ErrorField>();
    /// # let _ = layer;
    /// ```
    #[must_use]
    pub fn rejections<E: Envelope>(mut self) -> Self {
        self.rejections = Some(RejectionEnvelope::of::<E>());
        self
    }
}

impl<S> tower_layer::Layer<S> for ErrorContextLayer {
    type Service = ErrorContextService<S>;

    fn layer(&self, inner: S) -> ErrorContextService<S> {
        ErrorContextService {
            inner,
            rejections: self.rejections,
        }
    }
}

/// The service [`ErrorContextLayer`] wraps around an inner service.
#[derive(Clone, Debug)]
pub struct ErrorContextService<S> {
    inner: S,
    rejections: Option<RejectionEnvelope>,
}

/// The envelope errcat's extractors reject a request in. Carried as a request extension,
/// which [`ErrorContextLayer::rejections`] inserts (as can any layer).
#[derive(Clone, Copy, Debug)]
pub struct RejectionEnvelope {
    pub(crate) envelope: &'static Vtable,
}

impl Default for RejectionEnvelope {
    /// [`Problem`].
    fn default() -> Self {
        RejectionEnvelope::of::<Problem>()
    }
}

impl RejectionEnvelope {
    /// Envelope `E`.
    pub fn of<E: Envelope>() -> Self {
        RejectionEnvelope {
            envelope: crate::envelope::vtable::<E>(),
        }
    }

    /// The envelope of a request with `extensions`.
    pub(crate) fn from_extensions(extensions: &http::Extensions) -> &'static Vtable {
        extensions
            .get::<RejectionEnvelope>()
            .copied()
            .unwrap_or_default()
            .envelope
    }
}

impl<S, ReqBody, ResBody> tower_service::Service<http::Request<ReqBody>> for ErrorContextService<S>
where
    S: tower_service::Service<http::Request<ReqBody>, Response = http::Response<ResBody>>,
{
    type Response = http::Response<ResBody>;
    type Error = S::Error;
    type Future = ResponseFuture<S::Future>;

    fn poll_ready(
        &mut self,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: http::Request<ReqBody>) -> Self::Future {
        if let Some(envelope) = self.rejections {
            request.extensions_mut().insert(envelope);
        }
        let context = crate::scope::context(
            request
                .headers()
                .get(REQUEST_ID_HEADER)
                .map(http::HeaderValue::as_bytes),
            request.uri().path(),
        );
        crate::scope::run(context, || self.inner.call(request))
    }
}

impl<B> crate::scope::EchoRequestId for http::Response<B> {
    fn echo_request_id(&mut self, id: &str) {
        if let Ok(value) = http::HeaderValue::from_str(id) {
            self.headers_mut().insert(REQUEST_ID_HEADER, value);
        }
    }
}
