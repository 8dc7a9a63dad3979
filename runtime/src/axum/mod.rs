//! axum integration (feature `axum`): every derived type is `IntoResponse`;
//! [`ErrorContextLayer`] (the tower layer, re-exported) gives each request the context its
//! error responses carry and answers every error response in the API's envelope; and
//! [`Json`], [`Query`], [`Form`] and [`Path`] reject bad requests in that envelope, naming
//! each bad field, with `Valid` (feature `validator`) and `Garde` (feature `garde`)
//! validating what they extract.

mod documented;
mod extract;
mod rejection;

#[cfg(feature = "garde")]
pub use self::extract::Garde;
#[cfg(feature = "validator")]
pub use self::extract::Valid;
pub use self::extract::{Form, Json, Path, Query};
pub use crate::rejection::ExtractorError;
pub use crate::tower::{
    ErrorContextLayer, ErrorContextService, REQUEST_ID_HEADER, Rejection, RejectionEnvelope,
    ResponseFuture, Untouched,
};

use crate::ApiError;
use axum_core::body::Body;
use axum_core::response::Response;

/// The axum response for any [`ApiError`]: what a hand implementation's `IntoResponse`
/// returns (derived types implement `IntoResponse` themselves).
///
/// ```
/// use axum::response::{IntoResponse, Response};
/// use errcat::ApiError;
/// use errcat::http::StatusCode;
/// use std::borrow::Cow;
///
/// struct Locked;
///
/// impl ApiError for Locked {
///     fn status(&self) -> StatusCode { StatusCode::LOCKED }
///     fn code(&self) -> &'static str { "LOCKED" }
///     fn message(&self) -> Cow<'static, str> { "Account locked".into() }
/// }
///
/// impl IntoResponse for Locked {
///     fn into_response(self) -> Response {
///         errcat::axum::into_response(&self)
///     }
/// }
///
/// assert_eq!(Locked.into_response().status(), 423);
/// ```
pub fn into_response<E: ApiError + ?Sized>(error: &E) -> Response {
    crate::render::respond::<Body>(|visit| error.parts(visit), &crate::log::Loggable::Opaque)
}

/// `(StatusCode::NOT_FOUND, Untouched, Html(page))`: a response the layer passes as it is.
impl axum_core::response::IntoResponseParts for Untouched {
    type Error = std::convert::Infallible;

    fn into_response_parts(
        self,
        mut parts: axum_core::response::ResponseParts,
    ) -> Result<axum_core::response::ResponseParts, Self::Error> {
        parts.extensions_mut().insert(self);
        Ok(parts)
    }
}

/// Implements `IntoResponse` for a derived type; called by the derive's expansion.
#[doc(hidden)]
#[macro_export]
macro_rules! __private_axum {
    ({$($impl_generics:tt)*} {$($ty:tt)*} {$($predicates:tt)*}) => {
        #[automatically_derived]
        impl $($impl_generics)* $crate::__private::axum_core::response::IntoResponse for $($ty)*
        where
            $($predicates)*
        {
            fn into_response(self) -> $crate::__private::axum_core::response::Response {
                $crate::__private::respond_axum(&self, $crate::__private_loggable!(&self))
            }
        }
    };
}
