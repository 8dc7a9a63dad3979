//! One service, served for real by axum (`test_server_axum.rs`) and by actix-web
//! (`test_server_actix.rs`) behind errcat's request context, and the cases both run against it
//! with a real HTTP client: each request and the status, headers and body it must get.

use super::assert_rfc3339_utc_seconds;
use errcat::ApiError;
use serde::Serialize;
use serde_json::Value;

#[derive(Debug, Serialize)]
pub struct State {
    state: &'static str,
}

/// One variant per envelope, and a raw body.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum ApiFailure {
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

/// A route of the service: its path (the same syntax in axum and actix-web) and what its
/// handler returns. Each server answers `GET` on every route, behind its request context.
pub struct Route {
    pub path: &'static str,
    pub handler: fn() -> Result<&'static str, ApiFailure>,
}

pub const ROUTES: [Route; 7] = [
    Route {
        path: "/bundles/{id}",
        handler: || Err(ApiFailure::Problem("b-1".into())),
    },
    Route {
        path: "/error-field",
        handler: || Err(ApiFailure::ErrorField),
    },
    Route {
        path: "/message-field",
        handler: || Err(ApiFailure::MessageField("Finance".into())),
    },
    Route {
        path: "/wrapped",
        handler: || Err(ApiFailure::Wrapped { retry_after: 42 }),
    },
    Route {
        path: "/api/v1/users",
        handler: || Err(ApiFailure::Spring),
    },
    Route {
        path: "/raw",
        handler: || Err(ApiFailure::Raw(State { state: "expired" })),
    },
    Route {
        path: "/ok",
        handler: || Ok("fine"),
    },
];

/// The `x-request-id` a request sends, and what the server must make of it.
#[derive(Debug)]
pub enum RequestId {
    /// None sent: the server makes up a UUID.
    Absent,
    /// A valid id: the server keeps it.
    Kept(&'static str),
    /// An id the server must not trust: it makes up a UUID instead.
    Refused(String),
}

/// A `GET` request and the reply it must get.
pub struct Case {
    /// What the case shows; its failures name it.
    pub name: &'static str,
    pub path: &'static str,
    pub request_id: RequestId,
    pub status: u16,
    pub content_type: &'static str,
    /// Headers the reply carries beside `content-type` and `x-request-id`.
    pub headers: &'static [(&'static str, &'static str)],
    /// The whole body. `{request_id}` stands for the id the reply's `x-request-id` echoes,
    /// `{timestamp}` for the timestamp at `timestamp_at`.
    pub body: &'static str,
    /// Where the body holds the server's clock (a JSON pointer): checked to be RFC 3339 UTC
    /// to the second, then taken as written.
    pub timestamp_at: Option<&'static str>,
}

/// Every case, run against both servers.
pub fn cases() -> Vec<Case> {
    let mut cases = vec![
        Case {
            name: "problem carries request id and path",
            path: "/bundles/b-1",
            request_id: RequestId::Kept("req_abc123"),
            status: 404,
            content_type: "application/problem+json",
            headers: &[],
            body: r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"bundle not found","instance":"/bundles/b-1","code":"PROBLEM","requestId":"req_abc123"}"#,
            timestamp_at: None,
        },
        made_up_id(
            "a generated request id is echoed and in the body",
            RequestId::Absent,
        ),
        Case {
            name: "message field",
            path: "/message-field",
            request_id: RequestId::Absent,
            status: 404,
            content_type: "application/json",
            headers: &[],
            body: r#"{"message":"KeyRing 'Finance' not found"}"#,
            timestamp_at: None,
        },
        Case {
            name: "wrapped with header, detail and meta",
            path: "/wrapped",
            request_id: RequestId::Kept("req_abc123"),
            status: 429,
            content_type: "application/json",
            headers: &[("retry-after", "42")],
            body: r#"{"success":false,"error":{"code":"RATE_LIMITED","message":"Rate limit exceeded. Try again in 42 seconds.","retryAfter":42},"meta":{"requestId":"req_abc123","timestamp":"{timestamp}"}}"#,
            timestamp_at: Some("/meta/timestamp"),
        },
        Case {
            name: "spring path and timestamp",
            path: "/api/v1/users",
            request_id: RequestId::Absent,
            status: 403,
            content_type: "application/json",
            headers: &[],
            body: r#"{"timestamp":"{timestamp}","status":403,"error":"Forbidden","message":"Access denied. Administrator privileges required.","path":"/api/v1/users"}"#,
            timestamp_at: Some("/timestamp"),
        },
        Case {
            name: "raw body",
            path: "/raw",
            request_id: RequestId::Absent,
            status: 401,
            content_type: "application/json",
            headers: &[],
            body: r#"{"state":"expired"}"#,
            timestamp_at: None,
        },
        Case {
            name: "a success response gets the request id too",
            path: "/ok",
            request_id: RequestId::Kept("req-ok"),
            status: 200,
            content_type: "text/plain; charset=utf-8",
            headers: &[],
            body: "fine",
            timestamp_at: None,
        },
    ];
    // With and without an id of the client's.
    cases.extend(
        [RequestId::Kept("r-1"), RequestId::Absent].map(|request_id| Case {
            name: "error field",
            path: "/error-field",
            request_id,
            status: 409,
            content_type: "application/json",
            headers: &[],
            body: r#"{"error":"bundle with this name already exists"}"#,
            timestamp_at: None,
        }),
    );
    // JSON that would forge members, markup, too long, whitespace and a control character.
    let hostile_ids = [
        "\"},\"admin\":true,\"x\":\"".to_owned(),
        "\"},\"admin\":true".to_owned(),
        "<script>alert(1)</script>".to_owned(),
        "a".repeat(129),
        "b".repeat(200),
        "id with spaces".to_owned(),
        "a\tb".to_owned(),
    ];
    cases.extend(hostile_ids.into_iter().map(|hostile| {
        made_up_id(
            "a hostile request id is replaced",
            RequestId::Refused(hostile),
        )
    }));
    cases
}

/// A request to `/bundles/x` whose request id the server makes up, in the body as in the header.
fn made_up_id(name: &'static str, request_id: RequestId) -> Case {
    Case {
        name,
        path: "/bundles/x",
        request_id,
        status: 404,
        content_type: "application/problem+json",
        headers: &[],
        body: r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"bundle not found","instance":"/bundles/x","code":"PROBLEM","requestId":"{request_id}"}"#,
        timestamp_at: None,
    }
}

/// What the client got.
pub struct Reply {
    pub status: u16,
    pub content_type: String,
    pub request_id: String,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

/// `GET base + path`, with `x-request-id: request_id` when given.
pub async fn call(base: &str, path: &str, request_id: Option<&str>) -> Reply {
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

/// Sends `case`'s request to the server at `base` and checks the reply.
pub async fn check(base: &str, case: &Case) {
    let name = case.name;
    let sent = match &case.request_id {
        RequestId::Absent => None,
        RequestId::Kept(id) => Some(*id),
        RequestId::Refused(id) => Some(id.as_str()),
    };
    let reply = call(base, case.path, sent).await;
    assert_eq!(reply.status, case.status, "{name}: status");
    assert_eq!(
        reply.content_type, case.content_type,
        "{name}: content type"
    );
    for (header, value) in case.headers {
        assert_eq!(reply.headers[*header], *value, "{name}: {header}");
    }
    match &case.request_id {
        RequestId::Kept(id) => assert_eq!(reply.request_id, *id, "{name}: the id echoed"),
        RequestId::Absent => {
            let id = &reply.request_id;
            assert_eq!(id.len(), 36, "{name}: a UUID: {id}");
        }
        RequestId::Refused(hostile) => {
            assert_ne!(reply.request_id, *hostile, "{name}");
            assert_eq!(
                reply.request_id.len(),
                36,
                "{name}: {hostile:?} replaced by a UUID"
            );
            assert!(
                !reply.body.contains(hostile.as_str()),
                "{name}: {hostile:?}"
            );
        }
    }
    let mut expected = case.body.replace("{request_id}", &reply.request_id);
    if let Some(pointer) = case.timestamp_at {
        let body: Value = serde_json::from_str(&reply.body)
            .unwrap_or_else(|error| panic!("{name}: not JSON ({error}): {}", reply.body));
        let timestamp = body
            .pointer(pointer)
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("{name}: no timestamp at {pointer}: {}", reply.body));
        assert_rfc3339_utc_seconds(timestamp);
        expected = expected.replace("{timestamp}", timestamp);
    }
    assert_eq!(reply.body, expected, "{name}: body");
}

/// Runs every case against the server at `base`, each in a task of its own so that one
/// failing case does not hide the others; its panic is printed where it fails.
pub async fn check_all(base: &str) {
    let mut failed = Vec::new();
    for case in cases() {
        let label = format!("{} ({:?})", case.name, case.request_id);
        let base = base.to_owned();
        if tokio::spawn(async move { check(&base, &case).await })
            .await
            .is_err()
        {
            failed.push(label);
        }
    }
    assert!(failed.is_empty(), "failed cases: {failed:#?}");
}

/// Two requests without an id get two different ones.
pub async fn check_each_request_gets_its_own_id(base: &str) {
    let first = call(base, "/bundles/x", None).await;
    let second = call(base, "/bundles/x", None).await;
    assert_ne!(
        second.request_id, first.request_id,
        "each request gets its own id"
    );
}
