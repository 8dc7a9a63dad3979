//! A small secrets-manager API's errors (bundles, keys, approval requests, rate limits),
//! modelled on the seed pages, shared by the example programs.
//!
//! Run `cargo run -p errcat-examples --bin tour` to see every response a client would get.

pub mod errors;
