//! [`ErrorParts`]: what an error says, before an envelope gives it a shape; and [`Vtable`],
//! the envelope it is to be written in.

use super::link::{Links, Wrapper};
use super::row::Variant;
use super::schema::ErrorSchema;
use super::sink::Sink;
use super::text::{Args, Text};
use super::value::DetailValue;
use super::view::Context;
use crate::violations::Violations;
use http::{HeaderName, HeaderValue, StatusCode};
use serde_json::Value;
use std::any::TypeId;

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
    /// `None` is the default envelope, [`Problem`](crate::envelope::Problem).
    envelope: Option<&'static Vtable>,
    /// Documentation links given by hand (or by a second wrapper: see `with_links`).
    links: Links,
    /// The links of the transparent variant's outer type that answers these parts.
    wrapper: Wrapper,
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

impl<'a> ErrorParts<'a> {
    /// Parts with a status, code and message, in the [`Problem`](crate::envelope::Problem)
    /// envelope.
    ///
    /// ```
    /// use errcat::envelope::{Context, Envelope, ErrorParts, JsonObject, MessageField};
    /// use errcat::http::StatusCode;
    ///
    /// let parts = ErrorParts::new(StatusCode::NOT_FOUND, "NOT_FOUND", "Account not found");
    /// let body = JsonObject::render(|body| MessageField::write(&parts, &Context::example(), body));
    /// assert_eq!(body, br#"{"message":"Account not found"}"#);
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
            envelope: None,
            links: Links::default(),
            wrapper: None,
        }
    }

    /// These parts with the hand-given values `change` makes; a derived variant's parts
    /// become hand-given ones (its headers and details are then replaced, not merged).
    fn with_hand(mut self, change: impl FnOnce(&mut Hand<'a>)) -> Self {
        let mut hand = match self.source {
            Source::Hand(hand) => hand,
            Source::Row { .. } => {
                // The row's links, kept as the hand's.
                self.links = self.links();
                Hand {
                    status: self.status(),
                    code: self.code(),
                    message: self.message(),
                    field: self.field(),
                    headers: &[],
                    details: &[],
                }
            }
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
    /// use errcat::envelope::{Context, DetailValue, Envelope, ErrorParts, JsonObject, Problem};
    /// use errcat::http::StatusCode;
    ///
    /// let retry_after = 42_u64;
    /// let details: [(&str, &dyn DetailValue); 1] = [("retryAfter", &retry_after)];
    /// let parts = ErrorParts::new(StatusCode::TOO_MANY_REQUESTS, "RATE_LIMITED", "slow down")
    ///     .with_details(&details);
    /// let body = JsonObject::render(|body| Problem::write(&parts, &Context::example(), body));
    /// assert!(body.ends_with(br#""retryAfter":42}"#));
    /// ```
    #[must_use]
    pub fn with_details(self, details: &'a [(&'a str, &'a dyn DetailValue)]) -> Self {
        self.with_hand(|hand| hand.details = details)
    }

    /// Sets the invalid fields of the request, which every envelope renders in its own place
    /// (`errors`, `validationErrors`).
    ///
    /// ```
    /// use errcat::envelope::{Context, Envelope, ErrorParts, JsonObject, MessageField};
    /// use errcat::{FieldViolation, Violations};
    /// use errcat::http::StatusCode;
    ///
    /// let violations = Violations::from(FieldViolation::new("email", "taken", "Email already registered"));
    /// let parts = ErrorParts::new(StatusCode::BAD_REQUEST, "DUPLICATE_EMAIL", "User with email 'john@example.com' already exists")
    ///     .with_violations(&violations);
    /// let body = JsonObject::render(|body| MessageField::write(&parts, &Context::example(), body));
    /// assert_eq!(
    ///     body,
    ///     br#"{"message":"User with email 'john@example.com' already exists","errors":{"email":"Email already registered"}}"#
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

    pub(crate) fn with_vtable(mut self, envelope: &'static Vtable) -> Self {
        self.envelope = Some(envelope);
        self
    }

    /// Sets where the error is documented: a page, to which `#` and the code's anchor are
    /// appended (`https://api.example.com/errors#ACCOUNT_LOCKED`), or, with a `#` of its
    /// own, the whole URI. [`Problem`](crate::envelope::Problem) sends it as its `type`.
    ///
    /// ```
    /// use errcat::envelope::{Context, Envelope, ErrorParts, JsonObject, Problem};
    /// use errcat::http::StatusCode;
    ///
    /// let parts = ErrorParts::new(StatusCode::FORBIDDEN, "ACCOUNT_LOCKED", "Account locked")
    ///     .with_docs("https://api.example.com/errors");
    /// let body = JsonObject::render(|body| Problem::write(&parts, &Context::example(), body));
    /// assert!(body.starts_with(br#"{"type":"https://api.example.com/errors#ACCOUNT_LOCKED","#));
    /// ```
    #[must_use]
    pub fn with_docs(mut self, docs: &'static str) -> Self {
        self.links.docs = Some(docs);
        self
    }

    /// Sets the body member that carries the documentation link (`"doc_url"`), for
    /// envelopes that have no `type` of their own; see [`JsonObject::details`].
    ///
    /// [`JsonObject::details`]: crate::envelope::JsonObject::details
    #[must_use]
    pub fn with_docs_member(mut self, key: &'static str) -> Self {
        self.links.member = Some(key);
        self
    }

    /// The links of a transparent variant's outer type: its page where the inner error names
    /// none, and its member in any case (the member belongs to the outer envelope).
    pub(crate) fn with_links(mut self, outer: &'static Links) -> Self {
        if self.wrapper.is_none() {
            self.wrapper = Some(outer);
            return self;
        }
        // A second wrapper: what it adds is kept as given by hand (such bodies are written
        // member by member; see `compiled_with`).
        if self.docs().is_none() {
            self.links.docs = outer.docs;
        }
        if outer.member.is_some() {
            self.links.member = outer.member;
        }
        self
    }

    /// These parts with `links` given as by hand (a catalog entry's, for its examples).
    pub(crate) fn with_given_links(mut self, links: Links) -> Self {
        self.links = links;
        self
    }

    /// These parts answered through `wrapper`, as `compiled_with` returned it.
    pub(crate) fn with_wrapper(mut self, wrapper: Wrapper) -> Self {
        self.wrapper = wrapper;
        self
    }

    /// The wrapper whose links, with the row and envelope, decide a derived variant's body:
    /// what its compiled body is kept by. `None` when links were given by hand, which only a
    /// body written member by member follows.
    pub(crate) fn compiled_with(&self) -> Option<Wrapper> {
        (self.links == Links::default()).then_some(self.wrapper)
    }

    /// Where the error is documented, and the member carrying the link, as rendered.
    fn links(&self) -> Links {
        Links {
            docs: self.docs(),
            member: self.docs_member(),
        }
    }

    /// Where the error is documented: a page, to which `#` and the code's anchor are
    /// appended, or a whole URI; see [`with_docs`](Self::with_docs).
    pub fn docs(&self) -> Option<&'static str> {
        match self.source {
            Source::Row { row, .. } => self.links.docs.or(row.links().docs),
            Source::Hand(_) => self.links.docs,
        }
        .or_else(|| self.wrapper.and_then(|wrapper| wrapper.docs))
    }

    /// The URI documenting this error (`https://api.example.com/errors#RATE_LIMITED`), what
    /// [`Problem`](crate::envelope::Problem) sends as its `type`; `None` when the error names
    /// no page.
    pub fn type_uri(&self) -> Option<Text<'a>> {
        self.docs().map(|docs| Text::link(docs, self.code()))
    }

    /// The body member that carries [`type_uri`](Self::type_uri), when the service asked for
    /// one (`#[api_error(docs_member = "doc_url")]`).
    pub fn docs_member(&self) -> Option<&'static str> {
        match self.source {
            Source::Row { row, .. } => self
                .links
                .member
                .or_else(|| self.wrapper.and_then(|wrapper| wrapper.member))
                .or(row.links().member),
            Source::Hand(_) => self
                .links
                .member
                .or_else(|| self.wrapper.and_then(|wrapper| wrapper.member)),
        }
    }

    /// Parts of a derived variant: its row, its envelope and borrowed field values.
    pub(crate) fn from_row(
        row: &'static Variant,
        envelope: &'static Vtable,
        args: Args<'a>,
        details: &'a [&'a dyn DetailValue],
    ) -> Self {
        ErrorParts {
            source: Source::Row { row, args, details },
            body: None,
            violations: None,
            envelope: Some(envelope),
            links: Links::default(),
            wrapper: None,
        }
    }

    /// These parts with the `#[api_error(body)]` and `#[api_error(violations)]` fields of a
    /// derived variant.
    pub(crate) fn with_fields(
        mut self,
        body: Option<&'a dyn DetailValue>,
        violations: Option<&'a Violations>,
    ) -> Self {
        self.body = body;
        self.violations = violations;
        self
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self.source {
            Source::Row { row, .. } => row.status(),
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
            Source::Row { row, .. } => row.code(),
            Source::Hand(hand) => hand.code,
        }
    }

    /// The public message.
    pub fn message(&self) -> Text<'a> {
        match self.source {
            Source::Row { row, args, .. } => match row.message() {
                Some(template) => Text::template(&template.pieces, args),
                None => Text::fixed(reason_phrase(row.status())),
            },
            Source::Hand(hand) => hand.message,
        }
    }

    /// The request field the error points at, if any.
    pub fn field(&self) -> Option<Text<'a>> {
        match self.source {
            Source::Row { row, args, .. } => row
                .field()
                .map(|template| Text::template(&template.pieces, args)),
            Source::Hand(hand) => hand.field,
        }
    }

    /// The `#[detail]` members as `(key, value)`, in field order.
    pub fn details(&self) -> impl Iterator<Item = (&'a str, &'a dyn DetailValue)> + 'a {
        let (keyed, pairs) = match self.source {
            Source::Row { row, details, .. } => (Some(row.details().iter().zip(details)), None),
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

    /// The envelope, `None` for the default one.
    pub(crate) fn envelope(&self) -> Option<&'static Vtable> {
        self.envelope
    }

    /// A derived variant's row and field values, when rendered with real values.
    pub(crate) fn row_values(&self) -> Option<RowValues<'a>> {
        match self.source {
            Source::Row {
                row,
                args: Args::Values(args),
                details,
            } => Some(RowValues { row, args, details }),
            Source::Row { .. } | Source::Hand(_) => None,
        }
    }

    /// Calls `f` with each header's name and value still to render, in order; a header
    /// naming an `Option` field that is `None` is left out.
    pub(crate) fn for_each_header(&self, mut f: impl FnMut(HeaderName, HeaderValueSource<'_>)) {
        match self.source {
            Source::Row { row, args, .. } => {
                for header in row.headers() {
                    if header.optional && args.any_absent(&header.value.pieces) {
                        continue;
                    }
                    // The derive emits only lowercase, valid names.
                    let name = HeaderName::from_static(header.lower);
                    let value = Text::template(&header.value.pieces, args);
                    let value = match value.as_static() {
                        Some(text) => HeaderValueSource::Static(text),
                        None => HeaderValueSource::Text(value),
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
}

/// A derived variant's row with the values of its fields.
#[derive(Clone, Copy)]
pub(crate) struct RowValues<'a> {
    pub(crate) row: &'static Variant,
    pub(crate) args: &'a [&'a dyn std::fmt::Display],
    pub(crate) details: &'a [&'a dyn DetailValue],
}

/// A header value still to be rendered.
pub(crate) enum HeaderValueSource<'a> {
    Static(&'static str),
    Text(Text<'a>),
    Value(&'a HeaderValue),
}

/// The canonical reason phrase of `status` (`"Conflict"`), or `"Client Error"` /
/// `"Server Error"` when none is registered.
///
/// ```
/// use errcat::envelope::reason_phrase;
/// use errcat::http::StatusCode;
///
/// assert_eq!(reason_phrase(StatusCode::CONFLICT), "Conflict");
/// assert_eq!(reason_phrase(StatusCode::from_u16(499).unwrap()), "Client Error");
/// assert_eq!(reason_phrase(StatusCode::from_u16(599).unwrap()), "Server Error");
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

/// An envelope's functions and constants behind pointers, so one non-generic renderer serves
/// them all and a variant's envelope can be static data. Built by `envelope::vtable`.
#[doc(hidden)]
pub struct Vtable {
    pub(crate) content_type: &'static str,
    pub(crate) content_type_value: fn() -> HeaderValue,
    pub(crate) write: fn(&ErrorParts<'_>, &Context<'_>, &mut dyn Sink),
    pub(crate) type_id: TypeId,
    pub(crate) name: fn() -> &'static str,
    pub(crate) schema: fn() -> Value,
    pub(crate) error_schema: fn(&ErrorSchema<'_>) -> Option<Value>,
}

impl Vtable {
    /// The envelope's type name without its path, naming its schema in the catalog.
    pub(crate) fn short_name(&self) -> &'static str {
        let name = (self.name)();
        let name = name.split('<').next().unwrap_or(name);
        name.rsplit("::").next().unwrap_or(name)
    }
}

impl std::fmt::Debug for Vtable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.short_name())
    }
}
