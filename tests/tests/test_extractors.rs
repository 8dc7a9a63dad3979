//! errcat's axum extractors against a real server on 127.0.0.1 and a real client: every bad
//! request is answered in the API's own envelope, naming the field at fault, never in plain
//! text. Includes seed 004's registration example and seed 002's validation messages end to
//! end.

mod common;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use errcat::axum::{ErrorContextLayer, Form, Garde, Json, Path, Query, Valid};
use errcat::envelope::{MessageField, Spring};
use serde::Deserialize;
use serde_json::{Value, json};

/// The body of the response to `request`, whatever its status.
async fn text(request: reqwest::RequestBuilder) -> String {
    request.send().await.unwrap().text().await.unwrap()
}

struct Reply {
    status: u16,
    content_type: String,
    body: Value,
}

async fn send(request: reqwest::RequestBuilder) -> Reply {
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    let text = response.text().await.unwrap();
    let body = serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"));
    Reply {
        status,
        content_type,
        body,
    }
}

fn post_json(base: &str, path: &str, body: &str) -> reqwest::RequestBuilder {
    reqwest::Client::new()
        .post(format!("{base}{path}"))
        .header("content-type", "application/json")
        .body(body.to_owned())
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Item {
    #[allow(dead_code)]
    sku: String,
    #[allow(dead_code)]
    quantity: u32,
}

/// As [`NewOrder`], refusing fields it does not know.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct StrictOrder {
    #[allow(dead_code)]
    customer_name: String,
    #[allow(dead_code)]
    items: Vec<Item>,
}

async fn create_strict_order(Json(_): Json<StrictOrder>) {}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct NewOrder {
    customer_name: String,
    items: Vec<Item>,
}

/// Shapes serde reads in its own ways: plain enums, tagged and untagged enums.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
struct Checkout {
    role: Role,
    total: f64,
    payment: Payment,
    reference: Option<Reference>,
    shipping: Option<Shipping>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Role {
    Admin,
    Member,
}

#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
#[allow(dead_code)]
enum Payment {
    #[serde(rename_all = "camelCase")]
    Card {
        last_four: String,
    },
    Cash,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
#[allow(dead_code)]
enum Reference {
    Number(u64),
    Text(String),
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
struct Shipping {
    zip_code: String,
}

async fn checkout(Json(_): Json<Checkout>) {}

/// A struct with a flattened part: serde reads it as a map.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
struct Tagged {
    name: String,
    #[serde(flatten)]
    counts: Counts,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
struct Counts {
    extra_count: u8,
}

async fn tagged(Json(_): Json<Tagged>) {}

/// Numbers of each kind, a string and a list: what the words for a value beyond a type's
/// range are checked on.
#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Reading {
    name: String,
    count: u64,
    delta: i64,
    ratio: f64,
    tags: Vec<String>,
}

async fn reading(Json(reading): Json<Reading>) -> String {
    reading.name
}

const VALID_READING: &str = r#"{"name":"a","count":1,"delta":-1,"ratio":0.5,"tags":[]}"#;

/// A valid reading with `field` set to the JSON text `value`, as written.
fn reading_with(field: &str, value: &str) -> String {
    let mut body: Value = serde_json::from_str(VALID_READING).unwrap();
    body[field] = json!("PLACEHOLDER");
    body.to_string().replace("\"PLACEHOLDER\"", value)
}

async fn create_order(Json(order): Json<NewOrder>) -> String {
    format!("{} ordered {}", order.customer_name, order.items.len())
}

#[derive(Debug, Deserialize)]
struct Page {
    page: u32,
}

async fn list(Query(page): Query<Page>) -> String {
    format!("page {}", page.page)
}

async fn user(Path(id): Path<u32>) -> String {
    format!("user {id}")
}

#[derive(Debug, Deserialize)]
struct Login {
    username: String,
}

async fn login(Form(login): Form<Login>) -> String {
    login.username
}

fn orders() -> Router {
    Router::new()
        .route("/orders", post(create_order))
        .route("/strict-orders", post(create_strict_order))
        .route("/checkout", post(checkout))
        .route("/tagged", post(tagged))
        .route("/readings", post(reading))
        .route("/orders/list", get(list))
        .route("/users/{id}", get(user))
        .route("/login", post(login).get(login))
        .layer(DefaultBodyLimit::max(256))
        .layer(ErrorContextLayer::new())
}

#[tokio::test]
async fn test_valid_requests_pass_through() {
    let base = common::serve(orders()).await;
    let order = r#"{"customerName":"Ada","items":[{"sku":"A","quantity":2}]}"#;
    assert_eq!(
        text(post_json(&base, "/orders", order)).await,
        "Ada ordered 1"
    );
    let client = reqwest::Client::new();
    assert_eq!(
        text(client.get(format!("{base}/orders/list?page=3"))).await,
        "page 3"
    );
    assert_eq!(text(client.get(format!("{base}/users/7"))).await, "user 7");
    let login = client
        .post(format!("{base}/login"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("username=ada");
    assert_eq!(text(login).await, "ada");
}

#[tokio::test]
async fn test_malformed_json_names_line_and_column() {
    let base = common::serve(orders()).await;
    let reply = send(post_json(
        &base,
        "/orders",
        "{\"customerName\": \"Ada\"\n  \"items\": []}",
    ))
    .await;
    assert_eq!(reply.status, 400);
    assert_eq!(reply.content_type, "application/problem+json");
    assert_eq!(reply.body["code"], "INVALID_JSON");
    assert_eq!(reply.body["detail"], "Invalid JSON in request body");
    assert_eq!(
        (reply.body["line"].clone(), reply.body["column"].clone()),
        (json!(2), json!(3))
    );
    assert_eq!(reply.body["instance"], "/orders");
    // An empty body is malformed at its first column.
    let reply = send(post_json(&base, "/orders", "")).await;
    assert_eq!(
        (reply.body["line"].clone(), reply.body["column"].clone()),
        (json!(1), json!(1))
    );
    // Trailing garbage after a valid document is malformed too.
    let reply = send(post_json(
        &base,
        "/orders",
        r#"{"customerName":"A","items":[]} x"#,
    ))
    .await;
    assert_eq!(reply.body["code"], "INVALID_JSON");
}

#[tokio::test]
async fn test_content_type_is_required() {
    let base = common::serve(orders()).await;
    let reply = send(
        reqwest::Client::new()
            .post(format!("{base}/orders"))
            .body(r#"{"customerName":"A","items":[]}"#),
    )
    .await;
    assert_eq!(reply.status, 415);
    assert_eq!(
        reply.body["detail"],
        "Content-Type must be application/json"
    );
    let reply = send(
        reqwest::Client::new()
            .post(format!("{base}/orders"))
            .header("content-type", "text/plain")
            .body("{}"),
    )
    .await;
    assert_eq!(reply.status, 415);
    let reply = send(
        reqwest::Client::new()
            .post(format!("{base}/orders"))
            .header("content-type", "application/vnd.api+json; charset=utf-8")
            .body("{}"),
    )
    .await;
    assert_eq!(reply.status, 400, "a +json type is JSON");
}

#[tokio::test]
async fn test_a_charset_other_than_utf8_is_unsupported() {
    let base = common::serve(orders()).await;
    let order = r#"{"customerName":"Ada","items":[]}"#;
    let with_type = |content_type: &str| {
        reqwest::Client::new()
            .post(format!("{base}/orders"))
            .header("content-type", content_type)
            .body(order)
    };
    for content_type in [
        "application/json; charset=utf-16",
        "application/json;charset=UTF-16LE",
        "application/json; charset=\"iso-8859-1\"",
        "application/json; Charset=latin1",
        "application/vnd.api+json; charset=utf-32",
    ] {
        let reply = send(with_type(content_type)).await;
        assert_eq!(reply.status, 415, "{content_type}");
        assert_eq!(
            reply.body["code"], "UNSUPPORTED_MEDIA_TYPE",
            "{content_type}"
        );
        assert_eq!(
            reply.body["detail"], "Content-Type must be application/json; charset=utf-8",
            "{content_type}"
        );
    }
    for content_type in [
        "application/json; charset=utf-8",
        "application/json;charset=UTF-8",
        "application/json; charset=\"utf-8\"",
        "application/json; CHARSET = Utf-8 ",
    ] {
        let response = with_type(content_type).send().await.unwrap();
        assert_eq!(response.status(), 200, "{content_type}");
        assert_eq!(response.text().await.unwrap(), "Ada ordered 0");
    }
}

#[tokio::test]
async fn test_bad_text_inside_a_string_is_invalid_json_at_its_place() {
    let base = common::serve(orders()).await;
    let bodies: [&[u8]; 5] = [
        b"{\"customerName\":\"A\xffda\",\"items\":[]}",
        // An overlong encoding of `/`.
        b"{\"customerName\":\"A\xc0\xafda\",\"items\":[]}",
        // A lone surrogate, first alone and then before an ordinary escape.
        br#"{"customerName":"A\ud800da","items":[]}"#,
        br#"{"customerName":"A\ud800\u0041","items":[]}"#,
        b"{\"customerName\":\"Ada\",\"items\":[{\"sku\":\"\xed\xa0\x80\",\"quantity\":1}]}",
    ];
    for body in bodies {
        let shown = String::from_utf8_lossy(body);
        let response = reqwest::Client::new()
            .post(format!("{base}/orders"))
            .header("content-type", "application/json")
            .body(body.to_vec())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400, "{shown}");
        let reply: Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
        assert_eq!(reply["code"], "INVALID_JSON", "{shown}");
        assert_eq!(reply["detail"], "Invalid JSON in request body", "{shown}");
        assert_eq!(reply["line"], 1, "{shown}");
        // The column falls inside the string at fault, past its opening quote.
        let column = reply["column"].as_u64().unwrap();
        let quotes: Vec<usize> = body
            .iter()
            .enumerate()
            .filter(|(_, byte)| **byte == b'"')
            .map(|(at, _)| at + 1)
            .collect();
        let string = quotes
            .chunks(2)
            .find(|pair| {
                let text = &body[pair[0]..pair[1] - 1];
                std::str::from_utf8(text).is_err() || text.windows(2).any(|w| w == b"\\u")
            })
            .unwrap();
        assert!(
            (string[0] as u64..=string[1] as u64).contains(&column),
            "{shown}: column {column} outside {string:?}"
        );
    }
}

#[tokio::test]
async fn test_numbers_beyond_a_type_are_too_large_or_too_small() {
    let base = common::serve(orders()).await;
    assert_eq!(
        text(post_json(&base, "/readings", VALID_READING)).await,
        "a"
    );
    let cases = [
        // Beyond 64 bits.
        (
            "count",
            "18446744073709551616",
            "is too large",
            "out_of_range",
        ),
        (
            "count",
            "123456789012345678901234567890",
            "is too large",
            "out_of_range",
        ),
        (
            "count",
            "-123456789012345678901234567890",
            "is too small",
            "out_of_range",
        ),
        (
            "delta",
            "9223372036854775808",
            "is too large",
            "out_of_range",
        ),
        (
            "delta",
            "-9223372036854775809",
            "is too small",
            "out_of_range",
        ),
        (
            "delta",
            "-123456789012345678901234567890",
            "is too small",
            "out_of_range",
        ),
        // Within 64 bits, but not the type's.
        ("count", "-1", "is too small", "out_of_range"),
        ("count", "1.5", "must be an integer", "invalid_type"),
        ("delta", "2.5", "must be an integer", "invalid_type"),
        // Beyond any number type.
        ("ratio", "1e400", "is out of range", "out_of_range"),
        ("count", "1e400", "is out of range", "out_of_range"),
    ];
    for (field, value, words, code) in cases {
        let body = reading_with(field, value);
        let reply = send(post_json(&base, "/readings", &body)).await;
        assert_eq!(reply.status, 400, "{body}");
        assert_eq!(reply.body["code"], "INVALID_BODY", "{body}");
        assert_eq!(
            reply.body["detail"],
            format!("Field \"{field}\" {words}"),
            "{body}"
        );
        assert_eq!(
            reply.body["errors"],
            json!([{ "detail": words, "pointer": format!("#/{field}"), "code": code }]),
            "{body}"
        );
    }
}

#[tokio::test]
async fn test_a_number_beyond_f64_is_told_as_any_number_is() {
    let base = common::serve(orders()).await;
    // Where no number belongs, 1e400 gets the words an ordinary number gets.
    for field in ["name", "tags"] {
        let ordinary = send(post_json(&base, "/readings", &reading_with(field, "1"))).await;
        let huge = send(post_json(
            &base,
            "/readings",
            &reading_with(field, "-1e400"),
        ))
        .await;
        assert_eq!(huge.status, 400, "{field}");
        assert_eq!(huge.body["code"], "INVALID_BODY", "{field}");
        assert_eq!(huge.body["detail"], ordinary.body["detail"], "{field}");
        assert_eq!(huge.body["errors"], ordinary.body["errors"], "{field}");
    }
    let reply = send(post_json(
        &base,
        "/readings",
        &reading_with("name", "1e400"),
    ))
    .await;
    assert_eq!(reply.body["detail"], r#"Field "name" must be string"#);
    assert_eq!(reply.body["errors"][0]["code"], "invalid_type");
    // A boolean field, through validation's extractor.
    let app = Router::new().route("/v1/users", post(create_user));
    let base = common::serve(app).await;
    let reply = send(post_json(
        &base,
        "/v1/users",
        r#"{"fullName":"Ada","consentRequired":1e400}"#,
    ))
    .await;
    assert_eq!(
        reply.body["detail"],
        r#"Field "consentRequired" must be boolean"#
    );
}

#[tokio::test]
async fn test_body_too_large() {
    let base = common::serve(orders()).await;
    let big = format!(r#"{{"customerName":"{}","items":[]}}"#, "a".repeat(1000));
    let reply = send(post_json(&base, "/orders", &big)).await;
    assert_eq!(reply.status, 413);
    assert_eq!(reply.body["code"], "PAYLOAD_TOO_LARGE");
}

#[tokio::test]
async fn test_missing_and_mistyped_fields_are_named() {
    let base = common::serve(orders()).await;
    let reply = send(post_json(&base, "/orders", r#"{"items":[]}"#)).await;
    assert_eq!(reply.status, 400);
    assert_eq!(reply.body["code"], "INVALID_BODY");
    assert_eq!(reply.body["detail"], "Missing required field: customerName");
    assert_eq!(
        reply.body["errors"],
        json!([{ "detail": "is required", "pointer": "#/customerName", "code": "missing" }])
    );
    let reply = send(post_json(
        &base,
        "/orders",
        r#"{"customerName":"A","items":[{"sku":"A","quantity":1},{"sku":"B","quantity":"two"}]}"#,
    ))
    .await;
    assert_eq!(
        reply.body["detail"],
        r#"Field "items[1].quantity" must be an integer"#
    );
    assert_eq!(reply.body["errors"][0]["pointer"], "#/items/1/quantity");
    assert_eq!(reply.body["errors"][0]["code"], "invalid_type");

    // Words a client knows, not Rust's type names; a number too big is out of range.
    let cases = [
        (
            r#"{"customerName":"A","items":[{"sku":"A","quantity":99999999999}]}"#,
            r#"Field "items[0].quantity" is too large"#,
            "out_of_range",
        ),
        (
            r#"{"customerName":"A","items":[{"sku":"A","quantity":-1}]}"#,
            r#"Field "items[0].quantity" is too small"#,
            "out_of_range",
        ),
        (
            r#"{"customerName":"A","items":[{"sku":"A","quantity":1.5}]}"#,
            r#"Field "items[0].quantity" must be an integer"#,
            "invalid_type",
        ),
        (
            r#"{"customerName":"A","items":{}}"#,
            r#"Field "items" must be an array"#,
            "invalid_type",
        ),
        (
            r#"{"customerName":"A","items":[7]}"#,
            r#"Field "items[0]" must be an object"#,
            "invalid_type",
        ),
        (
            r#"{"customerName":"A","items":[],"note":1}"#,
            "Unknown field: note",
            "unknown",
        ),
    ];
    for (body, detail, code) in cases {
        let reply = send(post_json(&base, "/strict-orders", body)).await;
        assert_eq!(reply.body["detail"], detail, "{body}");
        assert_eq!(reply.body["errors"][0]["code"], code, "{body}");
    }

    // The whole body of the wrong shape names no field.
    for body in ["null", "[1, 2]", r#""order""#] {
        let reply = send(post_json(&base, "/orders", body)).await;
        assert_eq!(reply.status, 400);
        assert_eq!(reply.body["code"], "INVALID_BODY");
        assert_eq!(
            reply.body["detail"], "Request body must be an object",
            "{body}"
        );
        assert!(reply.body.get("errors").is_none(), "{body}: {}", reply.body);
    }
}

#[tokio::test]
async fn test_values_of_serdes_own_shapes_are_named_in_a_clients_words() {
    let base = common::serve(orders()).await;
    let valid = json!({
        "role": "admin",
        "total": 9.5,
        "payment": { "type": "card", "lastFour": "4242" },
        "reference": 7,
        "shipping": { "zipCode": "10115" },
    });
    let with = |field: &str, value: Value| {
        let mut body = valid.clone();
        body[field] = value;
        body.to_string()
    };
    let response = post_json(&base, "/checkout", &valid.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);

    let cases = [
        // serde_json reports these as syntax errors, yet the JSON is well-formed.
        (
            with("role", json!(7)),
            r#"Field "role" must be one of: admin, member"#,
            "invalid_value",
        ),
        (
            with("role", Value::Null),
            r#"Field "role" must be one of: admin, member"#,
            "invalid_value",
        ),
        (
            with("role", json!("owner")),
            r#"Field "role" must be one of: admin, member"#,
            "invalid_value",
        ),
        (
            valid.to_string().replace("9.5", "1e400"),
            r#"Field "total" is out of range"#,
            "out_of_range",
        ),
        // Tagged and untagged enums: no Rust type names.
        (
            with("payment", json!(5)),
            r#"Field "payment" must be an object"#,
            "invalid_type",
        ),
        (
            with("payment", json!({ "type": "card", "lastFour": 5 })),
            r#"Field "payment" contains a value that must be string"#,
            "invalid_type",
        ),
        (
            with("payment", json!({ "type": "card" })),
            "Missing required field: payment.lastFour",
            "missing",
        ),
        (
            with("reference", json!([1])),
            r#"Field "reference" does not match any accepted form"#,
            "invalid_value",
        ),
        // serde reads a struct from a list too, and says "invalid length" for `[]`.
        (
            with("shipping", json!([])),
            r#"Field "shipping" must be an object"#,
            "invalid_type",
        ),
    ];
    for (body, detail, code) in cases {
        let reply = send(post_json(&base, "/checkout", &body)).await;
        assert_eq!(reply.status, 400, "{body}");
        assert_eq!(reply.body["code"], "INVALID_BODY", "{body}");
        assert_eq!(reply.body["detail"], detail, "{body}");
        assert_eq!(reply.body["errors"][0]["code"], code, "{body}");
    }

    // A flattened field's place is lost inside serde: said so, and no wrong field named.
    let cases = [
        (
            r#"{"name":"a","extraCount":300}"#,
            "A value in the request body is too large",
        ),
        (
            r#"{"name":"a","extraCount":"x"}"#,
            "A value in the request body must be an integer",
        ),
    ];
    for (body, detail) in cases {
        let reply = send(post_json(&base, "/tagged", body)).await;
        assert_eq!(reply.status, 400, "{body}");
        assert_eq!(reply.body["detail"], detail, "{body}");
        assert!(reply.body.get("errors").is_none(), "{body}: {}", reply.body);
    }
    let reply = send(post_json(&base, "/tagged", r#"{"name":"a"}"#)).await;
    assert_eq!(reply.body["detail"], "Missing required field: extraCount");
    // The whole body of the wrong shape, as for any struct.
    let reply = send(post_json(&base, "/tagged", "[1]")).await;
    assert_eq!(reply.body["detail"], "Request body must be an object");
}

#[tokio::test]
async fn test_query_path_and_form_rejections() {
    let base = common::serve(orders()).await;
    let reply = send(reqwest::Client::new().get(format!("{base}/orders/list?page=abc"))).await;
    assert_eq!(reply.status, 400);
    assert_eq!(reply.body["code"], "INVALID_QUERY");
    assert_eq!(reply.body["errors"][0]["parameter"], "page");
    assert_eq!(reply.body["detail"], r#"Field "page" must be an integer"#);
    let reply = send(reqwest::Client::new().get(format!("{base}/orders/list"))).await;
    assert_eq!(reply.body["detail"], "Missing required field: page");
    let reply =
        send(reqwest::Client::new().get(format!("{base}/orders/list?page=99999999999"))).await;
    assert_eq!(reply.body["detail"], r#"Field "page" is too large"#);
    assert_eq!(reply.body["errors"][0]["code"], "out_of_range");
    let reply = send(reqwest::Client::new().get(format!("{base}/orders/list?page=-5"))).await;
    assert_eq!(reply.body["detail"], r#"Field "page" is too small"#);
    assert_eq!(reply.body["errors"][0]["code"], "out_of_range");
    let reply = send(reqwest::Client::new().get(format!("{base}/orders/list?page=-"))).await;
    assert_eq!(reply.body["detail"], r#"Field "page" must be an integer"#);
    let reply = send(reqwest::Client::new().get(format!("{base}/orders/list?page=1&page=2"))).await;
    assert_eq!(
        reply.body["detail"],
        r#"Field "page" is given more than once"#
    );
    assert_eq!(
        reply.body["errors"],
        json!([{ "detail": "is given more than once", "parameter": "page", "code": "duplicate" }])
    );

    let reply = send(reqwest::Client::new().get(format!("{base}/users/seven"))).await;
    assert_eq!(reply.status, 400);
    assert_eq!(reply.body["code"], "INVALID_PATH");
    assert_eq!(
        reply.body["detail"],
        r#"Path parameter "id" must be an integer"#
    );
    assert_eq!(reply.body["errors"][0]["parameter"], "id");
    let reply = send(reqwest::Client::new().get(format!("{base}/users/-1"))).await;
    assert_eq!(reply.body["detail"], r#"Path parameter "id" is too small"#);
    let reply =
        send(reqwest::Client::new().get(format!("{base}/users/99999999999999999999999999"))).await;
    assert_eq!(reply.body["detail"], r#"Path parameter "id" is too large"#);

    let reply = send(
        reqwest::Client::new()
            .post(format!("{base}/login"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("name=ada"),
    )
    .await;
    assert_eq!(reply.status, 400);
    assert_eq!(reply.body["detail"], "Missing required field: username");
    let reply = send(
        reqwest::Client::new()
            .post(format!("{base}/login"))
            .header("content-type", "application/json")
            .body("{}"),
    )
    .await;
    assert_eq!(reply.status, 415);
    assert_eq!(
        reply.body["detail"],
        "Content-Type must be application/x-www-form-urlencoded"
    );
    let reply = send(reqwest::Client::new().get(format!("{base}/login"))).await;
    assert_eq!(
        reply.body["errors"][0]["parameter"], "username",
        "GET forms read the query"
    );
}

#[tokio::test]
async fn test_rejections_in_the_services_envelope() {
    let app = Router::new()
        .route("/orders", post(create_order))
        .layer(ErrorContextLayer::new().rejections::<MessageField>());
    let base = common::serve(app).await;
    let reply = send(post_json(&base, "/orders", r#"{"customerName": "Finance""#)).await;
    assert_eq!(reply.content_type, "application/json");
    assert_eq!(
        reply.body,
        json!({ "message": "Invalid JSON in request body", "line": 1, "column": 26 })
    );
}

// ---- Seed 004: EntryGuard's registration example, with garde ----

mod entryguard {
    use garde::Validate;
    use serde::Deserialize;

    fn not_blank(value: &str, _: &()) -> garde::Result {
        if value.trim().is_empty() {
            Err(garde::Error::new("must not be blank"))
        } else {
            Ok(())
        }
    }

    fn well_formed_email(value: &str, _: &()) -> garde::Result {
        let ok = value
            .split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'));
        if ok {
            Ok(())
        } else {
            Err(garde::Error::new("must be a well-formed email address"))
        }
    }

    fn size_8_to_128(value: &str, _: &()) -> garde::Result {
        if (8..=128).contains(&value.chars().count()) {
            Ok(())
        } else {
            Err(garde::Error::new("size must be between 8 and 128"))
        }
    }

    /// The registration form of seed 004's example.
    #[derive(Debug, Deserialize, Validate)]
    #[serde(rename_all = "camelCase")]
    pub struct Registration {
        #[garde(custom(not_blank))]
        pub organization_name: String,
        #[garde(custom(well_formed_email))]
        pub email: String,
        #[garde(custom(size_8_to_128))]
        pub password: String,
    }
}

async fn register(Garde(Json(registration)): Garde<Json<entryguard::Registration>>) -> String {
    registration.organization_name
}

#[tokio::test]
async fn test_garde_violations_answered_in_spring() {
    let app = Router::new()
        .route("/api/v1/auth/register", post(register))
        .layer(ErrorContextLayer::new().rejections::<Spring>());
    let base = common::serve(app).await;
    let response = post_json(
        &base,
        "/api/v1/auth/register",
        r#"{"organizationName": "", "email": "invalid-email", "password": "short"}"#,
    )
    .send()
    .await
    .unwrap();
    assert_eq!(response.status(), 400);
    assert_eq!(response.headers()["content-type"], "application/json");
    let body = response.text().await.unwrap();
    let timestamp = &body[r#"{"timestamp":""#.len()..][..20];
    assert!(
        timestamp.ends_with('Z') && timestamp.as_bytes()[10] == b'T',
        "{timestamp}"
    );
    assert_eq!(
        body,
        format!(
            concat!(
                r#"{{"timestamp":"{}","status":400,"error":"Bad Request","#,
                r#""message":"Validation failed","path":"/api/v1/auth/register","#,
                r#""validationErrors":{{"organizationName":"must not be blank","#,
                r#""email":"must be a well-formed email address","#,
                r#""password":"size must be between 8 and 128"}}}}"#,
            ),
            timestamp
        )
    );
    let valid = r#"{"organizationName":"Acme","email":"a@b.io","password":"long enough"}"#;
    assert_eq!(
        text(post_json(&base, "/api/v1/auth/register", valid)).await,
        "Acme"
    );
}

// ---- Seed 002: the Users API's validation messages, with validator ----

mod users {
    use serde::Deserialize;
    use validator::Validate;

    /// A user's submitted data.
    #[derive(Debug, Deserialize, Validate)]
    #[serde(rename_all = "camelCase")]
    pub struct NewUser {
        #[validate(length(min = 3, max = 40, message = "is too short"))]
        pub full_name: String,
        pub consent_required: bool,
    }
}

async fn create_user(Valid(Json(user)): Valid<Json<users::NewUser>>) -> String {
    format!("{} {}", user.full_name, user.consent_required)
}

#[tokio::test]
async fn test_validator_messages_answered_in_message_field() {
    let app = Router::new()
        .route("/v1/users", post(create_user))
        .layer(ErrorContextLayer::new().rejections::<MessageField>());
    let base = common::serve(app).await;
    let cases = [
        (
            r#"{"fullName":"Ada Lovelace"}"#,
            "Missing required field: consentRequired",
        ),
        (
            r#"{"fullName":"Al","consentRequired":true}"#,
            r#"Field "fullName" is too short"#,
        ),
        (
            r#"{"fullName":"Ada","consentRequired":"yes"}"#,
            r#"Field "consentRequired" must be boolean"#,
        ),
        (
            r#"{"fullName":7,"consentRequired":true}"#,
            r#"Field "fullName" must be string"#,
        ),
    ];
    for (request, message) in cases {
        let reply = send(post_json(&base, "/v1/users", request)).await;
        assert_eq!(reply.status, 400, "{request}");
        assert_eq!(reply.content_type, "application/json");
        assert_eq!(reply.body["message"], message, "{request}");
        let field = message.split('"').nth(1).unwrap_or("consentRequired");
        assert!(
            reply.body["errors"].get(field).is_some(),
            "{request}: {}",
            reply.body
        );
    }
    let reply = send(post_json(
        &base,
        "/v1/users",
        r#"{"fullName":"Al","consentRequired":"no"}"#,
    ))
    .await;
    assert_eq!(
        reply.body["message"], r#"Field "consentRequired" must be boolean"#,
        "types are checked before validation"
    );
    let valid = r#"{"fullName":"Ada","consentRequired":true}"#;
    assert_eq!(text(post_json(&base, "/v1/users", valid)).await, "Ada true");
}

#[tokio::test]
async fn test_rejections_are_in_the_catalog() {
    use errcat::ApiError;
    let codes: Vec<(u16, &str)> = errcat::axum::Rejection::catalog()
        .iter()
        .map(|e| (e.status, e.code))
        .collect();
    assert!(codes.contains(&(400, "INVALID_JSON")));
    assert!(codes.contains(&(415, "UNSUPPORTED_MEDIA_TYPE")));
    assert!(codes.contains(&(413, "PAYLOAD_TOO_LARGE")));
    assert!(codes.contains(&(400, "VALIDATION_FAILED")));
    let catalog = errcat::Catalog::new().group_in::<errcat::axum::Rejection, Spring>("Requests");
    assert!(catalog.code_clashes().is_empty());
    assert!(
        catalog
            .to_markdown()
            .contains("| 415 | UNSUPPORTED_MEDIA_TYPE | Content-Type must be {expected} |")
    );
}

// ---- Validated query strings: declaration order, query locations ----

#[derive(Debug, Deserialize, validator::Validate)]
struct Search {
    #[validate(range(min = 1, max = 100, message = "must be between 1 and 100"))]
    size: u32,
    #[validate(length(min = 2, message = "is too short"))]
    query: String,
    #[validate(length(max = 8, message = "is too long"))]
    cursor: String,
}

async fn search(Valid(Query(search)): Valid<Query<Search>>) -> String {
    format!("{} {} {}", search.size, search.query, search.cursor)
}

#[tokio::test]
async fn test_validated_query_lists_fields_in_declaration_order() {
    let app = Router::new()
        .route("/search", get(search))
        .layer(ErrorContextLayer::new());
    let base = common::serve(app).await;
    let reply =
        send(reqwest::Client::new().get(format!("{base}/search?size=0&query=a&cursor=0123456789")))
            .await;
    assert_eq!(reply.status, 400);
    assert_eq!(reply.body["code"], "VALIDATION_FAILED");
    assert_eq!(reply.body["detail"], "Validation failed");
    assert_eq!(
        reply.body["errors"],
        json!([
            { "detail": "must be between 1 and 100", "parameter": "size", "code": "range" },
            { "detail": "is too short", "parameter": "query", "code": "length" },
            { "detail": "is too long", "parameter": "cursor", "code": "length" },
        ]),
        "declared order, though validator reports them sorted by name"
    );
    let reply = send(
        reqwest::Client::new().get(format!("{base}/search?size=5&query=ab&cursor=0123456789")),
    )
    .await;
    assert_eq!(reply.body["detail"], r#"Field "cursor" is too long"#);
    let valid = reqwest::Client::new().get(format!("{base}/search?size=5&query=ab&cursor=c1"));
    assert_eq!(text(valid).await, "5 ab c1");
}

// ---- Field names as the request has them, at every level ----

mod profile {
    use serde::Deserialize;
    use validator::Validate;

    /// A nested struct with its own case.
    #[derive(Debug, Deserialize, Validate)]
    #[serde(rename_all = "camelCase")]
    pub struct Address {
        #[validate(length(equal = 5, message = "must be 5 digits"))]
        pub zip_code: String,
    }

    /// An item of a list.
    #[derive(Debug, Deserialize, Validate)]
    #[serde(rename_all = "camelCase")]
    pub struct Line {
        #[validate(range(min = 1, message = "must be at least 1"))]
        pub unit_count: u32,
    }

    /// Fields in an order validator will not keep, one of them renamed by hand.
    #[derive(Debug, Deserialize, Validate)]
    #[serde(rename_all = "camelCase")]
    pub struct Profile {
        #[validate(length(min = 1, message = "must not be blank"))]
        pub display_name: String,
        #[validate(nested)]
        pub billing_address: Address,
        #[validate(nested)]
        pub order_lines: Vec<Line>,
        #[serde(rename = "pass")]
        #[validate(length(min = 8, message = "is too short"))]
        pub password: String,
    }
}

async fn update_profile(Valid(Json(profile)): Valid<Json<profile::Profile>>) -> String {
    profile.display_name
}

#[tokio::test]
async fn test_validation_fields_are_named_as_the_json_names_them() {
    let app = Router::new()
        .route("/profile", post(update_profile))
        .layer(ErrorContextLayer::new().rejections::<Spring>());
    let base = common::serve(app).await;
    let request = r#"{"displayName":"","billingAddress":{"zipCode":"123"},"orderLines":[{"unitCount":1},{"unitCount":0}],"pass":"short"}"#;
    let reply = send(post_json(&base, "/profile", request)).await;
    assert_eq!(reply.status, 400);
    // serde_json keeps object keys sorted in `Value`; read the order off the raw text instead.
    assert_eq!(
        reply.body["validationErrors"],
        json!({
            "displayName": "must not be blank",
            "billingAddress.zipCode": "must be 5 digits",
            "orderLines[1].unitCount": "must be at least 1",
            "password": "is too short",
        })
    );
    let text = text(post_json(&base, "/profile", request)).await;
    let order: Vec<usize> = [
        "displayName",
        "billingAddress.zipCode",
        "orderLines[1]",
        "\"password\"",
    ]
    .iter()
    .map(|key| text.find(key).unwrap_or_else(|| panic!("{key} in {text}")))
    .collect();
    assert!(
        order.is_sorted(),
        "declaration order, the field serde renames by hand last: {text}"
    );
}
