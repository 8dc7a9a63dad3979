//! The static data the derive emits: a [`Table`] per type, decoded into one [`Variant`] row
//! per variant, with its templates.
//!
//! Everything here is reached only through `__private`; it is not public API.

use crate::envelope::Vtable;
use crate::skeleton::Skeletons;
use std::any::TypeId;
use std::sync::OnceLock;

/// The derive's static table for one type: every variant's data encoded in one string,
/// decoded into `Variant` rows the first time one is needed, and a cache per variant.
///
/// One string literal per type, rather than a struct literal per variant, keeps the
/// expansion small: the compiler type-checks, evaluates and emits far less for each variant.
pub struct Table<C: ?Sized> {
    encoded: &'static str,
    envelopes: &'static [&'static Vtable],
    rows: OnceLock<Box<[Variant]>>,
    caches: C,
}

impl<const N: usize> Table<[BodyCache; N]> {
    /// The table of `N` variants encoded in `encoded`, whose envelopes are listed in
    /// `envelopes` (rows refer to them by index).
    pub const fn new(encoded: &'static str, envelopes: &'static [&'static Vtable]) -> Self {
        Table {
            encoded,
            envelopes,
            rows: OnceLock::new(),
            caches: [const { BodyCache::new() }; N],
        }
    }
}

impl Table<[BodyCache]> {
    /// Every row, decoded once.
    pub(crate) fn rows(&'static self) -> &'static [Variant] {
        self.rows.get_or_init(|| {
            let mut input = Decoder(self.encoded);
            (0..self.caches.len())
                .map(|index| {
                    let cache = &self.caches[index];
                    input
                        .variant(self.envelopes, cache)
                        .unwrap_or_else(|| Variant::broken(cache, self.envelopes))
                })
                .collect()
        })
    }

    /// The row of the variant at `index`.
    pub(crate) fn row(&'static self, index: usize) -> &'static Variant {
        let rows = self.rows();
        rows.get(index).unwrap_or(&rows[0])
    }
}

/// One variant's data, decoded from its [`Table`].
pub struct Variant {
    /// The variant's name, raw prefix removed.
    pub name: &'static str,
    /// Its status, already checked to be in 400..=599.
    pub status: u16,
    /// Its code.
    pub code: &'static str,
    /// `#[message]`; `None` means the status's reason phrase.
    pub message: Option<Template>,
    /// `#[field]`.
    pub field: Option<Template>,
    /// `#[header]`s, in order.
    pub headers: Box<[HeaderTemplate]>,
    /// The keys of the `#[detail]` members, in field order.
    pub details: Box<[&'static str]>,
    /// Whether a field is the whole body (`#[api_error(body)]`).
    pub body: bool,
    /// Whether a field holds the request's invalid fields (`#[api_error(violations)]`).
    pub violations: bool,
    /// The doc comment.
    pub description: &'static str,
    /// The variant's envelope.
    pub envelope: &'static Vtable,
    /// The body, once rendered, when nothing in it can change.
    pub cache: &'static BodyCache,
}

impl Variant {
    /// What a row that failed to decode becomes (only a mismatch between the derive and
    /// this crate could cause it; they are pinned to the same version).
    fn broken(cache: &'static BodyCache, envelopes: &'static [&'static Vtable]) -> Self {
        Variant {
            name: "",
            status: 500,
            code: "INTERNAL_SERVER_ERROR",
            message: None,
            field: None,
            headers: Box::new([]),
            details: Box::new([]),
            body: false,
            violations: false,
            description: "",
            envelope: envelopes
                .first()
                .copied()
                .unwrap_or(&<crate::envelope::Problem as crate::envelope::HasVtable>::VTABLE),
            cache,
        }
    }
}

/// Reads the derive's encoding: a sequence of `length:bytes` fields, per variant in order
/// name, status, code, description, envelope index, body flag, violations flag, message, field, headers
/// (count, then name, lowercase name and template each), detail keys (count, then keys).
/// A template is `-` when absent, else its source, piece count, then per piece `t` and
/// its text or `f`, argument index and placeholder as written.
struct Decoder(&'static str);

impl Decoder {
    fn string(&mut self) -> Option<&'static str> {
        let (length, rest) = self.0.split_once(':')?;
        let length: usize = length.parse().ok()?;
        let value = rest.get(..length)?;
        self.0 = rest.get(length..)?;
        Some(value)
    }

    fn number<T: std::str::FromStr>(&mut self) -> Option<T> {
        self.string()?.parse().ok()
    }

    fn template(&mut self) -> Option<Option<Template>> {
        let source = self.string()?;
        if source == "-" {
            return Some(None);
        }
        let count: usize = self.number()?;
        let mut pieces = Vec::with_capacity(count);
        for _ in 0..count {
            pieces.push(match self.string()? {
                "t" => Piece::Text(self.string()?),
                _ => Piece::Field(self.number()?, self.string()?),
            });
        }
        Some(Some(Template {
            source,
            pieces: pieces.into_boxed_slice(),
        }))
    }

    fn variant(
        &mut self,
        envelopes: &'static [&'static Vtable],
        cache: &'static BodyCache,
    ) -> Option<Variant> {
        let name = self.string()?;
        let status = self.number()?;
        let code = self.string()?;
        let description = self.string()?;
        let envelope = *envelopes.get(self.number::<usize>()?)?;
        let body = self.string()? == "1";
        let violations = self.string()? == "1";
        let message = self.template()?;
        let field = self.template()?;
        let header_count: usize = self.number()?;
        let mut headers = Vec::with_capacity(header_count);
        for _ in 0..header_count {
            let name = self.string()?;
            let lower = self.string()?;
            let value = self.template()??;
            headers.push(HeaderTemplate { name, lower, value });
        }
        let detail_count: usize = self.number()?;
        let details = (0..detail_count)
            .map(|_| self.string())
            .collect::<Option<Box<[_]>>>()?;
        Some(Variant {
            name,
            status,
            code,
            message,
            field,
            headers: headers.into_boxed_slice(),
            details,
            body,
            violations,
            description,
            envelope,
            cache,
        })
    }
}

/// A template: literal text and placeholders, parsed by the derive.
#[derive(Debug)]
pub struct Template {
    /// As written, `{placeholders}` and `{{` escapes kept; what the catalog shows.
    pub source: &'static str,
    /// Text and placeholders in order.
    pub pieces: Box<[Piece]>,
}

impl Template {
    /// The text when the template has no placeholders.
    pub fn as_static(&self) -> Option<&'static str> {
        match *self.pieces {
            [] => Some(""),
            [Piece::Text(text)] => Some(text),
            _ => None,
        }
    }
}

/// One run of a [`Template`].
#[derive(Clone, Copy, Debug)]
pub enum Piece {
    /// Literal text, escapes resolved.
    Text(&'static str),
    /// The interpolated value at this index of the variant's arguments, and the placeholder
    /// as written (`retry_after`), which catalog examples print in braces.
    Field(usize, &'static str),
}

/// One `#[header("Name", "template")]`.
#[derive(Debug)]
pub struct HeaderTemplate {
    /// The name as written, for the catalog.
    pub name: &'static str,
    /// The name lowercased, checked by the derive to be a valid header name.
    pub lower: &'static str,
    /// The value.
    pub value: Template,
}

/// A body rendered once and reused, tagged with the envelope that rendered it.
///
/// A transparent wrapper can render an inner variant in another envelope; the tag keeps it
/// from reusing a body cached for the inner type's own envelope.
pub struct BodyCache {
    fixed: OnceLock<(TypeId, Box<[u8]>)>,
    /// Compiled bodies with holes, for bodies that do change.
    pub(crate) skeletons: Skeletons,
}

impl BodyCache {
    /// An empty cache.
    #[allow(clippy::new_without_default)] // used in statics, where only a const fn will do
    pub const fn new() -> Self {
        BodyCache {
            fixed: OnceLock::new(),
            skeletons: Skeletons::new(),
        }
    }

    /// The cached body for `envelope`, rendering it with `render` the first time.
    /// `None` if the cache already holds another envelope's body.
    pub(crate) fn get_or_render(
        &'static self,
        envelope: TypeId,
        render: impl FnOnce() -> Vec<u8>,
    ) -> Option<&'static [u8]> {
        let (cached_for, body) = self
            .fixed
            .get_or_init(|| (envelope, render().into_boxed_slice()));
        (*cached_for == envelope).then_some(&**body)
    }
}
