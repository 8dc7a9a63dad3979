//! The error catalog: every error a service can answer with, as data, and rendered as
//! Markdown documentation, an HTML page and an OpenAPI 3.1 document from the same source as
//! the responses.
//!
//! ```
//! use errcat::ApiError;
//! use errcat::catalog::Catalog;
//!
//! #[derive(Debug, thiserror::Error, ApiError)]
//! enum BundleError {
//!     /// No bundle with this id exists in the caller's tenant.
//!     #[error("bundle {id} not found")]
//!     #[status(404)]
//!     #[message("bundle not found")]
//!     NotFound { id: String },
//! }
//!
//! #[derive(Debug, thiserror::Error, ApiError)]
//! enum KeyError {
//!     #[error("key ring {0} not found")]
//!     #[status(404)]
//!     #[code("KEYRING_NOT_FOUND")]
//!     #[message("KeyRing '{0}' not found")]
//!     NotFound(String),
//! }
//!
//! let catalog = Catalog::new().group::<BundleError>("Bundles").group::<KeyError>("Keys");
//! let markdown = catalog.to_markdown();
//! assert!(markdown.contains("| 404 | Not Found | NOT_FOUND, KEYRING_NOT_FOUND |"));
//! assert!(markdown.contains("| 404 | KEYRING_NOT_FOUND | KeyRing '{0}' not found |  |"));
//!
//! let openapi = catalog.to_openapi();
//! let example = &openapi["components"]["responses"]["Keys404"]["content"]
//!     ["application/problem+json"]["examples"]["NotFound"]["value"];
//! assert_eq!(example["detail"], "KeyRing '{0}' not found");
//! assert!(catalog.code_clashes().is_empty());
//! ```

mod collect;
pub(crate) mod components;
mod contract;
mod entry;
mod fresh;
mod html;
#[cfg(any(feature = "tower", feature = "actix-web"))]
mod mapped;
mod markdown;
mod openapi;
mod operations;
mod response;
pub(crate) mod types;

#[cfg(feature = "utoipa")]
pub(crate) use self::collect::by_status;
pub use self::collect::{Catalog, CodeClash, CodeUse, Group};
pub use self::contract::{BreakingChange, ContractError, assert_compatible};
pub use self::entry::{CatalogEntry, Deprecation};
pub use self::fresh::assert_fresh;
pub use self::operations::{Documented, Extractor, OperationErrors, Operations};
#[cfg(feature = "utoipa")]
pub(crate) use self::response::response;

use crate::model::table::{Decoded, Table};

/// A transparent row's index, and its inner type's `ApiError::catalog`.
#[doc(hidden)]
pub type Nested = (usize, fn() -> Vec<CatalogEntry>);

/// A derived type's entries: its table's rows, with each transparent row replaced by the
/// entries of its inner type (`nested`), in the outer type's envelope.
pub(crate) fn entries(
    table: &'static Table,
    nested: &[Nested],
    docs: &[types::VariantDocs<'_>],
) -> Vec<CatalogEntry> {
    let decoded = table.entries();
    let mut entries = Vec::with_capacity(decoded.len());
    for (index, entry) in decoded.iter().enumerate() {
        match entry {
            Decoded::Variant(row, envelope) => {
                let entry = CatalogEntry::from_row(row, envelope);
                entries.push(match docs.get(index) {
                    Some(docs) => entry.with_types(docs),
                    None => entry,
                });
            }
            Decoded::Transparent { envelope, links } => {
                if let Some((_, inner)) = nested.iter().find(|(at, _)| *at == index) {
                    for entry in inner() {
                        let entry = entry.in_envelope(envelope).with_outer_links(*links);
                        // A type reached through two transparent paths is listed once.
                        if !entries
                            .iter()
                            .any(|known: &CatalogEntry| known.same_error(&entry))
                        {
                            entries.push(entry);
                        }
                    }
                }
            }
        }
    }
    entries
}
