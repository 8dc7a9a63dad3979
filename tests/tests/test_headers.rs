//! `#[header]`: fixed and templated values, several per variant, and values that cannot be
//! header values left out rather than injected.

mod common;

use common::header_list;
use errcat::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(envelope = errcat::envelope::ErrorField)]
enum E {
    #[error("x")]
    #[status(429)]
    #[message("Too many requests")]
    #[header("X-RateLimit-Limit", "{limit}")]
    #[header("X-RateLimit-Remaining", "0")]
    #[header("Retry-After", "{retry_after}")]
    Limited { limit: u32, retry_after: u64 },

    #[error("x")]
    #[status(401)]
    #[header("WWW-Authenticate", "Bearer realm=\"{realm}\"")]
    Unauthorized { realm: String },
}

#[test]
fn test_headers_in_order_with_values() {
    let response = E::Limited {
        limit: 5,
        retry_after: 900,
    }
    .to_response();
    assert_eq!(
        header_list(&response),
        [
            ("content-type", "application/json"),
            ("x-ratelimit-limit", "5"),
            ("x-ratelimit-remaining", "0"),
            ("retry-after", "900"),
        ]
    );
    assert_eq!(
        E::catalog()[0].headers,
        ["X-RateLimit-Limit", "X-RateLimit-Remaining", "Retry-After"]
    );
}

#[test]
fn test_header_injection_is_refused() {
    let response = E::Unauthorized {
        realm: "api\r\nSet-Cookie: session=stolen".into(),
    }
    .to_response();
    assert_eq!(response.status(), 401);
    assert!(response.headers().get("www-authenticate").is_none());
    assert!(response.headers().get("set-cookie").is_none());
    assert_eq!(response.body(), r#"{"error":"Unauthorized"}"#);
}

#[test]
fn test_templated_header_value() {
    let response = E::Unauthorized {
        realm: "errcat".into(),
    }
    .to_response();
    assert_eq!(
        response.headers()["www-authenticate"],
        "Bearer realm=\"errcat\""
    );
}
