//! SPEC's example enum, with the envelope left at its default (`Problem`): statuses, headers
//! and bodies byte for byte.

mod common;

use common::body;
use errcat::{ApiError, CatalogEntry};
use http::StatusCode;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum KeyError {
    /// The key ring does not exist.
    #[error("key ring {0} missing")]
    #[status(404)]
    #[code("KEYRING_NOT_FOUND")]
    #[message("KeyRing '{0}' not found")]
    NotFound(String),
}

/// Errors of the bundles API.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum BundleError {
    /// No bundle with this id exists in the caller's tenant.
    #[error("bundle {id} not found")]
    #[status(404)]
    #[message("bundle not found")]
    NotFound { id: String },

    #[error("duplicate bundle {name}")]
    #[status(409)]
    #[code("CONFLICT")]
    #[message("bundle with this name already exists")]
    Duplicate { name: String },

    #[error("rate limited")]
    #[status(429)]
    #[code("RATE_LIMITED")]
    #[message("Rate limit exceeded. Try again in {retry_after} seconds.")]
    #[header("Retry-After", "{retry_after}")]
    RateLimited {
        #[detail]
        retry_after: u64,
    },

    #[error("missing {field}")]
    #[status(400)]
    #[code("VALIDATION_ERROR")]
    #[message("{field} is required")]
    #[field("{field}")]
    Missing { field: &'static str },

    #[error("database")]
    #[status(500)]
    #[message("internal server error")]
    Database(#[source] std::io::Error),

    #[error(transparent)]
    #[api_error(transparent)]
    Key(KeyError),
}

#[test]
fn test_not_found() {
    let error = BundleError::NotFound { id: "b-42".into() };
    let response = error.to_response();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(response.headers().len(), 1);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    assert_eq!(
        body(&error),
        r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"bundle not found","code":"NOT_FOUND"}"#
    );
    assert!(!body(&error).contains("b-42"), "the id is private");
}

#[test]
fn test_conflict_with_explicit_code() {
    let error = BundleError::Duplicate {
        name: "dev/api".into(),
    };
    assert_eq!(error.status(), StatusCode::CONFLICT);
    assert_eq!(error.code(), "CONFLICT");
    assert_eq!(error.message(), "bundle with this name already exists");
    assert_eq!(
        body(&error),
        r#"{"type":"about:blank","title":"Conflict","status":409,"detail":"bundle with this name already exists","code":"CONFLICT"}"#
    );
}

#[test]
fn test_rate_limited_header_and_detail() {
    let error = BundleError::RateLimited { retry_after: 42 };
    let response = error.to_response();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.headers()["retry-after"], "42");
    assert_eq!(
        error.message(),
        "Rate limit exceeded. Try again in 42 seconds."
    );
    assert_eq!(
        body(&error),
        r#"{"type":"about:blank","title":"Too Many Requests","status":429,"detail":"Rate limit exceeded. Try again in 42 seconds.","code":"RATE_LIMITED","retryAfter":42}"#
    );
}

#[test]
fn test_missing_field() {
    let error = BundleError::Missing { field: "name" };
    assert_eq!(
        body(&error),
        r#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"name is required","code":"VALIDATION_ERROR","field":"name"}"#
    );
}

#[test]
fn test_source_stays_private() {
    let error = BundleError::Database(std::io::Error::other("password=hunter2"));
    assert_eq!(error.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(error.code(), "DATABASE");
    assert_eq!(
        body(&error),
        r#"{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"internal server error","code":"DATABASE"}"#
    );
}

#[test]
fn test_transparent_delegates_in_outer_envelope() {
    let error = BundleError::Key(KeyError::NotFound("Finance".into()));
    assert_eq!(error.status(), StatusCode::NOT_FOUND);
    assert_eq!(error.code(), "KEYRING_NOT_FOUND");
    assert_eq!(error.message(), "KeyRing 'Finance' not found");
    assert_eq!(
        body(&error),
        r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"KeyRing 'Finance' not found","code":"KEYRING_NOT_FOUND"}"#
    );
}

#[test]
fn test_catalog_lists_entries_in_order_with_transparent_flattened() {
    let catalog: Vec<CatalogEntry> = BundleError::catalog();
    let rows: Vec<(&str, u16, &str, &str)> = catalog
        .iter()
        .map(|entry| (entry.variant, entry.status, entry.code, entry.message))
        .collect();
    assert_eq!(
        rows,
        [
            ("NotFound", 404, "NOT_FOUND", "bundle not found"),
            (
                "Duplicate",
                409,
                "CONFLICT",
                "bundle with this name already exists"
            ),
            (
                "RateLimited",
                429,
                "RATE_LIMITED",
                "Rate limit exceeded. Try again in {retry_after} seconds."
            ),
            ("Missing", 400, "VALIDATION_ERROR", "{field} is required"),
            ("Database", 500, "DATABASE", "internal server error"),
            (
                "NotFound",
                404,
                "KEYRING_NOT_FOUND",
                "KeyRing '{0}' not found"
            ),
        ]
    );
    assert_eq!(
        catalog[0].description,
        "No bundle with this id exists in the caller's tenant."
    );
    assert_eq!(catalog[1].description, "");
    assert_eq!(catalog[2].headers, ["Retry-After"]);
    assert_eq!(catalog[2].details, ["retryAfter"]);
    assert_eq!(catalog[3].field, Some("{field}"));
    assert_eq!(catalog[5].description, "The key ring does not exist.");
}
