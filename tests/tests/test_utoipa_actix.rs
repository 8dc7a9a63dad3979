//! The catalog of an actix-web service: through utoipa-actix-web, a handler's `#[utoipa::path]`
//! names the error type in `responses(...)`, and the document utoipa-actix-web collects from
//! the app lists each of its statuses with errcat's example bodies and headers; and
//! `catalog::Operations` documents actix handlers by their extractors, as axum's.

use actix_web::{HttpResponse, get};
use errcat::ApiError;
use utoipa_actix_web::AppExt;

#[derive(Debug, thiserror::Error, ApiError)]
#[allow(dead_code)]
enum BundleError {
    #[error("bundle {0} not found")]
    #[status(404)]
    #[message("bundle not found")]
    NotFound(String),

    #[error("rate limited")]
    #[status(429)]
    #[message("Rate limit exceeded. Try again in {retry_after} seconds.")]
    #[header("Retry-After", "{retry_after}")]
    RateLimited {
        #[detail(example = 30)]
        retry_after: u64,
    },
}

/// Reads a bundle.
#[utoipa::path(
    get,
    path = "/bundles/{id}",
    responses((status = 200, description = "The bundle"), BundleError)
)]
#[get("/bundles/{id}")]
async fn get_bundle(id: actix_web::web::Path<String>) -> Result<HttpResponse, BundleError> {
    Err(BundleError::NotFound(id.into_inner()))
}

#[test]
fn test_utoipa_actix_web_collects_errcats_responses() {
    let (_app, api) = actix_web::App::new()
        .into_utoipa_app()
        .service(get_bundle)
        .split_for_parts();
    let doc = serde_json::to_value(&api).unwrap();
    let responses = &doc["paths"]["/bundles/{id}"]["get"]["responses"];
    assert!(responses["200"].is_object(), "{responses}");
    let not_found = &responses["404"]["content"]["application/problem+json"];
    let example = not_found["example"]
        .as_object()
        .or_else(|| not_found["examples"].as_object())
        .unwrap_or_else(|| panic!("no example: {}", responses["404"]));
    assert!(
        serde_json::to_string(example)
            .unwrap()
            .contains("bundle not found"),
        "{example:?}"
    );
    assert!(
        responses["429"]["headers"]["Retry-After"].is_object(),
        "{}",
        responses["429"]
    );
}

async fn put_key(
    _path: errcat::actix::Path<(u32, String)>,
    _key: errcat::actix::Json<serde_json::Value>,
    _state: actix_web::web::Data<()>,
    _request: actix_web::HttpRequest,
) -> Result<HttpResponse, BundleError> {
    Ok(HttpResponse::NoContent().finish())
}

async fn list_keys(
    _query: actix_web::web::Query<serde_json::Value>,
) -> Result<HttpResponse, std::convert::Infallible> {
    Ok(HttpResponse::Ok().finish())
}

#[test]
fn test_operations_document_actix_handlers_by_their_extractors() {
    let operations = errcat::catalog::Operations::new()
        .put("/bundles/{id}/keys/{name}", put_key)
        .get("/keys", list_keys);
    let codes = |method, path| -> Vec<&'static str> {
        operations
            .errors(&method, path)
            .unwrap()
            .iter()
            .map(|entry| entry.code)
            .collect()
    };
    let put = codes(http::Method::PUT, "/bundles/{id}/keys/{name}");
    for code in [
        "NOT_FOUND",
        "RATE_LIMITED",
        "INVALID_JSON",
        "UNSUPPORTED_MEDIA_TYPE",
        "PAYLOAD_TOO_LARGE",
        "INVALID_BODY",
        "INVALID_PATH",
    ] {
        assert!(put.contains(&code), "{code} missing from {put:?}");
    }
    // actix's own Query, answered by `ErrorContext` as errcat's would be.
    assert_eq!(codes(http::Method::GET, "/keys"), ["INVALID_QUERY"]);
}
