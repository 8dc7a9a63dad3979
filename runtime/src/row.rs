//! The static data the derive emits: one [`Variant`] row per variant, with its templates.
//!
//! Everything here is reached only through `__private`; it is not public API.

use crate::envelope::Vtable;
use crate::skeleton::Skeletons;
use std::any::TypeId;
use std::sync::OnceLock;

/// One variant's row in the derive's static table.
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
    pub headers: &'static [HeaderTemplate],
    /// The keys of the `#[detail]` members, in field order.
    pub details: &'static [&'static str],
    /// Whether a field is the whole body (`#[api_error(body)]`).
    pub body: bool,
    /// The doc comment.
    pub description: &'static str,
    /// The variant's envelope.
    pub envelope: &'static Vtable,
    /// The body, once rendered, when nothing in it can change.
    pub cache: BodyCache,
}

impl Variant {
    /// The row of a `transparent` variant: only its envelope is read.
    pub const fn transparent(name: &'static str, envelope: &'static Vtable) -> Self {
        Variant {
            name,
            status: 500,
            code: "",
            message: None,
            field: None,
            headers: &[],
            details: &[],
            body: false,
            description: "",
            envelope,
            cache: BodyCache::new(),
        }
    }
}

/// A template: literal text and placeholders, parsed by the derive.
#[derive(Clone, Copy, Debug)]
pub struct Template {
    /// As written, `{placeholders}` and `{{` escapes kept; what the catalog shows.
    pub source: &'static str,
    /// Text and placeholders in order.
    pub pieces: &'static [Piece],
}

impl Template {
    /// The text when the template has no placeholders.
    pub fn as_static(&self) -> Option<&'static str> {
        match self.pieces {
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
