//! The service's documents: its error catalog and its whole OpenAPI description.

use crate::app;
use crate::errors::{AuthError, BundleError, CommonError, KeyError, RequestError};
use errcat::Catalog;
use errcat::axum::Rejection;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

/// Every error of the service, grouped by area.
pub fn catalog() -> Catalog {
    Catalog::new()
        .title("env.cat API errors")
        .group::<AuthError>("Authentication")
        .group::<BundleError>("Bundles")
        .group::<KeyError>("Keys")
        .group::<RequestError>("Requests")
        .group::<Rejection>("Unreadable requests")
        .group::<CommonError>("Every endpoint")
}

/// The whole API, as served at `/openapi.json`: paths from the handlers, error responses
/// from the error enums.
pub fn api_document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

/// The committed documents, by path from the repository root, with their text: what
/// `tests/docs_fresh.rs` keeps fresh.
pub fn committed() -> [(&'static str, String); 3] {
    let pretty =
        |value: &serde_json::Value| serde_json::to_string_pretty(value).unwrap_or_default() + "\n";
    let api = serde_json::to_value(api_document()).unwrap_or_default();
    [
        ("docs/errors.md", catalog().to_markdown()),
        ("docs/errors.openapi.json", pretty(&catalog().to_openapi())),
        ("docs/openapi.json", pretty(&api)),
    ]
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "env.cat API",
        version = "1.0.0",
        description = "An example secrets-manager API whose errors come from errcat.",
        license(name = "MIT OR Apache-2.0", identifier = "MIT OR Apache-2.0")
    ),
    servers((url = "/")),
    paths(
        app::create_bundle,
        app::list_bundles,
        app::get_bundle,
        app::delete_bundle,
        app::put_key,
        app::get_key,
        app::invite_member,
        app::create_request,
        app::wait_request,
    ),
    modifiers(&BearerAuth),
    tags(
        (name = "bundles", description = "Named sets of keys"),
        (name = "keys", description = "The keys of a bundle"),
        (name = "members", description = "Who may use the tenant's bundles"),
        (name = "requests", description = "Requests for a bundle's keys, approved by an owner"),
    )
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        if let Some(components) = openapi.components.as_mut() {
            components.add_security_scheme(
                "bearer",
                SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
            );
        }
    }
}
