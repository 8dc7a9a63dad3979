//! [`ErrorContextLayer`]: each request's id, path and time, for the errors answered in it.

use crate::envelope::{Envelope, HasVtable, Vtable};

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
/// use axum_core::response::IntoResponse;
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
    rejections: Option<Rejections>,
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
        self.rejections = Some(Rejections::new().envelope::<E>());
        self
    }
}

impl<S> tower_layer::Layer<S> for ErrorContextLayer {
    type Service = ErrorContext<S>;

    fn layer(&self, inner: S) -> ErrorContext<S> {
        ErrorContext {
            inner,
            rejections: self.rejections,
        }
    }
}

/// The service [`ErrorContextLayer`] wraps around an inner service.
#[derive(Clone, Debug)]
pub struct ErrorContext<S> {
    inner: S,
    rejections: Option<Rejections>,
}

/// How errcat's extractors reject a request: in which envelope. Carried as a request
/// extension, which [`ErrorContextLayer::rejections`] inserts (as can any layer).
#[derive(Clone, Copy, Debug)]
pub struct Rejections {
    pub(crate) envelope: &'static Vtable,
}

impl Default for Rejections {
    fn default() -> Self {
        Rejections::new()
    }
}

impl Rejections {
    /// In [`Problem`](crate::envelope::Problem).
    pub fn new() -> Self {
        Rejections {
            envelope: &<crate::envelope::Problem as HasVtable>::VTABLE,
        }
    }

    /// In envelope `E`.
    #[must_use]
    pub fn envelope<E: Envelope>(self) -> Self {
        Rejections {
            envelope: &<E as HasVtable>::VTABLE,
        }
    }

    /// The rejections of a request with `extensions`.
    pub(crate) fn from_extensions(extensions: &http::Extensions) -> Self {
        extensions.get::<Rejections>().copied().unwrap_or_default()
    }
}

/// The name of the request and response header carrying the request id.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

impl<S, ReqBody, ResBody> tower_service::Service<http::Request<ReqBody>> for ErrorContext<S>
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
        let (id, header) = match request
            .headers()
            .get(REQUEST_ID_HEADER)
            .and_then(sane_request_id)
        {
            Some((id, header)) => (id.to_owned(), header.clone()),
            None => {
                let id = crate::request_id::generate();
                let header = http::HeaderValue::from_str(&id)
                    .unwrap_or(http::HeaderValue::from_static("invalid"));
                (id, header)
            }
        };
        let context = std::sync::Arc::new(crate::RequestContext::new(id, request.uri().path()));
        // Services may do work in `call` itself, so that runs in the context too.
        let future = crate::context::enter_shared(context.clone(), || self.inner.call(request));
        ResponseFuture {
            inner: crate::context::scope_shared(context, future),
            id: Some(header),
        }
    }
}

fn sane_request_id(value: &http::HeaderValue) -> Option<(&str, &http::HeaderValue)> {
    let id = value.to_str().ok()?;
    crate::request_id::is_sane(id).then_some((id, value))
}

pin_project_lite::pin_project! {
    /// The response future of [`ErrorContext`]: the inner future, run in the request's
    /// context, with `x-request-id` added to its response.
    pub struct ResponseFuture<F> {
        #[pin]
        inner: crate::Scoped<F>,
        id: Option<http::HeaderValue>,
    }
}

impl<F, ResBody, E> std::future::Future for ResponseFuture<F>
where
    F: std::future::Future<Output = Result<http::Response<ResBody>, E>>,
{
    type Output = Result<http::Response<ResBody>, E>;

    fn poll(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Self::Output> {
        let this = self.project();
        let mut output = std::task::ready!(this.inner.poll(cx));
        if let (Ok(response), Some(id)) = (&mut output, this.id.take()) {
            response.headers_mut().insert(REQUEST_ID_HEADER, id);
        }
        std::task::Poll::Ready(output)
    }
}

impl<F> std::fmt::Debug for ResponseFuture<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResponseFuture")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}
