//! [`ErrorParts`]: what an error says, before an envelope gives it a shape.

use crate::envelope::{HasVtable, Problem, Vtable};
use crate::row::{BodyCache, Piece, Template, Variant};
use crate::violations::Violations;
use http::{HeaderName, HeaderValue, StatusCode};
use serde::Serialize;
use std::fmt::{self, Display};

/// The envelope-independent parts of one error: status, code, message, the request field it
/// points at, headers and `#[detail]` members.
///
/// [`Envelope`](crate::Envelope)s read these to write a body; derived types produce them
/// from their static table and borrowed fields without allocating. Hand implementations of
/// [`ApiError::parts`](crate::ApiError::parts) build one with [`ErrorParts::new`].
#[derive(Clone, Copy)]
pub struct ErrorParts<'a> {
    source: Source<'a>,
    body: Option<&'a dyn DetailValue>,
    violations: Option<&'a Violations>,
    envelope: &'static Vtable,
}

/// Where the parts come from: a derived variant's static row and its fields (read lazily,
/// so building parts costs almost nothing), or values a hand implementation gave.
#[derive(Clone, Copy)]
enum Source<'a> {
    Row {
        row: &'static Variant,
        args: Args<'a>,
        details: &'a [&'a dyn DetailValue],
    },
    Hand(Hand<'a>),
}

/// Parts given by a hand implementation.
#[derive(Clone, Copy)]
struct Hand<'a> {
    status: StatusCode,
    code: &'static str,
    message: Text<'a>,
    field: Option<Text<'a>>,
    headers: &'a [(HeaderName, HeaderValue)],
    details: &'a [(&'a str, &'a dyn DetailValue)],
}

/// One interpolated field.
pub(crate) type Arg<'a> = &'a dyn Display;

/// How placeholders are filled: with the variant's field values, or (in catalog examples)
/// with themselves, as written.
#[derive(Clone, Copy)]
pub(crate) enum Args<'a> {
    Values(&'a [Arg<'a>]),
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
            source: Source::Hand(Hand {
                status,
                code,
                message: Text::borrowed(message),
                field: None,
                headers: &[],
                details: &[],
            }),
            body: None,
            violations: None,
            envelope: &<Problem as HasVtable>::VTABLE,
        }
    }

    /// These parts with the hand-given values `change` makes; a derived variant's parts
    /// become hand-given ones (its headers and details are then replaced, not merged).
    fn with_hand(mut self, change: impl FnOnce(&mut Hand<'a>)) -> Self {
        let mut hand = match self.source {
            Source::Hand(hand) => hand,
            Source::Row { .. } => Hand {
                status: self.status(),
                code: self.code(),
                message: self.message(),
                field: self.field(),
                headers: &[],
                details: &[],
            },
        };
        change(&mut hand);
        self.source = Source::Hand(hand);
        self
    }

    /// Sets the request field the error points at (`"email"`, `"items[2].sku"`).
    #[must_use]
    pub fn with_field(self, field: &'a str) -> Self {
        self.with_hand(|hand| hand.field = Some(Text::borrowed(field)))
    }

    /// Sets extra response headers.
    #[must_use]
    pub fn with_headers(self, headers: &'a [(HeaderName, HeaderValue)]) -> Self {
        self.with_hand(|hand| hand.headers = headers)
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
    pub fn with_details(self, details: &'a [(&'a str, &'a dyn DetailValue)]) -> Self {
        self.with_hand(|hand| hand.details = details)
    }

    /// Sets the invalid fields of the request, which every envelope renders in its own place
    /// (`errors`, `validationErrors`).
    ///
    /// ```
    /// use errcat::{ErrorParts, FieldViolation, Violations};
    /// use errcat::envelope::MessageField;
    /// use http::StatusCode;
    ///
    /// let violations = Violations::from(FieldViolation::new("email", "taken", "Email already registered"));
    /// let parts = ErrorParts::new(StatusCode::BAD_REQUEST, "DUPLICATE_EMAIL", "User with email 'john@example.com' already exists")
    ///     .with_violations(&violations)
    ///     .with_envelope::<MessageField>();
    /// assert_eq!(
    ///     parts.to_response().body(),
    ///     r#"{"message":"User with email 'john@example.com' already exists","errors":{"email":"Email already registered"}}"#
    /// );
    /// ```
    #[must_use]
    pub fn with_violations(mut self, violations: &'a Violations) -> Self {
        self.violations = Some(violations);
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
        violations: Option<&'a Violations>,
    ) -> Self {
        ErrorParts {
            source: Source::Row { row, args, details },
            body,
            violations,
            envelope: row.envelope,
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self.source {
            // The derive checked the status is in 400..=599.
            Source::Row { row, .. } => {
                StatusCode::from_u16(row.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
            }
            Source::Hand(hand) => hand.status,
        }
    }

    /// The canonical reason phrase of the status (`"Conflict"`), or `"Client Error"` /
    /// `"Server Error"` for a status with none registered.
    pub fn reason(&self) -> &'static str {
        reason_phrase(self.status())
    }

    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self.source {
            Source::Row { row, .. } => row.code,
            Source::Hand(hand) => hand.code,
        }
    }

    /// The public message.
    pub fn message(&self) -> Text<'a> {
        match self.source {
            Source::Row { row, args, .. } => match &row.message {
                Some(template) => Text::template(template, args),
                None => Text::fixed(reason_phrase(self.status())),
            },
            Source::Hand(hand) => hand.message,
        }
    }

    /// The request field the error points at, if any.
    pub fn field(&self) -> Option<Text<'a>> {
        match self.source {
            Source::Row { row, args, .. } => row
                .field
                .as_ref()
                .map(|template| Text::template(template, args)),
            Source::Hand(hand) => hand.field,
        }
    }

    /// The `#[detail]` members as `(key, value)`, in field order.
    pub fn details(&self) -> impl Iterator<Item = (&'a str, &'a dyn DetailValue)> + 'a {
        let (keyed, pairs) = match self.source {
            Source::Row { row, details, .. } => (Some(row.details.iter().zip(details)), None),
            Source::Hand(hand) => (None, Some(hand.details.iter())),
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

    /// The keys of the details, also when their values are not at hand (compiling).
    pub(crate) fn detail_keys(&self) -> &'a [&'a str] {
        match self.source {
            Source::Row { row, .. } => &row.details,
            Source::Hand(_) => &[],
        }
    }

    /// A derived variant's row and field values, when rendered with real values.
    pub(crate) fn row_values(
        &self,
    ) -> Option<(&'static Variant, &'a [Arg<'a>], &'a [&'a dyn DetailValue])> {
        match self.source {
            Source::Row {
                row,
                args: Args::Values(args),
                details,
            } => Some((row, args, details)),
            Source::Row { .. } | Source::Hand(_) => None,
        }
    }

    pub(crate) fn has_details(&self) -> bool {
        match self.source {
            Source::Row { details, .. } => !details.is_empty(),
            Source::Hand(hand) => !hand.details.is_empty(),
        }
    }

    /// The invalid fields of the request, if the error has them and there is at least one.
    pub fn violations(&self) -> Option<&'a Violations> {
        self.violations.filter(|violations| !violations.is_empty())
    }

    /// Whether the error has a list of field violations, even an empty one: whether the
    /// envelope's [`VIOLATION_MEMBERS`](crate::Envelope::VIOLATION_MEMBERS) are its own.
    pub(crate) fn lists_violations(&self) -> bool {
        self.violations.is_some()
    }

    pub(crate) fn raw_body(&self) -> Option<&'a dyn DetailValue> {
        self.body
    }

    pub(crate) fn envelope(&self) -> &'static Vtable {
        self.envelope
    }

    /// The cache for this body, when nothing in it depends on field values.
    pub(crate) fn static_cache(&self) -> Option<&'static BodyCache> {
        match self.source {
            Source::Row { row, .. } => {
                let fixed = row.message.as_ref().is_none_or(|m| m.as_static().is_some())
                    && row.field.as_ref().is_none_or(|f| f.as_static().is_some())
                    && row.details.is_empty()
                    && !row.body
                    && !row.violations;
                fixed.then_some(row.cache)
            }
            Source::Hand(_) => None,
        }
    }

    /// Calls `f` with each header's name and value still to render, in order.
    pub(crate) fn for_each_header(&self, mut f: impl FnMut(HeaderName, HeaderValueSource<'_>)) {
        match self.source {
            Source::Row { row, args, .. } => {
                for header in &*row.headers {
                    // The derive emits only lowercase, valid names.
                    let name = HeaderName::from_static(header.lower);
                    let value = match header.value.as_static() {
                        Some(text) => HeaderValueSource::Static(text),
                        None => HeaderValueSource::Text(Text::template(&header.value, args)),
                    };
                    f(name, value);
                }
            }
            Source::Hand(hand) => {
                for (name, value) in hand.headers {
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

    pub(crate) fn template(template: &'static Template, args: Args<'a>) -> Self {
        match template.as_static() {
            Some(text) => Text::fixed(text),
            None => Text {
                repr: TextRepr::Template(&template.pieces, args),
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

impl Text<'_> {
    /// Writes the text into a skeleton being compiled: fixed pieces escaped, holes for the
    /// fields.
    pub(crate) fn record(&self, buf: &mut Vec<u8>, recorder: &mut crate::skeleton::Recorder) {
        match self.repr {
            TextRepr::Static(text) | TextRepr::Str(text) => crate::json::escape(buf, text),
            TextRepr::Template(pieces, _) => {
                for piece in pieces {
                    match *piece {
                        Piece::Text(text) => crate::json::escape(buf, text),
                        Piece::Field(index, _) => {
                            recorder.hole(buf, crate::skeleton::Hole::Arg(index))
                        }
                    }
                }
            }
        }
    }

    /// Writes the text to `out` piece by piece: fixed pieces straight, values through
    /// [`Arg`], without a pass through `format_args!` for the whole.
    pub(crate) fn write_to<W: fmt::Write + ?Sized>(&self, out: &mut W) -> fmt::Result {
        match self.repr {
            TextRepr::Static(text) | TextRepr::Str(text) => out.write_str(text),
            TextRepr::Template(pieces, args) => {
                for piece in pieces {
                    match (*piece, args) {
                        (Piece::Text(text), _) => out.write_str(text)?,
                        (Piece::Field(index, _), Args::Values(values)) => {
                            if let Some(value) = values.get(index) {
                                out.write_fmt(format_args!("{value}"))?;
                            }
                        }
                        (Piece::Field(_, written), Args::Placeholders) => {
                            out.write_str("{")?;
                            out.write_str(written)?;
                            out.write_str("}")?;
                        }
                    }
                }
                Ok(())
            }
        }
    }
}

impl Display for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_to(f)
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
