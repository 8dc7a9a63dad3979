//! What `ErrorContextLayer` logs (feature `tracing`): each error response's event carries the
//! request id the client got and the path; a panic is logged at ERROR with its message; a
//! span around each request puts the id on the service's own events.

mod common;

use axum::Router;
use axum::routing::get;
use common::log::logged;
use errcat::axum::ErrorContextLayer;
use tower::ServiceExt;

async fn boom() -> &'static str {
    panic!("the database is on fire")
}

async fn busy() -> &'static str {
    tracing::info!("looking for bundles");
    "[]"
}

/// `request` answered by the app in this thread, with the log lines it wrote.
fn answer(request: http::Request<axum::body::Body>) -> (String, http::Response<axum::body::Body>) {
    let app = Router::new()
        .route("/boom", get(boom))
        .route("/bundles", get(busy))
        .route(
            "/down",
            get(|| async {
                (
                    http::StatusCode::INTERNAL_SERVER_ERROR,
                    "db down: connection refused",
                )
            }),
        )
        .layer(ErrorContextLayer::new());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    logged(|| runtime.block_on(app.oneshot(request)).unwrap())
}

/// The line of the event that logged the error response.
fn error_event(log: &str) -> &str {
    log.lines()
        .find(|line| line.contains("error response"))
        .unwrap_or_else(|| panic!("no error event in:\n{log}"))
}

fn get_request(path: &str, id: &str) -> http::Request<axum::body::Body> {
    http::Request::get(path)
        .header("x-request-id", id)
        .body(axum::body::Body::empty())
        .unwrap()
}

#[test]
fn test_a_panic_is_logged_at_error_with_the_request_id() {
    let (log, response) = answer(get_request("/boom", "req-panic-1"));
    assert_eq!(response.status(), 500);
    let line = error_event(&log);
    assert!(line.contains("ERROR"), "{line}");
    assert!(line.contains("request_id=\"req-panic-1\""), "{line}");
    assert!(line.contains("path=\"/boom\""), "{line}");
    assert!(line.contains("the database is on fire"), "{line}");
}

#[test]
fn test_a_4xx_event_carries_the_id_the_client_got() {
    // No incoming id: the generated one in the log is the one in the response.
    let request = http::Request::get("/nowhere")
        .body(axum::body::Body::empty())
        .unwrap();
    let (log, response) = answer(request);
    let id = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    let line = error_event(&log);
    assert!(line.contains("DEBUG"), "{line}");
    assert!(
        line.contains(&format!("request_id=\"{id}\"")),
        "{line}\nid {id}"
    );
    assert!(line.contains("code=\"ROUTE_NOT_FOUND\""), "{line}");
}

#[test]
fn test_the_services_own_events_are_in_the_request_span() {
    let (log, response) = answer(get_request("/bundles", "req-span-9"));
    assert_eq!(response.status(), 200);
    let line = log
        .lines()
        .find(|line| line.contains("looking for bundles"))
        .unwrap_or_else(|| panic!("no handler event in:\n{log}"));
    assert!(line.contains("request{"), "{line}");
    assert!(line.contains("request_id=\"req-span-9\""), "{line}");
    assert!(line.contains("method=\"GET\""), "{line}");
    assert!(line.contains("path=\"/bundles\""), "{line}");
}

#[test]
fn test_a_replaced_body_is_kept_in_the_log() {
    let (log, response) = answer(get_request("/down", "req-down-3"));
    assert_eq!(response.status(), 500);
    let line = error_event(&log);
    assert!(line.contains("ERROR"), "{line}");
    assert!(line.contains("db down: connection refused"), "{line}");
    assert!(line.contains("request_id=\"req-down-3\""), "{line}");
}
