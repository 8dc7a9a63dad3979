//! actix-web integration (feature `actix-web`): every derived type is `ResponseError`, and
//! the [`ErrorContext`] middleware gives each request the context its error responses carry.

use crate::ApiError;
use actix_web::HttpResponse;
use actix_web::body::BoxBody;
use actix_web::http::StatusCode as ActixStatus;
use actix_web::http::header::{HeaderName, HeaderValue};

/// The status of `error` as actix-web's `StatusCode` type.
#[doc(hidden)]
pub fn actix_status<E: ApiError + ?Sized>(error: &E) -> ActixStatus {
    ActixStatus::from_u16(error.status().as_u16()).unwrap_or(ActixStatus::INTERNAL_SERVER_ERROR)
}

/// The actix-web response for `error`: [`ApiError::to_response`], converted.
#[doc(hidden)]
pub fn actix_response<E: ApiError + ?Sized>(error: &E) -> HttpResponse<BoxBody> {
    let response = error.to_response();
    let (parts, body) = response.into_parts();
    let status =
        ActixStatus::from_u16(parts.status.as_u16()).unwrap_or(ActixStatus::INTERNAL_SERVER_ERROR);
    let mut out = HttpResponse::with_body(status, BoxBody::new(body));
    let headers = out.headers_mut();
    for (name, value) in &parts.headers {
        // Both sides hold already-validated bytes; conversion cannot fail in practice.
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_str().as_bytes()),
            HeaderValue::from_bytes(value.as_bytes()),
        ) {
            headers.append(name, value);
        }
    }
    out
}

/// Implements `ResponseError` for a derived type; called by the derive's expansion.
#[doc(hidden)]
#[macro_export]
macro_rules! __private_actix {
    ({$($impl_generics:tt)*} {$($ty:tt)*} {$($predicates:tt)*}) => {
        // The higher-ranked bound is not "trivial", so a type without Display or Debug
        // still compiles; the error appears where it is used as a ResponseError instead.
        #[automatically_derived]
        impl $($impl_generics)* $crate::__private::actix_web::ResponseError for $($ty)*
        where
            $($predicates)*
            for<'__errcat> $($ty)*: ::core::fmt::Display + ::core::fmt::Debug,
        {
            fn status_code(&self) -> $crate::__private::actix_web::http::StatusCode {
                $crate::__private::actix_status(self)
            }
            fn error_response(
                &self,
            ) -> $crate::__private::actix_web::HttpResponse<$crate::__private::actix_web::body::BoxBody> {
                $crate::__private::actix_response(self)
            }
        }
    };
}

/// The name of the request and response header carrying the request id.
const REQUEST_ID_HEADER: &str = "x-request-id";

/// actix-web middleware that gives every request an error context: its id, path and time,
/// carried by every error response rendered while the request is handled.
///
/// Register it with the last `.wrap(...)` so it is the outermost middleware and errors from
/// other middleware carry the context too.
///
/// The counterpart of `errcat::axum::ErrorContextLayer`, with the same rules: the request's
/// `x-request-id` when it is a sane token (1 to 128 characters from
/// `A-Z a-z 0-9 - _ . : / + = @ ~`), else a generated UUID, echoed as the `x-request-id`
/// response header; a hostile or oversized incoming id is replaced, never reflected.
///
/// ```
/// use actix_web::{App, HttpResponse, web};
/// use errcat::ApiError;
/// use errcat::actix::ErrorContext;
///
/// #[derive(Debug, thiserror::Error, ApiError)]
/// #[error("no bundle")]
/// #[status(404)]
/// #[message("bundle not found")]
/// struct NotFound;
///
/// async fn bundle() -> Result<HttpResponse, NotFound> {
///     Err(NotFound)
/// }
///
/// let app = App::new()
///     .wrap(ErrorContext::new())
///     .route("/api/v1/bundles/{id}", web::get().to(bundle));
/// # let _ = app;
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct ErrorContext {
    _private: (),
}

impl ErrorContext {
    /// The middleware.
    pub fn new() -> Self {
        ErrorContext { _private: () }
    }
}

impl<S, B> actix_web::dev::Transform<S, actix_web::dev::ServiceRequest> for ErrorContext
where
    S: actix_web::dev::Service<
            actix_web::dev::ServiceRequest,
            Response = actix_web::dev::ServiceResponse<B>,
            Error = actix_web::Error,
        >,
{
    type Response = actix_web::dev::ServiceResponse<B>;
    type Error = actix_web::Error;
    type Transform = ErrorContextService<S>;
    type InitError = ();
    type Future = std::future::Ready<Result<ErrorContextService<S>, ()>>;

    fn new_transform(&self, service: S) -> Self::Future {
        std::future::ready(Ok(ErrorContextService { service }))
    }
}

/// The service [`ErrorContext`] wraps around the application.
#[derive(Debug)]
pub struct ErrorContextService<S> {
    service: S,
}

impl<S, B> actix_web::dev::Service<actix_web::dev::ServiceRequest> for ErrorContextService<S>
where
    S: actix_web::dev::Service<
            actix_web::dev::ServiceRequest,
            Response = actix_web::dev::ServiceResponse<B>,
            Error = actix_web::Error,
        >,
{
    type Response = actix_web::dev::ServiceResponse<B>;
    type Error = actix_web::Error;
    type Future = ResponseFuture<S::Future>;

    actix_web::dev::forward_ready!(service);

    fn call(&self, request: actix_web::dev::ServiceRequest) -> Self::Future {
        let incoming = request
            .headers()
            .get(REQUEST_ID_HEADER)
            .and_then(|value| value.to_str().ok())
            .filter(|id| crate::request_id::is_sane(id));
        let id = incoming.map_or_else(crate::request_id::generate, str::to_owned);
        let header = HeaderValue::from_str(&id).ok();
        let context = std::sync::Arc::new(crate::RequestContext::new(id, request.path()));
        let future = crate::context::enter_shared(context.clone(), || self.service.call(request));
        ResponseFuture {
            inner: crate::context::scope_shared(context, future),
            id: header,
        }
    }
}

pin_project_lite::pin_project! {
    /// The response future of [`ErrorContextService`]: the inner future, run in the
    /// request's context, with `x-request-id` added to its response.
    pub struct ResponseFuture<F> {
        #[pin]
        inner: crate::Scoped<F>,
        id: Option<HeaderValue>,
    }
}

impl<F, B> std::future::Future for ResponseFuture<F>
where
    F: std::future::Future<Output = Result<actix_web::dev::ServiceResponse<B>, actix_web::Error>>,
{
    type Output = F::Output;

    fn poll(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Self::Output> {
        let this = self.project();
        let mut output = std::task::ready!(this.inner.poll(cx));
        if let (Ok(response), Some(id)) = (&mut output, this.id.take()) {
            response
                .headers_mut()
                .insert(HeaderName::from_static(REQUEST_ID_HEADER), id);
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
