//! The cases every framework's middleware answers the same way, run against a real server of
//! each (`test_layer.rs` for axum, `test_actix_context.rs` for actix-web). Each server serves:
//! `/bundles` (`GET` answers `[]`; `POST` reads a `{"name"}` body with the framework's own JSON
//! extractor, limited to 64 bytes), `/boom` (panics), `/exists` (errcat's 409 in `Spring`),
//! and `/private/keys` behind a middleware that returns `Unauthenticated` without an
//! `authorization` header.

use serde_json::Value;

/// A response as a client reads it.
pub struct Reply {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
    pub text: String,
}

/// Sends `request` and reads the whole reply.
pub async fn send(request: reqwest::RequestBuilder) -> Reply {
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let text = response.text().await.unwrap();
    let body = serde_json::from_str(&text).unwrap_or(Value::Null);
    Reply {
        status,
        headers,
        body,
        text,
    }
}

/// The problem body's request id is the one echoed in the header, and `instance` is `path`.
pub fn assert_in_context(reply: &Reply, path: &str) {
    assert_eq!(
        reply.headers["content-type"], "application/problem+json",
        "{}",
        reply.text
    );
    let id = reply.headers["x-request-id"].to_str().unwrap();
    assert_eq!(reply.body["requestId"], id, "{}", reply.text);
    assert_eq!(reply.body["instance"], path, "{}", reply.text);
}

fn assert_code(reply: &Reply, status: u16, code: &str) {
    assert_eq!(
        (reply.status, reply.body["code"].as_str()),
        (status, Some(code)),
        "{}",
        reply.text
    );
}

/// Every shared case against the server at `base`.
pub async fn check_all(base: &str) {
    let client = reqwest::Client::new();
    let post = |body: &'static str| {
        client
            .post(format!("{base}/bundles"))
            .header("content-type", "application/json")
            .body(body)
    };

    let reply = send(client.get(format!("{base}/nowhere"))).await;
    assert_code(&reply, 404, "ROUTE_NOT_FOUND");
    assert_in_context(&reply, "/nowhere");

    let reply = send(client.delete(format!("{base}/bundles"))).await;
    assert_code(&reply, 405, "METHOD_NOT_ALLOWED");
    let allow = reply.headers["allow"].to_str().unwrap();
    assert!(allow.contains("GET") && allow.contains("POST"), "{allow}");
    assert_in_context(&reply, "/bundles");

    let reply = send(post("{\n  \"name\": }")).await;
    assert_code(&reply, 400, "INVALID_JSON");
    assert_eq!(
        (&reply.body["line"], &reply.body["column"]),
        (&2.into(), &11.into())
    );
    assert_in_context(&reply, "/bundles");

    let reply = send(client.post(format!("{base}/bundles")).body("{}")).await;
    assert_code(&reply, 415, "UNSUPPORTED_MEDIA_TYPE");
    assert_eq!(
        reply.body["detail"],
        "Content-Type must be application/json"
    );

    let reply = send(post(
        r#"{"name":"a name far, far longer than the sixty-four bytes the route reads"}"#,
    ))
    .await;
    assert_code(&reply, 413, "PAYLOAD_TOO_LARGE");
    let detail = reply.body["detail"].as_str().unwrap();
    assert!(!detail.contains("64"), "no byte count: {detail}");

    let reply = send(client.get(format!("{base}/private/keys"))).await;
    assert_code(&reply, 401, "UNAUTHENTICATED");
    assert_in_context(&reply, "/private/keys");

    let reply = send(client.get(format!("{base}/boom"))).await;
    assert_code(&reply, 500, "SERVER_ERROR");
    assert_eq!(reply.body["detail"], "internal server error");
    assert!(!reply.text.contains("hunter2"), "{}", reply.text);
    assert_in_context(&reply, "/boom");

    // The server goes on serving; successes pass untouched, with the id.
    let reply = send(client.get(format!("{base}/bundles"))).await;
    assert_eq!((reply.status, reply.text.as_str()), (200, "[]"));
    assert!(reply.headers.contains_key("x-request-id"));

    // errcat's own body keeps its type's envelope (Spring), in the request's context.
    let reply = send(client.get(format!("{base}/exists"))).await;
    assert_eq!(reply.status, 409);
    assert_eq!(reply.headers["content-type"], "application/json");
    assert_eq!(
        reply.body["message"],
        "bundle with this name already exists"
    );
    assert_eq!(reply.body["path"], "/exists");
}
