use errcat::ApiError;
use errcat::envelope::{ErrorField, Wrapped};

/// Every attribute on unit, tuple and struct variants.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(envelope = ErrorField, rename_all = "kebab-case", status = 500)]
enum E {
    /// Nothing to say.
    #[error("internal")]
    Internal,

    #[error("not found")]
    #[status(404)]
    #[code("BUNDLE_NOT_FOUND")]
    #[message("bundle {0} not found")]
    NotFound(String, #[source] std::io::Error),

    #[error("rate limited")]
    #[status(429)]
    #[message("Try again in {retry_after} seconds. {{literal}}")]
    #[header("Retry-After", "{retry_after}")]
    #[header("X-Limit", "100")]
    #[api_error(envelope = Wrapped)]
    RateLimited {
        #[detail]
        retry_after: u64,
        #[detail(rename = "bucket")]
        bucket_name: &'static str,
    },

    #[error("missing")]
    #[status(400)]
    #[field("{field}")]
    Missing { field: &'static str },

    #[error("expired")]
    #[status(422)]
    Expired(#[api_error(body)] serde_json::Value),

    #[error(transparent)]
    #[api_error(transparent)]
    Inner(Inner),
}

#[derive(Debug, thiserror::Error, ApiError)]
#[error("inner")]
#[status(403)]
#[code("FORBIDDEN")]
struct Inner;

fn main() {
    assert_eq!(E::Internal.status(), 500);
    assert_eq!(E::Internal.code(), "internal");
    assert_eq!(E::Internal.message(), "Internal Server Error");

    let not_found = E::NotFound("b1".into(), std::io::Error::other("disk"));
    assert_eq!(not_found.status(), 404);
    assert_eq!(not_found.code(), "BUNDLE_NOT_FOUND");
    assert_eq!(not_found.message(), "bundle b1 not found");
    assert_eq!(
        not_found.to_response().body(),
        r#"{"error":"bundle b1 not found"}"#
    );

    let limited = E::RateLimited {
        retry_after: 30,
        bucket_name: "api",
    };
    assert_eq!(limited.code(), "rate-limited");
    assert_eq!(limited.message(), "Try again in 30 seconds. {literal}");
    let response = limited.to_response();
    assert_eq!(response.headers()["retry-after"], "30");
    assert_eq!(response.headers()["x-limit"], "100");
    let body: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(body["error"]["code"], "rate-limited");
    assert_eq!(body["error"]["retryAfter"], 30);
    assert_eq!(body["error"]["bucket"], "api");

    let missing = E::Missing { field: "email" };
    let body: serde_json::Value = serde_json::from_slice(missing.to_response().body()).unwrap();
    assert_eq!(body, serde_json::json!({ "error": "Bad Request" }));

    let expired = E::Expired(serde_json::json!({ "state": "expired" }));
    assert_eq!(expired.to_response().body(), r#"{"state":"expired"}"#);

    let inner = E::Inner(Inner);
    assert_eq!(inner.status(), 403);
    assert_eq!(inner.code(), "FORBIDDEN");

    let catalog = E::catalog();
    let codes: Vec<&str> = catalog.iter().map(|entry| entry.code).collect();
    assert_eq!(
        codes,
        [
            "internal",
            "BUNDLE_NOT_FOUND",
            "rate-limited",
            "missing",
            "expired",
            "FORBIDDEN"
        ]
    );
    assert_eq!(catalog[0].description, "Nothing to say.");
}
