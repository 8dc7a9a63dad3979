//! The error catalog: every error a service can answer with, as data, and rendered as
//! Markdown documentation and an OpenAPI 3.1 document from the same source as the responses.
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

mod entry;
mod fresh;
mod markdown;
mod openapi;

pub use self::entry::CatalogEntry;
pub use self::fresh::assert_fresh;
#[cfg(feature = "utoipa")]
pub(crate) use self::openapi::response as openapi_response;

use crate::ApiError;
use crate::envelope::Envelope;
use crate::model::table::{Decoded, Table};
use std::collections::BTreeMap;

/// A transparent row's index, and its inner type's `ApiError::catalog`.
#[doc(hidden)]
pub type Nested = (usize, fn() -> Vec<CatalogEntry>);

/// A derived type's entries: its table's rows, with each transparent row replaced by the
/// entries of its inner type (`nested`), in the outer type's envelope.
pub(crate) fn entries(table: &'static Table, nested: &[Nested]) -> Vec<CatalogEntry> {
    let decoded = table.entries();
    let mut entries = Vec::with_capacity(decoded.len());
    for (index, entry) in decoded.iter().enumerate() {
        match entry {
            Decoded::Variant(row) => {
                entries.push(CatalogEntry::from_row(row, table.envelope_of(row)))
            }
            Decoded::Transparent { envelope, .. } => {
                if let Some((_, inner)) = nested.iter().find(|(at, _)| *at == index) {
                    entries.extend(inner().into_iter().map(|entry| entry.in_envelope(envelope)));
                }
            }
        }
    }
    entries
}

/// Several error types' entries, in named groups, ready to render.
#[derive(Clone, Debug)]
pub struct Catalog {
    title: Option<String>,
    version: String,
    groups: Vec<Group>,
}

/// One named group of a [`Catalog`]: the entries of one error type.
#[derive(Clone, Debug)]
pub struct Group {
    name: String,
    entries: Vec<CatalogEntry>,
}

impl Group {
    /// The group's name, as given to [`Catalog::group`].
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The group's entries, in declaration order.
    pub fn entries(&self) -> &[CatalogEntry] {
        &self.entries
    }
}

/// A code used with more than one status within one [`Catalog`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeClash {
    /// The code.
    pub code: &'static str,
    /// Every use of it: `(group, variant, status)`, in catalog order.
    pub uses: Vec<(String, &'static str, u16)>,
}

impl Default for Catalog {
    fn default() -> Self {
        Catalog::new()
    }
}

impl Catalog {
    /// An empty catalog, with no title.
    pub fn new() -> Self {
        Catalog {
            title: None,
            version: "1.0.0".to_owned(),
            groups: Vec::new(),
        }
    }

    /// Sets the title of the OpenAPI document (default "Errors") and puts it at the top of
    /// the Markdown page as a `#` heading (by default the page starts with the status table,
    /// to sit inside a page of your own).
    #[must_use]
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// Sets the `info.version` of the OpenAPI document (default `1.0.0`).
    #[must_use]
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.version = version.into();
        self
    }

    /// Adds `E`'s entries as a group called `name`.
    #[must_use]
    pub fn group<E: ApiError>(mut self, name: impl Into<String>) -> Self {
        self.groups.push(Group {
            name: name.into(),
            entries: E::catalog(),
        });
        self
    }

    /// Adds `T`'s entries as a group called `name`, rendered in envelope `E`: for error types
    /// the service answers in its own envelope although they declare another, such as
    /// errcat's extractor rejections.
    ///
    /// ```
    /// use errcat::Catalog;
    /// use errcat::envelope::ErrorField;
    ///
    /// # #[cfg(feature = "axum")] {
    /// let catalog = Catalog::new().group_in::<errcat::axum::Rejection, ErrorField>("Requests");
    /// let example = catalog.groups()[0].entries()[0].example().unwrap();
    /// assert_eq!(example.body(), r#"{"error":"Invalid JSON in request body","line":"{line}","column":"{column}"}"#);
    /// # }
    /// ```
    #[must_use]
    pub fn group_in<T: ApiError, E: Envelope>(mut self, name: impl Into<String>) -> Self {
        self.groups.push(Group {
            name: name.into(),
            entries: T::catalog()
                .into_iter()
                .map(CatalogEntry::with_envelope::<E>)
                .collect(),
        });
        self
    }

    /// The groups, in the order they were added.
    pub fn groups(&self) -> &[Group] {
        &self.groups
    }

    /// Codes used with more than one status anywhere in this catalog.
    ///
    /// The derive rejects such a clash within one type; across transparent boundaries and
    /// groups only the catalog can see it. A test can require this to be empty.
    pub fn code_clashes(&self) -> Vec<CodeClash> {
        let mut uses: BTreeMap<&'static str, Vec<(String, &'static str, u16)>> = BTreeMap::new();
        let mut order = Vec::new();
        for group in &self.groups {
            for entry in &group.entries {
                let list = uses.entry(entry.code).or_insert_with(|| {
                    order.push(entry.code);
                    Vec::new()
                });
                list.push((group.name.clone(), entry.variant, entry.status));
            }
        }
        order
            .into_iter()
            .filter_map(|code| {
                let list = uses.remove(code)?;
                let first = list.first()?.2;
                list.iter()
                    .any(|(_, _, status)| *status != first)
                    .then_some(CodeClash { code, uses: list })
            })
            .collect()
    }

    /// The Markdown page: a status summary table (`| Status | Name | Codes |`), then per
    /// group a heading, a `| Status | Code | Message | Description |` table with one row
    /// per entry, and each entry's example response.
    pub fn to_markdown(&self) -> String {
        markdown::render(self)
    }

    /// An OpenAPI 3.1 document whose `components.schemas` hold the envelope schemas and
    /// `components.responses` one response per group and status, with one named example per
    /// entry, rendered by the same code as real responses.
    pub fn to_openapi(&self) -> serde_json::Value {
        openapi::document(self)
    }

    /// Every status used, ascending, with the codes that use it in order of appearance.
    pub(crate) fn statuses(&self) -> Vec<(u16, Vec<&'static str>)> {
        let mut statuses: BTreeMap<u16, Vec<&'static str>> = BTreeMap::new();
        for entry in self.groups.iter().flat_map(|group| &group.entries) {
            let codes = statuses.entry(entry.status).or_default();
            if !codes.contains(&entry.code) {
                codes.push(entry.code);
            }
        }
        statuses.into_iter().collect()
    }
}

/// `entries` grouped by status, ascending; entries keep their order within a status.
pub(crate) fn by_status(entries: &[CatalogEntry]) -> Vec<(u16, Vec<&CatalogEntry>)> {
    let mut statuses: BTreeMap<u16, Vec<&CatalogEntry>> = BTreeMap::new();
    for entry in entries {
        statuses.entry(entry.status).or_default().push(entry);
    }
    statuses.into_iter().collect()
}
