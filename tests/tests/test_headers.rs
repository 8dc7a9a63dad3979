//! `#[header]`: fixed and templated values, several per variant, values that cannot be
//! header values left out rather than injected, and headers naming an `Option` field sent
//! only when it is `Some` (and documented as optional).

mod common;

use common::header_list;
use errcat::ApiError;
use errcat::catalog::Catalog;
use serde_json::json;

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

/// Seed 000's rate-limit headers: `X-RateLimit-Reset` only when the reset time is known.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(envelope = errcat::envelope::ErrorField)]
enum Limits {
    #[error("x")]
    #[status(429)]
    #[message("Too many requests")]
    #[header("X-RateLimit-Limit", "{limit}")]
    #[header("X-RateLimit-Remaining", "0")]
    #[header("X-RateLimit-Reset", "{reset}")]
    #[header("Retry-After", "{retry_after}")]
    Limited {
        limit: u32,
        reset: Option<u64>,
        retry_after: u64,
    },

    /// A header naming two `Option` fields is sent only when both are `Some`; text around
    /// them is kept.
    #[error("x")]
    #[status(503)]
    #[header("X-Window", "{start}-{end} (UTC)")]
    #[header("X-Node", "{node}")]
    Down {
        start: Option<u32>,
        end: std::option::Option<u32>,
        node: core::option::Option<String>,
    },

    #[error("x")]
    #[status(401)]
    #[header("WWW-Authenticate", "Bearer realm=\"{0}\"")]
    Unauthorized(Option<String>),
}

/// Some: the header, with the inner value; None: no header, and the rest unchanged.
#[test]
fn test_option_header_sent_only_when_some() {
    for reset in [Some(1_634_567_890), None] {
        let response = Limits::Limited {
            limit: 5,
            reset,
            retry_after: 900,
        }
        .to_response();
        let reset = reset.map(|reset| reset.to_string());
        let mut expected = vec![
            ("content-type", "application/json"),
            ("x-ratelimit-limit", "5"),
            ("x-ratelimit-remaining", "0"),
        ];
        expected.extend(reset.as_deref().map(|reset| ("x-ratelimit-reset", reset)));
        expected.push(("retry-after", "900"));
        assert_eq!(header_list(&response), expected, "{reset:?}");
        assert_eq!(response.body(), r#"{"error":"Too many requests"}"#);
    }
}

#[test]
fn test_header_with_several_options_needs_all_of_them() {
    let down = |start, end, node: Option<&str>| {
        Limits::Down {
            start,
            end,
            node: node.map(str::to_owned),
        }
        .to_response()
    };
    let response = down(Some(2), Some(4), Some("eu-1"));
    assert_eq!(response.headers()["x-window"], "2-4 (UTC)");
    assert_eq!(response.headers()["x-node"], "eu-1");
    for (start, end) in [(Some(2), None), (None, Some(4)), (None, None)] {
        let response = down(start, end, Some("eu-1"));
        assert!(
            response.headers().get("x-window").is_none(),
            "{start:?}-{end:?}"
        );
        assert_eq!(response.headers()["x-node"], "eu-1");
    }
    let response = down(Some(2), Some(4), None);
    assert!(response.headers().get("x-node").is_none());
    assert_eq!(response.headers()["x-window"], "2-4 (UTC)");
}

#[test]
fn test_option_header_value_with_crlf_is_dropped() {
    let response =
        Limits::Unauthorized(Some("api\r\nSet-Cookie: session=stolen".into())).to_response();
    assert_eq!(response.status(), 401);
    assert!(response.headers().get("www-authenticate").is_none());
    assert!(response.headers().get("set-cookie").is_none());
    let response = Limits::Unauthorized(Some("errcat".into())).to_response();
    assert_eq!(
        response.headers()["www-authenticate"],
        "Bearer realm=\"errcat\""
    );
    let response = Limits::Unauthorized(None).to_response();
    assert!(response.headers().get("www-authenticate").is_none());
}

#[test]
fn test_option_headers_are_marked_optional_in_the_catalog() {
    let catalog = Limits::catalog();
    assert_eq!(
        catalog[0].headers,
        [
            "X-RateLimit-Limit",
            "X-RateLimit-Remaining",
            "X-RateLimit-Reset",
            "Retry-After"
        ]
    );
    assert_eq!(catalog[0].optional_headers, ["X-RateLimit-Reset"]);
    assert_eq!(catalog[1].optional_headers, ["X-Window", "X-Node"]);
    // Examples show every header, as a client sees them when the values are there.
    let example = catalog[0].example().unwrap();
    assert_eq!(example.headers()["x-ratelimit-reset"], "{reset}");
}

/// The OpenAPI response of the 429s: `X-RateLimit-Reset` not required (and typed from the
/// `Option`'s inner type), the headers always sent still required.
#[test]
fn test_option_header_is_not_required_in_openapi() {
    let doc = Catalog::new().group::<Limits>("Limits").to_openapi();
    let headers = &doc["components"]["responses"]["Limits429"]["headers"];
    assert_eq!(
        headers["X-RateLimit-Reset"],
        json!({
            "description": "Sent with `LIMITED` (not always).",
            "required": false,
            "schema": { "type": "integer", "minimum": 0 },
        })
    );
    for always in ["X-RateLimit-Limit", "X-RateLimit-Remaining", "Retry-After"] {
        assert_eq!(headers[always]["required"], true, "{always}");
        assert_eq!(headers[always]["description"], "Sent with `LIMITED`.");
    }
    let headers = &doc["components"]["responses"]["Limits503"]["headers"];
    assert_eq!(headers["X-Window"]["required"], false);
    assert_eq!(headers["X-Window"]["schema"], json!({ "type": "string" }));
}

/// One entry sending a header always and another sending it only sometimes: not required.
#[test]
fn test_header_optional_for_one_entry_is_not_required() {
    #[derive(Debug, ApiError)]
    #[expect(dead_code, reason = "only the documentation is read")]
    enum Mixed {
        #[status(429)]
        #[header("Retry-After", "{0}")]
        Known(u64),
        #[status(429)]
        #[header("Retry-After", "{0}")]
        Unknown(Option<u64>),
    }
    let doc = Catalog::new().group::<Mixed>("Mixed").to_openapi();
    let header = &doc["components"]["responses"]["Mixed429"]["headers"]["Retry-After"];
    assert_eq!(header["required"], false);
    assert_eq!(
        header["description"],
        "Sent with `KNOWN`, `UNKNOWN` (not always)."
    );
}

#[test]
fn test_option_header_is_marked_in_markdown() {
    let markdown = Catalog::new().group::<Limits>("Limits").to_markdown();
    let limited = markdown
        .split("#### ")
        .find(|section| section.starts_with("`LIMITED`"))
        .unwrap();
    assert!(
        limited.contains("\nX-RateLimit-Reset: {reset}\n"),
        "{limited}"
    );
    assert!(
        limited
            .contains("Optional headers (left out when they have no value): `X-RateLimit-Reset`."),
        "{limited}"
    );
    let down = markdown
        .split("#### ")
        .find(|section| section.starts_with("`DOWN`"))
        .unwrap();
    assert!(down.contains("): `X-Window`, `X-Node`."), "{down}");
    let unauthorized = markdown
        .split("#### ")
        .find(|section| section.starts_with("`UNAUTHORIZED`"))
        .unwrap();
    assert!(
        unauthorized.contains("`WWW-Authenticate`."),
        "{unauthorized}"
    );
    // An error whose headers are always sent says nothing of the kind.
    let markdown = Catalog::new().group::<E>("E").to_markdown();
    assert!(!markdown.contains("Optional headers"), "{markdown}");
}

/// utoipa's header object has no `required`: the description carries it.
#[test]
fn test_option_header_is_marked_in_utoipa_responses() {
    use utoipa::IntoResponses as _;
    let responses = serde_json::to_value(Limits::responses()).unwrap();
    let headers = &responses["429"]["headers"];
    assert_eq!(
        headers["X-RateLimit-Reset"]["description"],
        "Sent with `LIMITED` (not always)."
    );
    assert_eq!(headers["X-RateLimit-Reset"]["schema"]["type"], "integer");
    assert_eq!(
        headers["Retry-After"]["description"],
        "Sent with `LIMITED`."
    );
}

/// A generic `Option<T>` needs only `T: Display`, as a plain `T` would.
#[test]
fn test_generic_option_header() {
    #[derive(Debug, ApiError)]
    enum Quota<T> {
        #[status(429)]
        #[header("X-Quota-Id", "quota-{id}")]
        Exceeded { id: Option<T> },
    }
    let response = Quota::Exceeded { id: Some(7_u8) }.to_response();
    assert_eq!(response.headers()["x-quota-id"], "quota-7");
    let response = Quota::<u8>::Exceeded { id: None }.to_response();
    assert!(response.headers().get("x-quota-id").is_none());
}
