//! Run with `cargo run -p errcat-examples --bin tour`.
//!
//! Sends requests to the example service in memory (no network) and prints every error
//! response as a client sees it: status line, headers, body.

use axum::body::Body;
use errcat::{ApiError, RequestContext};
use errcat_examples::app::{AppState, router};
use errcat_examples::errors::StorageFailed;
use http::{Request, Response};
use http_body_util::BodyExt;
use tower::ServiceExt;

/// One request of the tour: what it shows, method, path, bearer token, body.
type Step = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
);

const STEPS: &[Step] = &[
    ("No session", "GET", "/api/v1/bundles", None, None),
    (
        "A member creates a bundle",
        "POST",
        "/api/v1/bundles",
        Some("member-token"),
        Some(r#"{"name":"new/bundle"}"#),
    ),
    (
        "Missing name",
        "POST",
        "/api/v1/bundles",
        Some("owner-token"),
        Some(r#"{"name":""}"#),
    ),
    (
        "Create dev/api",
        "POST",
        "/api/v1/bundles",
        Some("owner-token"),
        Some(r#"{"name":"dev/api"}"#),
    ),
    (
        "Create dev/api again",
        "POST",
        "/api/v1/bundles",
        Some("owner-token"),
        Some(r#"{"name":"dev/api"}"#),
    ),
    (
        "Another tenant's bundle",
        "GET",
        "/api/v1/bundles/other-tenant-bundle-uuid",
        Some("owner-token"),
        None,
    ),
    (
        "Key without a value",
        "PUT",
        "/api/v1/bundles/b-1/keys/STRIPE_KEY",
        Some("owner-token"),
        Some(r#"{"value":""}"#),
    ),
    (
        "Attach STRIPE_KEY",
        "PUT",
        "/api/v1/bundles/b-1/keys/STRIPE_KEY",
        Some("owner-token"),
        Some(r#"{"value":"sk_live_1"}"#),
    ),
    (
        "Attach STRIPE_KEY again",
        "PUT",
        "/api/v1/bundles/b-1/keys/STRIPE_KEY",
        Some("owner-token"),
        Some(r#"{"value":"sk_live_2"}"#),
    ),
    (
        "A key that is not there",
        "GET",
        "/api/v1/bundles/b-1/keys/AWS_KEY",
        Some("member-token"),
        None,
    ),
    (
        "Request an unknown bundle",
        "POST",
        "/api/v1/requests",
        Some("member-token"),
        Some(r#"{"bundle":"b-404"}"#),
    ),
    (
        "Wait on an expired request",
        "GET",
        "/api/v1/requests/old-request-id/wait",
        Some("member-token"),
        None,
    ),
    (
        "Invite with a bad email and an overlong note",
        "POST",
        "/api/v1/members",
        Some("owner-token"),
        Some(
            r#"{"email":"ada.example.com","role":"member","note":"Welcome aboard! Your first task: rotate every key of dev/api before Friday, then tell the team."}"#,
        ),
    ),
    (
        "Invite with an unknown role",
        "POST",
        "/api/v1/members",
        Some("owner-token"),
        Some(r#"{"email":"ada@example.com","role":"admin"}"#),
    ),
    (
        "Malformed JSON",
        "POST",
        "/api/v1/bundles",
        Some("owner-token"),
        Some(r#"{"name": "Finance""#),
    ),
    (
        "JSON of the wrong shape",
        "POST",
        "/api/v1/bundles",
        Some("owner-token"),
        Some(r#"{"title":"x"}"#),
    ),
    (
        "No content type",
        "POST",
        "/api/v1/bundles",
        Some("owner-token"),
        Some(r#"{"name":"x"}"#),
    ),
    (
        "No such endpoint",
        "GET",
        "/api/v1/bundlez",
        Some("owner-token"),
        None,
    ),
    (
        "Wrong method",
        "DELETE",
        "/api/v1/requests",
        Some("owner-token"),
        None,
    ),
];

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let app = router(AppState::new(20));
    for (n, (title, method, path, token, body)) in STEPS.iter().enumerate() {
        let mut request = Request::builder()
            .method(*method)
            .uri(*path)
            .header("x-request-id", format!("tour-{}", n + 1));
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        if body.is_some() && *title != "No content type" {
            request = request.header("content-type", "application/json");
        }
        let request = request
            .body(Body::from(body.unwrap_or_default()))
            .expect("a valid request");
        println!(
            "### {title}: {method} {path}{}",
            body.map(|b| format!(" {b}")).unwrap_or_default()
        );
        let response = app
            .clone()
            .oneshot(request)
            .await
            .expect("the router is infallible");
        print_response(response).await;
    }

    // Limited to 3 requests a minute, the fourth is refused.
    let limited = router(AppState::new(3));
    for n in 1..=4 {
        let request = Request::get("/api/v1/bundles")
            .header("authorization", "Bearer member-token")
            .header("x-request-id", format!("tour-limit-{n}"))
            .body(Body::empty())
            .expect("a valid request");
        let response = limited
            .clone()
            .oneshot(request)
            .await
            .expect("the router is infallible");
        if n == 4 {
            println!("### The fourth request in a minute, with a limit of 3: GET /api/v1/bundles");
            print_response(response).await;
        }
    }

    // No request can make the in-memory store fail; this is what a storage failure looks like.
    println!("### A storage failure (its cause is logged, never sent)");
    let response = RequestContext::new("tour-storage", "/api/v1/bundles").enter(|| {
        StorageFailed(std::io::Error::other("connection refused by 10.0.0.7:5432")).to_response()
    });
    print_response(response.map(Body::from)).await;

    // Every `type` above is the docs page and the code's anchor, relative to the request's
    // URI: a client following one lands on the section explaining the error.
    println!("### Following a `type`: GET /docs/errors#BUNDLE_NOT_FOUND");
    let request = Request::get("/docs/errors")
        .body(Body::empty())
        .expect("a valid request");
    let response = app
        .oneshot(request)
        .await
        .expect("the router is infallible");
    println!(
        "HTTP/1.1 {}\ncontent-type: {}\n",
        response.status(),
        response.headers()["content-type"]
            .to_str()
            .unwrap_or_default()
    );
    let page = response
        .into_body()
        .collect()
        .await
        .expect("an in-memory body")
        .to_bytes();
    let page = String::from_utf8_lossy(&page);
    let section = page
        .lines()
        .skip_while(|line| !line.contains(r#"id="BUNDLE_NOT_FOUND""#))
        .take(3);
    for line in section {
        println!("{line}");
    }
    println!("...\n");
}

async fn print_response(response: Response<Body>) {
    let (parts, body) = response.into_parts();
    let body = body
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    println!(
        "HTTP/1.1 {} {}",
        parts.status.as_str(),
        parts.status.canonical_reason().unwrap_or("")
    );
    for (name, value) in &parts.headers {
        println!("{name}: {}", String::from_utf8_lossy(value.as_bytes()));
    }
    if !parts.headers.contains_key("content-length") {
        println!("content-length: {}", body.len());
    }
    println!();
    println!("{}\n", String::from_utf8_lossy(&body));
}
