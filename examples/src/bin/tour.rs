//! Run with `cargo run -p errcat-examples --bin tour`.
fn main() {}
