//! A real actix-web server on 127.0.0.1 behind `errcat::actix::ErrorContext`, called by a real
//! HTTP client: every envelope's status, headers and body, request ids included. The service
//! and its cases are shared with the axum server's test (`common/server.rs`).

mod common;

use actix_web::{App, web};
use common::server;
use errcat::actix::ErrorContext;

fn serve() -> String {
    common::serve_actix(|| {
        server::ROUTES
            .iter()
            .fold(App::new().wrap(ErrorContext::new()), |app, route| {
                let handler = route.handler;
                app.route(route.path, web::get().to(move || async move { handler() }))
            })
    })
}

#[actix_web::test]
async fn test_server_cases() {
    server::check_all(&serve()).await;
}

#[actix_web::test]
async fn test_each_request_gets_its_own_id() {
    server::check_each_request_gets_its_own_id(&serve()).await;
}
