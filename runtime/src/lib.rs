// The crate docs are the README, so its examples are doctests. They use the `axum` and
// `validator` features, so rustdoc tests them when both are on (as `cargo test --workspace
// --all-features` has them); every other build shows the same text untested.
#![cfg_attr(
    any(not(doctest), all(feature = "axum", feature = "validator")),
    doc = include_str!("../../README.md")
)]
#![forbid(unsafe_code)]

// The derive's expansion names `::errcat`; this lets the crate derive its own errors.
extern crate self as errcat;

mod api_error;
pub mod catalog;
pub mod envelope;
mod json;
mod log;
mod model;
#[cfg(feature = "axum")]
mod rejection;
mod render;
mod request;
#[cfg(any(feature = "axum", feature = "actix-web"))]
mod scope;
mod serde_names;
mod validation;
mod violations;

#[cfg(feature = "actix-web")]
pub mod actix;
#[cfg(feature = "axum")]
pub mod axum;
#[cfg(feature = "utoipa")]
mod utoipa;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use crate::api_error::ApiError;
pub use crate::catalog::{Catalog, CatalogEntry};
pub use crate::envelope::Envelope;
pub use crate::request::{RequestContext, Scoped};
pub use crate::violations::{FieldViolation, Location, Violations};

/// The `http` crate, whose types (`StatusCode`, `Response`, `HeaderValue`) errcat's API uses.
pub use http;

/// The `bytes` crate: [`ApiError::to_response`] bodies are `bytes::Bytes`.
pub use bytes;

pub use errcat_macros::ApiError;

/// Implements the framework traits a derived type gets from this build's features; called
/// by the derive's expansion.
#[doc(hidden)]
#[macro_export]
macro_rules! __private_integrations {
    ($($tokens:tt)*) => {
        $crate::__private_axum! { $($tokens)* }
        $crate::__private_actix! { $($tokens)* }
        $crate::__private_utoipa! { $($tokens)* }
    };
}

/// How a derived error describes itself to the log: with `tracing`, its `Error` source chain
/// or `Debug` (picked by autoref specialization); without, nothing, so no `Debug` or `Error`
/// vtable is instantiated for a type that is never logged.
#[cfg(feature = "tracing")]
#[doc(hidden)]
#[macro_export]
macro_rules! __private_loggable {
    ($error:expr) => {{
        #[allow(unused_imports)] // only the trait that applies is used
        use $crate::__private::{ProbeDebug as _, ProbeError as _, ProbeOpaque as _};
        (&&&$crate::__private::Probe($error)).__errcat_loggable()
    }};
}

#[cfg(not(feature = "tracing"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __private_loggable {
    ($error:expr) => {
        $crate::__private::Loggable::Opaque
    };
}

/// The doc of type `$ty` for the catalog: errcat's own, or with `utoipa` its `ToSchema`'s,
/// else any value (picked by autoref specialization).
#[cfg(feature = "utoipa")]
#[doc(hidden)]
#[macro_export]
macro_rules! __private_type_doc {
    ($ty:ty) => {{
        #[allow(unused_imports)] // only the trait that applies is used
        use $crate::__private::{DocKnown as _, DocUnknown as _, DocUtoipa as _};
        (&&&$crate::__private::TypeProbe::<$ty>::NEW).__errcat_type_doc()
    }};
}

#[cfg(not(feature = "utoipa"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __private_type_doc {
    ($ty:ty) => {{
        #[allow(unused_imports)] // only the trait that applies is used
        use $crate::__private::{DocKnown as _, DocUnknown as _};
        (&&&$crate::__private::TypeProbe::<$ty>::NEW).__errcat_type_doc()
    }};
}

#[cfg(not(feature = "utoipa"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __private_utoipa {
    ($($tokens:tt)*) => {};
}

#[cfg(not(feature = "axum"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __private_axum {
    ($($tokens:tt)*) => {};
}

#[cfg(not(feature = "actix-web"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __private_actix {
    ($($tokens:tt)*) => {};
}

/// Declares an error set: an enum whose variants are whole error types, each answering as
/// itself (`#[api_error(transparent)]`), with `From` for each so `?` converts into it, and
/// `Display` and `std::error::Error` passed through.
///
/// A handler that returns a set documents exactly the errors of the types in it (see
/// [`catalog::Operations`]), and returning any other error is a compile error: there is no
/// `From` for it. Members may be any `ApiError` type, a service's existing enums included.
///
/// ```
/// use errcat::ApiError;
///
/// #[derive(Debug, thiserror::Error, ApiError)]
/// #[error("bundle {id} not found")]
/// #[status(404)]
/// #[message("bundle not found")]
/// pub struct BundleNotFound {
///     id: String,
/// }
///
/// #[derive(Debug, thiserror::Error, ApiError)]
/// #[error("key {0} not found")]
/// #[status(404)]
/// #[message("Key '{0}' not found")]
/// pub struct KeyNotFound(String);
///
/// errcat::error_set! {
///     /// What `GET /bundles/{id}/keys/{name}` answers with when it fails.
///     pub enum GetKeyError {
///         Bundle(BundleNotFound),
///         Key(KeyNotFound),
///     }
/// }
///
/// fn find(name: &str) -> Result<&'static str, GetKeyError> {
///     Err(KeyNotFound(name.to_owned()))?
/// }
///
/// let error = find("STRIPE_KEY").unwrap_err();
/// assert_eq!(error.code(), "KEY_NOT_FOUND");
/// assert_eq!(error.to_string(), "key STRIPE_KEY not found");
/// let codes: Vec<_> = GetKeyError::catalog().iter().map(|entry| entry.code).collect();
/// assert_eq!(codes, ["BUNDLE_NOT_FOUND", "KEY_NOT_FOUND"]);
/// ```
#[macro_export]
macro_rules! error_set {
    (
        $(#[$attr:meta])*
        $vis:vis enum $name:ident {
            $($(#[$variant_attr:meta])* $variant:ident($member:ty)),+ $(,)?
        }
    ) => {
        $(#[$attr])*
        #[derive(::core::fmt::Debug, $crate::ApiError)]
        $vis enum $name {
            $(
                $(#[$variant_attr])*
                #[api_error(transparent)]
                $variant($member),
            )+
        }

        $(
            impl ::core::convert::From<$member> for $name {
                fn from(error: $member) -> Self {
                    $name::$variant(error)
                }
            }
        )+

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self {
                    $($name::$variant(error) => ::core::fmt::Display::fmt(error, f),)+
                }
            }
        }

        impl ::std::error::Error for $name {
            fn source(&self) -> ::core::option::Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    $($name::$variant(error) => ::std::error::Error::source(error),)+
                }
            }
        }
    };
}
