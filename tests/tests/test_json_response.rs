//! `errcat::axum::Json` as a response, as `axum::Json` is, so that swapping the import is
//! enough: handlers that read and return it, against a real server on 127.0.0.1; a value
//! that fails to serialize answered as a 500 in errcat's envelope, serde's reason logged and
//! never sent.

mod common;

use axum::Router;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use common::log::logged;
use errcat::axum::{ErrorContextLayer, Json};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Value, json};

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct NewBundle {
    name: String,
    key_count: u32,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Bundle {
    id: u64,
    name: String,
    key_count: u32,
    tags: Vec<&'static str>,
}

async fn create(Json(bundle): Json<NewBundle>) -> Json<Bundle> {
    Json(Bundle {
        id: 42,
        name: bundle.name,
        key_count: bundle.key_count,
        tags: vec!["new"],
    })
}

/// Fails to serialize, with a reason that names the service's internals.
struct Secret;

const REASON: &str = "vault token for db-primary expired";

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        Err(serde::ser::Error::custom(REASON))
    }
}

async fn leak() -> Json<Secret> {
    Json(Secret)
}

/// A JSON `body` posted to `/bundles`: the response's status, content type and body.
async fn post_bundle(base: &str, body: &'static str) -> (u16, String, Value) {
    let response = reqwest::Client::new()
        .post(format!("{base}/bundles"))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    let body = serde_json::from_str(&response.text().await.unwrap()).unwrap();
    (status, content_type, body)
}

fn app() -> Router {
    Router::new()
        .route("/bundles", post(create))
        .route("/secret", get(leak))
        .layer(ErrorContextLayer::new())
}

#[tokio::test]
async fn test_a_handler_reads_and_returns_errcat_json() {
    let base = common::serve(app()).await;
    let (status, content_type, body) =
        post_bundle(&base, r#"{"name":"Finance","keyCount":3}"#).await;
    assert_eq!((status, content_type.as_str()), (200, "application/json"));
    assert_eq!(
        body,
        json!({ "id": 42, "name": "Finance", "keyCount": 3, "tags": ["new"] })
    );
    // The same handler still rejects in the envelope.
    let (status, content_type, body) = post_bundle(&base, r#"{"name":"Finance"}"#).await;
    assert_eq!(
        (status, content_type.as_str()),
        (400, "application/problem+json")
    );
    assert_eq!(body["detail"], "Missing required field: keyCount");
}

#[tokio::test]
async fn test_a_value_that_fails_to_serialize_is_a_500_in_the_envelope() {
    let base = common::serve(app()).await;
    let response = reqwest::Client::new()
        .get(format!("{base}/secret"))
        .header("x-request-id", "req-secret-1")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 500);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let text = response.text().await.unwrap();
    assert!(
        !text.contains("vault"),
        "serde's reason in the body: {text}"
    );
    let body: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(body["status"], 500);
    assert_eq!(body["code"], "SERVER_ERROR");
    assert_eq!(body["instance"], "/secret");
    assert_eq!(body["requestId"], "req-secret-1");
}

#[test]
fn test_the_serialization_failure_is_logged_at_error() {
    let (log, response) = logged(|| Json(Secret).into_response());
    assert_eq!(response.status(), 500);
    let line = log
        .lines()
        .find(|line| line.contains(REASON))
        .unwrap_or_else(|| panic!("serde's reason not logged: {log}"));
    assert!(line.contains("ERROR"), "{line}");
    assert!(line.contains("status=500"), "{line}");

    // A value that serializes logs nothing.
    let (log, response) = logged(|| Json(json!({ "ok": true })).into_response());
    assert_eq!(response.status(), 200);
    assert_eq!(log, "");
}

#[test]
fn test_json_converts_and_derefs_like_axums() {
    let mut bundle: Json<Vec<u32>> = vec![1, 2].into();
    bundle.push(3);
    assert_eq!(bundle.len(), 3);
    assert_eq!(bundle.0, [1, 2, 3]);
}
