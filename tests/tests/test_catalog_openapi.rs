//! `Catalog::to_openapi`: envelope schemas, one response per group and status with the codes
//! of that status, declared headers, one example per entry rendered by the same code as real
//! responses; and the clash report.

use errcat::catalog::{Catalog, CodeClash, CodeUse};
use errcat::{ApiError, CatalogEntry};
use serde::Serialize;
use serde_json::{Value, json};

#[derive(Debug, Serialize)]
struct Asset {
    valid: bool,
}

#[derive(Debug, thiserror::Error, ApiError)]
enum KeyError {
    /// The key ring does not exist.
    #[error("no ring {0}")]
    #[status(404)]
    #[code("KEYRING_NOT_FOUND")]
    #[message("KeyRing '{0}' not found")]
    NotFound(String),

    #[error("no key")]
    #[status(404)]
    #[code("KEY_NOT_FOUND")]
    #[message("API Key not found")]
    KeyNotFound,

    #[error("locked")]
    #[status(403)]
    #[code("FORBIDDEN")]
    #[message("Insufficient permissions")]
    #[api_error(envelope = errcat::envelope::MessageField)]
    Forbidden,

    #[error("tampered")]
    #[status(422)]
    Tampered(#[api_error(body)] Asset),
}

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(envelope = errcat::envelope::Wrapped)]
enum TaskError {
    #[error("missing")]
    #[status(400)]
    #[code("VALIDATION_ERROR")]
    #[message("{field} is required")]
    #[field("{field}")]
    Missing { field: &'static str },

    #[error("limited")]
    #[status(429)]
    #[code("RATE_LIMITED")]
    #[message("Too many requests")]
    #[header("Retry-After", "{retry_after}")]
    #[header("X-RateLimit-Remaining", "0")]
    Limited {
        #[detail]
        retry_after: u64,
    },

    #[error(transparent)]
    #[api_error(transparent)]
    Key(KeyError),
}

fn catalog() -> Catalog {
    Catalog::new()
        .title("Tasks API errors")
        .version("2.1.0")
        .group::<KeyError>("Keys")
        .group::<TaskError>("Tasks")
}

#[test]
fn test_document_shape() {
    let doc = catalog().to_openapi();
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["info"]["title"], "Tasks API errors");
    assert_eq!(doc["info"]["version"], "2.1.0");
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    let mut names: Vec<&str> = schemas.keys().map(String::as_str).collect();
    names.sort_unstable();
    // The envelopes, a detail shape, and one schema per error and envelope, named for its
    // code (and its envelope too when the code is sent in two).
    assert_eq!(
        names,
        [
            "Forbidden",
            "KeyNotFound",
            "KeyringNotFound",
            "MessageField",
            "Problem",
            "RateLimited",
            "RateLimitedDetails",
            "ValidationError",
            "Wrapped",
            "WrappedKeyNotFound",
            "WrappedKeyringNotFound",
        ]
    );
    assert_eq!(
        schemas["Problem"]["required"],
        json!(["type", "title", "status", "detail", "code"])
    );
    let responses = doc["components"]["responses"].as_object().unwrap();
    let mut names: Vec<&str> = responses.keys().map(String::as_str).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "Keys403", "Keys404", "Keys422", "Tasks400", "Tasks403", "Tasks404", "Tasks422",
            "Tasks429"
        ]
    );
}

#[test]
fn test_codes_constrained_per_status() {
    let doc = catalog().to_openapi();
    let schema =
        &doc["components"]["responses"]["Keys404"]["content"]["application/problem+json"]["schema"];
    // One branch per error, a schema of its own with its status and code.
    let schema_ref = |name: &str| json!({ "$ref": format!("#/components/schemas/{name}") });
    assert_eq!(
        *schema,
        json!({ "anyOf": [schema_ref("KeyringNotFound"), schema_ref("KeyNotFound")] })
    );
    let branch = |code: &str| {
        json!({ "allOf": [
            { "$ref": "#/components/schemas/Problem" },
            {
                "type": "object",
                "properties": { "status": { "type": "integer", "enum": [404] }, "code": { "type": "string", "enum": [code] } },
                "required": ["status", "code"]
            }
        ]})
    };
    let schemas = &doc["components"]["schemas"];
    assert_eq!(schemas["KeyringNotFound"], branch("KEYRING_NOT_FOUND"));
    assert_eq!(schemas["KeyNotFound"], branch("KEY_NOT_FOUND"));
    // Through a transparent variant, the outer type's envelope (Wrapped) is used, in a
    // schema of its own.
    let schema =
        &doc["components"]["responses"]["Tasks404"]["content"]["application/json"]["schema"];
    assert_eq!(schema["anyOf"][1], schema_ref("WrappedKeyNotFound"));
    let wrapped = &schemas["WrappedKeyNotFound"]["allOf"];
    assert_eq!(wrapped[0], schema_ref("Wrapped"));
    assert_eq!(
        wrapped[1]["properties"]["error"]["properties"]["code"]["enum"][0],
        "KEY_NOT_FOUND"
    );
}

#[test]
fn test_headers_are_described() {
    let doc = catalog().to_openapi();
    let headers = doc["components"]["responses"]["Tasks429"]["headers"]
        .as_object()
        .unwrap();
    let names: Vec<&str> = headers.keys().map(String::as_str).collect();
    assert_eq!(names, ["Retry-After", "X-RateLimit-Remaining"]);
    assert_eq!(
        headers["Retry-After"]["description"],
        "Sent with `RATE_LIMITED`."
    );
}

#[test]
fn test_examples_are_deterministic() {
    let doc = catalog().to_openapi();
    let examples =
        &doc["components"]["responses"]["Tasks400"]["content"]["application/json"]["examples"];
    assert_eq!(
        examples["Missing"]["value"],
        json!({
            "success": false,
            "error": { "code": "VALIDATION_ERROR", "message": "{field} is required", "field": "{field}" },
            "meta": { "timestamp": "2024-01-15T10:30:00Z" }
        })
    );
    let examples = &doc["components"]["responses"]["Keys404"]["content"]["application/problem+json"]
        ["examples"];
    assert_eq!(
        examples["NotFound"]["value"]["detail"],
        "KeyRing '{0}' not found"
    );
    assert_eq!(
        examples["NotFound"]["description"],
        "The key ring does not exist."
    );
    assert_eq!(doc, catalog().to_openapi(), "the same document every time");
}

#[test]
fn test_raw_body_entry_has_no_value() {
    let doc = catalog().to_openapi();
    let media = &doc["components"]["responses"]["Keys422"]["content"]["application/json"];
    assert_eq!(
        media["schema"]["type"],
        json!(["object", "array", "string", "number", "boolean", "null"])
    );
    assert!(media["examples"]["Tampered"].get("value").is_none());
}

/// The body with the value of a `"timestamp":"..."` member (the clock) replaced by `TS`.
fn without_clock(body: &[u8]) -> String {
    let text = String::from_utf8(body.to_vec()).unwrap();
    match text.find(r#""timestamp":""#) {
        Some(at) => {
            let start = at + r#""timestamp":""#.len();
            let end = start + text[start..].find('"').unwrap();
            format!("{}TS{}", &text[..start], &text[end..])
        }
        None => text,
    }
}

/// For every entry whose message has no placeholders and that has no details, the catalog's
/// example body is exactly the body the error really gets (but for the clock).
#[test]
fn test_examples_match_runtime_bodies() {
    fn check<E: ApiError>(errors: &[E]) {
        for error in errors {
            let response = error.to_response();
            let entry: CatalogEntry = E::catalog()
                .into_iter()
                .find(|entry| entry.code == error.code())
                .unwrap();
            let example = entry.example().unwrap();
            assert_eq!(
                without_clock(example.body()),
                without_clock(response.body()),
                "{}",
                entry.code
            );
            assert_eq!(example.headers(), response.headers(), "{}", entry.code);
            assert_eq!(example.status(), response.status());
            let doc = Catalog::new().group::<E>("G").to_openapi();
            let name = format!("G{}", entry.status);
            let content_type = response.headers()["content-type"].to_str().unwrap();
            let value = &doc["components"]["responses"][name.as_str()]["content"][content_type]["examples"]
                [entry.variant]["value"];
            let body: Value = serde_json::from_slice(example.body()).unwrap();
            assert_eq!(*value, body, "{}", entry.code);
        }
    }
    check(&[KeyError::KeyNotFound, KeyError::Forbidden]);
    check(&[TaskError::Key(KeyError::KeyNotFound)]);
    // A timestamped envelope renders the same when rendered at the example time.
    let example = TaskError::catalog()[3].example().unwrap();
    let body: Value = serde_json::from_slice(example.body()).unwrap();
    assert_eq!(body["error"]["code"], "KEY_NOT_FOUND");
    assert_eq!(body["meta"]["timestamp"], "2024-01-15T10:30:00Z");
    let _ = (
        TaskError::Missing { field: "x" },
        TaskError::Limited { retry_after: 1 },
    );
    let _ = KeyError::NotFound(String::new());
    let _ = KeyError::Tampered(Asset { valid: false });
}

fn use_of(group: &str, status: u16, message: &'static str, envelope: &'static str) -> CodeUse {
    CodeUse {
        group: group.to_owned(),
        variant: "Forbidden",
        status,
        message,
        envelope,
        type_uri: None,
    }
}

#[test]
fn test_code_clash_across_groups_is_reported() {
    #[derive(Debug, thiserror::Error, ApiError)]
    #[expect(dead_code, reason = "only the catalog is read")]
    enum Other {
        #[error("x")]
        #[status(400)]
        #[code("FORBIDDEN")]
        #[message("Insufficient permissions")]
        #[api_error(envelope = errcat::envelope::MessageField)]
        Forbidden,
    }
    // KeyError's bodies are its own envelopes on their own, and Wrapped inside TaskError: a
    // client branching on a code cannot know which shape it gets. (The raw `TAMPERED` body
    // is the same either way.)
    let clashes = catalog().code_clashes();
    let codes: Vec<&str> = clashes.iter().map(|clash| clash.code).collect();
    assert_eq!(codes, ["KEYRING_NOT_FOUND", "KEY_NOT_FOUND", "FORBIDDEN"]);
    let keys = use_of("Keys", 403, "Insufficient permissions", "MessageField");
    let tasks = use_of("Tasks", 403, "Insufficient permissions", "Wrapped");
    assert_eq!(
        clashes[2],
        CodeClash {
            code: "FORBIDDEN",
            uses: vec![keys.clone(), tasks.clone()],
        }
    );
    let other = use_of("Other", 400, "Insufficient permissions", "MessageField");
    let clashes = catalog().group::<Other>("Other").code_clashes();
    assert_eq!(
        clashes[2],
        CodeClash {
            code: "FORBIDDEN",
            uses: vec![keys, tasks, other],
        }
    );
}

#[test]
fn test_one_code_with_two_messages_is_a_clash() {
    #[derive(Debug, thiserror::Error, ApiError)]
    #[expect(dead_code, reason = "only the catalog is read")]
    enum Other {
        #[error("x")]
        #[status(403)]
        #[code("FORBIDDEN")]
        #[message("Go away")]
        #[api_error(envelope = errcat::envelope::MessageField)]
        Forbidden,
    }
    let clashes = Catalog::new()
        .group::<KeyError>("Keys")
        .group::<Other>("Other")
        .code_clashes();
    assert_eq!(clashes.len(), 1, "{clashes:?}");
    assert_eq!(clashes[0].uses[1].message, "Go away");
    // The same error listed twice is one definition.
    let again = Catalog::new()
        .group::<KeyError>("Keys")
        .group::<KeyError>("Again");
    assert_eq!(again.code_clashes(), []);
}

#[test]
fn test_groups_named_alike_keep_their_own_responses() {
    let doc = Catalog::new()
        .group::<KeyError>("Keys")
        .group::<TaskError>("keys")
        .to_openapi();
    let responses = &doc["components"]["responses"];
    assert!(
        responses["Keys404"]["content"]["application/problem+json"]["examples"]["NotFound"]
            .is_object()
    );
    assert!(responses["Keys404_2"].is_object(), "{responses}");
    assert!(responses["Keys400"].is_object());
    assert_eq!(doc["info"]["title"], "Errors", "the title when none is set");
}

#[test]
fn test_a_type_reached_twice_is_listed_once() {
    #[derive(Debug, thiserror::Error, ApiError)]
    #[expect(dead_code, reason = "only the catalog is read")]
    enum Inner {
        #[error("bad json")]
        #[status(400)]
        InvalidJson,
    }
    #[derive(Debug, thiserror::Error, ApiError)]
    #[expect(dead_code, reason = "only the catalog is read")]
    enum Middle {
        #[error(transparent)]
        #[api_error(transparent)]
        Inner(Inner),
        #[error("other")]
        #[status(409)]
        Other,
    }
    #[derive(Debug, thiserror::Error, ApiError)]
    #[expect(dead_code, reason = "only the catalog is read")]
    enum Outer {
        #[error(transparent)]
        #[api_error(transparent)]
        Inner(Inner),
        #[error(transparent)]
        #[api_error(transparent)]
        Middle(Middle),
    }
    let variants: Vec<&str> = Outer::catalog().iter().map(|entry| entry.variant).collect();
    assert_eq!(variants, ["InvalidJson", "Other"]);
    let catalog = Catalog::new().group::<Outer>("Requests");
    let doc = catalog.to_openapi();
    let examples = doc["components"]["responses"]["Requests400"]["content"]
        ["application/problem+json"]["examples"]
        .as_object()
        .unwrap();
    assert_eq!(examples.len(), 1, "no InvalidJson2: {examples:?}");
    assert_eq!(catalog.to_markdown().matches("(InvalidJson)").count(), 1);
}
