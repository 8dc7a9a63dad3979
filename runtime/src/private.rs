//! Not public API: what the derive's expansion calls. Unversioned; only the exact
//! `errcat-macros` version this crate pins may use it.

pub use crate::envelope::{HasVtable, Vtable};
pub use crate::log::Loggable;
pub use crate::parts::{Arg, Fast};
pub use crate::row::{BodyCache, HeaderTemplate, Piece, Template, Variant};
pub use bytes::Bytes;
pub use http::{Response, StatusCode};
pub use serde::Serialize;
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

use crate::parts::Args;
use crate::{ApiError, CatalogEntry, DetailValue, ErrorParts};
use std::fmt::Debug;

/// The parts of a derived variant: its row and its borrowed fields.
pub fn parts<'a>(
    row: &'static Variant,
    args: &'a [Arg<'a>],
    details: &'a [&'a dyn DetailValue],
    body: Option<&'a dyn DetailValue>,
) -> ErrorParts<'a> {
    ErrorParts::from_row(row, Args::Values(args), details, body)
}

/// A transparent variant: the inner error's parts, in the outer variant's envelope.
pub fn transparent<E: ApiError + ?Sized>(
    inner: &E,
    row: &'static Variant,
    visit: &mut dyn FnMut(&ErrorParts<'_>),
) {
    inner.parts(&mut |parts| visit(&parts.with_vtable(row.envelope)));
}

/// `ApiError::status` from `parts`.
pub fn status_of<E: ApiError + ?Sized>(error: &E) -> StatusCode {
    let mut status = StatusCode::INTERNAL_SERVER_ERROR;
    error.parts(&mut |parts| status = parts.status());
    status
}

/// `ApiError::code` from `parts`.
pub fn code_of<E: ApiError + ?Sized>(error: &E) -> &'static str {
    let mut code = "INTERNAL_SERVER_ERROR";
    error.parts(&mut |parts| code = parts.code());
    code
}

/// `ApiError::message` from `parts`: borrowed when fixed, formatted otherwise.
pub fn message_of<E: ApiError + ?Sized>(error: &E) -> Cow<'static, str> {
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

/// `ApiError::to_response` of a derived type, or its framework response (`B` is the
/// framework's body type).
pub fn respond<E, B>(error: &E, source: Loggable<'_>) -> Response<B>
where
    E: ApiError + ?Sized,
    B: From<Bytes> + Default,
{
    crate::response::respond(error, source)
}

/// A transparent row's index, and its inner type's `ApiError::catalog`.
pub type Nested = (usize, fn() -> Vec<CatalogEntry>);

/// `ApiError::catalog` of a derived type: its rows, with transparent rows replaced by the
/// entries of their inner type.
pub fn catalog(rows: &'static [Variant], nested: &[Nested]) -> Vec<CatalogEntry> {
    let mut entries = Vec::with_capacity(rows.len());
    for (index, row) in rows.iter().enumerate() {
        match nested.iter().find(|(at, _)| *at == index) {
            Some((_, inner)) => entries.extend(
                inner()
                    .into_iter()
                    .map(|entry| entry.in_envelope(row.envelope)),
            ),
            None => entries.push(CatalogEntry::from_row(row)),
        }
    }
    entries
}

/// Types whose `Display` writes exactly their string.
pub trait StrLike {
    /// The string.
    fn as_str_like(&self) -> &str;
}

macro_rules! str_like {
    ($($ty:ty),*) => {$(
        impl StrLike for $ty {
            fn as_str_like(&self) -> &str {
                self
            }
        }
    )*};
}
str_like!(
    str,
    String,
    Box<str>,
    std::sync::Arc<str>,
    std::rc::Rc<str>,
    Cow<'_, str>
);

impl<T: StrLike + ?Sized> StrLike for &T {
    fn as_str_like(&self) -> &str {
        (**self).as_str_like()
    }
}

/// Integers, whose `Display` is their decimal digits.
pub trait IntLike {
    /// The integer.
    fn fast(&self) -> Fast<'static>;
}

macro_rules! int_like {
    ($variant:ident, $wide:ty: $($ty:ty),*) => {$(
        impl IntLike for $ty {
            fn fast(&self) -> Fast<'static> {
                Fast::$variant(<$wide>::from(*self))
            }
        }
    )*};
}
int_like!(Unsigned, u64: u8, u16, u32, u64);
int_like!(Signed, i64: i8, i16, i32, i64);

/// Picked for strings: written without the formatting machinery.
pub trait FastStr<'a> {
    /// The string.
    fn __errcat_fast(&self) -> Fast<'a>;
}

impl<'a, T: StrLike + ?Sized> FastStr<'a> for &&Probe<'a, T> {
    fn __errcat_fast(&self) -> Fast<'a> {
        Fast::Str(self.0.as_str_like())
    }
}

/// Picked for integers.
pub trait FastInt<'a> {
    /// The integer.
    fn __errcat_fast(&self) -> Fast<'a>;
}

impl<'a, T: IntLike + ?Sized> FastInt<'a> for &&Probe<'a, T> {
    fn __errcat_fast(&self) -> Fast<'a> {
        self.0.fast()
    }
}

/// Picked otherwise: the value is written through its `Display`.
pub trait FastNone<'a> {
    /// Nothing faster is known.
    fn __errcat_fast(&self) -> Fast<'a>;
}

impl<'a, T: ?Sized> FastNone<'a> for &Probe<'a, T> {
    fn __errcat_fast(&self) -> Fast<'a> {
        Fast::None
    }
}

/// Wraps `self` so method resolution picks the most informative [`Loggable`]:
/// `std::error::Error`, else `Debug`, else nothing (autoref specialization).
pub struct Probe<'a, T: ?Sized>(pub &'a T);

/// Picked when the type implements `std::error::Error`.
pub trait ProbeError {
    /// The error, with its source chain.
    fn __errcat_loggable(&self) -> Loggable<'_>;
}

impl<T: std::error::Error> ProbeError for &&Probe<'_, T> {
    fn __errcat_loggable(&self) -> Loggable<'_> {
        Loggable::Error(self.0)
    }
}

/// Picked when the type implements `Debug` only.
pub trait ProbeDebug {
    /// The error's Debug output.
    fn __errcat_loggable(&self) -> Loggable<'_>;
}

impl<T: Debug> ProbeDebug for &Probe<'_, T> {
    fn __errcat_loggable(&self) -> Loggable<'_> {
        Loggable::Debug(self.0)
    }
}

/// Picked otherwise.
pub trait ProbeOpaque {
    /// Nothing to log but status, code and message.
    fn __errcat_loggable(&self) -> Loggable<'_>;
}

impl<T: ?Sized> ProbeOpaque for Probe<'_, T> {
    fn __errcat_loggable(&self) -> Loggable<'_> {
        Loggable::Opaque
    }
}

/// Fails compilation, with `message`, when a `#[detail]` key is one of the envelope's own
/// members.
pub const fn assert_not_member(members: &[&str], key: &str, message: &str) {
    let mut i = 0;
    while i < members.len() {
        if str_eq(members[i], key) {
            panic!("{}", message);
        }
        i += 1;
    }
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
