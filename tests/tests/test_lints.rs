//! The expansion compiles without warnings under strict lints a user might enable, including
//! clippy's pedantic group (checked when CI runs clippy over the tests).

#![deny(warnings, missing_docs, unused_qualifications, unused_results)]
#![deny(rust_2018_idioms, rust_2024_compatibility, unreachable_pub)]
#![deny(clippy::all, clippy::pedantic)]

use errcat::ApiError;
use serde::Serialize;

/// A payload.
#[derive(Debug, Serialize)]
pub struct Payload {
    /// A number.
    pub n: u32,
}

/// Every kind of variant and attribute.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(
    envelope = errcat::envelope::Wrapped,
    rename_all = "kebab-case",
    status = 500,
    docs = "https://api.example.com/errors",
    docs_member = "docUrl"
)]
pub enum Everything<T: std::fmt::Display + std::fmt::Debug> {
    /// Unit.
    #[error("unit")]
    Unit,
    /// Tuple.
    #[error("tuple")]
    #[status(404)]
    #[message("{0} not found")]
    Tuple(T, u8),
    /// Named.
    #[error("named")]
    #[status(429)]
    #[code("RATE_LIMITED")]
    #[message("wait {retry_after}s")]
    #[header("Retry-After", "{retry_after}")]
    #[header("X-Fixed", "yes")]
    #[header("X-RateLimit-Reset", "{reset}")]
    #[field("{field}")]
    Named {
        /// Seconds.
        #[detail]
        retry_after: u64,
        /// When the window resets, if known.
        reset: Option<u64>,
        /// Field.
        field: &'static str,
        /// Payload.
        #[detail(rename = "data")]
        payload: Payload,
    },
    /// Raw body.
    #[error("raw")]
    #[status(422)]
    Raw(#[api_error(body)] Payload),
    /// Own envelope.
    #[error("own")]
    #[status(400)]
    #[api_error(envelope = errcat::envelope::Spring)]
    Own,
    /// Transparent.
    #[error(transparent)]
    #[api_error(transparent)]
    Inner(Leaf),
    /// Deprecated: the expansion names it, and must not warn.
    #[error("old")]
    #[status(410)]
    #[deprecated(since = "2.0.0", note = "use `Tuple`")]
    #[api_error(docs = "https://api.example.com/old-errors")]
    Old {
        /// Seconds.
        #[detail]
        retry_after: u64,
    },
    /// A deprecated struct inside.
    #[error(transparent)]
    #[api_error(transparent)]
    Gone(
        #[expect(
            deprecated,
            reason = "the variant wraps the deprecated struct on purpose"
        )]
        Retired,
    ),
}

/// A deprecated struct error.
#[derive(Debug, thiserror::Error, ApiError)]
#[error("retired")]
#[status(410)]
#[deprecated = "nothing answers with it any more"]
pub struct Retired;

/// A struct error.
#[derive(Debug, thiserror::Error, ApiError)]
#[error("leaf")]
#[status(404)]
pub struct Leaf;

/// An empty enum.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum Never {}

#[test]
fn test_lints_expansion_is_clean() {
    let error: Everything<&str> = Everything::Tuple("x", 1);
    assert_eq!(error.status(), 404);
    let catalog = Everything::<&str>::catalog();
    assert_eq!(catalog.len(), 8);
    assert_eq!(catalog[6].deprecated.and_then(|d| d.since), Some("2.0.0"));
    #[expect(
        deprecated,
        reason = "the struct's own deprecation reaches the catalog"
    )]
    let retired = Retired::catalog();
    assert_eq!(
        retired[0].deprecated.and_then(|d| d.note),
        Some("nothing answers with it any more")
    );
    assert!(Never::catalog().is_empty());
}
