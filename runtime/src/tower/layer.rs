//! [`ErrorContextLayer`]: each request's id, path and time for the errors answered in it, and
//! every error response in the API's envelope.

use super::body::ErrorBody;
use super::future::ResponseFuture;
use crate::ApiError;
use crate::answer::RejectionEnvelope;
use crate::envelope::Envelope;
use crate::log::RequestSpan;
use crate::rejection::Rejection;
use crate::scope::{NewIds, REQUEST_ID_HEADER};
use std::sync::Arc;

/// A tower [`Layer`](tower_layer::Layer) that gives every request an error context (its id,
/// path and time, carried by every error response rendered while it is handled) and answers
/// every error response in the API's envelope.
///
/// - errcat's own error responses, and every response below 400, pass untouched;
/// - every other error response is rewritten: axum's extractor rejections (in errcat's words,
///   naming the field), routing's 404 and 405 (its `Allow` header kept), 413 from body limits,
///   408 from `tower_http::timeout`, and any other status by its standard name;
/// - a panicking handler answers 500, the panic logged at ERROR and never sent;
/// - routes that serve their own error pages opt out with [`Untouched`](super::Untouched).
///
/// The envelope is the one [`rejections`](Self::rejections) names, else [`Problem`](crate::envelope::Problem); with
/// [`rejections_as`](Self::rejections_as) the service's own error type answers instead.
///
/// Add it last (`.layer(ErrorContextLayer::new())` after every other layer), so it is the
/// outermost: errors returned by other middleware then carry the context too.
///
/// The id is the one tower-http's `SetRequestIdLayer` set (its `RequestId` extension) or the
/// request's `x-request-id` header, when that is a sane token (1 to 128 characters from
/// `A-Z a-z 0-9 - _ . : / + = @ ~`), else a new UUID; either way it is echoed as the
/// `x-request-id` response header. A hostile or oversized incoming id is replaced, never
/// reflected.
///
/// ```
/// use errcat::ApiError;
/// use errcat::tower::ErrorContextLayer;
/// use std::convert::Infallible;
/// use tower::{Layer, ServiceExt};
///
/// #[derive(Debug, thiserror::Error, ApiError)]
/// #[error("no bundle")]
/// #[status(404)]
/// #[message("bundle not found")]
/// struct NotFound;
///
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// // Any tower service: this one answers with errcat's body, or with an empty 405.
/// let handler = tower::service_fn(|request: http::Request<()>| async move {
///     Ok::<_, Infallible>(if request.method() == http::Method::GET {
///         NotFound.to_response().map(http_body_util::Full::new)
///     } else {
///         http::Response::builder().status(405).header("allow", "GET").body(Default::default()).unwrap()
///     })
/// });
/// let service = ErrorContextLayer::new().layer(handler);
/// let request = http::Request::get("/api/v1/bundles/42")
///     .header("x-request-id", "req_abc123")
///     .body(())
///     .unwrap();
/// let response = service.clone().oneshot(request).await.unwrap();
/// assert_eq!(response.headers()["x-request-id"], "req_abc123");
/// let body = http_body_util::BodyExt::collect(response.into_body()).await.unwrap().to_bytes();
/// assert_eq!(
///     body,
///     r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"bundle not found","instance":"/api/v1/bundles/42","code":"NOT_FOUND","requestId":"req_abc123"}"#
/// );
///
/// let request = http::Request::delete("/api/v1/bundles/42").body(()).unwrap();
/// let response = service.oneshot(request).await.unwrap();
/// assert_eq!(response.status(), 405);
/// assert_eq!(response.headers()["allow"], "GET");
/// let body = http_body_util::BodyExt::collect(response.into_body()).await.unwrap().to_bytes();
/// assert!(body.starts_with(br#"{"type":"about:blank","title":"Method Not Allowed","status":405"#));
/// # });
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct ErrorContextLayer {
    rejections: Option<RejectionEnvelope>,
    ids: NewIds,
}

impl ErrorContextLayer {
    /// The layer: rejections in [`Problem`](crate::envelope::Problem), new ids random (version 4) UUIDs.
    pub fn new() -> Self {
        ErrorContextLayer::default()
    }

    /// Answers rejections (errcat's extractors', axum's, routing's, the layer's own) in
    /// envelope `E`, the one the service's own errors use; without it they use [`Problem`](crate::envelope::Problem).
    ///
    /// ```
    /// use errcat::envelope::ErrorField;
    /// use errcat::tower::ErrorContextLayer;
    ///
    /// let layer = ErrorContextLayer::new().rejections::<ErrorField>();
    /// # let _ = layer;
    /// ```
    #[must_use]
    pub fn rejections<E: Envelope>(mut self) -> Self {
        self.rejections = Some(RejectionEnvelope::of::<E>());
        self
    }

    /// Answers rejections as the service's own error type `E`, through its
    /// `From<Rejection>`: its codes, messages and envelope. Statuses that are no
    /// [`Rejection`] (a 429 from a rate-limiting layer, say) are answered by name in `E`'s
    /// envelope.
    ///
    /// ```
    /// use errcat::ApiError;
    /// use errcat::tower::{ErrorContextLayer, Rejection};
    ///
    /// #[derive(Debug, ApiError)]
    /// #[api_error(envelope = errcat::envelope::ErrorField)]
    /// enum ServiceError {
    ///     #[status(400)]
    ///     #[code("VALIDATION_ERROR")]
    ///     #[message("{field} {problem}")]
    ///     #[field("{field}")]
    ///     InvalidField { field: String, problem: String },
    ///     #[status(400)]
    ///     #[code("BAD_REQUEST")]
    ///     #[message("{0}")]
    ///     Rejected(#[api_error(example = "Invalid JSON in request body".to_owned())] String),
    /// }
    ///
    /// impl From<Rejection> for ServiceError {
    ///     fn from(rejection: Rejection) -> Self {
    ///         match rejection.field() {
    ///             Some(bad) => ServiceError::InvalidField {
    ///                 field: bad.field.to_string(),
    ///                 problem: bad.message.to_string(),
    ///             },
    ///             None => ServiceError::Rejected(rejection.to_string()),
    ///         }
    ///     }
    /// }
    ///
    /// let layer = ErrorContextLayer::new().rejections_as::<ServiceError>();
    /// # let _ = layer;
    /// ```
    #[must_use]
    pub fn rejections_as<E: ApiError + From<Rejection> + 'static>(mut self) -> Self {
        self.rejections = Some(RejectionEnvelope::mapped::<E>());
        self
    }

    /// Makes new ids time-ordered (version 7) UUIDs, which sort by when requests arrived.
    #[must_use]
    pub fn time_ordered_ids(mut self) -> Self {
        self.ids = NewIds::TimeOrdered;
        self
    }
}

impl<S> tower_layer::Layer<S> for ErrorContextLayer {
    type Service = ErrorContextService<S>;

    fn layer(&self, inner: S) -> ErrorContextService<S> {
        ErrorContextService {
            inner,
            rejections: self.rejections,
            ids: self.ids,
        }
    }
}

/// The service [`ErrorContextLayer`] wraps around an inner service.
#[derive(Clone, Debug)]
pub struct ErrorContextService<S> {
    inner: S,
    rejections: Option<RejectionEnvelope>,
    ids: NewIds,
}

impl<S, ReqBody, ResBody> tower_service::Service<http::Request<ReqBody>> for ErrorContextService<S>
where
    S: tower_service::Service<http::Request<ReqBody>, Response = http::Response<ResBody>>,
    ResBody: ErrorBody,
{
    type Response = http::Response<ResBody>;
    type Error = S::Error;
    type Future = ResponseFuture<S::Future, ResBody>;

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
        let incoming = request
            .extensions()
            .get::<tower_http::request_id::RequestId>()
            .map(tower_http::request_id::RequestId::header_value)
            .or_else(|| request.headers().get(REQUEST_ID_HEADER))
            .map(http::HeaderValue::as_bytes);
        let context = crate::scope::context(incoming, request.uri().path(), self.ids);
        let context = Arc::new(context.answering_all());
        let span = RequestSpan::new(context.id(), request.method().as_str(), context.path());
        let inner = &mut self.inner;
        ResponseFuture::call(context, span, self.rejections.unwrap_or_default(), || {
            inner.call(request)
        })
    }
}
