//! `ErrorContextLayer` answers every error response in the API's envelope: real axum and
//! hyper servers on 127.0.0.1, called by a real HTTP client. axum's own extractors, routing's
//! 404 and 405, body limits, timeouts and panics all come out as the service's errors do;
//! errcat's own bodies and successful responses pass untouched.

mod common;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::response::Html;
use axum::routing::{get, post};
use common::rewrites::{assert_in_context, send};
use errcat::ApiError;
use errcat::axum::{ErrorContextLayer, Rejection, Untouched};
use http::StatusCode;
use serde::Deserialize;
use std::time::Duration;

#[derive(Deserialize)]
#[allow(dead_code)]
struct NewBundle {
    name: String,
    size: u32,
}

#[derive(Debug, thiserror::Error, ApiError)]
#[error("conflict")]
#[status(409)]
#[message("bundle with this name already exists")]
#[api_error(envelope = errcat::envelope::Spring)]
struct BundleExists;

async fn create(axum::Json(bundle): axum::Json<NewBundle>) -> String {
    bundle.name
}

async fn create_errcat(errcat::axum::Json(bundle): errcat::axum::Json<NewBundle>) -> String {
    bundle.name
}

async fn boom() -> &'static str {
    panic!("the database password is hunter2")
}

async fn slow() -> &'static str {
    tokio::time::sleep(Duration::from_secs(5)).await;
    "late"
}

#[derive(Debug, thiserror::Error, ApiError)]
#[error("no credentials")]
#[status(401)]
#[message("Authentication required")]
struct Unauthenticated;

async fn authenticate(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Result<axum::response::Response, Unauthenticated> {
    if request.headers().contains_key("authorization") {
        Ok(next.run(request).await)
    } else {
        Err(Unauthenticated)
    }
}

fn app() -> Router {
    Router::new()
        .route(
            "/bundles",
            post(create)
                .get(|| async { "[]" })
                .layer(DefaultBodyLimit::max(64)),
        )
        .route(
            "/private/keys",
            get(|| async { "keys" }).route_layer(axum::middleware::from_fn(authenticate)),
        )
        .route("/errcat-bundles", post(create_errcat))
        .route("/small", post(create).layer(DefaultBodyLimit::max(16)))
        .route("/boom", get(boom))
        .route("/exists", get(|| async { BundleExists }))
        .route(
            "/busy",
            get(|| async {
                (
                    StatusCode::TOO_MANY_REQUESTS,
                    [("retry-after", "30")],
                    "slow down, Rust type std::Foo",
                )
            }),
        )
        .route(
            "/page",
            get(|| async {
                (
                    StatusCode::NOT_FOUND,
                    Untouched,
                    Html("<h1>Gone fishing</h1>"),
                )
            }),
        )
        .route(
            "/gone",
            get(|| async { (StatusCode::NOT_FOUND, Html("<h1>gone</h1>")) }),
        )
        .route(
            "/legacy",
            get(|| async { (StatusCode::BAD_REQUEST, "legacy text") }).route_layer(Untouched),
        )
        .route(
            "/slow",
            get(slow).layer(tower_http::timeout::TimeoutLayer::with_status_code(
                StatusCode::REQUEST_TIMEOUT,
                Duration::from_millis(50),
            )),
        )
}

fn client() -> reqwest::Client {
    reqwest::Client::new()
}

fn post_json(base: &str, path: &str, body: &'static str) -> reqwest::RequestBuilder {
    client()
        .post(format!("{base}{path}"))
        .header("content-type", "application/json")
        .body(body)
}

#[tokio::test]
async fn test_every_error_answers_in_the_envelope_as_actixs_do() {
    let base = common::serve(app().layer(ErrorContextLayer::new())).await;
    common::rewrites::check_all(&base).await;
}

#[tokio::test]
async fn test_axums_own_extractors_answer_in_the_envelope() {
    let base = common::serve(app().layer(ErrorContextLayer::new())).await;

    let reply = send(post_json(&base, "/bundles", r#"{"size":1}"#)).await;
    assert_eq!(reply.status, 400, "axum's 422 is a 400 like errcat's");
    assert_eq!(reply.body["code"], "INVALID_BODY");
    assert_eq!(reply.body["detail"], "Missing required field: name");
    assert_in_context(&reply, "/bundles");

    let reply = send(post_json(&base, "/bundles", r#"{"name":"a","size":"big"}"#)).await;
    assert_eq!(reply.body["detail"], "Field \"size\" must be an integer");
    assert_eq!(reply.body["errors"][0]["pointer"], "#/size");

    let reply = send(post_json(&base, "/bundles", "{\n  \"name\": }")).await;
    assert_eq!(
        (reply.status, &reply.body["code"]),
        (400, &"INVALID_JSON".into())
    );
    assert_eq!(
        (&reply.body["line"], &reply.body["column"]),
        (&2.into(), &11.into())
    );

    let reply = send(client().post(format!("{base}/bundles")).body("{}")).await;
    assert_eq!(reply.status, 415);
    assert_eq!(
        reply.body["detail"],
        "Content-Type must be application/json"
    );

    // The same words as errcat's own extractor gives.
    let ours = send(post_json(&base, "/errcat-bundles", r#"{"size":1}"#)).await;
    let theirs = send(post_json(&base, "/bundles", r#"{"size":1}"#)).await;
    assert_eq!(ours.body["detail"], theirs.body["detail"]);
    assert_eq!(ours.body["errors"], theirs.body["errors"]);
}

#[tokio::test]
async fn test_routing_limits_and_timeouts_answer_in_the_envelope() {
    let base = common::serve(app().layer(ErrorContextLayer::new())).await;

    let reply = send(client().get(format!("{base}/nowhere"))).await;
    assert_eq!(
        (reply.status, &reply.body["code"]),
        (404, &"ROUTE_NOT_FOUND".into())
    );
    assert_in_context(&reply, "/nowhere");

    let reply = send(client().delete(format!("{base}/bundles"))).await;
    assert_eq!(
        (reply.status, &reply.body["code"]),
        (405, &"METHOD_NOT_ALLOWED".into())
    );
    let allow = reply.headers["allow"].to_str().unwrap();
    assert!(allow.contains("GET") && allow.contains("POST"), "{allow}");
    assert_in_context(&reply, "/bundles");

    let reply = send(post_json(
        &base,
        "/small",
        r#"{"name":"a very long name","size":1}"#,
    ))
    .await;
    assert_eq!(
        (reply.status, &reply.body["code"]),
        (413, &"PAYLOAD_TOO_LARGE".into())
    );

    let reply = send(client().get(format!("{base}/slow"))).await;
    assert_eq!(
        (reply.status, &reply.body["code"]),
        (408, &"REQUEST_TIMEOUT".into())
    );
    assert_in_context(&reply, "/slow");

    // Any other status by its standard name; its text is never sent, its headers kept.
    let reply = send(client().get(format!("{base}/busy"))).await;
    assert_eq!(
        (reply.status, &reply.body["code"]),
        (429, &"TOO_MANY_REQUESTS".into())
    );
    assert_eq!(reply.body["detail"], "Too Many Requests");
    assert_eq!(reply.headers["retry-after"], "30");
    assert!(!reply.text.contains("Rust"), "{}", reply.text);
}

#[tokio::test]
async fn test_tower_http_body_limit_is_a_413_in_the_envelope() {
    let limited = app().layer(tower_http::limit::RequestBodyLimitLayer::new(16));
    let base = common::serve(limited.layer(ErrorContextLayer::new())).await;
    let reply = send(post_json(
        &base,
        "/bundles",
        r#"{"name":"a very long name","size":1}"#,
    ))
    .await;
    assert_eq!(
        (reply.status, &reply.body["code"]),
        (413, &"PAYLOAD_TOO_LARGE".into())
    );
    assert_in_context(&reply, "/bundles");
}

#[tokio::test]
async fn test_a_panicking_handler_answers_500_without_the_panic() {
    let base = common::serve(app().layer(ErrorContextLayer::new())).await;
    let reply = send(client().get(format!("{base}/boom"))).await;
    assert_eq!(
        (reply.status, &reply.body["code"]),
        (500, &"SERVER_ERROR".into())
    );
    assert_eq!(reply.body["detail"], "internal server error");
    assert!(!reply.text.contains("hunter2"), "{}", reply.text);
    assert_in_context(&reply, "/boom");
    // The server goes on serving.
    let reply = send(client().get(format!("{base}/bundles"))).await;
    assert_eq!((reply.status, reply.text.as_str()), (200, "[]"));
}

#[tokio::test]
async fn test_errcat_bodies_successes_and_opt_outs_pass_untouched() {
    let base = common::serve(app().layer(ErrorContextLayer::new())).await;

    // The type's own envelope (Spring), not the rejections' (Problem).
    let reply = send(client().get(format!("{base}/exists"))).await;
    assert_eq!(reply.status, 409);
    assert_eq!(reply.headers["content-type"], "application/json");
    assert_eq!(
        reply.body["message"],
        "bundle with this name already exists"
    );
    assert_eq!(reply.body["path"], "/exists");

    let reply = send(client().get(format!("{base}/bundles"))).await;
    assert_eq!((reply.status, reply.text.as_str()), (200, "[]"));
    assert!(reply.headers.contains_key("x-request-id"));

    let reply = send(client().get(format!("{base}/page"))).await;
    assert_eq!(
        (reply.status, reply.text.as_str()),
        (404, "<h1>Gone fishing</h1>")
    );
    assert_eq!(reply.headers["content-type"], "text/html; charset=utf-8");

    let reply = send(client().get(format!("{base}/legacy"))).await;
    assert_eq!((reply.status, reply.text.as_str()), (400, "legacy text"));

    // A handler's own 404 (with a body) is no routing error: answered by its status's name.
    let reply = send(client().get(format!("{base}/gone"))).await;
    assert_eq!(
        (reply.status, &reply.body["code"]),
        (404, &"NOT_FOUND".into())
    );
    assert!(!reply.text.contains("gone</h1>"), "{}", reply.text);
}

/// The service's own errors, as seed 003's service answers every field error.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(envelope = errcat::envelope::Wrapped)]
enum ServiceError {
    #[error("invalid field")]
    #[status(400)]
    #[code("VALIDATION_ERROR")]
    #[message("{field} {problem}")]
    #[field("{field}")]
    InvalidField { field: String, problem: String },
    #[error("no route")]
    #[status(404)]
    #[code("NO_SUCH_ENDPOINT")]
    #[message("No such endpoint")]
    NoRoute,
    #[error(transparent)]
    #[api_error(transparent)]
    Rejected(Rejection),
}

impl From<Rejection> for ServiceError {
    fn from(rejection: Rejection) -> Self {
        if let Some(bad) = rejection.field() {
            return ServiceError::InvalidField {
                field: bad.field.to_string(),
                problem: bad.message.to_string(),
            };
        }
        match rejection {
            Rejection::NotFound => ServiceError::NoRoute,
            other => ServiceError::Rejected(other),
        }
    }
}

#[tokio::test]
async fn test_rejections_in_the_services_own_codes() {
    let layer = ErrorContextLayer::new().rejections_as::<ServiceError>();
    let base = common::serve(app().layer(layer)).await;

    for path in ["/bundles", "/errcat-bundles"] {
        let reply = send(post_json(&base, path, r#"{"size":1}"#)).await;
        assert_eq!(reply.status, 400);
        let error = &reply.body["error"];
        assert_eq!(error["code"], "VALIDATION_ERROR", "{}", reply.text);
        assert_eq!(error["message"], "name is required");
        assert_eq!(error["field"], "name");
        let id = reply.headers["x-request-id"].to_str().unwrap();
        assert_eq!(reply.body["meta"]["requestId"], id);
    }

    let reply = send(client().get(format!("{base}/nowhere"))).await;
    assert_eq!(reply.status, 404);
    assert_eq!(reply.body["error"]["code"], "NO_SUCH_ENDPOINT");

    // Not mapped by the service: errcat's rejection, in the service's envelope.
    let reply = send(post_json(&base, "/bundles", "{")).await;
    assert_eq!(reply.body["error"]["code"], "INVALID_JSON");
    let reply = send(client().get(format!("{base}/boom"))).await;
    assert_eq!(
        (reply.status, &reply.body["error"]["code"]),
        (500, &"SERVER_ERROR".into())
    );
    // Statuses that are no rejection, by name in the service's envelope.
    let reply = send(client().get(format!("{base}/busy"))).await;
    assert_eq!(reply.body["error"]["code"], "TOO_MANY_REQUESTS");
}

#[tokio::test]
async fn test_request_ids_are_the_ecosystems_own() {
    use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
    let header = http::HeaderName::from_static("x-request-id");
    let app = app()
        .layer(ErrorContextLayer::new())
        .layer(PropagateRequestIdLayer::new(header.clone()))
        .layer(SetRequestIdLayer::new(header, MakeRequestUuid));
    let base = common::serve(app).await;
    let reply = send(client().get(format!("{base}/nowhere"))).await;
    let id = reply.headers["x-request-id"].to_str().unwrap();
    assert_eq!(uuid::Uuid::parse_str(id).unwrap().get_version_num(), 4);
    assert_eq!(reply.body["requestId"], id);

    // Without tower-http: the client's sane id is kept, a hostile one replaced by a UUID.
    let base = common::serve(app_with(ErrorContextLayer::new())).await;
    let reply = send(
        client()
            .get(format!("{base}/nowhere"))
            .header("x-request-id", "req-7"),
    )
    .await;
    assert_eq!(reply.body["requestId"], "req-7");
    let reply = send(
        client()
            .get(format!("{base}/nowhere"))
            .header("x-request-id", "<script>"),
    )
    .await;
    let id = reply.body["requestId"].as_str().unwrap();
    assert_eq!(uuid::Uuid::parse_str(id).unwrap().get_version_num(), 4);

    let base = common::serve(app_with(ErrorContextLayer::new().time_ordered_ids())).await;
    let first = send(client().get(format!("{base}/nowhere"))).await;
    let second = send(client().get(format!("{base}/nowhere"))).await;
    let (first, second) = (
        first.body["requestId"].as_str().unwrap().to_owned(),
        second.body["requestId"].as_str().unwrap().to_owned(),
    );
    assert_eq!(uuid::Uuid::parse_str(&first).unwrap().get_version_num(), 7);
    assert!(first < second, "{first} then {second}");
}

fn app_with(layer: ErrorContextLayer) -> Router {
    app().layer(layer)
}

/// A plain hyper server, no axum: a tower service behind the layer.
#[tokio::test]
async fn test_a_hyper_service_gets_the_envelope() {
    use http_body_util::Full;
    use hyper_util::rt::TokioIo;
    use hyper_util::service::TowerToHyperService;
    use std::convert::Infallible;

    async fn handle(
        request: http::Request<hyper::body::Incoming>,
    ) -> Result<http::Response<Full<bytes::Bytes>>, Infallible> {
        Ok(match request.uri().path() {
            "/" => http::Response::new(Full::from("hello")),
            "/boom" => panic!("secret"),
            _ => http::Response::builder()
                .status(404)
                .body(Full::default())
                .unwrap(),
        })
    }

    let service = tower::ServiceBuilder::new()
        .layer(ErrorContextLayer::new())
        .service_fn(handle);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        loop {
            let (stream, _) = listener.accept().await.unwrap();
            let service = TowerToHyperService::new(service.clone());
            tokio::spawn(
                hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service),
            );
        }
    });

    let reply = send(client().get(format!("{base}/missing"))).await;
    assert_eq!(
        (reply.status, &reply.body["code"]),
        (404, &"ROUTE_NOT_FOUND".into())
    );
    assert_in_context(&reply, "/missing");
    let reply = send(client().get(format!("{base}/boom"))).await;
    assert_eq!(reply.status, 500);
    assert!(!reply.text.contains("secret"));
    let reply = send(client().get(format!("{base}/"))).await;
    assert_eq!(reply.text, "hello");
}
