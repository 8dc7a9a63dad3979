//! What `ErrorContextLayer` adds to a successful request through an axum router, against
//! what tower-http's `SetRequestId` + `PropagateRequestId` pair (with UUIDs) adds, and the
//! bare router: each op builds a `GET` request with no id, routes it, and collects the body.

use axum::Router;
use axum::body::Body;
use axum::routing::get;
use errcat::axum::ErrorContextLayer;
use http::{HeaderName, Request};
use std::pin::pin;
use std::sync::OnceLock;
use std::task::{Context, Poll, Waker};
use tower::{Service, ServiceExt};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};

/// The ways measured, by name: each runs one op.
pub const WAYS: [(&str, fn()); 3] = [
    ("bare", bare),
    ("errcat", errcat),
    ("tower_http", tower_http),
];

fn routes() -> Router {
    Router::new().route("/api/v1/bundles", get(|| async { "[]" }))
}

/// Routes one request through `router` and collects the response's body.
fn once(router: &Router) {
    let request = Request::get("/api/v1/bundles")
        .body(Body::empty())
        .expect("a valid request");
    let mut router = router.clone();
    let mut future = pin!(async move {
        let response = ServiceExt::<Request<Body>>::ready(&mut router)
            .await?
            .call(request)
            .await?;
        let body = axum::body::to_bytes(response.into_body(), usize::MAX).await;
        Ok::<_, std::convert::Infallible>(body.map(|body| body.len()).unwrap_or_default())
    });
    // The handler answers at once: one poll completes the request.
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(Ok(len)) => {
            std::hint::black_box(len);
        }
        Poll::Ready(Err(never)) => match never {},
        Poll::Pending => panic!("the handler answers at once"),
    }
}

fn bare() {
    static ROUTER: OnceLock<Router> = OnceLock::new();
    once(ROUTER.get_or_init(routes));
}

fn errcat() {
    static ROUTER: OnceLock<Router> = OnceLock::new();
    once(ROUTER.get_or_init(|| routes().layer(ErrorContextLayer::new())));
}

fn tower_http() {
    static ROUTER: OnceLock<Router> = OnceLock::new();
    once(ROUTER.get_or_init(|| {
        let header = HeaderName::from_static("x-request-id");
        routes()
            .layer(PropagateRequestIdLayer::new(header.clone()))
            .layer(SetRequestIdLayer::new(header, MakeRequestUuid))
    }));
}
