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

#[cfg(any(feature = "tower", feature = "actix-web"))]
mod answer;
mod api_error;
pub mod catalog;
pub mod envelope;
mod error_set;
mod json;
mod log;
mod model;
#[cfg(any(feature = "tower", feature = "actix-web"))]
mod rejection;
mod render;
mod request;
#[cfg(any(feature = "tower", feature = "actix-web"))]
mod scope;
mod serde_names;
mod validation;
mod violations;

#[cfg(feature = "actix-web")]
pub mod actix;
#[cfg(feature = "axum")]
pub mod axum;
#[cfg(feature = "tower")]
pub mod tower;
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
