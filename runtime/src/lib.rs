//! One derive for an HTTP API's errors: `#[derive(ApiError)]` on a service's error enum gives
//! its HTTP responses (status, headers, JSON body in the envelope the API has chosen) and its
//! error catalog, from the same source, with every mistake a compile error.
//!
//! ```
//! use errcat::ApiError;
//!
//! #[derive(Debug, thiserror::Error, ApiError)]
//! pub enum BundleError {
//!     /// No bundle with this id exists in the caller's tenant.
//!     #[error("bundle {id} not found")]
//!     #[status(404)]
//!     #[message("bundle not found")]
//!     NotFound { id: String },
//!
//!     #[error("rate limited")]
//!     #[status(429)]
//!     #[code("RATE_LIMITED")]
//!     #[message("Rate limit exceeded. Try again in {retry_after} seconds.")]
//!     #[header("Retry-After", "{retry_after}")]
//!     RateLimited { #[detail] retry_after: u64 },
//!
//!     #[error("database")]
//!     #[status(500)]
//!     #[message("internal server error")]
//!     Database(#[source] std::io::Error),
//! }
//!
//! let response = BundleError::RateLimited { retry_after: 42 }.to_response();
//! assert_eq!(response.status(), 429);
//! assert_eq!(response.headers()["content-type"], "application/problem+json");
//! assert_eq!(response.headers()["retry-after"], "42");
//! assert_eq!(
//!     response.body(),
//!     r#"{"type":"about:blank","title":"Too Many Requests","status":429,"detail":"Rate limit exceeded. Try again in 42 seconds.","code":"RATE_LIMITED","retryAfter":42}"#
//! );
//!
//! // Private data (the id, the io::Error) never reaches the body.
//! let response = BundleError::NotFound { id: "secret-42".into() }.to_response();
//! assert_eq!(
//!     response.body(),
//!     r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"bundle not found","code":"NOT_FOUND"}"#
//! );
//! ```
//!
//! # Attributes
//!
//! | where | attribute | meaning | when absent |
//! | --- | --- | --- | --- |
//! | type | `#[api_error(envelope = PATH)]` | the [envelope] type | [`envelope::Problem`] |
//! | type | `#[api_error(rename_all = "...")]` | how a code derives from a variant name; serde's case names | `"SCREAMING_SNAKE_CASE"` |
//! | type | `#[api_error(status = N)]` | status of variants that name none | every variant must name one |
//! | variant, or a struct | `#[status(N)]` | HTTP status, an integer literal in 400..=599 | the type's default, else a compile error |
//! | variant, or a struct | `#[code("...")]` | stable machine-readable code | variant name in `rename_all` case (`NotFound` -> `NOT_FOUND`) |
//! | variant, or a struct | `#[message("...")]` | the public message; `{name}` / `{0}` interpolate fields with Display, `{{` `}}` escape | the status's canonical reason phrase |
//! | variant, or a struct | `#[header("Name", "template")]` | an extra response header, repeatable; same template rules | none |
//! | variant, or a struct | `#[field("template")]` | the request field the error points at | none |
//! | field | `#[detail]`, `#[detail(rename = "key")]` | the field's value (serde `Serialize`) becomes an extra member of the body; key is the camelCase field name | none |
//! | variant | `#[api_error(envelope = PATH)]` | this variant's envelope, overriding the type's | the type's envelope |
//! | field | `#[api_error(body)]` | the field's serde value is the whole body, outside any envelope | |
//! | field | `#[api_error(violations)]` | a [`Violations`] field: the request's invalid fields, each envelope listing them in its own place | |
//! | variant | `#[api_error(transparent)]` | a one-field variant whose type implements `ApiError`: everything delegates to it, in the outer type's envelope | |
//!
//! A field that is neither interpolated nor `#[detail]` never reaches the body or a header,
//! and a source error (`#[source]`, `#[from]`, a field named `source`) can be neither: the
//! derive refuses to send a cause's text to clients. A `#[detail]` that serializes as `null`
//! is left out. thiserror's `#[error]`, `#[source]` and `#[from]` sit beside these untouched.
//! Every mistake is a compile error on the offending token that says what to write instead.
//!
//! # Request context
//!
//! Inside a request scoped by `errcat::axum::ErrorContextLayer` (feature `axum`, added last so
//! it is outermost) or `errcat::actix::ErrorContext` (feature `actix-web`), error bodies carry
//! the request's id, path and time: [`envelope::Problem`] fills `instance` and `requestId`,
//! [`envelope::Wrapped`] `meta.requestId`, [`envelope::Spring`] `path`. Outside one, those
//! members are left out. [`RequestContext`] does the same by hand, for tests or other stacks.
//!
//! # Field errors and rejections
//!
//! [`Violations`] lists a request's invalid fields ([`FieldViolation`]: path, code, message,
//! [`Location`]); a variant holds one with `#[api_error(violations)]` and each envelope lists
//! it in its own place ([`envelope::Problem`] as an `errors` array of JSON pointers,
//! [`envelope::Spring`] as `validationErrors`, ...). `validator::ValidationErrors` (feature
//! `validator`) and `garde::Report` (feature `garde`) convert into it.
//!
//! ```
//! use errcat::{ApiError, FieldViolation, Violations};
//!
//! #[derive(Debug, ApiError)]
//! #[api_error(envelope = errcat::envelope::MessageField)]
//! enum UserError {
//!     #[status(400)]
//!     #[message("Validation failed")]
//!     Invalid {
//!         #[api_error(violations)]
//!         violations: Violations,
//!     },
//! }
//!
//! let violations = Violations::from(FieldViolation::new("fullName", "length", "is too short"));
//! let response = UserError::Invalid { violations }.to_response();
//! assert_eq!(
//!     response.body(),
//!     r#"{"message":"Validation failed","errors":{"fullName":"is too short"}}"#
//! );
//! ```
//!
//! With the `axum` feature, `errcat::axum::{Json, Query, Form, Path}` (and `Valid<X>`,
//! `Garde<X>` to validate) answer malformed, mistyped or invalid requests with
//! `errcat::axum::Rejection`, an API error in the service's envelope naming each bad field,
//! instead of axum's plain-text rejections.
//!
//! # Catalog
//!
//! The same enums document themselves: [`ApiError::catalog`] lists a type's entries, and
//! [`Catalog`] renders several types as Markdown and as an OpenAPI 3.1 document whose examples
//! come from the same renderer as real responses; [`catalog::assert_fresh`] keeps committed
//! copies in step. See the [`catalog`] module.
//!
//! # Features
//!
//! - `axum`: every derived type implements `axum::response::IntoResponse`;
//!   `errcat::axum::ErrorContextLayer`; the extractors `Json`, `Query`, `Form`, `Path`;
//!   `errcat::axum::into_response` for hand implementations.
//! - `actix-web`: every derived type implements `actix_web::ResponseError` (which needs
//!   `Display` and `Debug`); `errcat::actix::ErrorContext`.
//! - `utoipa`: every derived type implements `utoipa::IntoResponses`, so
//!   `#[utoipa::path(..., responses(BundleError))]` lists each status with its examples.
//! - `validator`: `From<validator::ValidationErrors>` for [`Violations`]; with `axum`,
//!   `errcat::axum::Valid`.
//! - `garde`: `From<garde::Report>` for [`Violations`]; with `axum`, `errcat::axum::Garde`.
//! - `tracing`: error responses are logged, 5xx at ERROR with the error's `Display` and
//!   `source()` chain, 4xx at DEBUG; bodies never carry them.
//!
//! Without any feature, [`ApiError::to_response`] serves hyper, tower or any `http`-based
//! stack.
//!
//! # Performance
//!
//! A fixed body is rendered once per variant and reused; any other body is compiled once per
//! variant into pre-escaped bytes with holes for field values and request data. The
//! repository's `BENCHMARKS.md` measures responses against a hand-built `http::Response` and
//! against `(StatusCode, Json(json!(..)))`.

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

/// Derives [`ApiError`](trait@ApiError); see the [crate docs](crate) for its attributes.
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
