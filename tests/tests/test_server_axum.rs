//! A real axum server on 127.0.0.1 behind `ErrorContextLayer`, called by a real HTTP client:
//! every envelope's status, headers and body, request ids included. The service and its cases
//! are shared with the actix-web server's test (`common/server.rs`).

mod common;

use axum::Router;
use axum::routing::get;
use common::server;
use errcat::axum::ErrorContextLayer;

async fn serve() -> String {
    let mut app = Router::new();
    for route in server::ROUTES {
        let handler = route.handler;
        app = app.route(route.path, get(move || async move { handler() }));
    }
    common::serve(app.layer(ErrorContextLayer::new())).await
}

#[tokio::test]
async fn test_server_cases() {
    server::check_all(&serve().await).await;
}

#[tokio::test]
async fn test_each_request_gets_its_own_id() {
    server::check_each_request_gets_its_own_id(&serve().await).await;
}
