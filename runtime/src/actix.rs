//! actix-web integration (feature `actix-web`): every derived type is `ResponseError`.

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
