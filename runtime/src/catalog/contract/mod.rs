//! [`assert_compatible`]: the error contract recorded in the repository and checked by a
//! test, so a change that would break the API's clients fails the service's own tests.

mod compare;
mod schema;
mod snapshot;

pub use self::compare::BreakingChange;
use self::compare::{Comparison, compare};
use self::snapshot::Contract;
pub use self::snapshot::ContractError;
use super::Catalog;
use super::fresh::{blessing, write};
use std::fmt::Write as _;
use std::path::Path;

/// In a test, fails with a report of each breaking change between the error contract
/// recorded at `path` and `catalog`'s; with the environment variable `ERRCAT_BLESS=1` it
/// records `catalog`'s instead (creating the file and its directories if needed), as
/// [`assert_fresh`](super::assert_fresh) does.
///
/// ```no_run
/// use errcat::catalog::{Catalog, assert_compatible};
/// # #[derive(Debug, errcat::ApiError)] #[status(404)] struct NotFound;
///
/// #[test]
/// fn error_contract_is_kept() {
///     let catalog = Catalog::new().group::<NotFound>("Bundles");
///     assert_compatible("docs/errors.contract.json", &catalog);
/// }
/// ```
///
/// Record the contract once with `ERRCAT_BLESS=1 cargo test` and commit the file. From then
/// on the test fails on any change that breaks a client written against it, each named with
/// its code:
///
/// ```text
/// docs/errors.contract.json: 3 breaking changes to the error contract
/// - KEY_NOT_FOUND: removed (was 404, Problem)
/// - RATE_LIMITED: status 429 -> 503
/// - RATE_LIMITED: detail `retryAfter` removed
/// If these changes are intended, the API's clients must be told; `ERRCAT_BLESS=1 cargo test` then records the new contract.
/// ```
///
/// # What breaks a client
///
/// For each code of the recorded contract:
///
/// - the code removed (clients branch on codes: [AIP-193] counts a changed code as breaking);
/// - its status changed;
/// - its envelope or content type changed (a code that became, or stopped being, a field's
///   own value as the whole body changes envelope too), or that body's type changed;
/// - a detail member or a header removed, its type changed, or, always sent before, now only
///   sometimes (an `Option`);
/// - its field template removed or changed; its list of invalid fields (`violations`) removed;
/// - its `type` URI (or docs member) changed or removed: clients switch on RFC 9457's `type`.
///
/// Everything else passes: new codes, new details and headers, a field or a `type` where
/// there was none, a code newly deprecated, and what is not in the contract at all, such as
/// reworded messages and descriptions. When the recorded contract lacks such additions, the
/// check passes and says so on stderr: recording them lets a later change to them be checked
/// too.
///
/// A code that several entries use (through two groups, or a transparent variant) is
/// recorded once, as the first of them in catalog order defines it; whether they agree is
/// [`Catalog::code_clashes`]'s check, not this one.
///
/// # The snapshot
///
/// The file is JSON, pretty-printed and written the same way on every machine (codes
/// sorted, schemas' keys sorted), so its diff in a review is the contract's change. It is
/// meant to be read by other tools too:
///
/// ```
/// use errcat::ApiError;
/// use errcat::catalog::Catalog;
///
/// #[derive(Debug, ApiError)]
/// #[api_error(docs = "https://api.example.com/errors")]
/// enum LimitError {
///     #[status(429)]
///     #[code("RATE_LIMITED")]
///     #[message("Try again in {retry_after} seconds.")]
///     #[header("Retry-After", "{retry_after}")]
///     #[header("X-RateLimit-Reset", "{reset}")]
///     RateLimited {
///         #[detail]
///         retry_after: u64,
///         reset: Option<u64>,
///     },
/// }
///
/// let catalog = Catalog::new().group::<LimitError>("Limits");
/// assert_eq!(catalog.contract(), r#"{
///   "format": "errcat-contract/1",
///   "codes": {
///     "RATE_LIMITED": {
///       "status": 429,
///       "envelope": "Problem",
///       "contentType": "application/problem+json",
///       "type": "https://api.example.com/errors#RATE_LIMITED",
///       "details": {
///         "retryAfter": {
///           "required": true,
///           "schema": {
///             "minimum": 0,
///             "type": "integer"
///           }
///         }
///       },
///       "headers": {
///         "Retry-After": {
///           "required": true,
///           "schema": {
///             "minimum": 0,
///             "type": "integer"
///           }
///         },
///         "X-RateLimit-Reset": {
///           "required": false,
///           "schema": {
///             "minimum": 0,
///             "type": "integer"
///           }
///         }
///       }
///     }
///   }
/// }
/// "#);
/// ```
///
/// `format` is `"errcat-contract/1"`; `codes` holds one object per code, with these members
/// (the first three always, the others only when they apply):
///
/// | member | what |
/// | --- | --- |
/// | `status` | the HTTP status |
/// | `envelope` | the envelope's type name without its path (`Problem`, `Wrapped`, a custom envelope's), or `"body"` when a field's own value is the whole body |
/// | `contentType` | the responses' content type |
/// | `type` | the URI documenting the error ([`CatalogEntry::type_uri`](crate::CatalogEntry::type_uri)): `Problem`'s `type`, or the value of the docs member; left out where the body carries neither |
/// | `docsMember` | the body member that carries `type`, in an envelope without one |
/// | `field` | the `#[field]` template, placeholders as written |
/// | `violations` | `true`: the body lists the request's invalid fields |
/// | `body` | with `"envelope": "body"`, the JSON Schema of the whole body |
/// | `details` | each `#[detail]` member by key, in declaration order: `required` (whether every response has it: `false` for an `Option`) and `schema` |
/// | `headers` | each extra header by name as written (compared ignoring case): `required` (`false` for one that interpolates an `Option`) and `schema` |
/// | `deprecated` | the code's deprecation ([`Deprecation::label`](super::Deprecation::label)); informative, not compared |
///
/// Schemas are JSON Schema (the OpenAPI 3.1 dialect the catalog's documents use) without
/// annotations (`description`, `title`, examples), with the `$ref`s to a type's named
/// schemas (utoipa's `ToSchema` types) replaced by those schemas, but for a recursive type's
/// inner `$ref`. A reader should ignore members it does not know: a later errcat may add
/// some under the same format, and changes any of these only under a new one.
///
/// [AIP-193]: https://google.aip.dev/193
///
/// # Panics
///
/// When the contract has breaking changes; when the file is missing, cannot be read, or is
/// not a contract in this format (the file is left as it was in each case). With
/// `ERRCAT_BLESS=1`, only when it cannot write the file.
#[track_caller]
pub fn assert_compatible(path: impl AsRef<Path>, catalog: &Catalog) {
    check(path.as_ref(), catalog, blessing());
}

impl Catalog {
    /// The error contract of this catalog, as [`assert_compatible`] records it: the text of
    /// the snapshot, whose format that function documents.
    pub fn contract(&self) -> String {
        Contract::of(self).to_text()
    }

    /// The changes from the contract `snapshot` records (the text of a
    /// [`contract`](Self::contract)) to this catalog's that would break a client: what
    /// [`assert_compatible`] reports, by code in code order.
    ///
    /// ```
    /// use errcat::ApiError;
    /// use errcat::catalog::Catalog;
    ///
    /// mod v1 {
    ///     #[derive(Debug, errcat::ApiError)]
    ///     pub enum KeyError {
    ///         #[status(404)]
    ///         #[message("Key not found")]
    ///         KeyNotFound,
    ///         #[status(429)]
    ///         #[code("RATE_LIMITED")]
    ///         RateLimited { #[detail] retry_after: u64 },
    ///     }
    /// }
    ///
    /// mod v2 {
    ///     #[derive(Debug, errcat::ApiError)]
    ///     pub enum KeyError {
    ///         #[status(404)]
    ///         #[message("No key with this name")]
    ///         KeyNotFound,
    ///         #[status(503)]
    ///         #[code("RATE_LIMITED")]
    ///         RateLimited,
    ///     }
    /// }
    ///
    /// let recorded = Catalog::new().group::<v1::KeyError>("Keys").contract();
    /// let catalog = Catalog::new().group::<v2::KeyError>("Keys");
    /// let changes: Vec<String> = catalog
    ///     .breaking_changes(&recorded)
    ///     .unwrap()
    ///     .iter()
    ///     .map(ToString::to_string)
    ///     .collect();
    /// // The reworded message is not one.
    /// assert_eq!(changes, [
    ///     "RATE_LIMITED: status 429 -> 503",
    ///     "RATE_LIMITED: detail `retryAfter` removed",
    /// ]);
    /// ```
    ///
    /// # Errors
    ///
    /// When `snapshot` is not an error contract in the format this errcat reads.
    pub fn breaking_changes(&self, snapshot: &str) -> Result<Vec<BreakingChange>, ContractError> {
        let recorded = Contract::from_text(snapshot)?;
        Ok(compare(&recorded, &Contract::of(self)).breaking)
    }
}

#[track_caller]
fn check(path: &Path, catalog: &Catalog, bless: bool) {
    let contract = Contract::of(catalog);
    let text = contract.to_text();
    let current = std::fs::read_to_string(path);
    if bless {
        if current.as_deref().ok() != Some(text.as_str()) {
            write(path, &text);
        }
        return;
    }
    let current = match current {
        Ok(current) => current,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => panic!(
            "no error contract at {}: run `ERRCAT_BLESS=1 cargo test` to record it, then commit it",
            path.display()
        ),
        Err(error) => panic!(
            "cannot read the error contract at {} ({error})",
            path.display()
        ),
    };
    let recorded = match Contract::from_text(&current) {
        Ok(recorded) => recorded,
        Err(error) => panic!(
            "{} is not an errcat error contract: {error}; mend it, or record the current \
             contract over it with `ERRCAT_BLESS=1 cargo test`",
            path.display()
        ),
    };
    let comparison = compare(&recorded, &contract);
    if !comparison.breaking.is_empty() {
        panic!("{}", report(path, &comparison.breaking));
    }
    if recorded != contract {
        eprintln!("{}", note(path, &comparison));
    }
}

/// The failure's message: a heading, a line per change, and what to do.
fn report(path: &Path, breaking: &[BreakingChange]) -> String {
    let (count, one) = (breaking.len(), breaking.len() == 1);
    let mut report = format!(
        "{}: {count} breaking change{} to the error contract\n",
        path.display(),
        if one { "" } else { "s" }
    );
    for change in breaking {
        let _ = writeln!(report, "- {change}");
    }
    let _ = write!(
        report,
        "If {} intended, the API's clients must be told; `ERRCAT_BLESS=1 cargo test` then \
         records the new contract.",
        if one {
            "this change is"
        } else {
            "these changes are"
        }
    );
    report
}

/// What a passing check says when the recorded contract is not the current one.
fn note(path: &Path, comparison: &Comparison) -> String {
    let count = comparison.additions.len();
    if count == 0 {
        return format!(
            "note: the error contract at {} is out of date, with no breaking change; record \
             it with `ERRCAT_BLESS=1 cargo test`.",
            path.display()
        );
    }
    let mut note = format!(
        "note: the error contract at {} lacks {count} addition{}:\n",
        path.display(),
        if count == 1 { "" } else { "s" }
    );
    for addition in &comparison.additions {
        let _ = writeln!(note, "- {addition}");
    }
    let _ = write!(
        note,
        "Record {0} with `ERRCAT_BLESS=1 cargo test`, so that a later change to {0} is \
         checked too.",
        if count == 1 { "it" } else { "them" }
    );
    note
}

#[cfg(test)]
mod tests {
    use super::check;
    use crate::ApiError;
    use crate::catalog::Catalog;
    use std::path::{Path, PathBuf};

    mod v1 {
        #[derive(Debug, crate::ApiError)]
        #[expect(dead_code, reason = "only the catalog is read")]
        pub(super) enum BundleError {
            #[status(404)]
            #[message("bundle not found")]
            NotFound,
            #[status(429)]
            #[code("RATE_LIMITED")]
            #[header("Retry-After", "{retry_after}")]
            RateLimited {
                #[detail]
                retry_after: u64,
            },
        }
    }

    mod v2 {
        #[derive(Debug, crate::ApiError)]
        #[expect(dead_code, reason = "only the catalog is read")]
        pub(super) enum BundleError {
            #[status(410)]
            #[message("bundle not found")]
            NotFound,
        }
    }

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("errcat-contract-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir.join("docs").join("errors.contract.json")
    }

    fn catalog<E: ApiError>() -> Catalog {
        Catalog::new().group::<E>("Bundles")
    }

    fn failure(run: impl FnOnce() + std::panic::UnwindSafe) -> String {
        let failure = std::panic::catch_unwind(run).unwrap_err();
        failure.downcast_ref::<String>().unwrap().clone()
    }

    /// Blesses `E`'s contract at `path`, then checks that it is there and passes.
    fn blessed<E: ApiError>(path: &Path) {
        check(path, &catalog::<E>(), true);
        assert_eq!(
            std::fs::read_to_string(path).unwrap(),
            catalog::<E>().contract()
        );
        check(path, &catalog::<E>(), false);
    }

    #[test]
    fn bless_records_whatever_was_there() {
        let path = scratch("bless");
        blessed::<v1::BundleError>(&path);
        // Breaking changes too.
        blessed::<v2::BundleError>(&path);
        std::fs::write(&path, "not json").unwrap();
        blessed::<v1::BundleError>(&path);
    }

    #[test]
    fn breaking_changes_fail_and_leave_the_file() {
        let path = scratch("breaking");
        check(&path, &catalog::<v1::BundleError>(), true);
        let before = std::fs::read(&path).unwrap();
        let message = failure(|| check(&path, &catalog::<v2::BundleError>(), false));
        assert_eq!(
            message,
            format!(
                "{}: 2 breaking changes to the error contract\n\
                 - NOT_FOUND: status 404 -> 410\n\
                 - RATE_LIMITED: removed (was 429, Problem)\n\
                 If these changes are intended, the API's clients must be told; \
                 `ERRCAT_BLESS=1 cargo test` then records the new contract.",
                path.display()
            )
        );
        assert_eq!(std::fs::read(&path).unwrap(), before, "left as it was");
    }

    #[test]
    fn one_change_is_reported_as_one() {
        let change = super::BreakingChange {
            code: "RATE_LIMITED".to_owned(),
            change: "status 429 -> 503".to_owned(),
        };
        assert_eq!(
            super::report("errors.contract.json".as_ref(), &[change]),
            "errors.contract.json: 1 breaking change to the error contract\n\
             - RATE_LIMITED: status 429 -> 503\n\
             If this change is intended, the API's clients must be told; \
             `ERRCAT_BLESS=1 cargo test` then records the new contract."
        );
    }

    #[test]
    fn additions_are_noted() {
        let recorded = super::Contract::of(&catalog::<v2::BundleError>());
        let current = super::Contract::of(&catalog::<v1::BundleError>());
        let mut comparison = super::compare(&recorded, &current);
        assert_eq!(comparison.additions, ["RATE_LIMITED: new code"]);
        comparison.breaking.clear();
        let note = super::note("errors.contract.json".as_ref(), &comparison);
        assert_eq!(
            note,
            "note: the error contract at errors.contract.json lacks 1 addition:\n\
             - RATE_LIMITED: new code\n\
             Record it with `ERRCAT_BLESS=1 cargo test`, so that a later change to it is \
             checked too."
        );
    }

    #[test]
    fn unreadable_files_fail_untouched() {
        let path = scratch("unreadable");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        for text in ["{", "[]", r#"{"format":"errcat-contract/9","codes":{}}"#] {
            std::fs::write(&path, text).unwrap();
            let message = failure(|| check(&path, &catalog::<v1::BundleError>(), false));
            assert!(
                message.contains("is not an errcat error contract"),
                "{message}"
            );
            assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
        }
    }
}
