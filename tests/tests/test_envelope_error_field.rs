//! The `ErrorField` envelope (`{"error": MESSAGE}`), byte for byte, with status, content type
//! and headers: the message alone, never the code, field or a private field, and the same
//! body through a transparent variant of the handler's error type. The bodies are every one
//! of env.cat's "Error Codes" page (seed 000).
//!
//! The seed pretty-prints its bodies; errcat writes compact JSON, so each expected body below
//! is the seed's JSON with the whitespace between tokens removed, members in seed order.

mod common;

use common::{assert_renders_json, body_text, header_list};
use errcat::ApiError;
use errcat::envelope::ErrorField;
use errcat::envelope::{ErrorParts, Timestamp};
use http::StatusCode;
use std::time::{Duration, UNIX_EPOCH};

/// "Authentication Errors".
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(envelope = errcat::envelope::ErrorField)]
pub enum AuthError {
    /// The `__session` cookie is missing, invalid or expired.
    #[error("invalid session")]
    #[status(401)]
    InvalidSession,

    /// The request did not come through the BFF: its signature header does not verify.
    #[error("invalid BFF signature")]
    #[status(401)]
    InvalidBffSignature,

    /// The caller is a member, and the endpoint needs the owner.
    #[error("owner role required")]
    #[status(403)]
    #[message("Forbidden: owner role required")]
    OwnerRequired,

    /// Too many failed logins locked the account.
    #[error("account {account_id} locked until {until}")]
    #[status(403)]
    #[message("Account locked until {until}")]
    AccountLocked {
        account_id: String,
        until: Timestamp,
    },
}

/// "Bundles Errors".
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(envelope = errcat::envelope::ErrorField)]
pub enum BundleError {
    #[error("bundle name missing")]
    #[status(400)]
    #[message("name required")]
    #[field("name")]
    MissingName,

    /// Bundles are tenant-scoped: another tenant's bundle is "not found" too.
    #[error("bundle {id} not found")]
    #[status(404)]
    #[message("bundle not found")]
    NotFound { id: String },

    #[error("duplicate bundle {name}")]
    #[status(409)]
    #[message("bundle with this name already exists")]
    DuplicateName { name: String },
}

/// "Keys Errors".
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(envelope = errcat::envelope::ErrorField)]
pub enum KeyError {
    #[error("key name missing")]
    #[status(400)]
    #[message("Key name is required")]
    MissingName,

    #[error("key value missing")]
    #[status(400)]
    #[message("Key value is required")]
    MissingValue,

    #[error("key {id} not found")]
    #[status(404)]
    #[message("Key not found")]
    NotFound { id: String },

    #[error("duplicate key {name}")]
    #[status(409)]
    #[message("Key with this name already exists")]
    DuplicateName { name: String },

    #[error("key {key_id} already attached to bundle {bundle_id}")]
    #[status(409)]
    #[message("Key already attached to bundle")]
    AlreadyAttached { key_id: String, bundle_id: String },
}

/// "Requests Errors": approval requests.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(envelope = errcat::envelope::ErrorField)]
pub enum RequestError {
    /// Requests expire after 5 minutes.
    #[error("request {id} not found or expired")]
    #[status(404)]
    #[message("request not found or expired")]
    NotFoundOrExpired { id: String },

    /// The request names a bundle that does not exist: a bad argument, hence 400.
    #[error("request for unknown bundle {bundle}")]
    #[status(400)]
    #[message("bundle not found")]
    InvalidBundle { bundle: String },
}

/// "Users Errors".
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(envelope = errcat::envelope::ErrorField)]
pub enum UserError {
    #[error("clerk_user_id missing")]
    #[status(400)]
    #[message("clerk_user_id required")]
    MissingClerkUserId,

    /// Clerk user ids start with `user_`.
    #[error("invalid clerk_user_id {value:?}")]
    #[status(400)]
    #[message("Invalid clerk_user_id format")]
    InvalidClerkUserId { value: String },

    /// This API does put the cause into the message.
    #[error("failed to create user: {reason}")]
    #[status(500)]
    #[message("Failed to create user: {reason}")]
    CreateFailed { reason: String },
}

/// Everything a handler of the env.cat API returns.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(envelope = errcat::envelope::ErrorField)]
pub enum EnvCatError {
    #[error(transparent)]
    #[api_error(transparent)]
    Auth(#[from] AuthError),

    #[error(transparent)]
    #[api_error(transparent)]
    Bundle(#[from] BundleError),

    #[error(transparent)]
    #[api_error(transparent)]
    Key(#[from] KeyError),

    #[error(transparent)]
    #[api_error(transparent)]
    Request(#[from] RequestError),

    #[error(transparent)]
    #[api_error(transparent)]
    User(#[from] UserError),

    /// "Rate Limiting": login, setup and request creation are throttled per endpoint.
    #[error("rate limited on {endpoint}")]
    #[status(429)]
    #[message("Too many requests")]
    #[header("X-RateLimit-Limit", "{limit}")]
    #[header("X-RateLimit-Remaining", "{remaining}")]
    #[header("X-RateLimit-Reset", "{reset}")]
    #[header("Retry-After", "{retry_after}")]
    RateLimited {
        endpoint: &'static str,
        limit: u32,
        remaining: u32,
        reset: u64,
        retry_after: u64,
    },

    /// The catch-all of "Server-Side": `jsonify({"error": "internal server error"}), 500`.
    #[error("internal error")]
    #[status(500)]
    #[message("internal server error")]
    Internal(#[source] std::io::Error),
}

// ---- The envelope (the page's "Overview") ----

#[test]
fn test_body_is_the_error_member_alone() {
    let parts = ErrorParts::new(
        StatusCode::BAD_REQUEST,
        "BAD_REQUEST",
        "Human-readable error message",
    )
    .with_envelope::<ErrorField>();
    let response = common::Hand(parts).to_response();
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(
        body_text(&response),
        r#"{"error":"Human-readable error message"}"#
    );
}

// ---- Authentication Errors ----

#[test]
fn test_401_invalid_session_says_reason_phrase() {
    assert_renders_json(
        &AuthError::InvalidSession,
        401,
        r#"{"error":"Unauthorized"}"#,
    );
}

#[test]
fn test_401_invalid_bff_signature_says_reason_phrase() {
    assert_renders_json(
        &AuthError::InvalidBffSignature,
        401,
        r#"{"error":"Unauthorized"}"#,
    );
    assert_eq!(
        AuthError::InvalidBffSignature.code(),
        "INVALID_BFF_SIGNATURE"
    );
}

#[test]
fn test_403_insufficient_permissions_owner_role_required() {
    assert_renders_json(
        &AuthError::OwnerRequired,
        403,
        r#"{"error":"Forbidden: owner role required"}"#,
    );
}

#[test]
fn test_403_message_interpolates_timestamp() {
    let error = AuthError::AccountLocked {
        account_id: "acct_7f3a".into(),
        until: Timestamp::from(UNIX_EPOCH + Duration::from_secs(1_761_233_400)),
    };
    assert_renders_json(
        &error,
        403,
        r#"{"error":"Account locked until 2025-10-23T15:30:00Z"}"#,
    );
}

// ---- Bundles Errors ----

#[test]
fn test_400_field_left_out_of_body() {
    assert_renders_json(
        &BundleError::MissingName,
        400,
        r#"{"error":"name required"}"#,
    );
}

#[test]
fn test_404_bundle_not_found_keeps_id_private() {
    let error = BundleError::NotFound {
        id: "other-tenant-bundle-uuid".into(),
    };
    assert_renders_json(&error, 404, r#"{"error":"bundle not found"}"#);
}

#[test]
fn test_409_bundle_duplicate_name() {
    let error = BundleError::DuplicateName {
        name: "dev/api".into(),
    };
    assert_renders_json(
        &error,
        409,
        r#"{"error":"bundle with this name already exists"}"#,
    );
}

// ---- Keys Errors ----

#[test]
fn test_400_key_missing_required_field() {
    assert_renders_json(
        &KeyError::MissingName,
        400,
        r#"{"error":"Key name is required"}"#,
    );
}

#[test]
fn test_400_key_missing_value() {
    assert_renders_json(
        &KeyError::MissingValue,
        400,
        r#"{"error":"Key value is required"}"#,
    );
}

#[test]
fn test_404_key_not_found() {
    let error = KeyError::NotFound { id: "k-1".into() };
    assert_renders_json(&error, 404, r#"{"error":"Key not found"}"#);
}

#[test]
fn test_409_duplicate_key_name() {
    let error = KeyError::DuplicateName {
        name: "DATABASE_URL".into(),
    };
    assert_renders_json(
        &error,
        409,
        r#"{"error":"Key with this name already exists"}"#,
    );
}

#[test]
fn test_409_key_already_attached() {
    let error = KeyError::AlreadyAttached {
        key_id: "k-1".into(),
        bundle_id: "b-1".into(),
    };
    assert_renders_json(&error, 409, r#"{"error":"Key already attached to bundle"}"#);
}

// ---- Requests Errors ----

#[test]
fn test_404_request_expired() {
    let error = RequestError::NotFoundOrExpired {
        id: "old-request-id".into(),
    };
    assert_renders_json(&error, 404, r#"{"error":"request not found or expired"}"#);
}

#[test]
fn test_400_request_invalid_bundle() {
    let error = RequestError::InvalidBundle {
        bundle: "dev/none".into(),
    };
    assert_renders_json(&error, 400, r#"{"error":"bundle not found"}"#);
    assert_eq!(error.code(), "INVALID_BUNDLE");
}

// ---- Users Errors ----

#[test]
fn test_400_missing_clerk_user_id() {
    assert_renders_json(
        &UserError::MissingClerkUserId,
        400,
        r#"{"error":"clerk_user_id required"}"#,
    );
}

#[test]
fn test_400_invalid_clerk_user_id_format() {
    let error = UserError::InvalidClerkUserId {
        value: "invalid_format".into(),
    };
    assert_renders_json(&error, 400, r#"{"error":"Invalid clerk_user_id format"}"#);
}

#[test]
fn test_500_cause_in_message_json_escaped() {
    // The seed writes the placeholder `<details>` literally; `<` and `>` stay unescaped.
    let error = UserError::CreateFailed {
        reason: "<details>".into(),
    };
    assert_renders_json(
        &error,
        500,
        r#"{"error":"Failed to create user: <details>"}"#,
    );

    let error = UserError::CreateFailed {
        reason: "duplicate key \"users_email_key\"".into(),
    };
    assert_renders_json(
        &error,
        500,
        r#"{"error":"Failed to create user: duplicate key \"users_email_key\""}"#,
    );
}

// ---- Rate Limiting ----

#[test]
fn test_429_too_many_requests_with_rate_limit_headers() {
    let error = EnvCatError::RateLimited {
        endpoint: "POST /api/v1/auth/login",
        limit: 5,
        remaining: 0,
        reset: 1_634_567_890,
        retry_after: 900,
    };
    let response = error.to_response();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        header_list(&response),
        [
            ("content-type", "application/json"),
            ("x-ratelimit-limit", "5"),
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-reset", "1634567890"),
            ("retry-after", "900"),
        ]
    );
    assert_eq!(body_text(&response), r#"{"error":"Too many requests"}"#);
}

// ---- Through the handler's transparent variants ("Common Error Scenarios") ----

#[test]
fn test_transparent_unauthorized_bundle_access() {
    let error = EnvCatError::from(BundleError::NotFound {
        id: "other-tenant-bundle-uuid".into(),
    });
    assert_renders_json(&error, 404, r#"{"error":"bundle not found"}"#);
}

#[test]
fn test_transparent_create_duplicate_bundle() {
    let error = EnvCatError::from(BundleError::DuplicateName {
        name: "dev/api".into(),
    });
    assert_renders_json(
        &error,
        409,
        r#"{"error":"bundle with this name already exists"}"#,
    );
}

#[test]
fn test_transparent_expired_approval_request() {
    let error = EnvCatError::from(RequestError::NotFoundOrExpired {
        id: "old-request-id".into(),
    });
    assert_renders_json(&error, 404, r#"{"error":"request not found or expired"}"#);
}

#[test]
fn test_transparent_member_tries_to_create_bundle() {
    let error = EnvCatError::from(AuthError::OwnerRequired);
    assert_renders_json(&error, 403, r#"{"error":"Forbidden: owner role required"}"#);
}

#[test]
fn test_transparent_invalid_clerk_user_id_format() {
    let error = EnvCatError::from(UserError::InvalidClerkUserId {
        value: "invalid_format".into(),
    });
    assert_renders_json(&error, 400, r#"{"error":"Invalid clerk_user_id format"}"#);
}

// ---- Error Handling Best Practices: Server-Side ----

#[test]
fn test_500_internal_server_error_hides_source() {
    let error = EnvCatError::Internal(std::io::Error::other("connection refused: db:5432"));
    assert_renders_json(&error, 500, r#"{"error":"internal server error"}"#);
}
