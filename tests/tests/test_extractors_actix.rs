//! errcat's actix-web extractors against a real actix-web server on 127.0.0.1 and a real
//! client, beside the same handlers served by axum with errcat's axum extractors: every bad
//! request gets the same status, code, words and field from both, in the API's envelope.

mod common;

use errcat::envelope::MessageField;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::collections::BTreeMap;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Item {
    #[allow(dead_code)]
    sku: String,
    #[allow(dead_code)]
    quantity: u32,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewOrder {
    customer_name: String,
    items: Vec<Item>,
}

#[derive(Debug, Deserialize)]
pub struct Page {
    page: u32,
}

#[derive(Debug, Deserialize)]
pub struct Login {
    username: String,
}

#[derive(Debug, Deserialize, validator::Validate)]
#[serde(rename_all = "camelCase")]
pub struct NewUser {
    #[validate(length(min = 2, message = "is too short"))]
    full_name: String,
    #[validate(email(message = "must be a well-formed email address"))]
    email: String,
}

#[derive(Debug, Deserialize, garde::Validate)]
pub struct Search {
    #[garde(range(min = 1, max = 100))]
    size: u32,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct Note {
    title: String,
    stars: u8,
}

/// The same handlers for both frameworks: only the extractors' module differs.
macro_rules! handlers {
    ($name:ident, $extractors:ident) => {
        mod $name {
            use super::*;
            use errcat::$extractors::{Form, Garde, Json, Path, Query, Valid};

            pub async fn create_order(Json(order): Json<NewOrder>) -> String {
                format!("{} ordered {}", order.customer_name, order.items.len())
            }

            pub async fn list(Query(page): Query<Page>) -> String {
                format!("page {}", page.page)
            }

            pub async fn user(Path(id): Path<u32>) -> String {
                format!("user {id}")
            }

            pub async fn pair(Path((name, count)): Path<(String, u32)>) -> String {
                format!("{name} {count}")
            }

            pub async fn login(Form(login): Form<Login>) -> String {
                login.username
            }

            pub async fn create_user(Valid(Json(user)): Valid<Json<NewUser>>) -> String {
                format!("{} <{}>", user.full_name, user.email)
            }

            pub async fn search(Garde(Query(search)): Garde<Query<Search>>) -> String {
                format!("size {}", search.size)
            }

            pub async fn echo(Json(note): Json<Note>) -> Json<Note> {
                Json(note)
            }

            /// Every kind of extractor, for the catalog.
            pub async fn update_user(
                _: Path<u32>,
                _: Valid<Json<NewUser>>,
                _: Query<Page>,
                _: Form<Login>,
            ) -> Result<String, std::convert::Infallible> {
                Ok(String::new())
            }

            /// A value serde_json cannot write: a map whose keys are not strings.
            pub async fn unwritable() -> Json<BTreeMap<(u8, u8), u8>> {
                Json(BTreeMap::from([((1, 2), 3)]))
            }
        }
    };
}

handlers!(on_axum, axum);
handlers!(on_actix, actix);

/// The largest body both servers read.
const LIMIT: usize = 256;

async fn serve_axum() -> String {
    use axum::routing::{get, post};
    let app = axum::Router::new()
        .route("/orders", post(on_axum::create_order))
        .route("/orders/list", get(on_axum::list))
        .route("/users/{id}", get(on_axum::user))
        .route("/pairs/{name}/{count}", get(on_axum::pair))
        .route("/login", post(on_axum::login).get(on_axum::login))
        .route("/users", post(on_axum::create_user))
        .route("/search", get(on_axum::search))
        .route("/echo", post(on_axum::echo))
        .route("/unwritable", get(on_axum::unwritable))
        .layer(axum::extract::DefaultBodyLimit::max(LIMIT))
        .layer(errcat::axum::ErrorContextLayer::new());
    common::serve(app).await
}

fn actix_orders() -> String {
    use actix_web::web::{get, post};
    common::serve_actix(|| {
        actix_web::App::new()
            .wrap(errcat::actix::ErrorContext::new())
            .app_data(errcat::actix::BodyLimit::max(LIMIT))
            .route("/orders", post().to(on_actix::create_order))
            .route("/orders/list", get().to(on_actix::list))
            .route("/users/{id}", get().to(on_actix::user))
            .route("/pairs/{name}/{count}", get().to(on_actix::pair))
            .route("/login", post().to(on_actix::login))
            .route("/login", get().to(on_actix::login))
            .route("/users", post().to(on_actix::create_user))
            .route("/search", get().to(on_actix::search))
            .route("/echo", post().to(on_actix::echo))
            .route("/unwritable", get().to(on_actix::unwritable))
    })
}

/// One request, sent to either server.
struct Request {
    method: reqwest::Method,
    path: &'static str,
    content_type: Option<&'static str>,
    body: String,
}

impl Request {
    fn get(path: &'static str) -> Self {
        Request {
            method: reqwest::Method::GET,
            path,
            content_type: None,
            body: String::new(),
        }
    }

    fn post(path: &'static str, content_type: Option<&'static str>, body: &str) -> Self {
        Request {
            method: reqwest::Method::POST,
            path,
            content_type,
            body: body.to_owned(),
        }
    }

    fn json(path: &'static str, body: &str) -> Self {
        Self::post(path, Some("application/json"), body)
    }

    fn form(body: &str) -> Self {
        Self::post("/login", Some("application/x-www-form-urlencoded"), body)
    }
}

/// What a client sees of a response.
#[derive(Debug, PartialEq)]
struct Reply {
    status: u16,
    content_type: String,
    /// The body as JSON when it is, without `requestId` (each request has its own).
    body: Value,
}

async fn send(base: &str, request: &Request) -> Reply {
    let mut builder = reqwest::Client::new()
        .request(request.method.clone(), format!("{base}{}", request.path))
        .body(request.body.clone());
    if let Some(content_type) = request.content_type {
        builder = builder.header("content-type", content_type);
    }
    let response = builder.send().await.unwrap();
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|value| value.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let text = response.text().await.unwrap();
    let mut body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    if let Some(object) = body.as_object_mut() {
        object.remove("requestId");
    }
    Reply {
        status,
        content_type,
        body,
    }
}

/// A bad request, and what a client is told: status, code and `detail`.
struct Refused {
    request: Request,
    status: u16,
    code: &'static str,
    detail: &'static str,
}

fn refused(request: Request, status: u16, code: &'static str, detail: &'static str) -> Refused {
    Refused {
        request,
        status,
        code,
        detail,
    }
}

fn bad_requests() -> Vec<Refused> {
    let big = format!(r#"{{"customerName":"{}","items":[]}}"#, "a".repeat(LIMIT));
    vec![
        refused(
            Request::json("/orders", "{\"customerName\": \"Ada\"\n  \"items\": []}"),
            400,
            "INVALID_JSON",
            "Invalid JSON in request body",
        ),
        refused(
            Request::post("/orders", None, r#"{"customerName":"A","items":[]}"#),
            415,
            "UNSUPPORTED_MEDIA_TYPE",
            "Content-Type must be application/json",
        ),
        refused(
            Request::post("/orders", Some("text/plain"), "{}"),
            415,
            "UNSUPPORTED_MEDIA_TYPE",
            "Content-Type must be application/json",
        ),
        refused(
            Request::post(
                "/orders",
                Some("application/json; charset=utf-16"),
                r#"{"customerName":"A","items":[]}"#,
            ),
            415,
            "UNSUPPORTED_MEDIA_TYPE",
            "Content-Type must be application/json; charset=utf-8",
        ),
        refused(
            Request::json("/orders", r#"{"items":[]}"#),
            400,
            "INVALID_BODY",
            "Missing required field: customerName",
        ),
        refused(
            Request::json(
                "/orders",
                r#"{"customerName":"A","items":[{"sku":"A","quantity":1},{"sku":"B","quantity":"two"}]}"#,
            ),
            400,
            "INVALID_BODY",
            r#"Field "items[1].quantity" must be an integer"#,
        ),
        refused(
            Request::json(
                "/orders",
                r#"{"customerName":"A","items":[{"sku":"A","quantity":-1}]}"#,
            ),
            400,
            "INVALID_BODY",
            r#"Field "items[0].quantity" is too small"#,
        ),
        // A positional array is not the struct, though serde would read it as one.
        refused(
            Request::json("/orders", r#"["r-1", 3]"#),
            400,
            "INVALID_BODY",
            "Request body must be an object",
        ),
        refused(
            Request::json("/orders", &big),
            413,
            "PAYLOAD_TOO_LARGE",
            "Request body too large",
        ),
        refused(
            Request::get("/orders/list?page=abc"),
            400,
            "INVALID_QUERY",
            r#"Field "page" must be an integer"#,
        ),
        refused(
            Request::get("/orders/list"),
            400,
            "INVALID_QUERY",
            "Missing required field: page",
        ),
        refused(
            Request::get("/orders/list?page=-5"),
            400,
            "INVALID_QUERY",
            r#"Field "page" is too small"#,
        ),
        refused(
            Request::get("/orders/list?page=1&page=2"),
            400,
            "INVALID_QUERY",
            r#"Field "page" is given more than once"#,
        ),
        refused(
            Request::get("/users/seven"),
            400,
            "INVALID_PATH",
            r#"Path parameter "id" must be an integer"#,
        ),
        refused(
            Request::get("/users/-1"),
            400,
            "INVALID_PATH",
            r#"Path parameter "id" is too small"#,
        ),
        refused(
            Request::get("/users/99999999999999999999999999"),
            400,
            "INVALID_PATH",
            r#"Path parameter "id" is too large"#,
        ),
        refused(
            Request::get("/pairs/ada/many"),
            400,
            "INVALID_PATH",
            r#"Path parameter "1" must be an integer"#,
        ),
        refused(
            Request::form("name=ada"),
            400,
            "INVALID_BODY",
            "Missing required field: username",
        ),
        refused(
            Request::post("/login", Some("application/json"), "{}"),
            415,
            "UNSUPPORTED_MEDIA_TYPE",
            "Content-Type must be application/x-www-form-urlencoded",
        ),
        // `GET` forms read the query.
        refused(
            Request::get("/login"),
            400,
            "INVALID_QUERY",
            "Missing required field: username",
        ),
        refused(
            Request::json("/users", r#"{"fullName":"A","email":"ada@example.com"}"#),
            400,
            "VALIDATION_FAILED",
            r#"Field "fullName" is too short"#,
        ),
        refused(
            Request::json("/users", r#"{"fullName":"A","email":"nope"}"#),
            400,
            "VALIDATION_FAILED",
            "Validation failed",
        ),
        refused(
            Request::get("/search?size=0"),
            400,
            "VALIDATION_FAILED",
            r#"Field "size": lower than 1"#,
        ),
    ]
}

#[actix_web::test]
async fn test_both_frameworks_refuse_bad_requests_alike() {
    let (axum, actix) = (serve_axum().await, actix_orders());
    for case in bad_requests() {
        let what = format!("{} {}", case.request.method, case.request.path);
        let reply = send(&actix, &case.request).await;
        assert_eq!(reply.status, case.status, "{what}: {:?}", reply.body);
        assert_eq!(
            reply.content_type, "application/problem+json",
            "{what}: {:?}",
            reply.body
        );
        assert_eq!(reply.body["code"], case.code, "{what}");
        assert_eq!(reply.body["detail"], case.detail, "{what}");
        assert_eq!(
            reply.body["instance"],
            case.request.path.split('?').next().unwrap(),
            "{what}"
        );
        assert_eq!(
            send(&axum, &case.request).await,
            reply,
            "{what}: axum and actix differ"
        );
    }
}

#[actix_web::test]
async fn test_fields_are_named_in_the_same_places() {
    let actix = actix_orders();
    let reply = send(&actix, &Request::json("/orders", r#"{"items":[]}"#)).await;
    assert_eq!(
        reply.body["errors"],
        json!([{ "detail": "is required", "pointer": "#/customerName", "code": "missing" }])
    );
    let reply = send(&actix, &Request::get("/users/seven")).await;
    assert_eq!(
        reply.body["errors"],
        json!([{ "detail": "must be an integer", "parameter": "id", "code": "invalid_type" }])
    );
    let reply = send(&actix, &Request::get("/orders/list?page=abc")).await;
    assert_eq!(reply.body["errors"][0]["parameter"], "page");
    let reply = send(
        &actix,
        &Request::json("/users", r#"{"fullName":"A","email":"nope"}"#),
    )
    .await;
    let fields: Vec<&Value> = reply.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|error| &error["pointer"])
        .collect();
    assert_eq!(fields, [&json!("#/fullName"), &json!("#/email")]);
    // The whole body of the wrong shape names no field.
    let reply = send(&actix, &Request::json("/orders", r#"["r-1", 3]"#)).await;
    assert!(reply.body.get("errors").is_none(), "{:?}", reply.body);
}

#[actix_web::test]
async fn test_valid_requests_pass_through() {
    let (axum, actix) = (serve_axum().await, actix_orders());
    let requests = [
        (
            Request::json(
                "/orders",
                r#"{"customerName":"Ada","items":[{"sku":"A","quantity":2}]}"#,
            ),
            "Ada ordered 1",
        ),
        (Request::get("/orders/list?page=3"), "page 3"),
        (Request::get("/users/7"), "user 7"),
        (Request::get("/pairs/ada/3"), "ada 3"),
        (Request::form("username=ada"), "ada"),
        (Request::get("/login?username=ada"), "ada"),
        (
            Request::json("/users", r#"{"fullName":"Ada","email":"ada@example.com"}"#),
            "Ada <ada@example.com>",
        ),
        (Request::get("/search?size=10"), "size 10"),
    ];
    for (request, expected) in requests {
        let reply = send(&actix, &request).await;
        assert_eq!(
            (reply.status, &reply.body),
            (200, &json!(expected)),
            "{}",
            request.path
        );
        assert_eq!(send(&axum, &request).await, reply, "{}", request.path);
    }
}

#[actix_web::test]
async fn test_json_is_a_response() {
    let (axum, actix) = (serve_axum().await, actix_orders());
    let note = Request::json("/echo", r#"{"title":"hi","stars":5}"#);
    let reply = send(&actix, &note).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.content_type, "application/json");
    assert_eq!(reply.body, json!({ "title": "hi", "stars": 5 }));
    assert_eq!(send(&axum, &note).await, reply);

    // A value that cannot be written is the service's fault: a 500, serde's reason unsaid.
    let reply = send(&actix, &Request::get("/unwritable")).await;
    assert_eq!(reply.status, 500);
    assert_eq!(reply.content_type, "application/problem+json");
    assert_eq!(reply.body["code"], "SERVER_ERROR");
    assert_eq!(reply.body["detail"], "internal server error");
    assert!(
        !reply.body.to_string().contains("key must be"),
        "{}",
        reply.body
    );
}

/// A server whose `Json` reads bodies within the default limit.
fn actix_default_limit() -> String {
    common::serve_actix(|| {
        actix_web::App::new().route(
            "/documents",
            actix_web::web::post().to(
                |errcat::actix::Json(doc): errcat::actix::Json<Value>| async move {
                    doc.as_str().map_or(0, str::len).to_string()
                },
            ),
        )
    })
}

#[actix_web::test]
async fn test_default_limit_is_two_mebibytes_and_untold() {
    let base = actix_default_limit();
    const MIB: usize = 1024 * 1024;
    // A JSON string: two quotes around the letters.
    let within = format!("\"{}\"", "a".repeat(2 * MIB - 2));
    let reply = send(&base, &Request::json("/documents", &within)).await;
    // The handler answers the length it read, which the client reads back as JSON.
    assert_eq!((reply.status, reply.body), (200, json!(2 * MIB - 2)));

    let over = format!("\"{}\"", "a".repeat(2 * MIB - 1));
    let reply = send(&base, &Request::json("/documents", &over)).await;
    assert_eq!(reply.status, 413);
    assert_eq!(reply.body["code"], "PAYLOAD_TOO_LARGE");
    let detail = reply.body["detail"].as_str().unwrap();
    assert!(
        !detail.chars().any(|c| c.is_ascii_digit()),
        "the limit is not told: {detail}"
    );
    assert!(
        !reply.body.to_string().contains("2097152"),
        "{}",
        reply.body
    );
}

#[actix_web::test]
async fn test_a_chunked_body_over_the_limit_is_refused() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let base = actix_orders();
    let address = base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    // No `Content-Length`: the limit can only be found while reading.
    let chunk = format!(r#"{{"customerName":"{}","items":[]}}"#, "a".repeat(LIMIT));
    let request = format!(
        "POST /orders HTTP/1.1\r\nhost: {address}\r\ncontent-type: application/json\r\n\
         transfer-encoding: chunked\r\nconnection: close\r\n\r\n{:x}\r\n{chunk}\r\n0\r\n\r\n",
        chunk.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.unwrap();
    let response = String::from_utf8_lossy(&response);
    assert!(response.starts_with("HTTP/1.1 413"), "{response}");
    assert!(
        response.contains(r#""code":"PAYLOAD_TOO_LARGE""#),
        "{response}"
    );
}

#[actix_web::test]
async fn test_rejections_in_the_services_envelope() {
    use actix_web::HttpMessage;
    use actix_web::dev::Service;
    // What `ErrorContext` inserts for `.rejections::<MessageField>()`, as any middleware may.
    let actix = common::serve_actix(|| {
        actix_web::App::new()
            .wrap_fn(|request, service| {
                request
                    .extensions_mut()
                    .insert(errcat::axum::RejectionEnvelope::of::<MessageField>());
                service.call(request)
            })
            .route("/orders", actix_web::web::post().to(on_actix::create_order))
    });
    let axum = common::serve(
        axum::Router::new()
            .route("/orders", axum::routing::post(on_axum::create_order))
            .layer(errcat::axum::ErrorContextLayer::new().rejections::<MessageField>()),
    )
    .await;
    let request = Request::json("/orders", r#"{"customerName": "Finance""#);
    let reply = send(&actix, &request).await;
    assert_eq!(reply.content_type, "application/json");
    assert_eq!(
        reply.body,
        json!({ "message": "Invalid JSON in request body", "line": 1, "column": 26 })
    );
    assert_eq!(send(&axum, &request).await, reply);
}

#[test]
fn test_extractors_are_documented_alike() {
    use errcat::catalog::Operations;
    let responses = |doc: Value| doc["paths"]["/users/{id}"]["post"]["responses"].clone();
    let axum = responses(
        Operations::new()
            .post("/users/{id}", on_axum::update_user)
            .to_openapi(),
    );
    let actix = responses(
        Operations::new()
            .post("/users/{id}", on_actix::update_user)
            .to_openapi(),
    );
    assert_eq!(actix, axum);
    for status in ["400", "413", "415"] {
        assert!(actix.get(status).is_some(), "{status}: {actix}");
    }
}
