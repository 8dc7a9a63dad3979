//! The [`ApiError`] trait.

use crate::catalog::CatalogEntry;
use crate::log::Loggable;
use crate::model::parts::ErrorParts;
use crate::render;
use bytes::Bytes;
use http::{Response, StatusCode};
use std::borrow::Cow;

/// An error that knows its HTTP response: status, stable code, public message, and the
/// envelope its JSON body is written in.
///
/// Derive it with `#[derive(ApiError)]` (see the [crate docs](crate#attributes)), or implement
/// it by hand: [`status`](Self::status), [`code`](Self::code) and [`message`](Self::message)
/// are required, and everything else has a default that renders those three in the
/// [`Problem`](crate::envelope::Problem) envelope.
///
/// ```
/// use errcat::ApiError;
/// use errcat::http::StatusCode;
/// use std::borrow::Cow;
///
/// struct Teapot;
///
/// impl ApiError for Teapot {
///     fn status(&self) -> StatusCode {
///         StatusCode::IM_A_TEAPOT
///     }
///     fn code(&self) -> &'static str {
///         "TEAPOT"
///     }
///     fn message(&self) -> Cow<'static, str> {
///         Cow::Borrowed("this server brews tea only")
///     }
/// }
///
/// let response = Teapot.to_response();
/// assert_eq!(response.status(), 418);
/// assert_eq!(response.headers()["content-type"], "application/problem+json");
/// assert_eq!(
///     response.body(),
///     r#"{"type":"about:blank","title":"I'm a teapot","status":418,"detail":"this server brews tea only","code":"TEAPOT"}"#
/// );
/// ```
///
/// To choose another envelope, or add a field, headers or details, override
/// [`parts`](Self::parts) and build an [`ErrorParts`]; to document the error, override
/// [`catalog`](Self::catalog) with matching [`CatalogEntry`]s:
///
/// ```
/// use errcat::{ApiError, CatalogEntry};
/// use errcat::envelope::{ErrorField, ErrorParts};
/// use errcat::http::StatusCode;
/// use std::borrow::Cow;
///
/// struct Locked { until: &'static str }
///
/// impl ApiError for Locked {
///     fn status(&self) -> StatusCode { StatusCode::FORBIDDEN }
///     fn code(&self) -> &'static str { "ACCOUNT_LOCKED" }
///     fn message(&self) -> Cow<'static, str> {
///         format!("Account locked until {}", self.until).into()
///     }
///     fn parts(&self, visit: &mut dyn FnMut(&ErrorParts<'_>)) {
///         let message = self.message();
///         visit(&ErrorParts::new(self.status(), self.code(), &message).with_envelope::<ErrorField>());
///     }
///     fn catalog() -> Vec<CatalogEntry> {
///         vec![CatalogEntry::new("Locked", StatusCode::FORBIDDEN, "ACCOUNT_LOCKED", "Account locked until {until}")
///             .with_description("Too many failed logins lock the account for a while.")
///             .with_envelope::<ErrorField>()]
///     }
/// }
///
/// let response = Locked { until: "2025-10-23T15:30:00Z" }.to_response();
/// assert_eq!(response.body(), r#"{"error":"Account locked until 2025-10-23T15:30:00Z"}"#);
/// let example = Locked::catalog()[0].example().unwrap();
/// assert_eq!(example.body(), r#"{"error":"Account locked until {until}"}"#);
/// ```
///
/// With the `axum` feature, a hand implementation becomes a handler's error type with
/// `impl IntoResponse for T { fn into_response(self) -> Response { errcat::axum::into_response(&self) } }`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an errcat API error",
    label = "`{Self}` does not implement `errcat::ApiError`",
    note = "a type of your own gets it with `#[derive(errcat::ApiError)]` and a `#[status(...)]` on each variant; a type you do not own (`std::io::Error`, a library's error) cannot be `#[api_error(transparent)]`: give the variant its own `#[status(...)]` and mark the field `#[source]`"
)]
pub trait ApiError {
    /// The HTTP status of the response.
    fn status(&self) -> StatusCode;

    /// The stable, machine-readable code (`"NOT_FOUND"`).
    fn code(&self) -> &'static str;

    /// The public message, with placeholders interpolated.
    fn message(&self) -> Cow<'static, str>;

    /// Calls `visit` once with the envelope-independent parts of this error: what every
    /// envelope, header and catalog entry is made from.
    ///
    /// The default builds them from [`status`](Self::status), [`code`](Self::code) and
    /// [`message`](Self::message), in the [`Problem`](crate::envelope::Problem) envelope.
    fn parts(&self, visit: &mut dyn FnMut(&ErrorParts<'_>)) {
        let message = self.message();
        visit(&ErrorParts::new(self.status(), self.code(), &message));
    }

    /// The whole HTTP response: status, headers and body in this error's envelope.
    ///
    /// Inside a request scoped by [`RequestContext::scope`](crate::RequestContext::scope)
    /// (which `errcat::axum::ErrorContextLayer` does for every request), the body carries
    /// that request's id, path and time where the envelope has members for them.
    fn to_response(&self) -> Response<Bytes> {
        render::respond(|visit| self.parts(visit), &Loggable::Opaque)
    }

    /// The catalog entries of this type, in declaration order, with `transparent` variants
    /// replaced by their inner type's entries. Empty unless implemented.
    fn catalog() -> Vec<CatalogEntry>
    where
        Self: Sized,
    {
        Vec::new()
    }
}

/// `Infallible` answers with nothing: the error type of a handler that never fails.
#[diagnostic::do_not_recommend]
impl ApiError for std::convert::Infallible {
    fn status(&self) -> http::StatusCode {
        match *self {}
    }

    fn code(&self) -> &'static str {
        match *self {}
    }

    fn message(&self) -> std::borrow::Cow<'static, str> {
        match *self {}
    }
}
