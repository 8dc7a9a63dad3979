//! Not public API: what the derive's expansion calls. Unversioned; only the exact
//! `errcat-macros` version this crate pins may use it.

pub use crate::log::Loggable;
pub use crate::model::parts::Vtable;
pub use crate::model::table::Table;
pub use bytes::Bytes;
pub use http::{Response, StatusCode};
pub use std::borrow::Cow;
pub use std::vec::Vec;

#[cfg(feature = "actix-web")]
pub use crate::actix::{actix_response, actix_status};
#[cfg(feature = "utoipa")]
pub use crate::utoipa::utoipa_responses;
#[cfg(feature = "actix-web")]
pub use actix_web;
#[cfg(feature = "axum")]
pub use axum_core;
#[cfg(feature = "utoipa")]
pub use std::collections::BTreeMap;
#[cfg(feature = "utoipa")]
pub use std::string::String;
#[cfg(feature = "utoipa")]
pub use utoipa;

use crate::envelope::{DetailValue, Envelope, ErrorParts};
use crate::model::text::Args;
use crate::{ApiError, CatalogEntry};
use std::fmt::{Debug, Display};

pub use crate::envelope::checks::is_header_value;
pub use crate::model::text::absent_arg;

/// The vtable of envelope `E`; see `__private_vtable!`.
pub const fn vtable<E: Envelope>() -> &'static Vtable {
    crate::envelope::vtable::<E>()
}

// The functions below take `&dyn ApiError`, not a generic: a generic would be instantiated
// for every derived type in the user's crate, and the optimizer would inline the type's whole
// `parts` match (and the renderer with it) into each instantiation, which made release builds
// of large enums several times slower.

/// The visitor of a transparent variant (row `index` of `table`): the inner error's parts,
/// in the outer variant's envelope, documented on the outer type's page when the inner type
/// names none.
pub fn in_envelope<'v>(
    table: &'static Table,
    index: usize,
    visit: &'v mut dyn FnMut(&ErrorParts<'_>),
) -> impl FnMut(&ErrorParts<'_>) + 'v {
    let (envelope, links) = table.transparent(index);
    move |parts| visit(&parts.with_vtable(envelope).with_links(links))
}

/// `ApiError::status` from `parts`.
pub fn status_of(error: &dyn ApiError) -> StatusCode {
    let mut status = StatusCode::INTERNAL_SERVER_ERROR;
    error.parts(&mut |parts| status = parts.status());
    status
}

/// `ApiError::code` from `parts`.
pub fn code_of(error: &dyn ApiError) -> &'static str {
    let mut code = "INTERNAL_SERVER_ERROR";
    error.parts(&mut |parts| code = parts.code());
    code
}

/// `ApiError::message` from `parts`: borrowed when fixed, formatted otherwise.
pub fn message_of(error: &dyn ApiError) -> Cow<'static, str> {
    let mut message = Cow::Borrowed("Internal Server Error");
    error.parts(&mut |parts| {
        let text = parts.message();
        message = match text.as_static() {
            Some(text) => Cow::Borrowed(text),
            None => Cow::Owned(text.to_string()),
        };
    });
    message
}

// Not generic, so each is compiled once here rather than in every user crate.

/// `ApiError::to_response` of a derived type.
pub fn respond(error: &dyn ApiError, source: Loggable<'_>) -> Response<Bytes> {
    crate::render::respond(|visit| error.parts(visit), &source)
}

/// `IntoResponse::into_response` of a derived type.
#[cfg(feature = "axum")]
pub fn respond_axum(error: &dyn ApiError, source: Loggable<'_>) -> axum_core::response::Response {
    crate::render::respond(|visit| error.parts(visit), &source)
}

/// Calls `visit` with the parts of a derived variant: row `index` of `table`, and its
/// borrowed fields. Out of line, so each match arm of the derive is one call.
#[inline(never)]
pub fn visit<'a>(
    visit: &mut dyn FnMut(&ErrorParts<'_>),
    table: &'static Table,
    index: usize,
    args: &'a [&'a dyn Display],
    details: &'a [&'a dyn DetailValue],
    body: Option<&'a dyn DetailValue>,
    violations: Option<&'a crate::Violations>,
) {
    let (row, envelope) = table.variant(index);
    visit(
        &ErrorParts::from_row(row, envelope, Args::Values(args), details)
            .with_fields(body, violations),
    );
}

pub use crate::catalog::Nested;
#[cfg(feature = "utoipa")]
pub use crate::catalog::types::DocUtoipa;
pub use crate::catalog::types::{
    DetailDoc, DocKnown, DocUnknown, TypeDoc, TypeProbe, VariantDocs, example,
};

/// `ApiError::catalog` of a derived type: its rows, with transparent rows replaced by the
/// entries of their inner type.
pub fn catalog(
    table: &'static Table,
    nested: &[Nested],
    docs: &[VariantDocs<'_>],
) -> Vec<CatalogEntry> {
    crate::catalog::entries(table, nested, docs)
}

/// Wraps `self` so method resolution picks the most informative [`Loggable`]:
/// `std::error::Error`, else `Debug`, else nothing (autoref specialization).
pub struct Probe<'a, T: ?Sized>(pub &'a T);

/// Picked when the type implements `std::error::Error`.
pub trait ProbeError<'a> {
    /// The error, with its source chain.
    fn __errcat_loggable(&self) -> Loggable<'a>;
}

impl<'a, T: std::error::Error> ProbeError<'a> for &&Probe<'a, T> {
    fn __errcat_loggable(&self) -> Loggable<'a> {
        Loggable::Error(self.0)
    }
}

/// Picked when the type implements `Debug` only.
pub trait ProbeDebug<'a> {
    /// The error's Debug output.
    fn __errcat_loggable(&self) -> Loggable<'a>;
}

impl<'a, T: Debug> ProbeDebug<'a> for &Probe<'a, T> {
    fn __errcat_loggable(&self) -> Loggable<'a> {
        Loggable::Debug(self.0)
    }
}

/// Picked otherwise.
pub trait ProbeOpaque<'a> {
    /// Nothing to log but status, code and message.
    fn __errcat_loggable(&self) -> Loggable<'a>;
}

impl<'a, T: ?Sized> ProbeOpaque<'a> for Probe<'a, T> {
    fn __errcat_loggable(&self) -> Loggable<'a> {
        Loggable::Opaque
    }
}

/// A member of an `error_set!`, whose Display and source the set passes through: an
/// `std::error::Error`'s own, else (any other `ApiError`) its public message and no source.
pub struct SetMember<'a, T: ?Sized>(pub &'a T);

/// Picked when the member implements `std::error::Error`.
pub trait SetMemberError<'a> {
    /// Writes the member's Display.
    fn __errcat_fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result;
    /// The member's source.
    fn __errcat_source(&self) -> Option<&'a (dyn std::error::Error + 'static)>;
}

impl<'a, T: std::error::Error> SetMemberError<'a> for &&SetMember<'a, T> {
    fn __errcat_fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self.0, f)
    }

    fn __errcat_source(&self) -> Option<&'a (dyn std::error::Error + 'static)> {
        self.0.source()
    }
}

/// Picked for any other `ApiError`.
pub trait SetMemberApi<'a> {
    /// Writes the member's public message.
    fn __errcat_fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result;
    /// No source.
    fn __errcat_source(&self) -> Option<&'a (dyn std::error::Error + 'static)>;
}

impl<'a, T: ApiError + ?Sized> SetMemberApi<'a> for &SetMember<'a, T> {
    fn __errcat_fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.message())
    }

    fn __errcat_source(&self) -> Option<&'a (dyn std::error::Error + 'static)> {
        None
    }
}

/// Whether `key` is one of `members`: a `#[detail]` key that is one of its envelope's own
/// members fails compilation.
pub const fn is_member(members: &[&str], key: &str) -> bool {
    let mut i = 0;
    while i < members.len() {
        if str_eq(members[i], key) {
            return true;
        }
        i += 1;
    }
    false
}

const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}
