//! [`Table`]: the static data the derive emits for one type, decoded the first time it is
//! needed.

use super::link::Links;
use super::parts::Vtable;
use super::row::Variant;
use errcat_table::Entry;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The derive's static table for one type: every variant's data encoded in one string (the
/// format of the `errcat-table` crate, which the derive and this crate share), and the type's
/// envelopes, which rows name by index.
pub struct Table {
    encoded: &'static str,
    count: usize,
    envelopes: &'static [&'static Vtable],
    entries: OnceLock<Box<[Decoded]>>,
}

/// One variant of a [`Table`].
// Decoded once, into one boxed slice per type: boxing the large variant would only add a load
// to every response.
#[allow(clippy::large_enum_variant)]
pub(crate) enum Decoded {
    /// A variant with its own status, and its envelope.
    Variant(Variant, &'static Vtable),
    /// A `transparent` variant: its field's type answers, in `envelope`, documented where
    /// `links` say when the inner type names no page of its own.
    Transparent {
        envelope: &'static Vtable,
        links: Links,
    },
}

/// The next variant id to hand out.
static NEXT_ID: AtomicUsize = AtomicUsize::new(0);

impl Table {
    /// The table of `count` variants encoded in `encoded`, whose envelopes are `envelopes`.
    pub const fn new(
        encoded: &'static str,
        count: usize,
        envelopes: &'static [&'static Vtable],
    ) -> Self {
        Table {
            encoded,
            count,
            envelopes,
            entries: OnceLock::new(),
        }
    }

    /// Every variant, decoded once.
    ///
    /// # Panics
    ///
    /// When the encoding is not what this crate reads: only a derive of another version
    /// could write it (`errcat` pins `errcat-macros` exactly), and a wrong row must never be
    /// served in its place.
    pub(crate) fn entries(&'static self) -> &'static [Decoded] {
        self.entries.get_or_init(|| {
            errcat_table::decode(self.encoded, self.count)
                .and_then(|entries| {
                    let first = NEXT_ID.fetch_add(entries.len(), Ordering::Relaxed);
                    entries
                        .into_iter()
                        .enumerate()
                        .map(|(index, entry)| self.resolve(first + index, entry))
                        .collect()
                })
                .unwrap_or_else(|error| panic!("{error}"))
        })
    }

    fn resolve(
        &self,
        id: usize,
        entry: Entry<'static>,
    ) -> Result<Decoded, errcat_table::DecodeError> {
        let mismatch = |expected| errcat_table::DecodeError { at: 0, expected };
        let envelope = |index: usize| {
            self.envelopes
                .get(index)
                .copied()
                .ok_or(mismatch("an envelope index within the type's envelopes"))
        };
        Ok(match entry {
            Entry::Variant(row) => {
                let envelope = envelope(row.envelope)?;
                Decoded::Variant(Variant::new(id, row).ok_or(mismatch("a status"))?, envelope)
            }
            Entry::Transparent {
                envelope: index,
                docs,
                docs_member,
                ..
            } => Decoded::Transparent {
                envelope: envelope(index)?,
                links: Links {
                    docs,
                    member: docs_member,
                },
            },
        })
    }

    /// The variant at `index`, which has its own status, and its envelope.
    ///
    /// # Panics
    ///
    /// When `index` is not such a variant of this table: the derive wrote both, so only a
    /// version mismatch could cause it.
    pub(crate) fn variant(&'static self, index: usize) -> (&'static Variant, &'static Vtable) {
        match self.entries().get(index) {
            Some(Decoded::Variant(variant, envelope)) => (variant, envelope),
            _ => panic!(
                "errcat: variant {index} of a derived type is not in its table: errcat and errcat-macros must be the same version"
            ),
        }
    }

    /// The envelope and links of the transparent variant at `index`.
    ///
    /// # Panics
    ///
    /// As [`variant`](Self::variant), when `index` is not a transparent variant.
    pub(crate) fn transparent(&'static self, index: usize) -> (&'static Vtable, &'static Links) {
        match self.entries().get(index) {
            Some(Decoded::Transparent { envelope, links }) => (envelope, links),
            _ => panic!(
                "errcat: variant {index} of a derived type is not transparent in its table: errcat and errcat-macros must be the same version"
            ),
        }
    }
}
