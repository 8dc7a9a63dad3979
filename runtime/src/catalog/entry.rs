//! [`CatalogEntry`]: one error a type can answer with, as data.

use super::types::{DetailDoc, TypeDoc, VariantDocs};
use crate::envelope::{Context, DetailValue, Envelope, ErrorParts, Problem, reason_phrase};
use crate::model::link::{self, Links};
use crate::model::parts::Vtable;
use crate::model::row::Variant;
use crate::model::text::Args;
use crate::render::render;
use crate::violations::{FieldViolation, Violations};
use bytes::Bytes;
use http::{Response, StatusCode};
use serde_json::Value;

/// One error a type can answer with, as the catalog lists it.
///
/// Derived types produce these from their attributes; a hand implementation of
/// [`ApiError::catalog`](crate::ApiError::catalog) builds them with [`CatalogEntry::new`].
///
/// ```
/// use errcat::ApiError;
///
/// #[derive(Debug, ApiError)]
/// enum BundleError {
///     /// No bundle with this id exists in the caller's tenant.
///     #[status(404)]
///     #[message("bundle {id} not found")]
///     NotFound { id: String },
///     #[status(429)]
///     #[code("RATE_LIMITED")]
///     #[header("Retry-After", "{retry_after}")]
///     RateLimited { #[detail] retry_after: u64 },
/// }
///
/// let catalog = BundleError::catalog();
/// assert_eq!(catalog[0].variant, "NotFound");
/// assert_eq!(catalog[0].code, "NOT_FOUND");
/// assert_eq!(catalog[0].message, "bundle {id} not found");
/// assert_eq!(catalog[0].description, "No bundle with this id exists in the caller's tenant.");
/// assert_eq!(catalog[1].message, "Too Many Requests");
/// assert_eq!(catalog[1].headers, ["Retry-After"]);
/// assert_eq!(catalog[1].details, ["retryAfter"]);
/// ```
#[derive(Clone)]
#[non_exhaustive]
pub struct CatalogEntry {
    /// The variant's name (the type's, for a struct).
    pub variant: &'static str,
    /// The HTTP status.
    pub status: u16,
    /// The stable code.
    pub code: &'static str,
    /// The message template as written, `{placeholders}` kept; the reason phrase when the
    /// variant names no message.
    pub message: &'static str,
    /// The `#[field]` template, if any.
    pub field: Option<&'static str>,
    /// The names of the extra headers, as written.
    pub headers: Vec<&'static str>,
    /// The names among `headers` that are not always sent: their value interpolates an
    /// `Option` field, and the header is left out when it is `None`. Documents mark them
    /// optional, so a client does not rely on them.
    pub optional_headers: Vec<&'static str>,
    /// The keys of the `#[detail]` members, in order.
    pub details: Vec<&'static str>,
    /// The variant's doc comment, `""` if none.
    pub description: &'static str,
    /// Whether a field is the whole body, outside the envelope (`#[api_error(body)]`).
    pub body: bool,
    /// Whether the error lists the request's invalid fields (`#[api_error(violations)]`).
    pub violations: bool,
    /// Where the error is documented (`#[api_error(docs = "...")]`): a page, to which `#`
    /// and the code's anchor are appended, or, with a `#` of its own, the whole URI; see
    /// [`type_uri`](Self::type_uri).
    pub docs: Option<&'static str>,
    /// The body member that carries the link to the docs, in envelopes without a `type`
    /// (`#[api_error(docs_member = "doc_url")]`).
    pub docs_member: Option<&'static str>,
    /// Rust's `#[deprecated]` on the variant: clients should stop relying on the code.
    pub deprecated: Option<Deprecation>,
    pub(crate) envelope: &'static Vtable,
    pub(crate) row: Option<&'static Variant>,
    pub(crate) types: EntryDocs,
}

/// A deprecated code's `since` and `note`, from Rust's
/// `#[deprecated(since = "...", note = "...")]` on its variant.
///
/// ```
/// use errcat::ApiError;
///
/// #[derive(Debug, ApiError)]
/// enum KeyError {
///     #[deprecated(since = "2.0.0", note = "answered as `KEY_NOT_FOUND` now")]
///     #[status(410)]
///     #[code("KEY_GONE")]
///     Gone,
/// }
///
/// let deprecated = KeyError::catalog()[0].deprecated.unwrap();
/// assert_eq!(deprecated.since, Some("2.0.0"));
/// assert_eq!(deprecated.note, Some("answered as `KEY_NOT_FOUND` now"));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Deprecation {
    /// The version it was deprecated in, if given.
    pub since: Option<&'static str>,
    /// What to use instead, or why, if given.
    pub note: Option<&'static str>,
}

impl Deprecation {
    /// "deprecated", with `since` and the note when given: `deprecated since 2.0.0: use
    /// KEY_NOT_FOUND`, as every rendering of the catalog marks the code.
    pub fn label(&self) -> String {
        let mut label = String::from("deprecated");
        if let Some(since) = self.since {
            label.push_str(" since ");
            label.push_str(since);
        }
        if let Some(note) = self.note {
            label.push_str(": ");
            label.push_str(note);
        }
        label
    }
}

/// What the catalog knows of an entry's field types: the derive's functions, called only
/// when a document needs them (listing a thousand entries builds no schema).
#[derive(Clone, Debug, Default)]
pub(crate) struct EntryDocs {
    /// Per detail, in the order of `details`: its type's doc and the attribute's example.
    /// Empty for a hand-written entry.
    details: Vec<DetailDoc>,
    /// Per argument of the message and field templates: the example shown in its place.
    args: Vec<Option<fn() -> Value>>,
    /// Per header, in the order of `headers`: the doc of the one field its value is.
    headers: Vec<Option<fn() -> TypeDoc>>,
    /// The doc of the `#[api_error(body)]` field.
    body: Option<fn() -> TypeDoc>,
    /// The `#[api_error(violations)]` field's example.
    violations: Option<fn() -> Violations>,
}

impl std::fmt::Debug for CatalogEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CatalogEntry")
            .field("variant", &self.variant)
            .field("status", &self.status)
            .field("code", &self.code)
            .field("message", &self.message)
            .field("field", &self.field)
            .field("headers", &self.headers)
            .field("optional_headers", &self.optional_headers)
            .field("details", &self.details)
            .field("description", &self.description)
            .field("body", &self.body)
            .field("violations", &self.violations)
            .field("docs", &self.docs)
            .field("docs_member", &self.docs_member)
            .field("deprecated", &self.deprecated)
            .field("envelope", &self.envelope)
            .finish()
    }
}

impl CatalogEntry {
    /// An entry for a hand-written error, in the [`Problem`] envelope.
    ///
    /// ```
    /// use errcat::CatalogEntry;
    /// use errcat::http::StatusCode;
    ///
    /// let entry = CatalogEntry::new("Teapot", StatusCode::IM_A_TEAPOT, "TEAPOT", "this server brews tea only")
    ///     .with_description("Coffee was requested.");
    /// assert_eq!(entry.status, 418);
    /// ```
    pub fn new(
        variant: &'static str,
        status: StatusCode,
        code: &'static str,
        message: &'static str,
    ) -> Self {
        CatalogEntry {
            variant,
            status: status.as_u16(),
            code,
            message,
            field: None,
            headers: Vec::new(),
            optional_headers: Vec::new(),
            details: Vec::new(),
            description: "",
            body: false,
            violations: false,
            docs: None,
            docs_member: None,
            deprecated: None,
            envelope: crate::envelope::vtable::<Problem>(),
            row: None,
            types: EntryDocs::default(),
        }
    }

    /// Sets where the error is documented: a page, to which `#` and the code's anchor are
    /// appended, or, with a `#` of its own, the whole URI. Give the hand implementation's
    /// [`ErrorParts`] the same with [`ErrorParts::with_docs`].
    ///
    /// ```
    /// use errcat::CatalogEntry;
    /// use errcat::http::StatusCode;
    ///
    /// let entry = CatalogEntry::new("Locked", StatusCode::FORBIDDEN, "ACCOUNT_LOCKED", "Account locked")
    ///     .with_docs("https://api.example.com/errors");
    /// assert_eq!(entry.type_uri().as_deref(), Some("https://api.example.com/errors#ACCOUNT_LOCKED"));
    /// ```
    #[must_use]
    pub fn with_docs(mut self, docs: &'static str) -> Self {
        self.docs = Some(docs);
        self
    }

    /// Sets the body member that carries the docs link (`"doc_url"`).
    #[must_use]
    pub fn with_docs_member(mut self, key: &'static str) -> Self {
        self.docs_member = Some(key);
        self
    }

    /// Marks the code deprecated.
    #[must_use]
    pub fn with_deprecation(mut self, deprecation: Deprecation) -> Self {
        self.deprecated = Some(deprecation);
        self
    }

    /// The URI documenting this error, its problem `type`
    /// (`https://api.example.com/errors#RATE_LIMITED`): [`docs`](Self::docs) with `#` and
    /// [`anchor`](Self::anchor) appended, or `docs` itself when it has a `#`. `None` when
    /// the error names no page (its `type` is then `about:blank`).
    pub fn type_uri(&self) -> Option<String> {
        self.docs.map(|docs| link::uri(docs, self.code))
    }

    /// The fragment that links to this code's section of [`Catalog::to_html`]: the code,
    /// percent-encoded where a URI needs it (`KEY_NOT_FOUND` stays as it is).
    ///
    /// [`Catalog::to_html`]: super::Catalog::to_html
    pub fn anchor(&self) -> String {
        link::anchor(self.code)
    }

    /// The links this entry's examples are rendered with.
    pub(crate) fn links(&self) -> Links {
        Links {
            docs: self.docs,
            member: self.docs_member,
        }
    }

    /// This entry, reached through a transparent variant of a type documented where
    /// `outer` says: its own page kept, the outer member used.
    pub(crate) fn with_outer_links(mut self, outer: Links) -> Self {
        self.docs = self.docs.or(outer.docs);
        self.docs_member = outer.member.or(self.docs_member);
        self
    }

    /// Sets the field template.
    #[must_use]
    pub fn with_field(mut self, field: &'static str) -> Self {
        self.field = Some(field);
        self
    }

    /// Adds an extra header's name.
    #[must_use]
    pub fn with_header(mut self, name: &'static str) -> Self {
        self.headers.push(name);
        self
    }

    /// Adds an extra header's name, for a header the error sends only sometimes.
    ///
    /// ```
    /// use errcat::CatalogEntry;
    /// use errcat::http::StatusCode;
    ///
    /// let entry = CatalogEntry::new("Limited", StatusCode::TOO_MANY_REQUESTS, "RATE_LIMITED", "slow down")
    ///     .with_header("Retry-After")
    ///     .with_optional_header("X-RateLimit-Reset");
    /// assert_eq!(entry.headers, ["Retry-After", "X-RateLimit-Reset"]);
    /// assert_eq!(entry.optional_headers, ["X-RateLimit-Reset"]);
    /// ```
    #[must_use]
    pub fn with_optional_header(mut self, name: &'static str) -> Self {
        self.headers.push(name);
        self.optional_headers.push(name);
        self
    }

    /// Marks the entry as listing the request's invalid fields.
    #[must_use]
    pub fn with_violations(mut self) -> Self {
        self.violations = true;
        self
    }

    /// Adds a detail member's key.
    #[must_use]
    pub fn with_detail(mut self, key: &'static str) -> Self {
        self.details.push(key);
        self
    }

    /// Sets the description.
    #[must_use]
    pub fn with_description(mut self, description: &'static str) -> Self {
        self.description = description;
        self
    }

    /// Sets the envelope the entry's responses use.
    #[must_use]
    pub fn with_envelope<E: Envelope>(self) -> Self {
        self.in_envelope(crate::envelope::vtable::<E>())
    }

    pub(crate) fn in_envelope(mut self, envelope: &'static Vtable) -> Self {
        self.envelope = envelope;
        self
    }

    /// The response this entry's error gives, as catalog examples show it: rendered by the
    /// same envelope code as real responses, with each field's `example = ...` in its place
    /// (placeholders without one kept as written), each detail's example or its type's, the
    /// violations field's example (else one missing field, `name`) when the error lists
    /// them, the time `2024-01-15T10:30:00Z`, and no request id or path.
    ///
    /// `None` for an entry whose body is a field's value (`#[api_error(body)]`): there is no
    /// value to show.
    ///
    /// ```
    /// use errcat::ApiError;
    ///
    /// #[derive(Debug, ApiError)]
    /// #[api_error(envelope = errcat::envelope::MessageField)]
    /// enum KeyRingError {
    ///     #[status(404)]
    ///     #[message("KeyRing '{0}' not found")]
    ///     NotFound(String),
    /// }
    ///
    /// let example = KeyRingError::catalog()[0].example().unwrap();
    /// assert_eq!(example.body(), r#"{"message":"KeyRing '{0}' not found"}"#);
    /// ```
    pub fn example(&self) -> Option<Response<Bytes>> {
        if self.body {
            return None;
        }
        let examples: Vec<Value> = self
            .details
            .iter()
            .enumerate()
            .map(|(index, key)| self.detail_example(index, key))
            .collect();
        let values: Vec<&dyn DetailValue> = examples
            .iter()
            .map(|value| value as &dyn DetailValue)
            .collect();
        let args = self.arg_examples();
        let ctx = Context::example();
        // The field's example, else one invalid field, as a client would see one.
        let sample = self.types.violations.map_or_else(
            || Violations::from(FieldViolation::new("name", "missing", "is required")),
            |example| example(),
        );
        let violations = self.violations.then_some(&sample);
        match self.row {
            Some(row) => {
                let parts =
                    ErrorParts::from_row(row, self.envelope, Args::Placeholders(&args), &values)
                        .with_fields(None, violations)
                        .with_given_links(self.links());
                Some(render(&parts, &ctx))
            }
            None => {
                let message = unescape_braces(self.message);
                let field = self.field.map(unescape_braces);
                let pairs: Vec<(&str, &dyn DetailValue)> = self
                    .details
                    .iter()
                    .copied()
                    .zip(values.iter().copied())
                    .collect();
                let status =
                    StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                let mut parts = ErrorParts::new(status, self.code, &message)
                    .with_details(&pairs)
                    .with_vtable(self.envelope)
                    .with_given_links(self.links());
                if let Some(violations) = violations {
                    parts = parts.with_violations(violations);
                }
                if let Some(field) = &field {
                    parts = parts.with_field(field);
                }
                Some(render(&parts, &ctx))
            }
        }
    }

    pub(crate) fn from_row(row: &'static Variant, envelope: &'static Vtable) -> Self {
        CatalogEntry {
            variant: row.name(),
            status: row.status().as_u16(),
            code: row.code(),
            message: row
                .message()
                .map_or_else(|| reason_phrase(row.status()), |template| template.source),
            field: row.field().map(|template| template.source),
            headers: row.headers().iter().map(|header| header.name).collect(),
            optional_headers: row
                .headers()
                .iter()
                .filter(|header| header.optional)
                .map(|header| header.name)
                .collect(),
            details: row.details().to_vec(),
            description: row.description(),
            body: row.body(),
            violations: row.violations(),
            docs: row.links().docs,
            docs_member: row.links().member,
            deprecated: row.deprecated().map(|deprecation| Deprecation {
                since: deprecation.since,
                note: deprecation.note,
            }),
            envelope,
            row: Some(row),
            types: EntryDocs::default(),
        }
    }
}

impl CatalogEntry {
    /// This derived entry with the docs the derive gives of its field types.
    pub(crate) fn with_types(mut self, docs: &VariantDocs<'_>) -> Self {
        self.types = EntryDocs {
            details: docs.details.to_vec(),
            args: docs.args.to_vec(),
            headers: docs.headers.to_vec(),
            body: docs.body,
            violations: docs.violations,
        };
        self
    }

    /// The message as catalog examples show it: each field's `example = ...` in its place,
    /// placeholders without one kept as written (`Try again in 42 seconds, {name}.`).
    pub fn example_message(&self) -> String {
        match self.row {
            Some(row) => {
                let args = self.arg_examples();
                let parts =
                    ErrorParts::from_row(row, self.envelope, Args::Placeholders(&args), &[]);
                parts.message().to_string()
            }
            None => unescape_braces(self.message),
        }
    }

    /// Per argument of the templates, its example as text, if it has one.
    fn arg_examples(&self) -> Vec<Option<String>> {
        self.types
            .args
            .iter()
            .map(|example| {
                example.map(|example| match example() {
                    Value::String(text) => text,
                    other => other.to_string(),
                })
            })
            .collect()
    }

    /// Whether the header `name` is not always sent.
    pub(crate) fn header_is_optional(&self, name: &str) -> bool {
        self.optional_headers
            .iter()
            .any(|optional| optional.eq_ignore_ascii_case(name))
    }

    /// The doc of the field header `index` is, if its value is one field.
    pub(crate) fn header_doc(&self, index: usize) -> Option<TypeDoc> {
        self.types
            .headers
            .get(index)
            .copied()
            .flatten()
            .map(|doc| doc())
    }

    /// The doc of the `#[api_error(body)]` field's type.
    pub(crate) fn body_doc(&self) -> Option<TypeDoc> {
        self.types.body.map(|doc| doc())
    }

    /// The value of header `index`, when it is fixed text (no placeholder).
    pub(crate) fn header_value(&self, index: usize) -> Option<&'static str> {
        let template = &self.row?.headers().get(index)?.value;
        match &*template.pieces {
            [] => Some(""),
            [errcat_table::Piece::Text(text)] => Some(text),
            _ => None,
        }
    }

    /// Whether `other` is this entry's variant, in whatever envelope.
    pub(crate) fn same_variant(&self, other: &CatalogEntry) -> bool {
        match (self.row, other.row) {
            (Some(a), Some(b)) => std::ptr::eq(a, b),
            (None, None) => {
                (self.status, self.code, self.message, self.variant)
                    == (other.status, other.code, other.message, other.variant)
            }
            _ => false,
        }
    }

    /// Whether `other` is this same error: the same variant (or, for hand-written entries,
    /// the same status, code and message) in the same envelope.
    pub(crate) fn same_error(&self, other: &CatalogEntry) -> bool {
        self.same_variant(other) && self.envelope.type_id == other.envelope.type_id
    }

    /// The doc of detail `index`: its type's, or any value for a hand-written entry.
    pub(crate) fn detail_doc(&self, index: usize) -> TypeDoc {
        self.types
            .details
            .get(index)
            .map_or_else(TypeDoc::unknown, |detail| {
                let doc = (detail.doc)();
                match detail.example {
                    Some(example) => doc.with_example(example()),
                    None => doc,
                }
            })
    }

    /// The example value of detail `index` (named `key`): its attribute's or its type's, else
    /// the key in braces, as the placeholder of a string.
    pub(crate) fn detail_example(&self, index: usize, key: &str) -> Value {
        self.types
            .details
            .get(index)
            .and_then(|detail| match detail.example {
                Some(example) => Some(example()),
                None => (detail.doc)().example,
            })
            .unwrap_or_else(|| Value::String(format!("{{{key}}}")))
    }
}

/// A hand-written template as an example shows it: `{{` and `}}` are single braces.
fn unescape_braces(template: &str) -> String {
    template.replace("{{", "{").replace("}}", "}")
}
