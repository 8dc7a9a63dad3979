//! The service's router: handlers, middleware (authentication, owners only, rate limits), and
//! the documents served beside the API. Each handler returns its own error set, so each
//! operation documents exactly what it can answer.

use crate::caller::{Caller, authenticate, require_owner};
use crate::docs;
use crate::errors::{
    BundleExists, BundleNotFound, InvalidField, KeyExists, KeyNotFound, Refused, RequestExpired,
    UnknownBundle,
};
use crate::limiter::Limiter;
use crate::store::{
    ApprovalRequest, Bundle, Key, Member, NewBundle, NewKey, NewMember, NewRequest, REQUEST_TTL,
    Store, StoredBundle,
};
use axum::Router;
use axum::extract::{Request, State};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post, put};
use errcat::axum::{ErrorContextLayer, Json, Path, Valid};
use http::StatusCode;
use std::convert::Infallible;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// Shared state: the store and the rate limiter.
#[derive(Clone)]
pub struct AppState {
    store: Arc<Mutex<Store>>,
    limiter: Arc<Limiter>,
}

impl AppState {
    /// Empty state, allowing `limit` requests per caller per minute.
    pub fn new(limit: u32) -> Self {
        AppState {
            store: Arc::default(),
            limiter: Arc::new(Limiter::new(limit, Duration::from_secs(60), 10_000)),
        }
    }

    /// The rate limiter, to see what it holds.
    pub fn limiter(&self) -> &Limiter {
        &self.limiter
    }

    fn store(&self) -> std::sync::MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The whole service: owners' routes behind `require_owner`, every API route behind the rate
/// limiter and `authenticate`, documents, and `ErrorContextLayer` around everything, so every
/// error is in the envelope and carries the request's id and path. `docs::operations` documents
/// the same structure.
pub fn router(state: AppState) -> Router {
    let owners = Router::new()
        .route("/api/v1/bundles", post(create_bundle))
        .route("/api/v1/bundles/{id}", delete(delete_bundle))
        .route("/api/v1/bundles/{id}/keys/{name}", put(put_key))
        .route("/api/v1/members", post(invite_member))
        .route_layer(middleware::from_fn(require_owner));
    let api = Router::new()
        .route("/api/v1/bundles", get(list_bundles))
        .route("/api/v1/bundles/{id}", get(get_bundle))
        .route("/api/v1/bundles/{id}/keys/{name}", get(get_key))
        .route("/api/v1/requests", post(create_request))
        .route("/api/v1/requests/{id}/wait", get(wait_request))
        .merge(owners)
        // Layers added later run first: authentication, then the caller's rate limit.
        .route_layer(middleware::from_fn_with_state(state.clone(), rate_limit))
        .route_layer(middleware::from_fn(authenticate));
    Router::new()
        .merge(api)
        .route(
            "/openapi.json",
            get(|| async { axum::Json(docs::api_document()) }),
        )
        // The catalog's page: each error's `type` (`/docs/errors#CODE`) names its section.
        .route(
            "/docs/errors",
            get(|| async { axum::response::Html(docs::catalog().to_html()) }),
        )
        .route(
            "/docs/errors.md",
            get(|| async {
                (
                    [(http::header::CONTENT_TYPE, "text/markdown; charset=utf-8")],
                    docs::catalog().to_markdown(),
                )
            }),
        )
        .with_state(state)
        // Outermost: every error response (unknown routes and methods, rejections, panics)
        // in the envelope, with the request's id, and rejections in the service's codes.
        .layer(ErrorContextLayer::new().rejections_as::<Refused>())
}

errcat::error_set! {
    /// What `POST /api/v1/bundles` answers with when it fails.
    pub enum CreateBundleError {
        /// The name is empty.
        InvalidField(InvalidField),
        /// The name is taken.
        BundleExists(BundleExists),
    }
}

/// Creates a bundle (owners only).
#[utoipa::path(
    post,
    path = "/api/v1/bundles",
    tag = "bundles",
    request_body = NewBundle,
    security(("bearer" = [])),
    responses((status = 201, description = "The new bundle", body = Bundle))
)]
pub async fn create_bundle(
    State(state): State<AppState>,
    Json(new): Json<NewBundle>,
) -> Result<(StatusCode, axum::Json<Bundle>), CreateBundleError> {
    let name = new.name.trim();
    if name.is_empty() {
        return Err(InvalidField::required("name").into());
    }
    let mut store = state.store();
    if store.bundles.values().any(|bundle| bundle.name == name) {
        return Err(BundleExists {
            name: name.to_owned(),
        }
        .into());
    }
    let id = store.new_id("b");
    store.bundles.insert(
        id.clone(),
        StoredBundle {
            name: name.to_owned(),
            ..StoredBundle::default()
        },
    );
    let bundle = store.bundle(&id).unwrap_or_else(|| Bundle {
        id,
        name: name.to_owned(),
        keys: Vec::new(),
    });
    Ok((StatusCode::CREATED, axum::Json(bundle)))
}

/// Lists the tenant's bundles.
#[utoipa::path(
    get,
    path = "/api/v1/bundles",
    tag = "bundles",
    security(("bearer" = [])),
    responses((status = 200, description = "Every bundle", body = Vec<Bundle>))
)]
pub async fn list_bundles(
    State(state): State<AppState>,
) -> Result<axum::Json<Vec<Bundle>>, Infallible> {
    let store = state.store();
    Ok(axum::Json(
        store
            .bundles
            .keys()
            .filter_map(|id| store.bundle(id))
            .collect(),
    ))
}

/// Gets one bundle.
#[utoipa::path(
    get,
    path = "/api/v1/bundles/{id}",
    tag = "bundles",
    params(("id" = String, Path, description = "The bundle's id")),
    security(("bearer" = [])),
    responses((status = 200, description = "The bundle", body = Bundle))
)]
pub async fn get_bundle(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<axum::Json<Bundle>, BundleNotFound> {
    let bundle = state.store().bundle(&id);
    Ok(axum::Json(bundle.ok_or(BundleNotFound { id })?))
}

/// Deletes a bundle and its keys (owners only).
#[utoipa::path(
    delete,
    path = "/api/v1/bundles/{id}",
    tag = "bundles",
    params(("id" = String, Path, description = "The bundle's id")),
    security(("bearer" = [])),
    responses((status = 204, description = "Deleted"))
)]
pub async fn delete_bundle(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<StatusCode, BundleNotFound> {
    match state.store().bundles.remove(&id) {
        Some(_) => Ok(StatusCode::NO_CONTENT),
        None => Err(BundleNotFound { id }),
    }
}

errcat::error_set! {
    /// What `PUT /api/v1/bundles/{id}/keys/{name}` answers with when it fails.
    pub enum PutKeyError {
        /// The value is empty.
        InvalidField(InvalidField),
        /// No such bundle.
        BundleNotFound(BundleNotFound),
        /// The bundle already has this key.
        KeyExists(KeyExists),
    }
}

/// Attaches a key to a bundle (owners only).
#[utoipa::path(
    put,
    path = "/api/v1/bundles/{id}/keys/{name}",
    tag = "keys",
    params(
        ("id" = String, Path, description = "The bundle's id"),
        ("name" = String, Path, description = "The key's name"),
    ),
    request_body = NewKey,
    security(("bearer" = [])),
    responses((status = 201, description = "The key", body = Key))
)]
pub async fn put_key(
    State(state): State<AppState>,
    Path((id, name)): Path<(String, String)>,
    Json(new): Json<NewKey>,
) -> Result<(StatusCode, axum::Json<Key>), PutKeyError> {
    if new.value.is_empty() {
        return Err(InvalidField::required("value").into());
    }
    let mut store = state.store();
    let bundle = store.bundles.get_mut(&id).ok_or(BundleNotFound { id })?;
    if bundle.keys.contains_key(&name) {
        return Err(KeyExists.into());
    }
    bundle.keys.insert(name.clone(), new.value.clone());
    Ok((
        StatusCode::CREATED,
        axum::Json(Key {
            name,
            value: new.value,
        }),
    ))
}

errcat::error_set! {
    /// What `GET /api/v1/bundles/{id}/keys/{name}` answers with when it fails.
    pub enum GetKeyError {
        /// No such bundle.
        BundleNotFound(BundleNotFound),
        /// The bundle has no such key.
        KeyNotFound(KeyNotFound),
    }
}

/// Gets a key of a bundle.
#[utoipa::path(
    get,
    path = "/api/v1/bundles/{id}/keys/{name}",
    tag = "keys",
    params(
        ("id" = String, Path, description = "The bundle's id"),
        ("name" = String, Path, description = "The key's name"),
    ),
    security(("bearer" = [])),
    responses((status = 200, description = "The key", body = Key))
)]
pub async fn get_key(
    State(state): State<AppState>,
    Path((id, name)): Path<(String, String)>,
) -> Result<axum::Json<Key>, GetKeyError> {
    let store = state.store();
    let bundle = store.bundles.get(&id).ok_or(BundleNotFound { id })?;
    let value = bundle
        .keys
        .get(&name)
        .ok_or_else(|| KeyNotFound(name.clone()))?;
    Ok(axum::Json(Key {
        name,
        value: value.clone(),
    }))
}

/// Invites a member to the tenant (owners only). A body that fails validation is answered
/// by `Valid` with `400 VALIDATION_FAILED`, listing every invalid field.
#[utoipa::path(
    post,
    path = "/api/v1/members",
    tag = "members",
    request_body = NewMember,
    security(("bearer" = [])),
    responses((status = 201, description = "The member", body = Member))
)]
pub async fn invite_member(
    State(state): State<AppState>,
    Valid(Json(new)): Valid<Json<NewMember>>,
) -> Result<(StatusCode, axum::Json<Member>), Infallible> {
    let member = Member {
        email: new.email,
        role: new.role,
    };
    state
        .store()
        .members
        .insert(member.email.clone(), member.clone());
    Ok((StatusCode::CREATED, axum::Json(member)))
}

/// Asks for a bundle's keys; an owner approves the request out of band.
#[utoipa::path(
    post,
    path = "/api/v1/requests",
    tag = "requests",
    request_body = NewRequest,
    security(("bearer" = [])),
    responses((status = 201, description = "The pending request", body = ApprovalRequest))
)]
pub async fn create_request(
    State(state): State<AppState>,
    Json(new): Json<NewRequest>,
) -> Result<(StatusCode, axum::Json<ApprovalRequest>), UnknownBundle> {
    let mut store = state.store();
    if !store.bundles.contains_key(&new.bundle) {
        return Err(UnknownBundle(new.bundle));
    }
    let id = store.new_id("req");
    store
        .requests
        .insert(id.clone(), (new.bundle.clone(), Instant::now()));
    let request = ApprovalRequest {
        id,
        bundle: new.bundle,
        expires_in: REQUEST_TTL.as_secs(),
    };
    Ok((StatusCode::CREATED, axum::Json(request)))
}

/// Waits for an approval request (answers at once with its state in this example).
#[utoipa::path(
    get,
    path = "/api/v1/requests/{id}/wait",
    tag = "requests",
    params(("id" = String, Path, description = "The request's id")),
    security(("bearer" = [])),
    responses((status = 200, description = "The request, still pending", body = ApprovalRequest))
)]
pub async fn wait_request(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<axum::Json<ApprovalRequest>, RequestExpired> {
    let store = state.store();
    let Some((bundle, created)) = store.requests.get(&id) else {
        return Err(RequestExpired(id));
    };
    let left = REQUEST_TTL.saturating_sub(created.elapsed());
    if left.is_zero() {
        return Err(RequestExpired(id));
    }
    Ok(axum::Json(ApprovalRequest {
        id,
        bundle: bundle.clone(),
        expires_in: left.as_secs(),
    }))
}

/// Middleware: the caller's rate limit (it runs after `authenticate`, which put the caller in
/// the request's extensions); a request beyond it is answered with
/// [`RateLimited`](crate::errors::RateLimited).
async fn rate_limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some(&caller) = request.extensions().get::<Caller>() else {
        return next.run(request).await;
    };
    match state.limiter.check(caller) {
        Ok(()) => next.run(request).await,
        Err(limited) => limited.into_response(),
    }
}
