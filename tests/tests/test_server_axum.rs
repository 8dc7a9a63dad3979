//! A real axum server on 127.0.0.1 behind `ErrorContextLayer`, called by a real HTTP client:
//! every envelope's status, headers and body, request ids included.

mod common;

use axum::Router;
use axum::routing::get;
use errcat::ApiError;
use errcat::axum::ErrorContextLayer;
use serde::Serialize;

#[derive(Debug, Serialize)]
struct State {
    state: &'static str,
}

#[derive(Debug, thiserror::Error, ApiError)]
enum ApiFailure {
    #[error("bundle {0} missing")]
    #[status(404)]
    #[message("bundle not found")]
    Problem(String),

    #[error("x")]
    #[status(409)]
    #[message("bundle with this name already exists")]
    #[api_error(envelope = errcat::envelope::ErrorField)]
    ErrorField,

    #[error("x")]
    #[status(404)]
    #[message("KeyRing '{0}' not found")]
    #[api_error(envelope = errcat::envelope::MessageField)]
    MessageField(String),

    #[error("x")]
    #[status(429)]
    #[code("RATE_LIMITED")]
    #[message("Rate limit exceeded. Try again in {retry_after} seconds.")]
    #[header("Retry-After", "{retry_after}")]
    #[api_error(envelope = errcat::envelope::Wrapped)]
    Wrapped {
        #[detail]
        retry_after: u64,
    },

    #[error("x")]
    #[status(403)]
    #[message("Access denied. Administrator privileges required.")]
    #[api_error(envelope = errcat::envelope::Spring)]
    Spring,

    #[error("x")]
    #[status(401)]
    Raw(#[api_error(body)] State),
}

async fn problem() -> Result<&'static str, ApiFailure> {
    Err(ApiFailure::Problem("b-1".into()))
}
async fn error_field() -> Result<&'static str, ApiFailure> {
    Err(ApiFailure::ErrorField)
}
async fn message_field() -> Result<&'static str, ApiFailure> {
    Err(ApiFailure::MessageField("Finance".into()))
}
async fn wrapped() -> Result<&'static str, ApiFailure> {
    Err(ApiFailure::Wrapped { retry_after: 42 })
}
async fn spring() -> Result<&'static str, ApiFailure> {
    Err(ApiFailure::Spring)
}
async fn raw() -> Result<&'static str, ApiFailure> {
    Err(ApiFailure::Raw(State { state: "expired" }))
}
async fn ok() -> Result<&'static str, ApiFailure> {
    Ok("fine")
}

async fn serve() -> String {
    let app = Router::new()
        .route("/bundles/{id}", get(problem))
        .route("/error-field", get(error_field))
        .route("/message-field", get(message_field))
        .route("/wrapped", get(wrapped))
        .route("/api/v1/users", get(spring))
        .route("/raw", get(raw))
        .route("/ok", get(ok))
        .layer(ErrorContextLayer::new());
    common::serve(app).await
}

struct Reply {
    status: u16,
    content_type: String,
    request_id: String,
    headers: reqwest::header::HeaderMap,
    body: String,
}

async fn call(base: &str, path: &str, request_id: Option<&str>) -> Reply {
    let mut request = reqwest::Client::new().get(format!("{base}{path}"));
    if let Some(id) = request_id {
        request = request.header("x-request-id", id);
    }
    let response = request.send().await.unwrap();
    let headers = response.headers().clone();
    Reply {
        status: response.status().as_u16(),
        content_type: headers["content-type"].to_str().unwrap().to_owned(),
        request_id: headers["x-request-id"].to_str().unwrap().to_owned(),
        body: response.text().await.unwrap(),
        headers,
    }
}

fn is_rfc3339_seconds(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 20
        && text.ends_with('Z')
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            10 => *b == b'T',
            13 | 16 => *b == b':',
            19 => *b == b'Z',
            _ => b.is_ascii_digit(),
        })
}

#[tokio::test]
async fn test_problem_carries_request_id_and_path() {
    let base = serve().await;
    let reply = call(&base, "/bundles/b-1", Some("req_abc123")).await;
    assert_eq!(reply.status, 404);
    assert_eq!(reply.content_type, "application/problem+json");
    assert_eq!(reply.request_id, "req_abc123");
    assert_eq!(
        reply.body,
        r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"bundle not found","instance":"/bundles/b-1","code":"PROBLEM","requestId":"req_abc123"}"#
    );
}

#[tokio::test]
async fn test_error_field_and_message_field() {
    let base = serve().await;
    let reply = call(&base, "/error-field", Some("r-1")).await;
    assert_eq!(reply.status, 409);
    assert_eq!(reply.content_type, "application/json");
    assert_eq!(
        reply.body,
        r#"{"error":"bundle with this name already exists"}"#
    );
    let reply = call(&base, "/message-field", None).await;
    assert_eq!(reply.status, 404);
    assert_eq!(reply.body, r#"{"message":"KeyRing 'Finance' not found"}"#);
}

#[tokio::test]
async fn test_wrapped_with_header_detail_and_meta() {
    let base = serve().await;
    let reply = call(&base, "/wrapped", Some("req_abc123")).await;
    assert_eq!(reply.status, 429);
    assert_eq!(reply.headers["retry-after"], "42");
    let body: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    let timestamp = body["meta"]["timestamp"].as_str().unwrap().to_owned();
    assert!(is_rfc3339_seconds(&timestamp), "{timestamp}");
    assert_eq!(
        reply.body,
        format!(
            r#"{{"success":false,"error":{{"code":"RATE_LIMITED","message":"Rate limit exceeded. Try again in 42 seconds.","retryAfter":42}},"meta":{{"requestId":"req_abc123","timestamp":"{timestamp}"}}}}"#
        )
    );
}

#[tokio::test]
async fn test_spring_path_and_timestamp() {
    let base = serve().await;
    let reply = call(&base, "/api/v1/users", None).await;
    assert_eq!(reply.status, 403);
    let body: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    let timestamp = body["timestamp"].as_str().unwrap().to_owned();
    assert!(is_rfc3339_seconds(&timestamp), "{timestamp}");
    assert_eq!(
        reply.body,
        format!(
            r#"{{"timestamp":"{timestamp}","status":403,"error":"Forbidden","message":"Access denied. Administrator privileges required.","path":"/api/v1/users"}}"#
        )
    );
}

#[tokio::test]
async fn test_raw_body() {
    let base = serve().await;
    let reply = call(&base, "/raw", None).await;
    assert_eq!(reply.status, 401);
    assert_eq!(reply.content_type, "application/json");
    assert_eq!(reply.body, r#"{"state":"expired"}"#);
}

#[tokio::test]
async fn test_generated_request_id_is_echoed_and_in_body() {
    let base = serve().await;
    let reply = call(&base, "/bundles/x", None).await;
    let id = reply.request_id.clone();
    assert_eq!(id.len(), 36, "a UUID: {id}");
    let body: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(body["requestId"], id.as_str());
    let other = call(&base, "/bundles/x", None).await;
    assert_ne!(other.request_id, id, "each request gets its own id");
}

#[tokio::test]
async fn test_hostile_request_ids_are_replaced() {
    let base = serve().await;
    let oversized = "a".repeat(129);
    for hostile in [
        "\"},\"admin\":true,\"x\":\"",
        "<script>alert(1)</script>",
        oversized.as_str(),
        "id with spaces",
    ] {
        let reply = call(&base, "/bundles/x", Some(hostile)).await;
        assert_ne!(reply.request_id, hostile);
        assert_eq!(reply.request_id.len(), 36, "{hostile:?} replaced by a UUID");
        assert!(!reply.body.contains(hostile));
        let body: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
        assert_eq!(body["requestId"], reply.request_id.as_str());
    }
}

#[tokio::test]
async fn test_success_responses_get_the_request_id_too() {
    let base = serve().await;
    let reply = call(&base, "/ok", Some("req-ok")).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.request_id, "req-ok");
    assert_eq!(reply.body, "fine");
}
