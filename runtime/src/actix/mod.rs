//! actix-web integration (feature `actix-web`): every derived type is `ResponseError`;
//! [`into_response`] turns any [`ApiError`] into an actix `HttpResponse` (bridging actix-web
//! 4's `http` 0.2 and errcat's `http` 1); and the [`ErrorContext`] middleware gives each
//! request the context its error responses carry and answers every error response in the
//! API's envelope.

mod context;

pub use self::context::{ErrorContext, ErrorContextService, ResponseFuture};
pub use crate::answer::{RejectionEnvelope, Untouched};
pub use crate::rejection::Rejection;
pub use crate::scope::REQUEST_ID_HEADER;

mod documented;
mod extract;

#[cfg(feature = "garde")]
pub use self::extract::Garde;
#[cfg(feature = "validator")]
pub use self::extract::Valid;
pub use self::extract::{BodyLimit, Form, Json, Path, Query};
pub use crate::rejection::ExtractorError;

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

/// The actix-web response for any [`ApiError`]: what a hand implementation's
/// `ResponseError::error_response` returns (derived types implement `ResponseError`
/// themselves). actix-web 4 uses `http` 0.2, errcat `http` 1: this converts status and
/// headers between them.
///
/// ```
/// use actix_web::{HttpResponse, ResponseError};
/// use errcat::ApiError;
/// use errcat::http::StatusCode;
/// use std::borrow::Cow;
///
/// #[derive(Debug)]
/// struct Locked;
///
/// impl std::fmt::Display for Locked {
///     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
///         f.write_str("locked")
///     }
/// }
///
/// impl ApiError for Locked {
///     fn status(&self) -> StatusCode { StatusCode::LOCKED }
///     fn code(&self) -> &'static str { "LOCKED" }
///     fn message(&self) -> Cow<'static, str> { "Account locked".into() }
/// }
///
/// impl ResponseError for Locked {
///     fn status_code(&self) -> actix_web::http::StatusCode {
///         errcat::actix::status(self)
///     }
///     fn error_response(&self) -> HttpResponse {
///         errcat::actix::into_response(self)
///     }
/// }
///
/// assert_eq!(Locked.error_response().status().as_u16(), 423);
/// ```
pub fn into_response<E: ApiError + ?Sized>(error: &E) -> HttpResponse<BoxBody> {
    from_http(error.to_response())
}

/// The status of `error` as actix-web's `StatusCode` (`http` 0.2's).
pub fn status<E: ApiError + ?Sized>(error: &E) -> ActixStatus {
    actix_status(error)
}

/// [`into_response`]; called by the derive's expansion.
#[doc(hidden)]
pub fn actix_response<E: ApiError + ?Sized>(error: &E) -> HttpResponse<BoxBody> {
    into_response(error)
}

/// An errcat response (`http` 1) as an actix-web one (`http` 0.2), errcat's mark kept.
pub(crate) fn from_http(response: http::Response<bytes::Bytes>) -> HttpResponse<BoxBody> {
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
    if parts.extensions.get::<crate::request::Rendered>().is_some() {
        out.extensions_mut().insert(crate::request::Rendered);
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
