//! The `utoipa` feature: every derived type is `utoipa::IntoResponses`, so a path's
//! `responses(BundleError)` documents each status with its examples and schema.

use errcat::ApiError;
use serde_json::{Value, json};
use utoipa::OpenApi;

#[derive(Debug, thiserror::Error, ApiError)]
#[expect(dead_code, reason = "only the documentation is read")]
enum BundleError {
    /// No bundle with this id exists in the caller's tenant.
    #[error("bundle {id} not found")]
    #[status(404)]
    #[message("bundle not found")]
    NotFound { id: String },

    #[error("gone")]
    #[status(404)]
    #[code("BUNDLE_DELETED")]
    #[message("bundle {0} was deleted")]
    Deleted(String),

    #[error("rate limited")]
    #[status(429)]
    #[code("RATE_LIMITED")]
    #[message("Rate limit exceeded. Try again in {retry_after} seconds.")]
    #[header("Retry-After", "{retry_after}")]
    #[api_error(envelope = errcat::envelope::Wrapped)]
    RateLimited {
        #[detail]
        retry_after: u64,
    },
}

#[utoipa::path(
    get,
    path = "/api/v1/bundles/{id}",
    params(("id" = String, Path, description = "The bundle id")),
    responses((status = 200, description = "The bundle", body = String), BundleError)
)]
#[expect(dead_code, reason = "only the documentation is read")]
async fn get_bundle() {}

#[derive(OpenApi)]
#[openapi(paths(get_bundle))]
struct ApiDoc;

fn responses() -> Value {
    let doc = serde_json::to_value(ApiDoc::openapi()).unwrap();
    doc["paths"]["/api/v1/bundles/{id}"]["get"]["responses"].clone()
}

#[test]
fn test_each_status_is_documented() {
    let responses = responses();
    let statuses: Vec<&str> = responses
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(statuses, ["200", "404", "429"]);
}

#[test]
fn test_examples_and_schema_of_a_status() {
    let media = &responses()["404"]["content"]["application/problem+json"];
    assert_eq!(
        media["examples"]["NotFound"]["value"],
        json!({"type":"about:blank","title":"Not Found","status":404,"detail":"bundle not found","code":"NOT_FOUND"})
    );
    assert_eq!(
        media["examples"]["Deleted"]["value"]["detail"],
        "bundle {0} was deleted"
    );
    assert_eq!(
        media["examples"]["NotFound"]["description"],
        "No bundle with this id exists in the caller's tenant."
    );
    // One branch per error, the envelope's schema inlined (utoipa cannot register it).
    let branches = media["schema"]["anyOf"].as_array().unwrap();
    assert_eq!(
        branches[0]["allOf"][0]["required"],
        json!(["type", "title", "status", "detail", "code"])
    );
    let codes: Vec<&Value> = branches
        .iter()
        .map(|branch| &branch["allOf"][1]["properties"]["code"]["enum"][0])
        .collect();
    assert_eq!(codes, [&json!("NOT_FOUND"), &json!("BUNDLE_DELETED")]);
}

#[test]
fn test_headers_and_other_envelopes() {
    let response = &responses()["429"];
    // Typed from the field the header's value is.
    assert_eq!(
        response["headers"]["Retry-After"]["schema"]["type"],
        "integer"
    );
    let media = &response["content"]["application/json"];
    assert_eq!(
        media["examples"]["RateLimited"]["value"]["error"]["retryAfter"],
        0
    );
    let inner = &media["schema"]["allOf"][1]["properties"]["error"];
    assert_eq!(
        inner["allOf"][0]["properties"]["code"]["enum"][0],
        "RATE_LIMITED"
    );
    assert_eq!(
        inner["allOf"][1]["properties"]["retryAfter"]["type"],
        "integer"
    );
}

/// An envelope whose schema utoipa's model cannot hold: a subschema with no `type`.
struct Untyped;

impl errcat::Envelope for Untyped {
    fn write(
        error: &errcat::envelope::ErrorParts<'_>,
        _ctx: &errcat::envelope::Context<'_>,
        body: &mut errcat::envelope::JsonObject<'_>,
    ) {
        body.text("oops", error.message());
    }

    fn schema() -> Value {
        json!({ "type": "object", "properties": { "oops": { "description": "any value" } } })
    }
}

#[derive(Debug, ApiError)]
#[api_error(envelope = Untyped)]
#[expect(dead_code, reason = "only the documentation is read")]
enum UntypedError {
    #[status(400)]
    #[message("bad")]
    Bad,
}

#[test]
fn test_a_schema_utoipa_cannot_hold_leaves_the_examples() {
    use utoipa::IntoResponses;
    let responses = serde_json::to_value(UntypedError::responses()).unwrap();
    let media = &responses["400"]["content"]["application/json"];
    assert_eq!(media["examples"]["Bad"]["value"], json!({ "oops": "bad" }));
    assert!(media.get("schema").is_none(), "{media}");
    assert_eq!(
        responses["400"]["description"],
        "Bad Request.\n\n- `BAD`: bad"
    );
}

#[derive(Debug, thiserror::Error, ApiError)]
#[error("key not found")]
#[status(404)]
struct KeyNotFound;

errcat::error_set! {
    /// What `GET /keys/{name}` answers with when it fails.
    enum GetKeyError {
        Bundle(BundleError),
        Key(KeyNotFound),
    }
}

#[utoipa::path(
    get,
    path = "/api/v1/keys/{name}",
    responses((status = 200, description = "The key", body = String), GetKeyError)
)]
#[expect(dead_code, reason = "only the documentation is read")]
async fn get_key() {}

#[derive(OpenApi)]
#[openapi(paths(get_key))]
struct KeysDoc;

#[test]
fn test_an_error_set_in_a_paths_responses() {
    let doc = serde_json::to_value(KeysDoc::openapi()).unwrap();
    let responses = &doc["paths"]["/api/v1/keys/{name}"]["get"]["responses"];
    let examples = responses["404"]["content"]["application/problem+json"]["examples"]
        .as_object()
        .unwrap();
    let names: Vec<&str> = examples.keys().map(String::as_str).collect();
    assert_eq!(names, ["Deleted", "KeyNotFound", "NotFound"]);
    assert!(
        responses["429"].is_object(),
        "the set's members' other statuses"
    );
}
