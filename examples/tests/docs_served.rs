//! The server serves its error catalog twice: as the HTML page that every error's `type`
//! (`/docs/errors#CODE`) points into, and as Markdown.

use axum::body::Body;
use errcat_examples::app::{AppState, router};
use errcat_examples::docs;
use http::{Request, StatusCode};
use http_body_util::BodyExt as _;
use tower::ServiceExt as _;

/// The status, content type and body of `GET path`, without credentials.
async fn get(path: &str) -> (StatusCode, String, String) {
    let request = Request::get(path).body(Body::empty()).unwrap();
    let response = router(AppState::new(100)).oneshot(request).await.unwrap();
    let status = response.status();
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        content_type,
        String::from_utf8(body.to_vec()).unwrap(),
    )
}

/// The page at the path the `type`s name, and the Markdown beside it, as generated.
#[tokio::test]
async fn test_catalog_is_served_as_html_and_markdown() {
    let catalog = docs::catalog();
    let served = [
        (
            "/docs/errors",
            "text/html; charset=utf-8",
            catalog.to_html(),
        ),
        (
            "/docs/errors.md",
            "text/markdown; charset=utf-8",
            catalog.to_markdown(),
        ),
    ];
    for (path, content_type, text) in served {
        assert_eq!(
            get(path).await,
            (StatusCode::OK, content_type.to_owned(), text),
            "{path}"
        );
    }
}

/// Every code has one section, and every error's `type` links to it in the page that is
/// served.
#[test]
fn test_every_type_names_a_section_of_the_page() {
    let catalog = docs::catalog();
    let html = catalog.to_html();
    for entry in catalog.groups().iter().flat_map(|group| group.entries()) {
        let id = format!(" id=\"{}\"", entry.anchor());
        assert_eq!(html.matches(&id).count(), 1, "{}", entry.code);
        assert_eq!(
            entry.type_uri(),
            Some(format!("/docs/errors#{}", entry.anchor())),
            "{} links to its section of the served page",
            entry.code
        );
    }
}
