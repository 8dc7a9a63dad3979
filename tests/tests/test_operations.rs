//! `catalog::Operations`: each operation documents exactly the errors its handler and its
//! extractors can answer, the middleware's where they apply, routing errors once, and every
//! response and schema written once and referenced.

use errcat::ApiError;
use errcat::axum::{Json, Path, Query, Valid};
use errcat::catalog::{Extractor, OperationErrors, Operations};
use errcat::envelope::{ErrorField, Problem};
use serde_json::{Value, json};
use std::convert::Infallible;

#[derive(Debug, thiserror::Error, ApiError)]
#[error("not found")]
#[status(404)]
struct BundleNotFound;

#[derive(Debug, thiserror::Error, ApiError)]
#[error("exists")]
#[status(409)]
struct BundleExists;

#[derive(Debug, thiserror::Error, ApiError)]
#[error("unauthenticated")]
#[status(401)]
struct Unauthenticated;

#[derive(Debug, thiserror::Error, ApiError)]
#[error("limited")]
#[status(429)]
#[header("Retry-After", "{retry_after}")]
struct RateLimited {
    #[detail(example = 30)]
    retry_after: u64,
}

#[derive(Debug, thiserror::Error, ApiError)]
#[expect(dead_code, reason = "only the catalog is read")]
enum Routing {
    #[error("no route")]
    #[status(404)]
    #[code("ROUTE_NOT_FOUND")]
    NoRoute,
}

errcat::error_set! {
    enum CreateError {
        Exists(BundleExists),
        NotFound(BundleNotFound),
    }
}

#[derive(serde::Deserialize, validator::Validate)]
struct NewBundle {
    #[validate(length(min = 1))]
    name: String,
}

#[derive(serde::Deserialize)]
struct Page {
    #[expect(dead_code, reason = "only the type is read")]
    size: u32,
}

/// An extractor of the service's own, which refuses requests without credentials.
struct Caller;

impl Extractor for Caller {
    fn document(errors: &mut OperationErrors) {
        errors.add::<Unauthenticated>();
    }
}

async fn list(_page: Query<Page>) -> Result<String, Infallible> {
    Ok(String::new())
}

async fn get(_caller: Caller, _id: Path<String>) -> Result<String, BundleNotFound> {
    Err(BundleNotFound)
}

async fn create(Valid(Json(_new)): Valid<Json<NewBundle>>) -> Result<String, CreateError> {
    Err(BundleExists.into())
}

fn operations() -> Operations {
    Operations::new()
        .rejections::<ErrorField>()
        .post("/bundles", create)
        .layer::<Unauthenticated>()
        .get("/bundles", list)
        .get("/bundles/{id}", get)
        .layer::<RateLimited>()
        .routing::<Routing>()
}

fn codes(operations: &Operations, method: http::Method, path: &str) -> Vec<&'static str> {
    let errors = operations
        .errors(&method, path)
        .expect("a documented operation");
    errors.into_iter().map(|entry| entry.code).collect()
}

#[test]
fn test_each_operation_documents_what_it_can_answer() {
    let operations = operations();
    assert_eq!(
        codes(&operations, http::Method::GET, "/bundles"),
        ["INVALID_QUERY", "RATE_LIMITED"],
        "no body rejections and no 409 on an operation that reads no body"
    );
    assert_eq!(
        codes(&operations, http::Method::GET, "/bundles/{id}"),
        [
            "BUNDLE_NOT_FOUND",
            "UNAUTHENTICATED",
            "INVALID_PATH",
            "RATE_LIMITED"
        ],
        "the handler's, its extractors' (its own Caller's too), then the middleware's"
    );
    assert_eq!(
        codes(&operations, http::Method::POST, "/bundles"),
        [
            "BUNDLE_EXISTS",
            "BUNDLE_NOT_FOUND",
            "INVALID_JSON",
            "UNSUPPORTED_MEDIA_TYPE",
            "PAYLOAD_TOO_LARGE",
            "BODY_UNREADABLE",
            "INVALID_BODY",
            "VALIDATION_FAILED",
            "UNAUTHENTICATED",
            "RATE_LIMITED",
        ],
        "the layer added after an operation is around it, as axum's route_layer"
    );
}

#[test]
fn test_responses_are_shared_by_ref() {
    let doc = operations().to_openapi();
    let get = &doc["paths"]["/bundles/{id}"]["get"]["responses"];
    let list = &doc["paths"]["/bundles"]["get"]["responses"];
    assert_eq!(
        get["429"],
        json!({ "$ref": "#/components/responses/RateLimited" })
    );
    assert_eq!(get["429"], list["429"], "one response for the same errors");
    let responses = doc["components"]["responses"].as_object().unwrap();
    assert!(responses.contains_key("RateLimited"));
    // The rejections are in the envelope given, the service's own errors in theirs.
    let invalid = &responses["InvalidQuery"]["content"];
    assert!(invalid["application/json"].is_object(), "{invalid}");
    let not_found = &responses["BundleNotFound"]["content"];
    assert!(
        not_found["application/problem+json"].is_object(),
        "{not_found}"
    );
    // Nothing is copied into the operations.
    for (_, item) in doc["paths"].as_object().unwrap() {
        for (_, operation) in item.as_object().unwrap() {
            for (_, response) in operation["responses"].as_object().unwrap() {
                assert!(response.get("$ref").is_some(), "{response}");
            }
        }
    }
}

#[test]
fn test_routing_errors_are_documented_once() {
    let doc = operations().to_openapi();
    let routing = &doc["components"]["responses"]["Routing404"];
    assert!(routing.is_object());
    for path in ["/bundles", "/bundles/{id}"] {
        let responses = &doc["paths"][path]["get"]["responses"];
        let refs: Vec<&Value> = responses.as_object().unwrap().values().collect();
        assert!(
            !refs.contains(&&json!({ "$ref": "#/components/responses/Routing404" })),
            "{path}"
        );
    }
    let description = doc["info"]["description"].as_str().unwrap();
    assert!(description.contains("Routing404"), "{description}");
}

#[test]
fn test_merged_into_a_document_replaces_its_error_responses() {
    let base = json!({
        "openapi": "3.1.0",
        "info": { "title": "t", "version": "1" },
        "paths": {
            "/bundles/{id}": { "get": { "responses": {
                "200": { "description": "The bundle" },
                "500": { "description": "left over" }
            } } }
        },
        "components": { "schemas": { "Problem": { "type": "string" } } }
    });
    let doc = operations().document(base);
    let responses = &doc["paths"]["/bundles/{id}"]["get"]["responses"];
    assert_eq!(
        responses["200"]["description"], "The bundle",
        "success is kept"
    );
    assert!(
        responses.get("500").is_none(),
        "error responses are replaced"
    );
    // The document's own `Problem` is kept; errcat's gets another name, and its refs follow.
    assert_eq!(
        doc["components"]["schemas"]["Problem"],
        json!({ "type": "string" })
    );
    let problem2 = &doc["components"]["schemas"]["Problem2"];
    assert!(problem2["properties"]["code"].is_object(), "{problem2}");
    let not_found = &doc["components"]["schemas"]["BundleNotFound"]["allOf"][0];
    assert_eq!(
        *not_found,
        json!({ "$ref": "#/components/schemas/Problem2" })
    );
}

#[test]
fn test_rejections_default_to_problem() {
    let operations = Operations::new().get("/bundles", list);
    let entry = &operations.errors(&http::Method::GET, "/bundles").unwrap()[0];
    assert_eq!(
        entry.example().unwrap().headers()["content-type"],
        "application/problem+json"
    );
    let _ = Problem;
}

#[test]
fn test_rejections_set_after_the_operations_apply_to_them() {
    let operations = Operations::new()
        .get("/bundles", list)
        .rejections::<ErrorField>();
    let entry = &operations.errors(&http::Method::GET, "/bundles").unwrap()[0];
    assert_eq!(entry.code, "INVALID_QUERY");
    assert_eq!(
        entry.example().unwrap().body(),
        r#"{"error":"Field \"page\" must be an integer","errors":{"page":"must be an integer"}}"#
    );
}

#[test]
fn test_a_document_of_its_own_declares_path_parameters() {
    let doc = operations().to_openapi();
    assert_eq!(
        doc["paths"]["/bundles/{id}"]["get"]["parameters"],
        json!([{ "name": "id", "in": "path", "required": true, "schema": { "type": "string" } }])
    );
    assert!(doc["paths"]["/bundles"]["get"].get("parameters").is_none());
    // An operation that answers no error still has a response, as OpenAPI requires.
    async fn health() -> Result<&'static str, Infallible> {
        Ok("ok")
    }
    let doc = Operations::new().get("/health", health).to_openapi();
    let responses = doc["paths"]["/health"]["get"]["responses"]
        .as_object()
        .unwrap();
    assert_eq!(responses.keys().collect::<Vec<_>>(), ["default"]);
}

#[test]
#[should_panic(expected = "write an OpenAPI path template, `{id}`")]
fn test_an_axum_07_path_is_refused() {
    let _ = Operations::new().get("/bundles/:id", get);
}

#[derive(Debug, thiserror::Error, ApiError)]
#[error("gone")]
#[status(404)]
#[code("BUNDLE_NOT_FOUND")]
#[message("the bundle was deleted")]
struct BundleGone;

#[test]
fn test_one_code_defined_twice_across_operations_is_a_clash() {
    async fn gone() -> Result<String, BundleGone> {
        Err(BundleGone)
    }
    assert!(operations().code_clashes().is_empty());
    let clashes = operations().delete("/bundles/{id}", gone).code_clashes();
    assert_eq!(clashes.len(), 1, "{clashes:?}");
    assert_eq!(clashes[0].code, "BUNDLE_NOT_FOUND");
    let groups: Vec<&str> = clashes[0].uses.iter().map(|used| &*used.group).collect();
    assert_eq!(
        groups,
        ["POST /bundles", "GET /bundles/{id}", "DELETE /bundles/{id}"]
    );
}

/// An `ApiError` that is not an `std::error::Error`.
#[derive(Debug, ApiError)]
#[status(410)]
#[message("the bundle is gone")]
struct Gone;

errcat::error_set! {
    enum DeleteError {
        Gone(Gone),
        NotFound(BundleNotFound),
    }
}

#[test]
fn test_a_set_passes_through_display_and_sources() {
    let gone = DeleteError::from(Gone);
    assert_eq!(gone.to_string(), "the bundle is gone", "the public message");
    let not_found = DeleteError::from(BundleNotFound);
    assert_eq!(
        not_found.to_string(),
        "not found",
        "the member's own Display"
    );
    assert!(std::error::Error::source(&gone).is_none());
    assert_eq!(gone.status(), http::StatusCode::GONE);
}

/// A service that answers every rejection in its own codes.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(envelope = ErrorField)]
enum OwnCodes {
    #[error("invalid field")]
    #[status(400)]
    #[code("VALIDATION_ERROR")]
    #[message("{field} {problem}")]
    #[field("{field}")]
    InvalidField {
        #[api_error(example = "name".to_owned())]
        field: String,
        #[api_error(example = "is required".to_owned())]
        problem: String,
    },
    #[error("malformed")]
    #[status(400)]
    #[code("MALFORMED_REQUEST")]
    #[message("The request could not be read")]
    Malformed,
    #[error("no route")]
    #[status(404)]
    #[code("ROUTE_NOT_FOUND")]
    NoRoute,
    #[error("refused")]
    #[status(500)]
    #[code("INTERNAL")]
    Other,
}

impl From<errcat::axum::Rejection> for OwnCodes {
    fn from(rejection: errcat::axum::Rejection) -> Self {
        use errcat::axum::Rejection;
        if let Some(bad) = rejection.field() {
            return OwnCodes::InvalidField {
                field: bad.field.to_string(),
                problem: bad.message.to_string(),
            };
        }
        match rejection.status().as_u16() {
            404 | 405 => OwnCodes::NoRoute,
            500.. => OwnCodes::Other,
            _ if matches!(rejection, Rejection::NotFound) => OwnCodes::NoRoute,
            _ => OwnCodes::Malformed,
        }
    }
}

async fn get_bundle_keeping_axum_path(
    _id: axum::extract::Path<u32>,
) -> Result<String, BundleNotFound> {
    Ok(String::new())
}

async fn create_keeping_axum_json(
    _bundle: axum::Json<serde_json::Value>,
) -> Result<String, BundleExists> {
    Ok(String::new())
}

#[test]
fn test_rejections_are_documented_in_the_services_own_codes() {
    let operations = Operations::new()
        .rejections_as::<OwnCodes>()
        .post("/bundles", create_keeping_axum_json)
        .get("/bundles/{id}", get_bundle_keeping_axum_path)
        .layer_routing();
    let errcat_codes = errcat::axum::Rejection::catalog()
        .into_iter()
        .map(|entry| entry.code)
        .collect::<Vec<_>>();
    for (method, path) in [
        (http::Method::POST, "/bundles"),
        (http::Method::GET, "/bundles/{id}"),
    ] {
        let errors = operations.errors(&method, path).unwrap();
        let codes: Vec<&str> = errors.iter().map(|entry| entry.code).collect();
        assert!(
            codes.contains(&"VALIDATION_ERROR"),
            "{method} {path}: {codes:?}"
        );
        for code in &codes {
            assert!(
                !errcat_codes.contains(code),
                "{method} {path} documents errcat's {code}: {codes:?}"
            );
        }
    }
    let post = operations.errors(&http::Method::POST, "/bundles").unwrap();
    let codes: Vec<&str> = post.iter().map(|entry| entry.code).collect();
    assert_eq!(
        codes,
        ["BUNDLE_EXISTS", "MALFORMED_REQUEST", "VALIDATION_ERROR"]
    );

    let doc = operations.to_openapi();
    let text = doc.to_string();
    for code in [
        "INVALID_BODY",
        "INVALID_JSON",
        "INVALID_PATH",
        "UNSUPPORTED_MEDIA_TYPE",
    ] {
        assert!(!text.contains(code), "the document names errcat's {code}");
    }
    // The layer's routing errors, once, in the service's codes.
    assert!(
        doc["info"]["description"]
            .as_str()
            .unwrap()
            .contains("ROUTE_NOT_FOUND"),
        "{}",
        doc["info"]
    );
}
