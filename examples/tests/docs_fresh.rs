//! The committed documents are what the service generates now. After changing an error
//! enum, regenerate them with `ERRCAT_BLESS=1 cargo test -p errcat-examples --test docs_fresh`.

use errcat::catalog::assert_fresh;
use std::path::Path;

#[test]
fn test_docs_are_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    for (path, text) in errcat_examples::docs::committed() {
        assert_fresh(root.join(path), &text);
    }
}

#[test]
fn test_no_code_has_two_statuses() {
    assert_eq!(errcat_examples::docs::catalog().code_clashes(), []);
}
