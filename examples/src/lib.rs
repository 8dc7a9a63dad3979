//! An example secrets-manager API (bundles, keys, approval requests, rate limits) modelled on
//! the seed pages, using errcat everywhere: error enums nested with `transparent`,
//! `ErrorContextLayer`, extractors whose rejections are API errors, utoipa paths whose error
//! responses come from the enums, and the error catalog served beside the API.
//!
//! - `cargo run -p errcat-examples --bin tour`: every error response, without a network.
//! - `cargo run -p errcat-examples --bin server`: the API on `127.0.0.1:$PORT` (default 3000),
//!   with `/openapi.json`, and its error catalog at `/docs/errors` (HTML, where each error's
//!   `type` points) and `/docs/errors.md`.

pub mod app;
pub mod caller;
pub mod docs;
pub mod errors;
pub mod limiter;
pub mod store;
