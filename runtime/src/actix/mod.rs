//! actix-web integration (feature `actix-web`): every derived type is `ResponseError`, and
//! the [`ErrorContext`] middleware gives each request the context its error responses carry.

mod documented;
mod extract;

#[cfg(feature = "garde")]
pub use self::extract::Garde;
#[cfg(feature = "validator")]
pub use self::extract::Valid;
pub use self::extract::{BodyLimit, Form, Json, Path, Query};
pub use crate::rejection::{ExtractorError, Rejection};

use crate::ApiError;
use crate::scope::{REQUEST_ID_HEADER, ResponseFuture};
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
        let context = crate::scope::context(
            request
                .headers()
                .get(REQUEST_ID_HEADER)
                .map(HeaderValue::as_bytes),
            request.path(),
            crate::scope::NewIds::Random,
        );
        crate::scope::run(context, || self.service.call(request))
    }
}

impl<B> crate::scope::EchoRequestId for actix_web::dev::ServiceResponse<B> {
    fn echo_request_id(&mut self, id: &str) {
        if let Ok(value) = HeaderValue::from_str(id) {
            self.headers_mut()
                .insert(HeaderName::from_static(REQUEST_ID_HEADER), value);
        }
    }
}
