//! Implementation detail of the [`errcat`](https://docs.rs/errcat) crate: what its derive hands
//! the runtime, defined once for both.
//!
//! `#[derive(ApiError)]` describes every variant of a type as an [`Entry`]; the derive
//! [`encode`]s the entries into one string literal per type, and the runtime [`decode`]s it the
//! first time the type renders. One literal per type, rather than a struct literal per variant,
//! keeps the expansion small: the compiler type-checks, evaluates and emits far less for each
//! variant, and every user of the derive pays for that on every build.
//!
//! Both sides use this crate's types and functions, so the format cannot drift between them;
//! a decoding that fails is a [`DecodeError`] naming where, never a guess.
//!
//! ```
//! use errcat_table::{Entry, Piece, Row, Template, decode, encode};
//!
//! let row = Row {
//!     message: Some(Template {
//!         source: "KeyRing '{0}' not found",
//!         pieces: vec![Piece::Text("KeyRing '"), Piece::Arg { index: 0, written: "0" }, Piece::Text("' not found")],
//!     }),
//!     ..Row::new("NotFound", 404, "NOT_FOUND")
//! };
//! let entries = vec![
//!     Entry::Variant(row),
//!     Entry::Transparent { name: "Key", envelope: 0, docs: None, docs_member: None },
//! ];
//! let encoded = encode(&entries);
//! assert_eq!(decode(&encoded, 2).unwrap(), entries);
//! ```

use std::fmt;

/// One variant of a derived type, as the catalog and the renderer need it.
#[derive(Clone, Debug, PartialEq, Eq)]
// Entries live only while a table is encoded or decoded, once per type; a box per variant
// would cost an allocation each for nothing.
#[expect(clippy::large_enum_variant, reason = "short-lived, once per type")]
pub enum Entry<'a> {
    /// A variant with its own status, code and message.
    Variant(Row<'a>),
    /// A variant that delegates everything to its one field's `ApiError`
    /// (`#[api_error(transparent)]`), rendered in this type's envelope.
    Transparent {
        /// The variant's name, raw prefix removed.
        name: &'a str,
        /// The index of its envelope among the type's envelopes.
        envelope: usize,
        /// Where the inner type's errors are documented when it names no page of its own.
        docs: Option<&'a str>,
        /// The member carrying the documentation link, in this type's envelope.
        docs_member: Option<&'a str>,
    },
}

/// The data of one variant with its own status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row<'a> {
    /// The variant's name, raw prefix removed.
    pub name: &'a str,
    /// The HTTP status, in 400..=599.
    pub status: u16,
    /// The stable code.
    pub code: &'a str,
    /// The doc comment, lines joined with `\n`.
    pub description: &'a str,
    /// The index of its envelope among the type's envelopes.
    pub envelope: usize,
    /// Whether a field is the whole body (`#[api_error(body)]`).
    pub body: bool,
    /// Whether a field lists the request's invalid fields (`#[api_error(violations)]`).
    pub violations: bool,
    /// `#[message]`; `None` means the status's reason phrase.
    pub message: Option<Template<'a>>,
    /// `#[field]`.
    pub field: Option<Template<'a>>,
    /// `#[header]`s, in order.
    pub headers: Vec<Header<'a>>,
    /// The keys of the `#[detail]` members, in field order.
    pub details: Vec<&'a str>,
    /// Where the error is documented (`#[api_error(docs = "...")]`): a page, to which `#` and
    /// the code's anchor are appended, or, when it has a `#` of its own, the whole URI.
    pub docs: Option<&'a str>,
    /// The body member that carries the documentation link (`docs_member = "doc_url"`).
    pub docs_member: Option<&'a str>,
    /// Rust's `#[deprecated]` on the variant.
    pub deprecated: Option<Deprecation<'a>>,
}

/// A `#[deprecated]` variant's `since` and `note`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Deprecation<'a> {
    /// `since = "..."`.
    pub since: Option<&'a str>,
    /// `note = "..."` (or `#[deprecated = "..."]`).
    pub note: Option<&'a str>,
}

impl<'a> Row<'a> {
    /// A row with a name, status and code, and nothing else.
    pub fn new(name: &'a str, status: u16, code: &'a str) -> Self {
        Row {
            name,
            status,
            code,
            description: "",
            envelope: 0,
            body: false,
            violations: false,
            message: None,
            field: None,
            headers: Vec::new(),
            details: Vec::new(),
            docs: None,
            docs_member: None,
            deprecated: None,
        }
    }
}

/// One `#[header("Name", "template")]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header<'a> {
    /// The name as written (`Retry-After`), for the catalog.
    pub name: &'a str,
    /// The name lowercased, a valid header name.
    pub lower: &'a str,
    /// The value.
    pub value: Template<'a>,
    /// Whether the value interpolates an `Option` field: the header is then sent only when
    /// every such field is `Some`.
    pub optional: bool,
}

/// A `#[message]`, `#[field]` or `#[header]` template, parsed by the derive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template<'a> {
    /// As written, `{placeholders}` and `{{` escapes kept: what the catalog shows.
    pub source: &'a str,
    /// Text and placeholders in order.
    pub pieces: Vec<Piece<'a>>,
}

/// One run of a [`Template`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Literal text, escapes resolved.
    Text(&'a str),
    /// The interpolated value at `index` of the variant's arguments, and the placeholder as
    /// written (`retry_after`), which catalog examples print in braces.
    Arg {
        /// The argument's index.
        index: usize,
        /// The placeholder as written.
        written: &'a str,
    },
}

/// A string that is not the encoding of the expected entries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// The byte offset where decoding failed.
    pub at: usize,
    /// What was expected there.
    pub expected: &'static str,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "errcat's table does not decode at byte {}: expected {} (errcat and errcat-macros must be the same version)",
            self.at, self.expected
        )
    }
}

impl std::error::Error for DecodeError {}

/// The encoding of `entries`: a sequence of `length:bytes` fields.
///
/// Per entry: `v` and then, in [`Row`]'s field order, name, status, code, description,
/// envelope, body, violations, message, field, headers (a count, then name, lowercase name,
/// value and optional flag each), details (a count, then the keys), docs, docs member and
/// deprecation (`-`, or `+`, then since and note); or `t`, name, envelope, docs and docs
/// member. A template is `-` when absent, else `+`, its source, a piece count and per piece
/// `t` and the text, or `a`, the index and the placeholder as written. An optional string is
/// `-`, or `+` and the string. Flags are `0` or `1`.
pub fn encode(entries: &[Entry<'_>]) -> String {
    let mut out = Encoder(String::new());
    for entry in entries {
        match entry {
            Entry::Variant(row) => {
                out.str("v");
                out.row(row);
            }
            Entry::Transparent {
                name,
                envelope,
                docs,
                docs_member,
            } => {
                out.str("t");
                out.str(name);
                out.number(*envelope);
                out.maybe(*docs);
                out.maybe(*docs_member);
            }
        }
    }
    out.0
}

struct Encoder(String);

impl Encoder {
    fn str(&mut self, value: &str) {
        use fmt::Write as _;
        let _ = write!(self.0, "{}:{value}", value.len());
    }

    fn number(&mut self, value: impl fmt::Display) {
        self.str(&value.to_string());
    }

    fn flag(&mut self, value: bool) {
        self.str(if value { "1" } else { "0" });
    }

    fn row(&mut self, row: &Row<'_>) {
        self.str(row.name);
        self.number(row.status);
        self.str(row.code);
        self.str(row.description);
        self.number(row.envelope);
        self.flag(row.body);
        self.flag(row.violations);
        self.optional(row.message.as_ref());
        self.optional(row.field.as_ref());
        self.number(row.headers.len());
        for header in &row.headers {
            self.str(header.name);
            self.str(header.lower);
            self.template(&header.value);
            self.flag(header.optional);
        }
        self.number(row.details.len());
        for key in &row.details {
            self.str(key);
        }
        self.maybe(row.docs);
        self.maybe(row.docs_member);
        match row.deprecated {
            Some(deprecation) => {
                self.str("+");
                self.maybe(deprecation.since);
                self.maybe(deprecation.note);
            }
            None => self.str("-"),
        }
    }

    fn maybe(&mut self, value: Option<&str>) {
        match value {
            Some(value) => {
                self.str("+");
                self.str(value);
            }
            None => self.str("-"),
        }
    }

    fn optional(&mut self, template: Option<&Template<'_>>) {
        match template {
            Some(template) => {
                self.str("+");
                self.template(template);
            }
            None => self.str("-"),
        }
    }

    fn template(&mut self, template: &Template<'_>) {
        self.str(template.source);
        self.number(template.pieces.len());
        for piece in &template.pieces {
            match piece {
                Piece::Text(text) => {
                    self.str("t");
                    self.str(text);
                }
                Piece::Arg { index, written } => {
                    self.str("a");
                    self.number(index);
                    self.str(written);
                }
            }
        }
    }
}

/// The `count` entries encoded in `encoded` by [`encode`].
///
/// # Errors
///
/// When `encoded` is not exactly the encoding of `count` entries.
pub fn decode(encoded: &str, count: usize) -> Result<Vec<Entry<'_>>, DecodeError> {
    let mut input = Decoder {
        whole: encoded.len(),
        rest: encoded,
    };
    let mut entries = Vec::with_capacity(count);
    for _ in 0..count {
        entries.push(match input.str("an entry tag")? {
            "v" => Entry::Variant(input.row()?),
            "t" => Entry::Transparent {
                name: input.str("a variant name")?,
                envelope: input.number("an envelope index")?,
                docs: input.maybe("a docs URI")?,
                docs_member: input.maybe("a docs member")?,
            },
            _ => return Err(input.error("`v` or `t`")),
        });
    }
    if input.rest.is_empty() {
        Ok(entries)
    } else {
        Err(input.error("the end of the table"))
    }
}

struct Decoder<'a> {
    /// The length of the whole encoding, to say where an error is.
    whole: usize,
    rest: &'a str,
}

impl<'a> Decoder<'a> {
    fn error(&self, expected: &'static str) -> DecodeError {
        DecodeError {
            at: self.whole - self.rest.len(),
            expected,
        }
    }

    fn str(&mut self, expected: &'static str) -> Result<&'a str, DecodeError> {
        let error = self.error(expected);
        let (length, rest) = self.rest.split_once(':').ok_or(error.clone())?;
        let length: usize = length.parse().map_err(|_| error.clone())?;
        let value = rest.get(..length).ok_or(error.clone())?;
        self.rest = rest.get(length..).ok_or(error)?;
        Ok(value)
    }

    fn number<T: std::str::FromStr>(&mut self, expected: &'static str) -> Result<T, DecodeError> {
        let error = self.error(expected);
        self.str(expected)?.parse().map_err(|_| error)
    }

    fn flag(&mut self, expected: &'static str) -> Result<bool, DecodeError> {
        match self.str(expected)? {
            "0" => Ok(false),
            "1" => Ok(true),
            _ => Err(self.error(expected)),
        }
    }

    fn row(&mut self) -> Result<Row<'a>, DecodeError> {
        let name = self.str("a variant name")?;
        let status = self.number("a status")?;
        if !(400..=599).contains(&status) {
            return Err(self.error("a status in 400..=599"));
        }
        let code = self.str("a code")?;
        let description = self.str("a description")?;
        let envelope = self.number("an envelope index")?;
        let body = self.flag("the body flag")?;
        let violations = self.flag("the violations flag")?;
        let message = self.optional()?;
        let field = self.optional()?;
        let header_count: usize = self.number("a header count")?;
        let mut headers = Vec::with_capacity(header_count.min(64));
        for _ in 0..header_count {
            headers.push(Header {
                name: self.str("a header name")?,
                lower: self.str("a lowercase header name")?,
                value: self.template()?,
                optional: self.flag("a header's optional flag")?,
            });
        }
        let detail_count: usize = self.number("a detail count")?;
        let mut details = Vec::with_capacity(detail_count.min(64));
        for _ in 0..detail_count {
            details.push(self.str("a detail key")?);
        }
        let docs = self.maybe("a docs URI")?;
        let docs_member = self.maybe("a docs member")?;
        let deprecated = match self.str("a deprecation marker")? {
            "-" => None,
            "+" => Some(Deprecation {
                since: self.maybe("a deprecation's since")?,
                note: self.maybe("a deprecation's note")?,
            }),
            _ => return Err(self.error("`+` or `-`")),
        };
        Ok(Row {
            name,
            status,
            code,
            description,
            envelope,
            body,
            violations,
            message,
            field,
            headers,
            details,
            docs,
            docs_member,
            deprecated,
        })
    }

    fn maybe(&mut self, expected: &'static str) -> Result<Option<&'a str>, DecodeError> {
        match self.str(expected)? {
            "-" => Ok(None),
            "+" => self.str(expected).map(Some),
            _ => Err(self.error("`+` or `-`")),
        }
    }

    fn optional(&mut self) -> Result<Option<Template<'a>>, DecodeError> {
        match self.str("a template marker")? {
            "-" => Ok(None),
            "+" => self.template().map(Some),
            _ => Err(self.error("`+` or `-`")),
        }
    }

    fn template(&mut self) -> Result<Template<'a>, DecodeError> {
        let source = self.str("a template's source")?;
        let count: usize = self.number("a piece count")?;
        let mut pieces = Vec::with_capacity(count.min(64));
        for _ in 0..count {
            pieces.push(match self.str("a piece tag")? {
                "t" => Piece::Text(self.str("a text piece")?),
                "a" => Piece::Arg {
                    index: self.number("an argument index")?,
                    written: self.str("a placeholder")?,
                },
                _ => return Err(self.error("`t` or `a`")),
            });
        }
        Ok(Template { source, pieces })
    }
}

#[cfg(test)]
mod tests {
    use super::{DecodeError, Deprecation, Entry, Header, Piece, Row, Template, decode, encode};
    use proptest::prelude::*;

    fn text() -> impl Strategy<Value = String> {
        // Colons, digits and braces are the encoding's own characters: they must survive.
        "[a-z0-9:{}é\u{0} \"\\\\-]{0,12}"
    }

    fn template(
        source: &str,
        texts: &[String],
        args: &[(usize, String)],
    ) -> (String, Vec<(bool, String, usize)>) {
        let mut pieces = Vec::new();
        for (i, text) in texts.iter().enumerate() {
            pieces.push((true, text.clone(), 0));
            if let Some((index, written)) = args.get(i) {
                pieces.push((false, written.clone(), *index));
            }
        }
        (source.to_owned(), pieces)
    }

    type Owned = (String, Vec<(bool, String, usize)>);

    fn borrow(owned: &Owned) -> Template<'_> {
        Template {
            source: &owned.0,
            pieces: owned
                .1
                .iter()
                .map(|(is_text, text, index)| {
                    if *is_text {
                        Piece::Text(text)
                    } else {
                        Piece::Arg {
                            index: *index,
                            written: text,
                        }
                    }
                })
                .collect(),
        }
    }

    fn owned_template() -> impl Strategy<Value = Owned> {
        (
            text(),
            prop::collection::vec(text(), 0..4),
            prop::collection::vec((0_usize..20, text()), 0..4),
        )
            .prop_map(|(source, texts, args)| template(&source, &texts, &args))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        #[test]
        fn every_entry_round_trips(
            names in prop::collection::vec(text(), 1..6),
            status in 400_u16..=599,
            description in text(),
            envelope in 0_usize..5,
            flags in (any::<bool>(), any::<bool>()),
            message in prop::option::of(owned_template()),
            field in prop::option::of(owned_template()),
            headers in prop::collection::vec((text(), text(), owned_template(), any::<bool>()), 0..3),
            details in prop::collection::vec(text(), 0..4),
            transparent_at in 0_usize..6,
            links in (prop::option::of(text()), prop::option::of(text())),
            deprecated in prop::option::of((prop::option::of(text()), prop::option::of(text()))),
        ) {
            let mut entries = Vec::new();
            for (i, name) in names.iter().enumerate() {
                if i == transparent_at {
                    entries.push(Entry::Transparent {
                        name,
                        envelope,
                        docs: links.0.as_deref(),
                        docs_member: links.1.as_deref(),
                    });
                    continue;
                }
                entries.push(Entry::Variant(Row {
                    name,
                    status,
                    code: name,
                    description: &description,
                    envelope,
                    body: flags.0,
                    violations: flags.1,
                    message: message.as_ref().map(borrow),
                    field: field.as_ref().map(borrow),
                    headers: headers
                        .iter()
                        .map(|(name, lower, value, optional)| Header {
                            name,
                            lower,
                            value: borrow(value),
                            optional: *optional,
                        })
                        .collect(),
                    details: details.iter().map(String::as_str).collect(),
                    docs: links.0.as_deref(),
                    docs_member: links.1.as_deref(),
                    deprecated: deprecated.as_ref().map(|(since, note)| Deprecation {
                        since: since.as_deref(),
                        note: note.as_deref(),
                    }),
                }));
            }
            let encoded = encode(&entries);
            prop_assert_eq!(decode(&encoded, entries.len()).unwrap(), entries);
        }
    }

    #[test]
    fn a_wrong_count_or_a_corrupt_string_is_an_error() {
        let entries = [Entry::Variant(Row::new("NotFound", 404, "NOT_FOUND"))];
        let encoded = encode(&entries);
        assert!(decode(&encoded, 1).is_ok());
        assert_eq!(
            decode(&encoded, 2).unwrap_err().expected,
            "an entry tag",
            "one entry fewer than the derive declared"
        );
        assert_eq!(
            decode(&encoded, 0).unwrap_err().expected,
            "the end of the table"
        );
        let corrupt = encoded.replace("3:404", "3:200");
        assert_eq!(
            decode(&corrupt, 1).unwrap_err().expected,
            "a status in 400..=599"
        );
        let error: DecodeError = decode("1:x", 1).unwrap_err();
        assert!(error.to_string().contains("same version"), "{error}");
    }
}
