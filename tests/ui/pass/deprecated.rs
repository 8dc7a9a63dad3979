//! Rust's `#[deprecated]` on variants and structs: honoured, and no warning from the
//! expansion, even with every warning denied.
#![deny(warnings)]

use errcat::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(docs = "https://api.example.com/errors")]
enum KeyError {
    #[error("key gone")]
    #[status(410)]
    #[deprecated(since = "2.0.0", note = "answered as `KEY_NOT_FOUND` now")]
    Gone { #[detail] name: String },
    #[error("bare")]
    #[status(410)]
    #[deprecated]
    Bare(#[allow(dead_code)] u8),
    #[error("noted")]
    #[status(410)]
    #[deprecated = "no longer sent"]
    Noted,
    #[error("not found")]
    #[status(404)]
    NotFound,
}

#[derive(Debug, thiserror::Error, ApiError)]
#[error("old")]
#[status(400)]
#[deprecated(note = "use KeyError")]
struct Old;

fn main() {
    let entries = KeyError::catalog();
    assert_eq!(entries[0].deprecated.unwrap().since, Some("2.0.0"));
    assert_eq!(entries[1].deprecated.unwrap().note, None);
    assert_eq!(entries[2].deprecated.unwrap().note, Some("no longer sent"));
    assert!(entries[3].deprecated.is_none());
    assert_eq!(KeyError::NotFound.to_response().status(), 404);
    #[allow(deprecated)]
    let old = Old::catalog();
    assert!(old[0].deprecated.is_some());
}
