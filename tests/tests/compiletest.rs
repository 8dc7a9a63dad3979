//! Compile-fail cases (`ui/*.rs` with the expected `.stderr`) and cases that must compile
//! (`ui/pass/*.rs`). Regenerate expected output with `TRYBUILD=overwrite`, then read every
//! changed `.stderr` as a user would.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/*.rs");
    t.pass("ui/pass/*.rs");
}
