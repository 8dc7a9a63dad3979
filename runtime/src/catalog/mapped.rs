//! Rejections as a service documents them when it answers them as its own errors
//! (`ErrorContextLayer::rejections_as`): the entries of the errors its `From<Rejection>`
//! turns them into.

use super::entry::CatalogEntry;
use crate::ApiError;
use crate::rejection::Rejection;

/// Documents a [`Rejection`] entry as the entries of the service's errors it becomes.
pub(crate) type MapEntry = fn(&CatalogEntry) -> Vec<CatalogEntry>;

/// The entries of `E` that the rejection `entry` becomes through `E::from`: found by
/// converting the rejection's samples and looking their codes and statuses up in `E`'s
/// catalog.
/// An error `E`'s catalog does not list (a hand-written `From` into a hand implementation)
/// is documented as the rejection itself.
pub(crate) fn mapped<E: ApiError + From<Rejection>>(entry: &CatalogEntry) -> Vec<CatalogEntry> {
    let known = E::catalog();
    let mut found: Vec<CatalogEntry> = Vec::new();
    for sample in Rejection::samples() {
        if sample.code() != entry.code {
            continue;
        }
        let error = E::from(sample);
        let (code, status) = (error.code(), error.status().as_u16());
        let own = known
            .iter()
            .find(|known| known.code == code && known.status == status)
            .unwrap_or(entry);
        if !found.iter().any(|seen| seen.same_error(own)) {
            found.push(own.clone());
        }
    }
    if found.is_empty() {
        found.push(entry.clone());
    }
    found
}

/// Every rejection, documented as the errors of `E` it becomes, each once.
pub(crate) fn all_mapped<E: ApiError + From<Rejection>>() -> Vec<CatalogEntry> {
    let mut entries: Vec<CatalogEntry> = Vec::new();
    for rejection in Rejection::catalog() {
        for entry in mapped::<E>(&rejection) {
            if !entries.iter().any(|known| known.same_error(&entry)) {
                entries.push(entry);
            }
        }
    }
    entries
}
