//! [`ErrorParts`]: what an error says, before an envelope gives it a shape.

use crate::envelope::{HasVtable, Problem, Vtable};
use crate::row::{BodyCache, HeaderTemplate, Piece, Template, Variant};
use http::{HeaderName, HeaderValue, StatusCode};
use serde::Serialize;
use std::fmt::{self, Display};

/// The envelope-independent parts of one error: status, code, message, the request field it
/// points at, headers and `#[detail]` members.
///
/// [`Envelope`](crate::Envelope)s read these to write a body; derived types produce them
/// from their static table and fields without allocating. Hand implementations of
/// [`ApiError::parts`](crate::ApiError::parts) build one with [`ErrorParts::new`].
#[derive(Clone, Copy)]
pub struct ErrorParts<'a> {
    status: StatusCode,
    code: &'static str,
    message: Text<'a>,
    field: Option<Text<'a>>,
    headers: Headers<'a>,
    details: Details<'a>,
    body: Option<&'a dyn DetailValue>,
    envelope: &'static Vtable,
    cache: Option<&'static BodyCache>,
}

#[derive(Clone, Copy)]
enum Headers<'a> {
    Templates(&'static [HeaderTemplate], Args<'a>),
    Pairs(&'a [(HeaderName, HeaderValue)]),
}

#[derive(Clone, Copy)]
enum Details<'a> {
    Keyed(&'static [&'static str], &'a [&'a dyn DetailValue]),
    Pairs(&'a [(&'a str, &'a dyn DetailValue)]),
}

/// How placeholders are filled: with the variant's field values, or (in catalog examples)
/// with themselves, as written.
#[derive(Clone, Copy)]
pub(crate) enum Args<'a> {
    Values(&'a [&'a dyn Display]),
    Placeholders,
}

impl<'a> ErrorParts<'a> {
    /// Parts with a status, code and message, in the [`Problem`] envelope.
    ///
    /// ```
    /// use errcat::{ErrorParts, envelope::MessageField};
    /// use http::StatusCode;
    ///
    /// let parts = ErrorParts::new(StatusCode::NOT_FOUND, "NOT_FOUND", "Account not found")
    ///     .with_envelope::<MessageField>();
    /// assert_eq!(parts.to_response().body(), r#"{"message":"Account not found"}"#);
    /// ```
    pub fn new(status: StatusCode, code: &'static str, message: &'a str) -> Self {
        ErrorParts {
            status,
            code,
            message: Text::borrowed(message),
            field: None,
            headers: Headers::Pairs(&[]),
            details: Details::Pairs(&[]),
            body: None,
            envelope: &<Problem as HasVtable>::VTABLE,
            cache: None,
        }
    }

    /// Sets the request field the error points at (`"email"`, `"items[2].sku"`).
    #[must_use]
    pub fn with_field(mut self, field: &'a str) -> Self {
        self.field = Some(Text::borrowed(field));
        self
    }

    /// Sets extra response headers.
    #[must_use]
    pub fn with_headers(mut self, headers: &'a [(HeaderName, HeaderValue)]) -> Self {
        self.headers = Headers::Pairs(headers);
        self
    }

    /// Sets the extra body members, in order; any `Serialize` value works.
    ///
    /// ```
    /// use errcat::{DetailValue, ErrorParts};
    /// use http::StatusCode;
    ///
    /// let retry_after = 42_u64;
    /// let details: [(&str, &dyn DetailValue); 1] = [("retryAfter", &retry_after)];
    /// let parts = ErrorParts::new(StatusCode::TOO_MANY_REQUESTS, "RATE_LIMITED", "slow down")
    ///     .with_details(&details);
    /// assert!(parts.to_response().body().ends_with(br#""retryAfter":42}"#));
    /// ```
    #[must_use]
    pub fn with_details(mut self, details: &'a [(&'a str, &'a dyn DetailValue)]) -> Self {
        self.details = Details::Pairs(details);
        self
    }

    /// Makes `body`'s JSON the whole response body, outside any envelope.
    #[must_use]
    pub fn with_body(mut self, body: &'a dyn DetailValue) -> Self {
        self.body = Some(body);
        self
    }

    /// Renders these parts in envelope `E`.
    #[must_use]
    pub fn with_envelope<E: crate::Envelope>(self) -> Self {
        self.with_vtable(&<E as HasVtable>::VTABLE)
    }

    pub(crate) fn with_vtable(mut self, envelope: &'static Vtable) -> Self {
        self.envelope = envelope;
        self
    }

    /// Parts of a derived variant: its row and borrowed field values.
    pub(crate) fn from_row(
        row: &'static Variant,
        args: Args<'a>,
        details: &'a [&'a dyn DetailValue],
        body: Option<&'a dyn DetailValue>,
    ) -> Self {
        let status = StatusCode::from_u16(row.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let message = match &row.message {
            Some(template) => Text::template(template, args),
            None => Text::fixed(reason_phrase(status)),
        };
        ErrorParts {
            status,
            code: row.code,
            message,
            field: row
                .field
                .as_ref()
                .map(|template| Text::template(template, args)),
            headers: Headers::Templates(row.headers, args),
            details: Details::Keyed(row.details, details),
            body,
            envelope: row.envelope,
            cache: Some(&row.cache),
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The canonical reason phrase of the status (`"Conflict"`), or `"Client Error"` /
    /// `"Server Error"` for a status with none registered.
    pub fn reason(&self) -> &'static str {
        reason_phrase(self.status)
    }

    /// The stable code.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// The public message.
    pub fn message(&self) -> Text<'_> {
        self.message
    }

    /// The request field the error points at, if any.
    pub fn field(&self) -> Option<Text<'_>> {
        self.field
    }

    /// The `#[detail]` members as `(key, value)`, in field order.
    pub fn details(&self) -> impl Iterator<Item = (&str, &dyn DetailValue)> + '_ {
        let (keyed, pairs) = match self.details {
            Details::Keyed(keys, values) => (Some(keys.iter().zip(values)), None),
            Details::Pairs(pairs) => (None, Some(pairs.iter())),
        };
        let keyed = keyed
            .into_iter()
            .flatten()
            .map(|(key, value)| (*key, *value));
        let pairs = pairs
            .into_iter()
            .flatten()
            .map(|(key, value)| (*key, *value));
        keyed.chain(pairs)
    }

    pub(crate) fn has_details(&self) -> bool {
        match self.details {
            Details::Keyed(keys, _) => !keys.is_empty(),
            Details::Pairs(pairs) => !pairs.is_empty(),
        }
    }

    pub(crate) fn raw_body(&self) -> Option<&dyn DetailValue> {
        self.body
    }

    pub(crate) fn envelope(&self) -> &'static Vtable {
        self.envelope
    }

    /// The cache for this body, when nothing in it depends on field values.
    pub(crate) fn static_cache(&self) -> Option<&'static BodyCache> {
        let cache = self.cache?;
        let fixed = self.message.as_str().is_some()
            && self.field.is_none_or(|field| field.as_str().is_some())
            && !self.has_details()
            && self.body.is_none();
        fixed.then_some(cache)
    }

    /// Calls `f` with each header's name and rendered value, in order.
    pub(crate) fn for_each_header(&self, mut f: impl FnMut(HeaderName, HeaderValueSource<'_>)) {
        match self.headers {
            Headers::Templates(templates, args) => {
                for header in templates {
                    // The derive emits only lowercase, valid names.
                    let name = HeaderName::from_static(header.lower);
                    let value = match header.value.as_static() {
                        Some(text) => HeaderValueSource::Static(text),
                        None => HeaderValueSource::Text(Text::template(&header.value, args)),
                    };
                    f(name, value);
                }
            }
            Headers::Pairs(pairs) => {
                for (name, value) in pairs {
                    f(name.clone(), HeaderValueSource::Value(value));
                }
            }
        }
    }

    /// Renders these parts as a response, in the request context current on this thread.
    pub fn to_response(&self) -> http::Response<bytes::Bytes> {
        crate::context::with_current(|request| {
            crate::response::render(self, &crate::Context::new(request))
        })
    }
}

/// A header value still to be rendered.
pub(crate) enum HeaderValueSource<'a> {
    Static(&'static str),
    Text(Text<'a>),
    Value(&'a HeaderValue),
}

/// Text of an error (its message, or its field), possibly with interpolated values still to
/// be written. Displays as the final text; [`as_str`](Text::as_str) gives it without
/// formatting when it is fixed.
#[derive(Clone, Copy)]
pub struct Text<'a> {
    repr: TextRepr<'a>,
}

#[derive(Clone, Copy)]
enum TextRepr<'a> {
    Static(&'static str),
    Str(&'a str),
    Template(&'static [Piece], Args<'a>),
}

impl<'a> Text<'a> {
    /// Fixed text.
    pub const fn borrowed(text: &'a str) -> Self {
        Text {
            repr: TextRepr::Str(text),
        }
    }

    pub(crate) const fn fixed(text: &'static str) -> Self {
        Text {
            repr: TextRepr::Static(text),
        }
    }

    pub(crate) fn template(template: &Template, args: Args<'a>) -> Self {
        match template.as_static() {
            Some(text) => Text::fixed(text),
            None => Text {
                repr: TextRepr::Template(template.pieces, args),
            },
        }
    }

    /// The text, when it needs no formatting.
    pub fn as_str(&self) -> Option<&'a str> {
        match self.repr {
            TextRepr::Static(text) | TextRepr::Str(text) => Some(text),
            TextRepr::Template(..) => None,
        }
    }

    /// The text, when it is fixed for the life of the program.
    pub(crate) fn as_static(&self) -> Option<&'static str> {
        match self.repr {
            TextRepr::Static(text) => Some(text),
            TextRepr::Str(_) | TextRepr::Template(..) => None,
        }
    }
}

impl Display for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.repr {
            TextRepr::Static(text) | TextRepr::Str(text) => f.write_str(text),
            TextRepr::Template(pieces, args) => {
                for piece in pieces {
                    match (*piece, args) {
                        (Piece::Text(text), _) => f.write_str(text)?,
                        (Piece::Field(index, _), Args::Values(values)) => {
                            if let Some(value) = values.get(index) {
                                Display::fmt(value, f)?;
                            }
                        }
                        (Piece::Field(_, written), Args::Placeholders) => {
                            f.write_str("{")?;
                            f.write_str(written)?;
                            f.write_str("}")?;
                        }
                    }
                }
                Ok(())
            }
        }
    }
}

impl fmt::Debug for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.to_string(), f)
    }
}

/// A value that can be a member of an error body: anything `serde::Serialize`.
///
/// It is the object-safe face of `Serialize` that `#[detail]` fields,
/// `#[api_error(body)]` fields and [`ErrorParts::with_details`] hand to envelopes.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be written into an error body",
    label = "`{Self}` does not implement `serde::Serialize`",
    note = "a #[detail] or #[api_error(body)] field must implement serde::Serialize"
)]
pub trait DetailValue {
    /// Appends this value's JSON to `out`; on error `out` may hold a partial value.
    #[doc(hidden)]
    fn write_json(&self, out: &mut Vec<u8>) -> serde_json::Result<()>;
}

impl<T: Serialize + ?Sized> DetailValue for T {
    fn write_json(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        serde_json::to_writer(out, self)
    }
}

/// The canonical reason phrase of `status` (`"Conflict"`), or `"Client Error"` /
/// `"Server Error"` when none is registered.
///
/// ```
/// use http::StatusCode;
/// assert_eq!(errcat::reason_phrase(StatusCode::CONFLICT), "Conflict");
/// assert_eq!(errcat::reason_phrase(StatusCode::from_u16(499).unwrap()), "Client Error");
/// assert_eq!(errcat::reason_phrase(StatusCode::from_u16(599).unwrap()), "Server Error");
/// ```
pub fn reason_phrase(status: StatusCode) -> &'static str {
    status
        .canonical_reason()
        .unwrap_or(if status.is_server_error() {
            "Server Error"
        } else {
            "Client Error"
        })
}
