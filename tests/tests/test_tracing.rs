//! The `tracing` feature: 5xx responses logged at ERROR with the error's Display and whole
//! `source()` chain (Debug when the type is not an `Error`), 4xx at DEBUG, with status and
//! code as fields, and none of it in a body.

mod common;

use common::log::logged;
use errcat::ApiError;

#[derive(Debug, thiserror::Error)]
#[error("connection refused by 10.0.0.7:5432")]
struct Refused;

#[derive(Debug, thiserror::Error)]
#[error("pool exhausted")]
struct Pool(#[source] Refused);

#[derive(Debug, thiserror::Error, ApiError)]
enum StoreError {
    #[error("query failed")]
    #[status(500)]
    #[code("SERVER_ERROR")]
    #[message("internal server error")]
    Query(#[source] Pool),

    #[error("bundle {0} not found")]
    #[status(404)]
    #[message("bundle not found")]
    NotFound(String),
}

/// Not an `Error`: logged by its Debug output.
#[derive(Debug, ApiError)]
#[status(503)]
#[message("try again later")]
struct Overloaded {
    #[expect(
        dead_code,
        reason = "read only through Debug, which is what the log shows"
    )]
    queue_depth: usize,
}

#[test]
fn test_server_error_logs_display_and_source_chain_at_error() {
    let (log, response) = logged(|| StoreError::Query(Pool(Refused)).to_response());
    assert!(log.contains("ERROR"), "{log}");
    assert!(log.contains("status=500"), "{log}");
    assert!(log.contains("code=\"SERVER_ERROR\""), "{log}");
    assert!(
        log.contains("query failed: pool exhausted: connection refused by 10.0.0.7:5432"),
        "{log}"
    );
    let body = String::from_utf8(response.body().to_vec()).unwrap();
    assert!(!body.contains("pool"), "{body}");
    assert!(!body.contains("10.0.0.7"), "{body}");
}

#[test]
fn test_client_error_logs_at_debug() {
    let (log, _) = logged(|| StoreError::NotFound("b-42".into()).to_response());
    assert!(log.contains("DEBUG"), "{log}");
    assert!(!log.contains("ERROR"), "{log}");
    assert!(log.contains("status=404"), "{log}");
    assert!(log.contains("bundle b-42 not found"), "{log}");
}

#[test]
fn test_non_error_type_logs_debug_output() {
    let (log, response) = logged(|| Overloaded { queue_depth: 9000 }.to_response());
    assert!(log.contains("ERROR"), "{log}");
    assert!(log.contains("Overloaded { queue_depth: 9000 }"), "{log}");
    assert!(!String::from_utf8_lossy(response.body()).contains("9000"));
}

#[test]
fn test_dropped_header_is_logged() {
    #[derive(Debug, thiserror::Error, ApiError)]
    #[error("x")]
    #[status(401)]
    #[header("WWW-Authenticate", "Bearer realm=\"{realm}\"")]
    struct Unauthorized {
        realm: String,
    }
    let (log, response) = logged(|| {
        Unauthorized {
            realm: "a\r\nSet-Cookie: x=y".into(),
        }
        .to_response()
    });
    assert!(response.headers().get("www-authenticate").is_none());
    assert!(log.contains("WARN"), "{log}");
    assert!(log.contains("www-authenticate"), "{log}");
}

#[test]
fn test_option_header_left_out_is_not_logged() {
    #[derive(Debug, thiserror::Error, ApiError)]
    #[error("x")]
    #[status(429)]
    #[header("X-RateLimit-Reset", "{reset}")]
    struct Limited {
        reset: Option<u64>,
    }
    let (log, response) = logged(|| Limited { reset: None }.to_response());
    assert!(response.headers().get("x-ratelimit-reset").is_none());
    assert!(!log.contains("WARN"), "a `None` is no invalid value: {log}");
}
