//! The committed documents are what the service generates now. After changing an error
//! enum, regenerate them with `ERRCAT_BLESS=1 cargo test -p errcat-examples --test docs_fresh`.

use errcat::catalog::assert_fresh;
use std::path::Path;

/// Checks the committed document at `path` (from the repository root).
fn check(path: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let documents = errcat_examples::docs::committed();
    let (_, text) = documents
        .iter()
        .find(|(known, _)| *known == path)
        .expect("a committed document");
    assert_fresh(root.join(path), text);
}

#[test]
fn test_errors_md_is_fresh() {
    check("docs/errors.md");
}

#[test]
fn test_errors_html_is_fresh() {
    check("docs/errors.html");
}

#[test]
fn test_errors_openapi_is_fresh() {
    check("docs/errors.openapi.json");
}

#[test]
fn test_api_document_is_fresh() {
    check("docs/openapi.json");
}

#[test]
fn test_no_code_has_two_statuses() {
    assert_eq!(errcat_examples::docs::catalog().code_clashes(), []);
}
