//! axum integration (feature `axum`): every derived type is `IntoResponse`.

use crate::ApiError;
use axum_core::body::Body;
use axum_core::response::Response;

/// The axum response for `error`: [`ApiError::to_response`] with an axum body.
#[doc(hidden)]
pub fn into_axum_response<E: ApiError + ?Sized>(error: &E) -> Response {
    error.to_response().map(Body::from)
}

/// Implements `IntoResponse` for a derived type; called by the derive's expansion.
#[doc(hidden)]
#[macro_export]
macro_rules! __private_axum {
    ({$($impl_generics:tt)*} {$($ty:tt)*} {$($where_clause:tt)*}) => {
        #[automatically_derived]
        impl $($impl_generics)* $crate::__private::axum_core::response::IntoResponse for $($ty)*
        $($where_clause)*
        {
            fn into_response(self) -> $crate::__private::axum_core::response::Response {
                $crate::__private::into_axum_response(&self)
            }
        }
    };
}
