//! The benchmark scenarios, shared by the divan benches (`cargo bench -p errcat-bench`) and
//! the report that writes `BENCHMARKS.md` (`cargo run --release -p errcat-bench --bin report`).
//!
//! Every scenario builds an axum error response and collects its body, three ways: the
//! floor (a hand-built `Response` with a body built by hand), axum's
//! `(StatusCode, Json(json!(..)))`, and errcat's derive. Inputs are made before the clock
//! starts, so each way pays only for the response. [`json`] measures the other direction:
//! reading a valid JSON body with axum's extractor and with errcat's; [`layer`] what
//! `ErrorContextLayer` adds to a successful request.

pub mod alloc;
pub mod generate;
pub mod json;
pub mod layer;
pub mod scale;
pub mod scenarios;

use axum::body::Body;
use bytes::Bytes;
use http::Response;
use http_body_util::BodyExt;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

/// A response as a client would receive it: status and headers, and the whole body.
pub type Collected = (http::response::Parts, Bytes);

/// Collects `response`'s body, which for every scenario is ready at once.
pub fn collect(response: Response<Body>) -> Collected {
    let (parts, body) = response.into_parts();
    let mut future = pin!(body.collect());
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(Ok(collected)) => (parts, collected.to_bytes()),
        Poll::Ready(Err(_)) | Poll::Pending => (parts, Bytes::new()),
    }
}
