//! Hand implementations of `ApiError`: three methods give a Problem response; `parts` can
//! add the rest; `catalog` can be written with `CatalogEntry::new`.

use errcat::envelope::Spring;
use errcat::envelope::{DetailValue, ErrorParts};
use errcat::{ApiError, CatalogEntry, RequestContext};
use http::header::RETRY_AFTER;
use http::{HeaderValue, StatusCode};
use std::borrow::Cow;
use std::time::{Duration, UNIX_EPOCH};

struct Throttled {
    seconds: u64,
}

impl ApiError for Throttled {
    fn status(&self) -> StatusCode {
        StatusCode::TOO_MANY_REQUESTS
    }
    fn code(&self) -> &'static str {
        "THROTTLED"
    }
    fn message(&self) -> Cow<'static, str> {
        "Rate limit exceeded. Please try again later.".into()
    }
    fn parts(&self, visit: &mut dyn FnMut(&ErrorParts<'_>)) {
        let message = self.message();
        let headers = [(RETRY_AFTER, HeaderValue::from(self.seconds))];
        let details: [(&str, &dyn DetailValue); 1] = [("retryAfter", &self.seconds)];
        visit(
            &ErrorParts::new(self.status(), self.code(), &message)
                .with_headers(&headers)
                .with_details(&details)
                .with_envelope::<Spring>(),
        );
    }
    fn catalog() -> Vec<CatalogEntry> {
        vec![
            CatalogEntry::new(
                "Throttled",
                StatusCode::TOO_MANY_REQUESTS,
                "THROTTLED",
                "Rate limit exceeded. Please try again later.",
            )
            .with_header("Retry-After")
            .with_detail("retryAfter")
            .with_envelope::<Spring>(),
        ]
    }
}

struct Minimal;

impl ApiError for Minimal {
    fn status(&self) -> StatusCode {
        StatusCode::FORBIDDEN
    }
    fn code(&self) -> &'static str {
        "FORBIDDEN"
    }
    fn message(&self) -> Cow<'static, str> {
        "Forbidden: owner role required".into()
    }
}

#[test]
fn test_minimal_hand_impl_is_problem() {
    let response = Minimal.to_response();
    assert_eq!(response.status(), 403);
    assert_eq!(
        response.body(),
        r#"{"type":"about:blank","title":"Forbidden","status":403,"detail":"Forbidden: owner role required","code":"FORBIDDEN"}"#
    );
    assert!(Minimal::catalog().is_empty());
}

#[test]
fn test_hand_parts_with_headers_details_and_envelope() {
    let request = RequestContext::new("r1", "/api/v1/sessions")
        .with_time(UNIX_EPOCH + Duration::from_secs(1_705_314_600));
    let response = request.enter(|| Throttled { seconds: 60 }.to_response());
    assert_eq!(response.headers()["retry-after"], "60");
    assert_eq!(
        response.body(),
        r#"{"timestamp":"2024-01-15T10:30:00Z","status":429,"error":"Too Many Requests","message":"Rate limit exceeded. Please try again later.","path":"/api/v1/sessions","retryAfter":60}"#
    );
}

#[test]
fn test_hand_catalog_example() {
    let entry = &Throttled::catalog()[0];
    let body: serde_json::Value = serde_json::from_slice(entry.example().unwrap().body()).unwrap();
    assert_eq!(body["timestamp"], "2024-01-15T10:30:00Z");
    assert_eq!(body["error"], "Too Many Requests");
    assert!(body.get("path").is_none());
}

#[test]
fn test_dyn_api_error() {
    let errors: Vec<Box<dyn ApiError>> =
        vec![Box::new(Minimal), Box::new(Throttled { seconds: 1 })];
    let statuses: Vec<u16> = errors.iter().map(|error| error.status().as_u16()).collect();
    assert_eq!(statuses, [403, 429]);
}
