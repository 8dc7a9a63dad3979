//! The service's error types: one enum per area, nested into [`ServiceError`] with
//! `#[api_error(transparent)]`.

use errcat::ApiError;

/// Authentication and permission errors.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum AuthError {
    /// The session cookie or API key is missing, invalid or expired.
    #[error("unauthenticated")]
    #[status(401)]
    #[header("WWW-Authenticate", "Bearer")]
    Unauthenticated,

    /// The caller is a member, but the operation needs an owner.
    #[error("owner role required")]
    #[status(403)]
    #[message("Forbidden: owner role required")]
    OwnerRequired,

    /// Too many failed logins: the account is locked for a while.
    #[error("account locked until {until}")]
    #[status(403)]
    #[code("ACCOUNT_LOCKED")]
    #[message("Account locked until {until}")]
    Locked {
        /// When the lock ends, RFC 3339.
        until: String,
    },
}

/// Errors of the bundles endpoints.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum BundleError {
    /// No bundle with this id exists in the caller's tenant (bundles are tenant-scoped).
    #[error("bundle {id} not found")]
    #[status(404)]
    #[message("bundle not found")]
    NotFound {
        /// The bundle id asked for; kept out of the response.
        id: String,
    },

    /// The request body has no `name`.
    #[error("missing bundle name")]
    #[status(400)]
    #[code("VALIDATION_ERROR")]
    #[message("name required")]
    #[field("name")]
    MissingName,

    /// A bundle with this name already exists in the tenant.
    #[error("duplicate bundle {name}")]
    #[status(409)]
    #[code("CONFLICT")]
    #[message("bundle with this name already exists")]
    Duplicate {
        /// The clashing name.
        name: String,
    },
}

/// Errors of the keys endpoints.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum KeyError {
    /// No key with this name in the bundle.
    #[error("key {0} not found")]
    #[status(404)]
    #[code("KEY_NOT_FOUND")]
    #[message("Key '{0}' not found")]
    NotFound(String),

    /// A required field of the key is missing.
    #[error("missing {field}")]
    #[status(400)]
    #[code("VALIDATION_ERROR")]
    #[message("Key {field} is required")]
    #[field("{field}")]
    Missing {
        /// `name` or `value`.
        field: &'static str,
    },

    /// The key is already attached to the bundle.
    #[error("key already attached")]
    #[status(409)]
    #[code("CONFLICT")]
    #[message("Key already attached to bundle")]
    AlreadyAttached,
}

/// Errors of approval requests (`envcat get` waits for an owner's approval).
#[derive(Debug, thiserror::Error, ApiError)]
pub enum RequestError {
    /// Requests expire after 5 minutes; create a new one.
    #[error("request {0} expired")]
    #[status(404)]
    #[code("REQUEST_EXPIRED")]
    #[message("request not found or expired")]
    Expired(String),

    /// The request names a bundle that does not exist.
    #[error("request for unknown bundle {0}")]
    #[status(400)]
    #[code("INVALID_BUNDLE")]
    #[message("bundle not found")]
    #[field("bundle")]
    UnknownBundle(String),
}

/// Errors any endpoint can answer: routing, rate limits, failures on our side.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum CommonError {
    /// No route has this path.
    #[error("no route")]
    #[status(404)]
    #[code("ROUTE_NOT_FOUND")]
    #[message("No such endpoint")]
    NoRoute,

    /// The path exists, but not with this method.
    #[error("method not allowed")]
    #[status(405)]
    #[code("METHOD_NOT_ALLOWED")]
    MethodNotAllowed,

    /// The client exceeded its rate limit.
    #[error("rate limited")]
    #[status(429)]
    #[code("RATE_LIMITED")]
    #[message("Rate limit exceeded. Try again in {retry_after} seconds.")]
    #[header("Retry-After", "{retry_after}")]
    #[header("X-RateLimit-Limit", "{limit}")]
    #[header("X-RateLimit-Remaining", "0")]
    RateLimited {
        /// Seconds until the window resets.
        #[detail]
        retry_after: u64,
        /// Requests allowed per window.
        limit: u32,
    },

    /// Something failed on our side; the cause is logged, never sent.
    #[error("storage failure")]
    #[status(500)]
    #[code("SERVER_ERROR")]
    #[message("internal server error")]
    Storage(#[source] std::io::Error),
}

/// Every error the service answers with: each area's errors, nested.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum ServiceError {
    /// See [`AuthError`].
    #[error(transparent)]
    #[api_error(transparent)]
    Auth(#[from] AuthError),

    /// See [`BundleError`].
    #[error(transparent)]
    #[api_error(transparent)]
    Bundle(#[from] BundleError),

    /// See [`KeyError`].
    #[error(transparent)]
    #[api_error(transparent)]
    Key(#[from] KeyError),

    /// See [`RequestError`].
    #[error(transparent)]
    #[api_error(transparent)]
    Request(#[from] RequestError),

    /// A request errcat's extractors refused: bad JSON, wrong content type, a missing or
    /// mistyped field. The extractors answer with it themselves; it is listed here so the
    /// catalog and each endpoint's OpenAPI responses show it.
    #[error(transparent)]
    #[api_error(transparent)]
    Rejected(#[from] errcat::axum::Rejection),

    /// See [`CommonError`].
    #[error(transparent)]
    #[api_error(transparent)]
    Common(#[from] CommonError),
}
