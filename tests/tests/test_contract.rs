//! `assert_compatible` and `Catalog::breaking_changes`: each kind of breaking change to a
//! code's contract is named with its code, additions and reworded messages pass, and a failed
//! check leaves the recorded file as it was.
//!
//! Each test declares the error type as it was (`Before`) and as it is now (`After`).

#![expect(dead_code, reason = "only the catalogs are read")]

use errcat::ApiError;
use errcat::catalog::{Catalog, assert_compatible};
use std::path::PathBuf;

fn catalog<E: ApiError>() -> Catalog {
    Catalog::new().group::<E>("Errors")
}

/// The breaking changes from `Before`'s contract to `After`'s, as the report lists them.
fn changes<Before: ApiError, After: ApiError>() -> Vec<String> {
    let recorded = catalog::<Before>().contract();
    catalog::<After>()
        .breaking_changes(&recorded)
        .expect("a contract errcat wrote")
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// A path in a fresh directory of its own, for a file that does not exist yet.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "errcat-test-contract-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("errors.contract.json")
}

/// Whether this run records contracts instead of checking them: a check then cannot fail.
fn blessing() -> bool {
    std::env::var_os("ERRCAT_BLESS").is_some_and(|value| value == "1")
}

/// The message `check` panics with.
fn failure(check: impl FnOnce() + std::panic::UnwindSafe) -> String {
    let payload = std::panic::catch_unwind(check).expect_err("the check fails");
    match payload.downcast::<String>() {
        Ok(message) => *message,
        Err(payload) => payload.downcast_ref::<&str>().unwrap().to_string(),
    }
}

#[test]
fn test_envelope_and_body() {
    #[derive(Debug, ApiError)]
    enum Before {
        #[status(400)]
        Invalid,
        #[status(422)]
        Wrong,
        #[status(422)]
        AssetState(#[api_error(body)] String),
        #[status(422)]
        Asset(#[api_error(body)] String),
    }
    #[derive(Debug, ApiError)]
    enum After {
        #[status(400)]
        #[api_error(envelope = errcat::envelope::ErrorField)]
        Invalid,
        #[status(422)]
        AssetState(#[api_error(body)] Vec<String>),
        #[status(422)]
        Wrong(#[api_error(body)] String),
        #[status(422)]
        #[api_error(envelope = errcat::envelope::Wrapped)]
        Asset(String),
    }
    assert_eq!(
        changes::<Before, After>(),
        [
            "ASSET: envelope body -> Wrapped",
            r#"ASSET_STATE: body type {"type":"string"} -> {"items":{"type":"string"},"type":"array"}"#,
            "INVALID: envelope Problem -> ErrorField (application/problem+json -> application/json)",
            "WRONG: envelope Problem -> body (application/problem+json -> application/json)",
        ]
    );
}

#[test]
fn test_details() {
    #[derive(Debug, ApiError)]
    enum Before {
        #[status(429)]
        #[code("RATE_LIMITED")]
        Limited {
            #[detail]
            retry_after: u64,
            #[detail]
            window: u32,
        },
        #[status(400)]
        InvalidJson {
            #[detail]
            line: u64,
            #[detail]
            column: u64,
        },
    }
    #[derive(Debug, ApiError)]
    enum After {
        #[status(429)]
        #[code("RATE_LIMITED")]
        Limited {
            #[detail]
            window: Option<u32>,
        },
        #[status(400)]
        InvalidJson {
            #[detail]
            line: String,
            #[detail]
            column: u64,
        },
    }
    assert_eq!(
        changes::<Before, After>(),
        [
            r#"INVALID_JSON: detail `line` type {"minimum":0,"type":"integer"} -> {"type":"string"}"#,
            "RATE_LIMITED: detail `retryAfter` removed",
            "RATE_LIMITED: detail `window` no longer always sent",
        ]
    );
}

#[test]
fn test_headers() {
    #[derive(Debug, ApiError)]
    enum Before {
        #[status(429)]
        #[code("RATE_LIMITED")]
        #[header("Retry-After", "{retry_after}")]
        #[header("X-RateLimit-Limit", "{limit}")]
        #[header("X-RateLimit-Reset", "{reset}")]
        #[header("X-RateLimit-Remaining", "0")]
        Limited {
            retry_after: u64,
            limit: u32,
            reset: u64,
        },
    }
    #[derive(Debug, ApiError)]
    enum After {
        #[status(429)]
        #[code("RATE_LIMITED")]
        // The same header: names are case-insensitive.
        #[header("retry-after", "{retry_after}")]
        #[header("X-RateLimit-Limit", "{limit}")]
        #[header("X-RateLimit-Reset", "{reset}")]
        Limited {
            retry_after: u64,
            limit: String,
            reset: Option<u64>,
        },
    }
    assert_eq!(
        changes::<Before, After>(),
        [
            r#"RATE_LIMITED: header `X-RateLimit-Limit` type {"maximum":4294967295,"minimum":0,"type":"integer"} -> {"type":"string"}"#,
            "RATE_LIMITED: header `X-RateLimit-Remaining` removed",
            "RATE_LIMITED: header `X-RateLimit-Reset` no longer always sent",
        ]
    );
}

#[test]
fn test_field_violations_and_type() {
    #[derive(Debug, ApiError)]
    #[api_error(docs = "https://api.example.com/errors")]
    enum Before {
        #[status(400)]
        #[field("{field}")]
        #[message("{field} is required")]
        Missing { field: String },
        #[status(400)]
        #[field("{0}")]
        Malformed(String),
        #[status(400)]
        Invalid {
            #[api_error(violations)]
            violations: errcat::Violations,
        },
        #[status(403)]
        #[api_error(docs = "https://api.example.com/auth#LOCKED")]
        Locked,
    }
    #[derive(Debug, ApiError)]
    #[api_error(docs = "https://api.example.com/v2/errors")]
    enum After {
        #[status(400)]
        #[field("body.{field}")]
        #[message("{field} is required")]
        Missing { field: String },
        #[status(400)]
        Malformed(String),
        #[status(400)]
        Invalid,
        #[status(403)]
        #[api_error(docs = "https://api.example.com/auth#LOCKED")]
        Locked,
    }
    assert_eq!(
        changes::<Before, After>(),
        [
            "INVALID: type `https://api.example.com/errors#INVALID` -> `https://api.example.com/v2/errors#INVALID`",
            "INVALID: violations removed",
            "MALFORMED: type `https://api.example.com/errors#MALFORMED` -> `https://api.example.com/v2/errors#MALFORMED`",
            "MALFORMED: field `{0}` removed",
            "MISSING: type `https://api.example.com/errors#MISSING` -> `https://api.example.com/v2/errors#MISSING`",
            "MISSING: field `{field}` -> `body.{field}`",
        ]
    );
}

#[test]
fn test_type_removed() {
    #[derive(Debug, ApiError)]
    #[api_error(docs = "https://api.example.com/errors")]
    enum Before {
        #[status(403)]
        Locked,
    }
    #[derive(Debug, ApiError)]
    enum After {
        #[status(403)]
        Locked,
    }
    assert_eq!(
        changes::<Before, After>(),
        ["LOCKED: type `https://api.example.com/errors#LOCKED` removed"]
    );
}

#[test]
fn test_a_link_no_body_carries_is_not_recorded() {
    // `ErrorField` has no `type`, and no docs member was asked for: clients never see the page.
    #[derive(Debug, ApiError)]
    #[api_error(envelope = errcat::envelope::ErrorField, docs = "https://api.example.com/errors")]
    enum Unsent {
        #[status(403)]
        Locked,
    }
    #[derive(Debug, ApiError)]
    #[api_error(
        envelope = errcat::envelope::ErrorField,
        docs = "https://api.example.com/errors",
        docs_member = "doc_url"
    )]
    enum Sent {
        #[status(403)]
        Locked,
    }
    assert!(!catalog::<Unsent>().contract().contains("\"type\""));
    assert!(
        catalog::<Sent>()
            .contract()
            .contains(r#""type": "https://api.example.com/errors#LOCKED""#)
    );
}

#[test]
fn test_additions_and_rewordings_pass() {
    /// Before.
    #[derive(Debug, ApiError)]
    enum Before {
        #[status(429)]
        #[code("RATE_LIMITED")]
        #[message("Rate limit exceeded.")]
        #[header("Retry-After", "{retry_after}")]
        Limited {
            #[detail]
            retry_after: u64,
            #[detail]
            window: Option<u32>,
        },
        #[status(400)]
        Invalid,
    }
    /// After: new codes, members, headers, a field, a type, a deprecation, other words.
    #[derive(Debug, ApiError)]
    #[api_error(docs = "https://api.example.com/errors")]
    enum After {
        /// Now documented.
        #[status(429)]
        #[code("RATE_LIMITED")]
        #[message("Too many requests: try again in {retry_after} seconds.")]
        #[header("Retry-After", "{retry_after}")]
        #[header("X-RateLimit-Limit", "{limit}")]
        Limited {
            #[detail]
            retry_after: u64,
            #[detail]
            window: u32,
            #[detail]
            limit: u32,
        },
        #[deprecated(note = "use VALIDATION_ERROR")]
        #[status(400)]
        #[field("body")]
        #[message("Something in the request is wrong")]
        Invalid,
        #[status(400)]
        #[code("VALIDATION_ERROR")]
        Validation {
            #[api_error(violations)]
            violations: errcat::Violations,
        },
    }
    assert_eq!(changes::<Before, After>(), Vec::<String>::new());
    assert_ne!(
        catalog::<Before>().contract(),
        catalog::<After>().contract()
    );
}

#[test]
fn test_removed_code_and_status_fail_and_leave_the_file() {
    #[derive(Debug, ApiError)]
    enum Before {
        #[status(404)]
        KeyNotFound,
        #[status(429)]
        #[code("RATE_LIMITED")]
        Limited {
            #[detail]
            retry_after: u64,
        },
    }
    #[derive(Debug, ApiError)]
    enum After {
        #[status(503)]
        #[code("RATE_LIMITED")]
        Limited,
    }
    if blessing() {
        return;
    }
    let path = scratch("report");
    std::fs::write(&path, catalog::<Before>().contract()).unwrap();
    let before = std::fs::read(&path).unwrap();
    let message = failure(|| assert_compatible(&path, &catalog::<After>()));
    assert_eq!(
        message,
        format!(
            "{}: 3 breaking changes to the error contract\n\
             - KEY_NOT_FOUND: removed (was 404, Problem)\n\
             - RATE_LIMITED: status 429 -> 503\n\
             - RATE_LIMITED: detail `retryAfter` removed\n\
             If these changes are intended, the API's clients must be told; \
             `ERRCAT_BLESS=1 cargo test` then records the new contract.",
            path.display()
        )
    );
    assert_eq!(std::fs::read(&path).unwrap(), before, "left byte for byte");
    // What is recorded still passes, and so does the new contract once recorded.
    assert_compatible(&path, &catalog::<Before>());
    std::fs::write(&path, catalog::<After>().contract()).unwrap();
    assert_compatible(&path, &catalog::<After>());
}

#[test]
fn test_missing_file_says_how_to_record_it() {
    #[derive(Debug, ApiError)]
    #[status(404)]
    struct NotFound;
    if blessing() {
        return;
    }
    let path = scratch("missing");
    let message = failure(|| assert_compatible(&path, &catalog::<NotFound>()));
    assert_eq!(
        message,
        format!(
            "no error contract at {}: run `ERRCAT_BLESS=1 cargo test` to record it, then commit it",
            path.display()
        )
    );
    assert!(!path.exists());
}

#[test]
fn test_other_files_are_refused() {
    #[derive(Debug, ApiError)]
    #[status(404)]
    struct NotFound;
    let refused = |text: &str| {
        catalog::<NotFound>()
            .breaking_changes(text)
            .unwrap_err()
            .to_string()
    };
    assert!(refused("# errors").starts_with("not JSON: "));
    assert_eq!(
        refused(r#"{"codes":{}}"#),
        r#"no `format` member ("errcat-contract/1")"#
    );
    assert_eq!(
        refused(r#"{"format":"errcat-contract/2","codes":{}}"#),
        r#"format "errcat-contract/2" is not one this errcat reads ("errcat-contract/1")"#
    );
    assert_eq!(
        refused(r#"{"format":"errcat-contract/1","codes":{"NOT_FOUND":{"status":"404"}}}"#),
        "`codes.NOT_FOUND.status` is not an HTTP status"
    );
    if blessing() {
        return;
    }
    let path = scratch("refused");
    std::fs::write(&path, "[]").unwrap();
    let message = failure(|| assert_compatible(&path, &catalog::<NotFound>()));
    assert!(
        message.ends_with(
            "errors.contract.json is not an errcat error contract: not a JSON object; mend it, \
             or record the current contract over it with `ERRCAT_BLESS=1 cargo test`"
        ),
        "{message}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "[]");
}

#[test]
fn test_snapshot_is_stable_and_sorted() {
    #[derive(Debug, ApiError)]
    enum Errors {
        #[status(409)]
        Zebra,
        #[status(404)]
        Apple,
    }
    let text = catalog::<Errors>().contract();
    assert_eq!(text, catalog::<Errors>().contract());
    assert!(text.find("\"APPLE\"").unwrap() < text.find("\"ZEBRA\"").unwrap());
    assert!(text.starts_with("{\n  \"format\": \"errcat-contract/1\",\n"));
    assert!(text.ends_with("}\n"));
}
