//! `errcat::actix::ErrorContext` answers every error response in the API's envelope, inside
//! the request's context: a real actix-web server on 127.0.0.1, called by a real HTTP client.
//! Middleware errors, actix's own extractors, unknown routes and methods, payload limits and
//! panics all come out as the service's errors do; errcat's own bodies and successful
//! responses pass untouched.

mod common;

use actix_web::dev::{Service, ServiceResponse};
use actix_web::{App, HttpResponse, web};
use common::rewrites::{self, assert_in_context, send};
use errcat::ApiError;
use errcat::actix::{ErrorContext, Rejection};
use serde::Deserialize;

#[derive(Deserialize)]
#[allow(dead_code)]
struct NewBundle {
    name: String,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Item {
    name: String,
    qty: u32,
}

#[derive(Debug, thiserror::Error, ApiError)]
#[error("no credentials")]
#[status(401)]
#[message("Authentication required")]
struct Unauthenticated;

#[derive(Debug, thiserror::Error, ApiError)]
#[error("exists")]
#[status(409)]
#[message("bundle with this name already exists")]
#[api_error(envelope = errcat::envelope::Spring)]
struct BundleExists;

async fn create(bundle: web::Json<NewBundle>) -> String {
    bundle.name.clone()
}

async fn boom() -> HttpResponse {
    panic!("the database password is hunter2")
}

fn serve(context: ErrorContext) -> String {
    common::serve_actix(move || {
        App::new()
            .service(
                web::resource("/bundles")
                    .route(web::post().to(create))
                    .route(web::get().to(|| async { "[]" })),
            )
            .route("/boom", web::get().to(boom))
            .route(
                "/items/{n}",
                web::get().to(|n: web::Path<u32>| async move { n.to_string() }),
            )
            .route(
                "/typed",
                web::post().to(|item: errcat::actix::Json<Item>| async move { item.0.name }),
            )
            .route(
                "/gone",
                web::get().to(|| async {
                    HttpResponse::NotFound()
                        .content_type("text/html")
                        .body("<h1>gone</h1>")
                }),
            )
            .route(
                "/page",
                web::get().to(|| async {
                    let mut page = HttpResponse::NotFound()
                        .content_type("text/html")
                        .body("<h1>our page</h1>");
                    page.extensions_mut().insert(errcat::actix::Untouched);
                    page
                }),
            )
            .route(
                "/exists",
                web::get().to(|| async { Err::<HttpResponse, _>(BundleExists) }),
            )
            .service(
                web::scope("/private")
                    .wrap_fn(|request, service| {
                        let allowed = request.headers().contains_key("authorization");
                        let call = allowed.then(|| service.call(request));
                        async move {
                            match call {
                                Some(call) => call.await,
                                None => Err::<ServiceResponse, _>(Unauthenticated.into()),
                            }
                        }
                    })
                    .route("/keys", web::get().to(|| async { "keys" })),
            )
            .app_data(web::JsonConfig::default().limit(64))
            .wrap(context)
    })
}

#[actix_web::test]
async fn test_every_error_answers_in_the_envelope_as_axums_do() {
    rewrites::check_all(&serve(ErrorContext::new())).await;
}

#[actix_web::test]
async fn test_a_mistyped_path_a_listed_struct_and_own_pages() {
    let base = serve(ErrorContext::new());
    let client = reqwest::Client::new();
    // actix's own `web::Path` answers 404 for a mistyped parameter: a 400 here.
    let reply = send(client.get(format!("{base}/items/abc"))).await;
    assert_eq!(
        (reply.status, &reply.body["code"]),
        (400, &"INVALID_PATH".into())
    );
    // serde's structs read lists too; errcat's `Json` refuses one for a struct.
    let reply = send(
        client
            .post(format!("{base}/typed"))
            .header("content-type", "application/json")
            .body(r#"["r-1", 3]"#),
    )
    .await;
    assert_eq!(
        (reply.status, &reply.body["code"]),
        (400, &"INVALID_BODY".into())
    );
    assert_eq!(reply.body["detail"], "Request body must be an object");
    // A handler's own 404 is no routing error: answered by its status's name.
    let reply = send(client.get(format!("{base}/gone"))).await;
    assert_eq!(
        (reply.status, &reply.body["code"]),
        (404, &"NOT_FOUND".into())
    );
    assert!(!reply.text.contains("gone</h1>"), "{}", reply.text);
    // Unless it opts out.
    let reply = send(client.get(format!("{base}/page"))).await;
    assert_eq!(
        (reply.status, reply.text.as_str()),
        (404, "<h1>our page</h1>")
    );
}

#[actix_web::test]
async fn test_actix_extractor_errors_answer_without_serde_text() {
    let base = serve(ErrorContext::new());
    let reply = send(
        reqwest::Client::new()
            .post(format!("{base}/bundles"))
            .header("content-type", "application/json")
            .body("{}"),
    )
    .await;
    assert_eq!(
        (reply.status, &reply.body["code"]),
        (400, &"INVALID_BODY".into())
    );
    assert!(
        !reply.text.contains("line"),
        "no serde text: {}",
        reply.text
    );
    assert!(
        !reply.text.contains("missing field"),
        "no serde text: {}",
        reply.text
    );
    assert_in_context(&reply, "/bundles");
}

/// The service's own codes for rejections.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(envelope = errcat::envelope::Wrapped)]
enum ServiceError {
    #[error("no route")]
    #[status(404)]
    #[code("NO_SUCH_ENDPOINT")]
    NoRoute,
    #[error(transparent)]
    #[api_error(transparent)]
    Rejected(Rejection),
}

impl From<Rejection> for ServiceError {
    fn from(rejection: Rejection) -> Self {
        match rejection {
            Rejection::NotFound => ServiceError::NoRoute,
            other => ServiceError::Rejected(other),
        }
    }
}

#[actix_web::test]
async fn test_rejections_in_the_services_own_codes() {
    let base = serve(ErrorContext::new().rejections_as::<ServiceError>());
    let reply = send(reqwest::Client::new().get(format!("{base}/nowhere"))).await;
    assert_eq!(reply.status, 404);
    assert_eq!(
        reply.body["error"]["code"], "NO_SUCH_ENDPOINT",
        "{}",
        reply.text
    );
    let id = reply.headers["x-request-id"].to_str().unwrap();
    assert_eq!(reply.body["meta"]["requestId"], id);
}

#[test]
fn test_a_panic_is_logged_at_error_with_the_request_id() {
    let (log, status) = common::log::logged(|| {
        actix_web::rt::System::new().block_on(async {
            let app = actix_web::test::init_service(
                App::new()
                    .route("/boom", web::get().to(boom))
                    .wrap(ErrorContext::new()),
            )
            .await;
            let request = actix_web::test::TestRequest::get()
                .uri("/boom")
                .insert_header(("x-request-id", "req-actix-1"))
                .to_request();
            match app.call(request).await {
                Ok(response) => response.status().as_u16(),
                Err(error) => error.error_response().status().as_u16(),
            }
        })
    });
    assert_eq!(status, 500);
    let line = log
        .lines()
        .find(|line| line.contains("error response"))
        .unwrap_or_else(|| panic!("no error event in:\n{log}"));
    assert!(line.contains("ERROR"), "{line}");
    assert!(line.contains("request_id=\"req-actix-1\""), "{line}");
    assert!(line.contains("path=\"/boom\""), "{line}");
    assert!(line.contains("the database password is hunter2"), "{line}");
    assert!(
        line.contains("request{"),
        "the event is in the request's span: {line}"
    );
}
