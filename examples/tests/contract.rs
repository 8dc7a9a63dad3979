//! The service keeps its error contract: no code removed, no status, envelope, detail or
//! header changed under its clients. After an intended change (and telling the clients),
//! record the new contract with `ERRCAT_BLESS=1 cargo test -p errcat-examples --test contract`.

use errcat::catalog::assert_compatible;

#[test]
fn test_error_contract_is_kept() {
    // Cargo runs a package's tests in its directory.
    assert_compatible(
        "../docs/errors.contract.json",
        &errcat_examples::docs::catalog(),
    );
}
