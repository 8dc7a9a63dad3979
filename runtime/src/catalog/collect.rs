//! [`Catalog`]: several error types' entries, collected in named groups.

use super::entry::CatalogEntry;
use crate::ApiError;
use crate::envelope::Envelope;
use std::collections::BTreeMap;

/// Several error types' entries, in named groups, ready to render.
#[derive(Clone, Debug)]
pub struct Catalog {
    pub(super) title: Option<String>,
    pub(super) version: String,
    pub(super) groups: Vec<Group>,
}

/// One named group of a [`Catalog`]: the entries of one error type.
#[derive(Clone, Debug)]
pub struct Group {
    pub(super) name: String,
    pub(super) entries: Vec<CatalogEntry>,
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

/// A code with more than one definition (status, message, envelope or `type` URI) within one
/// [`Catalog`] or [`Operations`](super::Operations).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeClash {
    /// The code.
    pub code: &'static str,
    /// Every use of it, in catalog order.
    pub uses: Vec<CodeUse>,
}

/// Where a [`CodeClash`]'s code is used, and how it is defined there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeUse {
    /// The group, as named in [`Catalog::group`] (for
    /// [`Operations::code_clashes`](super::Operations::code_clashes), the operation:
    /// `GET /bundles/{id}`).
    pub group: String,
    /// The variant.
    pub variant: &'static str,
    /// The status it answers with there.
    pub status: u16,
    /// The message template there.
    pub message: &'static str,
    /// The envelope its body is written in there (the type's name without its path), or
    /// `"body"` for a field's own value sent as the whole body (`#[api_error(body)]`).
    pub envelope: &'static str,
    /// The URI documenting it there (its problem `type`), if any: clients that switch on
    /// `type` see two problems where one code has two.
    pub type_uri: Option<String>,
}

impl CodeUse {
    /// What clients can tell apart: two uses of one code that differ in any of these are
    /// two definitions.
    fn definition(&self) -> (u16, &'static str, &'static str, Option<&str>) {
        (
            self.status,
            self.message,
            self.envelope,
            self.type_uri.as_deref(),
        )
    }
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

    /// Sets the title of the OpenAPI document and of the HTML page (default "Errors"), and
    /// puts it at the top of the Markdown page as a `#` heading (by default the Markdown starts
    /// with the status table, to sit inside a page of your own).
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
    /// assert_eq!(example.body(), r#"{"error":"Invalid JSON in request body","line":1,"column":12}"#);
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

    /// Adds the rejections (of errcat's extractors, axum's, routing's and the tower layer's)
    /// as a group called `name`, each as the error of `E` it becomes: for a service that
    /// answers them as its own errors (`ErrorContextLayer::rejections_as::<E>()`), so its
    /// docs list its own codes.
    ///
    /// ```
    /// use errcat::{ApiError, Catalog};
    /// use errcat::tower::Rejection;
    ///
    /// #[derive(Debug, ApiError)]
    /// enum ServiceError {
    ///     #[status(400)]
    ///     #[code("VALIDATION_ERROR")]
    ///     #[message("{0}")]
    ///     Invalid(#[api_error(example = "Missing required field: name".to_owned())] String),
    ///     #[status(404)]
    ///     #[code("NOT_FOUND")]
    ///     #[message("No such resource")]
    ///     NotFound,
    ///     #[status(500)]
    ///     #[code("INTERNAL")]
    ///     #[message("Something went wrong")]
    ///     Internal,
    /// }
    ///
    /// impl From<Rejection> for ServiceError {
    ///     fn from(rejection: Rejection) -> Self {
    ///         match rejection.status().as_u16() {
    ///             404 => ServiceError::NotFound,
    ///             500.. => ServiceError::Internal,
    ///             _ => ServiceError::Invalid(rejection.to_string()),
    ///         }
    ///     }
    /// }
    ///
    /// let catalog = Catalog::new().rejections_as::<ServiceError>("Refused requests");
    /// let codes: Vec<&str> = catalog.groups()[0].entries().iter().map(|e| e.code).collect();
    /// assert_eq!(codes, ["VALIDATION_ERROR", "NOT_FOUND", "INTERNAL"]);
    /// ```
    #[cfg(any(feature = "tower", feature = "actix-web"))]
    #[must_use]
    pub fn rejections_as<E: ApiError + From<crate::rejection::Rejection>>(
        mut self,
        name: impl Into<String>,
    ) -> Self {
        self.groups.push(Group {
            name: name.into(),
            entries: super::mapped::all_mapped::<E>(),
        });
        self
    }

    /// The groups, in the order they were added.
    pub fn groups(&self) -> &[Group] {
        &self.groups
    }

    /// Codes with more than one definition anywhere in this catalog: used with two statuses,
    /// two messages or two envelopes, so a client that branches on the code cannot know which
    /// it got.
    ///
    /// The derive rejects two statuses for one code within one type; across transparent
    /// boundaries and groups only the catalog can see a clash. A test can require this to be
    /// empty.
    pub fn code_clashes(&self) -> Vec<CodeClash> {
        code_clashes(
            self.groups
                .iter()
                .flat_map(|group| group.entries.iter().map(|entry| (&*group.name, entry))),
        )
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

/// The codes of `entries` (each with where it is used) that have two definitions.
pub(crate) fn code_clashes<'a>(
    entries: impl IntoIterator<Item = (&'a str, &'a CatalogEntry)>,
) -> Vec<CodeClash> {
    let mut uses: BTreeMap<&'static str, Vec<CodeUse>> = BTreeMap::new();
    let mut order = Vec::new();
    for (group, entry) in entries {
        let list = uses.entry(entry.code).or_insert_with(|| {
            order.push(entry.code);
            Vec::new()
        });
        list.push(CodeUse {
            group: group.to_owned(),
            variant: entry.variant,
            status: entry.status,
            message: entry.message,
            envelope: envelope_name(entry),
            type_uri: entry.type_uri(),
        });
    }
    order
        .into_iter()
        .filter_map(|code| {
            let list = uses.remove(code)?;
            let first = list.first()?.definition();
            list.iter()
                .any(|known| known.definition() != first)
                .then_some(CodeClash { code, uses: list })
        })
        .collect()
}

/// The name of the envelope `entry`'s body is written in (its type's name without the path),
/// or `"body"` for a field's own value sent as the whole body.
pub(super) fn envelope_name(entry: &CatalogEntry) -> &'static str {
    if entry.body {
        "body"
    } else {
        entry.envelope.short_name()
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
