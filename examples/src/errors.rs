//! The service's errors: one type per error its operations can answer, gathered into each
//! operation's own set (in [`crate::app`]) and into [`ServiceError`], every one of them.
//!
//! Each is documented at `/docs/errors`, the page the server serves: every error's `type` is
//! that page and its code's anchor (`/docs/errors#KEY_NOT_FOUND`), a URI relative to the
//! request's, as RFC 9457 allows, so it leads to the server that answered.

use errcat::ApiError;
use errcat::axum::Rejection;

/// The credentials are missing, invalid or expired.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(docs = "/docs/errors")]
#[error("unauthenticated")]
#[status(401)]
#[header("WWW-Authenticate", "Bearer")]
pub struct Unauthenticated;

/// The caller is a member, but the operation needs an owner.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(docs = "/docs/errors")]
#[error("owner role required")]
#[status(403)]
#[message("Forbidden: owner role required")]
pub struct OwnerRequired;

/// The caller exceeded its rate limit.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(docs = "/docs/errors")]
#[error("rate limited")]
#[status(429)]
#[message("Rate limit exceeded. Try again in {retry_after} seconds.")]
#[header("X-RateLimit-Limit", "{limit}")]
#[header("X-RateLimit-Remaining", "0")]
#[header("X-RateLimit-Reset", "{reset}")]
#[header("Retry-After", "{retry_after}")]
pub struct RateLimited {
    /// Seconds until the caller may try again.
    #[detail(example = 30)]
    pub retry_after: u64,
    /// Requests allowed per window.
    #[api_error(example = 600)]
    pub limit: u32,
    /// When the caller's window ends, in seconds since the Unix epoch; `None` (and no
    /// `X-RateLimit-Reset`) when the caller has no window, refused because the limiter is full.
    #[api_error(example = 1_634_567_890)]
    pub reset: Option<u64>,
}

/// A field of the request is missing, malformed or invalid: found by the operation itself,
/// or by reading the request (a missing, unknown or mistyped field).
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(docs = "/docs/errors")]
#[error("invalid {field}: {problem}")]
#[status(400)]
#[code("VALIDATION_ERROR")]
#[message("{field} {problem}")]
#[field("{field}")]
pub struct InvalidField {
    /// The field, as the request names it.
    #[api_error(example = "name")]
    pub field: String,
    /// What is wrong with it, reading on from its name.
    #[api_error(example = "is required")]
    pub problem: String,
}

impl InvalidField {
    /// The error for a required `field` left empty.
    pub fn required(field: &str) -> Self {
        InvalidField {
            field: field.to_owned(),
            problem: "is required".to_owned(),
        }
    }
}

/// No bundle with this id exists in the caller's tenant (bundles are tenant-scoped).
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(docs = "/docs/errors")]
#[error("bundle {id} not found")]
#[status(404)]
#[message("bundle not found")]
pub struct BundleNotFound {
    /// The bundle id asked for; kept out of the response.
    pub id: String,
}

/// A bundle with this name already exists in the tenant.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(docs = "/docs/errors")]
#[error("duplicate bundle {name}")]
#[status(409)]
#[message("bundle with this name already exists")]
pub struct BundleExists {
    /// The clashing name.
    pub name: String,
}

/// No key with this name in the bundle.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(docs = "/docs/errors")]
#[error("key {0} not found")]
#[status(404)]
#[message("Key '{0}' not found")]
pub struct KeyNotFound(#[api_error(example = "STRIPE_KEY")] pub String);

/// The key is already attached to the bundle.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(docs = "/docs/errors")]
#[error("key already attached")]
#[status(409)]
#[message("Key already attached to bundle")]
pub struct KeyExists;

/// The approval request does not exist, or expired (after 5 minutes); create a new one.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(docs = "/docs/errors")]
#[error("request {0} expired")]
#[status(404)]
#[code("REQUEST_EXPIRED")]
#[message("request not found or expired")]
pub struct RequestExpired(pub String);

/// The approval request names a bundle that does not exist.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(docs = "/docs/errors")]
#[error("request for unknown bundle {0}")]
#[status(400)]
#[code("INVALID_BUNDLE")]
#[message("bundle not found")]
#[field("bundle")]
pub struct UnknownBundle(pub String);

/// A request refused before an operation could answer it (by an extractor, by routing, by
/// a limit, or because a handler panicked), in the service's own codes: what
/// `ErrorContextLayer::rejections_as::<Refused>()` answers for every rejection.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(docs = "/docs/errors")]
pub enum Refused {
    /// One field of the request is at fault.
    #[error(transparent)]
    #[api_error(transparent)]
    InvalidField(InvalidField),
    /// Anything else, in errcat's words: invalid JSON, a wrong content type, a body too
    /// large, several invalid fields, an unknown route or method, a failure on our side.
    #[error(transparent)]
    #[api_error(transparent)]
    Rejected(Rejection),
}

impl From<Rejection> for Refused {
    fn from(rejection: Rejection) -> Self {
        match rejection.field() {
            Some(bad) => Refused::InvalidField(InvalidField {
                field: bad.field.to_string(),
                problem: bad.message.to_string(),
            }),
            None => Refused::Rejected(rejection),
        }
    }
}

/// Something failed on our side; the cause is logged, never sent.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(docs = "/docs/errors")]
#[error("storage failure")]
#[status(500)]
#[code("SERVER_ERROR")]
#[message("internal server error")]
pub struct StorageFailed(#[source] pub std::io::Error);

errcat::error_set! {
    /// Every error the service answers with, each answering as itself. A handler could
    /// return this one word; the service's handlers each return their own set instead, so
    /// each operation documents only what it can answer.
    pub enum ServiceError {
        /// See [`Unauthenticated`].
        Unauthenticated(Unauthenticated),
        /// See [`OwnerRequired`].
        OwnerRequired(OwnerRequired),
        /// See [`RateLimited`].
        RateLimited(RateLimited),
        /// See [`InvalidField`].
        InvalidField(InvalidField),
        /// See [`BundleNotFound`].
        BundleNotFound(BundleNotFound),
        /// See [`BundleExists`].
        BundleExists(BundleExists),
        /// See [`KeyNotFound`].
        KeyNotFound(KeyNotFound),
        /// See [`KeyExists`].
        KeyExists(KeyExists),
        /// See [`RequestExpired`].
        RequestExpired(RequestExpired),
        /// See [`UnknownBundle`].
        UnknownBundle(UnknownBundle),
        /// See [`Refused`]: what `ErrorContextLayer` answers for every rejection.
        Refused(Refused),
        /// See [`StorageFailed`].
        StorageFailed(StorageFailed),
    }
}
