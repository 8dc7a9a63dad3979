//! The service's documents: its error catalog, and its OpenAPI description with each
//! operation's own errors.

use crate::app;
use crate::errors::{
    BundleExists, BundleNotFound, InvalidField, KeyExists, KeyNotFound, OwnerRequired, RateLimited,
    Refused, RequestExpired, StorageFailed, Unauthenticated, UnknownBundle,
};
use errcat::Catalog;
use errcat::catalog::Operations;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

errcat::error_set! {
    /// Authentication and permissions.
    pub enum AuthErrors {
        /// See [`Unauthenticated`].
        Unauthenticated(Unauthenticated),
        /// See [`OwnerRequired`].
        OwnerRequired(OwnerRequired),
    }
}

errcat::error_set! {
    /// Bundles and their keys.
    pub enum BundleErrors {
        /// See [`BundleNotFound`].
        BundleNotFound(BundleNotFound),
        /// See [`BundleExists`].
        BundleExists(BundleExists),
        /// See [`KeyNotFound`].
        KeyNotFound(KeyNotFound),
        /// See [`KeyExists`].
        KeyExists(KeyExists),
        /// See [`InvalidField`].
        InvalidField(InvalidField),
    }
}

errcat::error_set! {
    /// Approval requests.
    pub enum RequestErrors {
        /// See [`RequestExpired`].
        RequestExpired(RequestExpired),
        /// See [`UnknownBundle`].
        UnknownBundle(UnknownBundle),
    }
}

errcat::error_set! {
    /// What any request can get: rate limits, failures on our side.
    pub enum CommonErrors {
        /// See [`RateLimited`].
        RateLimited(RateLimited),
        /// See [`StorageFailed`].
        StorageFailed(StorageFailed),
    }
}

/// Every error of the service, grouped by area.
pub fn catalog() -> Catalog {
    Catalog::new()
        .title("env.cat API errors")
        .group::<AuthErrors>("Authentication")
        .group::<BundleErrors>("Bundles and keys")
        .group::<RequestErrors>("Approval requests")
        .rejections_as::<Refused>("Refused requests")
        .group::<CommonErrors>("Every endpoint")
}

/// Each operation with the errors it can answer: its handler's own, its extractors', and the
/// middleware's it is behind, in the router's structure (`app::router`).
pub fn operations() -> Operations {
    Operations::new()
        // As `ErrorContextLayer::rejections_as::<Refused>()` answers them.
        .rejections_as::<Refused>()
        .post("/api/v1/bundles", app::create_bundle)
        .delete("/api/v1/bundles/{id}", app::delete_bundle)
        .put("/api/v1/bundles/{id}/keys/{name}", app::put_key)
        .post("/api/v1/members", app::invite_member)
        .layer::<OwnerRequired>()
        .get("/api/v1/bundles", app::list_bundles)
        .get("/api/v1/bundles/{id}", app::get_bundle)
        .get("/api/v1/bundles/{id}/keys/{name}", app::get_key)
        .post("/api/v1/requests", app::create_request)
        .get("/api/v1/requests/{id}/wait", app::wait_request)
        .layer::<RateLimited>()
        .layer::<Unauthenticated>()
        .layer_routing()
}

/// The whole API, as served at `/openapi.json`: paths and bodies from the handlers' utoipa
/// attributes, error responses from `operations`.
pub fn api_document() -> serde_json::Value {
    operations().document(serde_json::to_value(ApiDoc::openapi()).unwrap_or_default())
}

/// The committed documents, by path from the repository root, with their text: what
/// `tests/docs_fresh.rs` keeps fresh.
pub fn committed() -> [(&'static str, String); 4] {
    let pretty =
        |value: &serde_json::Value| serde_json::to_string_pretty(value).unwrap_or_default() + "\n";
    [
        ("docs/errors.md", catalog().to_markdown()),
        ("docs/errors.html", catalog().to_html()),
        ("docs/errors.openapi.json", pretty(&catalog().to_openapi())),
        ("docs/openapi.json", pretty(&api_document())),
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
