//! Seed 001, Grizzly "API Error Responses": every error body on the page, byte for byte.
//! Most are the `MessageField` envelope (`{"message": MESSAGE}`); the invitation and asset
//! bodies follow no envelope and are raw `#[api_error(body)]` fields.
//!
//! The seed pretty-prints its bodies; errcat writes compact JSON, so each expected body below
//! is the seed's JSON with the whitespace between tokens removed, members in seed order.

mod common;

use errcat::envelope::ErrorParts;
use errcat::envelope::MessageField;
use errcat::{ApiError, FieldViolation, Violations};
use http::{Response, StatusCode};
use serde::Serialize;
use std::collections::BTreeMap;

/// Authentication, permission and request-format errors of every endpoint.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(envelope = errcat::envelope::MessageField)]
pub enum RequestError {
    /// The API key is wrong, disabled, or belongs to another tenant.
    #[error("invalid API key")]
    #[status(401)]
    InvalidApiKey,

    #[error("missing Authorization header")]
    #[status(401)]
    MissingAuthorization,

    /// The API key lacks `keyring.<ring>.rotate` (or `keyring.*.rotate`).
    #[error("API key {api_key_id} may not rotate {ring}")]
    #[status(403)]
    #[message("Insufficient permissions to rotate keys for KeyRing '{ring}'")]
    RotateForbidden { api_key_id: String, ring: String },

    #[error("missing field {field}")]
    #[status(400)]
    #[message("Missing required field: {field}")]
    #[field("{field}")]
    MissingField { field: &'static str },

    #[error("invalid JSON")]
    #[status(400)]
    #[message("Invalid JSON in request body")]
    InvalidJson(#[source] serde_json::Error),

    #[error("unsupported content type")]
    #[status(400)]
    #[message("Content-Type must be application/json")]
    UnsupportedContentType,
}

/// The state an invitation is in, as the invitation endpoints answer it:
/// `{"state":"invalid"}`, `{"state":"expired"}`, `{"state":"malformed-password","results":...}`.
#[derive(Debug, Serialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum InviteState {
    Invalid,
    Expired,
    MalformedPassword { results: PasswordResults },
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PasswordResults {
    pub is_valid: bool,
    pub details: PasswordDetails,
}

/// The password policy next to what the submitted password has.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PasswordDetails {
    pub min_length: u32,
    pub new_password_length: u32,
    pub min_uppercase: u32,
    pub new_password_uppercase: u32,
    pub min_lowercase: u32,
    pub new_password_lowercase: u32,
    pub min_special_char: u32,
    pub new_password_special_char: u32,
    pub min_number: u32,
    pub new_password_number: u32,
}

/// The 422 body of `/ks/decrypt`: which ring and key, and what is wrong with the asset.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AssetValidation {
    pub ring_id: String,
    pub ringname: String,
    pub key: KeyRef,
    pub asset: AssetStatus,
}

#[derive(Debug, Serialize)]
pub struct KeyRef {
    pub r#type: String,
    pub id: String,
}

#[derive(Debug, Serialize)]
pub struct AssetStatus {
    pub valid: bool,
    pub id: String,
    pub message: String,
    pub data: BTreeMap<String, serde_json::Value>,
}

/// Invitations and login.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(envelope = errcat::envelope::MessageField)]
pub enum InviteError {
    /// The chosen password fails the complexity policy.
    #[error("password rejected")]
    #[status(400)]
    PasswordRejected {
        #[api_error(body)]
        state: InviteState,
    },

    /// The invite token is unknown or has expired.
    #[error("invite token rejected: {state:?}")]
    #[status(401)]
    TokenRejected {
        #[api_error(body)]
        state: InviteState,
    },

    #[error("invalid login")]
    #[status(400)]
    #[message("Invalid username or password")]
    InvalidLogin,
}

/// Key service (`/ks`) errors.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(envelope = errcat::envelope::MessageField)]
pub enum KeyServiceError {
    #[error("key ring {0} not found")]
    #[status(404)]
    #[code("KEYRING_NOT_FOUND")]
    #[message("KeyRing '{0}' not found")]
    KeyRingNotFound(String),

    #[error("duplicate key ring {name}")]
    #[status(400)]
    #[message("The KeyRing '{name}' already exists. KeyRings must have unique names.")]
    DuplicateKeyRing { name: String },

    #[error("key ring {name} still in use")]
    #[status(400)]
    #[message("Cannot delete KeyRing. Active API keys are still using this KeyRing.")]
    KeyRingInUse { name: String },

    /// The asset's signature does not verify: data or header was tampered with.
    #[error("asset validation failed")]
    #[status(422)]
    AssetInvalid(#[api_error(body)] AssetValidation),

    #[error("key rotation failed")]
    #[status(500)]
    #[message("An unexpected error occurred while rotating the key")]
    RotationFailed(#[source] std::io::Error),
}

/// Auth service (`/auth`) errors: users, accounts, API keys.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(envelope = errcat::envelope::MessageField)]
pub enum AccountError {
    #[error("user {username} not found")]
    #[status(404)]
    #[message("User '{username}' not found")]
    UserNotFound { username: String },

    #[error("account {id} not found")]
    #[status(404)]
    #[message("Account not found")]
    AccountNotFound { id: String },

    #[error("API key {id} not found")]
    #[status(404)]
    #[message("API Key not found")]
    ApiKeyNotFound { id: String },

    #[error("account {account_id} not found for new API key")]
    #[status(404)]
    #[message("Account not found. Cannot create API key.")]
    ApiKeyAccountNotFound { account_id: String },

    #[error("duplicate username {username}")]
    #[status(400)]
    #[message("User with username '{username}' already exists")]
    DuplicateUsername { username: String },

    #[error("duplicate email {email}")]
    #[status(400)]
    #[message("User with email '{email}' already exists")]
    DuplicateEmail {
        email: String,
        /// The field at fault, under `errors`.
        #[api_error(violations)]
        fields: Violations,
    },
}

fn body_text<B: AsRef<[u8]>>(response: &Response<B>) -> &str {
    std::str::from_utf8(response.body().as_ref()).expect("body is UTF-8")
}

/// Renders `error` and checks status, `Content-Type: application/json` (the seed shows it on
/// every response) as the only header, and the body.
#[track_caller]
fn assert_seed_body(error: &impl ApiError, status: u16, expected: &str) {
    let response = error.to_response();
    assert_eq!(response.status(), status, "status of {expected}");
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(response.headers().len(), 1, "no header but content-type");
    assert_eq!(body_text(&response), expected);
}

// ---- Error Response Format ----

#[test]
fn test_error_response_format_is_message_member_alone() {
    let parts = ErrorParts::new(
        StatusCode::BAD_REQUEST,
        "BAD_REQUEST",
        "Description of what went wrong",
    )
    .with_envelope::<MessageField>();
    assert_eq!(
        body_text(&common::Hand(parts).to_response()),
        r#"{"message":"Description of what went wrong"}"#
    );
}

// ---- Authentication Errors (401) ----

#[test]
fn test_401_invalid_api_key_says_reason_phrase() {
    assert_seed_body(
        &RequestError::InvalidApiKey,
        401,
        r#"{"message":"Unauthorized"}"#,
    );
}

#[test]
fn test_401_missing_authorization_header_says_reason_phrase() {
    assert_seed_body(
        &RequestError::MissingAuthorization,
        401,
        r#"{"message":"Unauthorized"}"#,
    );
}

// ---- Permission Errors (403) ----

#[test]
fn test_403_insufficient_permissions_names_key_ring() {
    let error = RequestError::RotateForbidden {
        api_key_id: "apikey-xxx".into(),
        ring: "Finance".into(),
    };
    assert_seed_body(
        &error,
        403,
        r#"{"message":"Insufficient permissions to rotate keys for KeyRing 'Finance'"}"#,
    );
}

// ---- Bad Request Errors (400) ----

#[test]
fn test_400_missing_required_field() {
    let error = RequestError::MissingField { field: "name" };
    assert_seed_body(&error, 400, r#"{"message":"Missing required field: name"}"#);
}

#[test]
fn test_400_invalid_json_hides_parser_error() {
    let parse_error = serde_json::from_str::<serde_json::Value>(r#"{"name": "Finance""#)
        .expect_err("the seed's payload is malformed");
    let error = RequestError::InvalidJson(parse_error);
    assert_seed_body(&error, 400, r#"{"message":"Invalid JSON in request body"}"#);
}

#[test]
fn test_400_missing_content_type_header() {
    assert_seed_body(
        &RequestError::UnsupportedContentType,
        400,
        r#"{"message":"Content-Type must be application/json"}"#,
    );
}

#[test]
fn test_400_password_validation_failed_raw_body() {
    let error = InviteError::PasswordRejected {
        state: InviteState::MalformedPassword {
            results: PasswordResults {
                is_valid: false,
                details: PasswordDetails {
                    min_length: 8,
                    new_password_length: 4,
                    min_uppercase: 1,
                    new_password_uppercase: 0,
                    min_lowercase: 1,
                    new_password_lowercase: 4,
                    min_special_char: 1,
                    new_password_special_char: 0,
                    min_number: 1,
                    new_password_number: 0,
                },
            },
        },
    };
    assert_seed_body(
        &error,
        400,
        concat!(
            r#"{"state":"malformed-password","results":{"isValid":false,"details":{"#,
            r#""minLength":8,"newPasswordLength":4,"minUppercase":1,"newPasswordUppercase":0,"#,
            r#""minLowercase":1,"newPasswordLowercase":4,"minSpecialChar":1,"#,
            r#""newPasswordSpecialChar":0,"minNumber":1,"newPasswordNumber":0}}}"#,
        ),
    );
}

// ---- Not Found Errors (404) ----

#[test]
fn test_404_keyring_not_found() {
    let error = KeyServiceError::KeyRingNotFound("NonExistentRing".into());
    assert_seed_body(
        &error,
        404,
        r#"{"message":"KeyRing 'NonExistentRing' not found"}"#,
    );
}

#[test]
fn test_404_user_not_found() {
    let error = AccountError::UserNotFound {
        username: "nonexistent".into(),
    };
    assert_seed_body(&error, 404, r#"{"message":"User 'nonexistent' not found"}"#);
}

#[test]
fn test_404_account_not_found_keeps_id_private() {
    let error = AccountError::AccountNotFound {
        id: "invalid-id".into(),
    };
    assert_seed_body(&error, 404, r#"{"message":"Account not found"}"#);
}

// ---- Validation Errors (422) ----

#[test]
fn test_422_asset_validation_failed_raw_body() {
    let error = KeyServiceError::AssetInvalid(AssetValidation {
        ring_id: "ring-123".into(),
        ringname: "finance".into(),
        key: KeyRef {
            r#type: "aes256".into(),
            id: "key-456".into(),
        },
        asset: AssetStatus {
            valid: false,
            id: "asset-789".into(),
            message: "Asset signature verification failed".into(),
            data: BTreeMap::new(),
        },
    });
    assert_seed_body(
        &error,
        422,
        concat!(
            r#"{"ringId":"ring-123","ringname":"finance","key":{"type":"aes256","id":"key-456"},"#,
            r#""asset":{"valid":false,"id":"asset-789","#,
            r#""message":"Asset signature verification failed","data":{}}}"#,
        ),
    );
}

// ---- Server Errors (500) ----

#[test]
fn test_500_internal_server_error_while_rotating() {
    let error = KeyServiceError::RotationFailed(std::io::Error::other("HSM timeout"));
    assert_seed_body(
        &error,
        500,
        r#"{"message":"An unexpected error occurred while rotating the key"}"#,
    );
}

// ---- Resource-Specific Errors: KeyRings ----

#[test]
fn test_400_duplicate_keyring_name() {
    let error = KeyServiceError::DuplicateKeyRing {
        name: "Finance".into(),
    };
    assert_seed_body(
        &error,
        400,
        r#"{"message":"The KeyRing 'Finance' already exists. KeyRings must have unique names."}"#,
    );
}

#[test]
fn test_400_keyring_deletion_failed() {
    let error = KeyServiceError::KeyRingInUse {
        name: "Finance".into(),
    };
    assert_seed_body(
        &error,
        400,
        r#"{"message":"Cannot delete KeyRing. Active API keys are still using this KeyRing."}"#,
    );
}

// ---- Resource-Specific Errors: API Keys ----

#[test]
fn test_404_api_key_not_found() {
    let error = AccountError::ApiKeyNotFound {
        id: "apikey-404".into(),
    };
    assert_seed_body(&error, 404, r#"{"message":"API Key not found"}"#);
}

#[test]
fn test_404_account_not_found_when_creating_api_key() {
    let error = AccountError::ApiKeyAccountNotFound {
        account_id: "acct-0".into(),
    };
    assert_seed_body(
        &error,
        404,
        r#"{"message":"Account not found. Cannot create API key."}"#,
    );
}

// ---- Resource-Specific Errors: Users ----

#[test]
fn test_400_duplicate_username() {
    let error = AccountError::DuplicateUsername {
        username: "john.doe".into(),
    };
    assert_seed_body(
        &error,
        400,
        r#"{"message":"User with username 'john.doe' already exists"}"#,
    );
}

#[test]
fn test_400_duplicate_email_with_errors_map() {
    let error = AccountError::DuplicateEmail {
        email: "john@example.com".into(),
        fields: FieldViolation::new("email", "taken", "Email already registered").into(),
    };
    assert_seed_body(
        &error,
        400,
        r#"{"message":"User with email 'john@example.com' already exists","errors":{"email":"Email already registered"}}"#,
    );
    assert!(AccountError::catalog()[5].violations);
}

// ---- Resource-Specific Errors: Invitations ----

#[test]
fn test_401_invalid_invite_token_raw_body() {
    let error = InviteError::TokenRejected {
        state: InviteState::Invalid,
    };
    assert_seed_body(&error, 401, r#"{"state":"invalid"}"#);
}

#[test]
fn test_401_expired_invite_token_raw_body() {
    let error = InviteError::TokenRejected {
        state: InviteState::Expired,
    };
    assert_seed_body(&error, 401, r#"{"state":"expired"}"#);
}

// ---- Resource-Specific Errors: Login ----

#[test]
fn test_400_invalid_credentials() {
    assert_seed_body(
        &InviteError::InvalidLogin,
        400,
        r#"{"message":"Invalid username or password"}"#,
    );
}
