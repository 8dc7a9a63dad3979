//! `#[api_error(body)]`: for the bodies that follow no envelope, the field's serde value is
//! the whole body, byte for byte, with the status and `application/json`; the type's other
//! variants keep its envelope. The bodies are Grizzly's invitation and asset bodies (seed 001,
//! "API Error Responses"; its `{"message"}` bodies are in `test_envelope_message_field.rs`).
//!
//! The seed pretty-prints its bodies; errcat writes compact JSON, so each expected body below
//! is the seed's JSON with the whitespace between tokens removed, members in seed order.

mod common;

use common::assert_renders_json;
use errcat::ApiError;
use serde::Serialize;
use std::collections::BTreeMap;

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

/// The key service's `/ks/decrypt`.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(envelope = errcat::envelope::MessageField)]
pub enum DecryptError {
    /// The asset's signature does not verify: data or header was tampered with.
    #[error("asset validation failed")]
    #[status(422)]
    AssetInvalid(#[api_error(body)] AssetValidation),
}

// ---- Bad Request Errors (400) ----

#[test]
fn test_400_serde_value_is_the_whole_body() {
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
    assert_renders_json(
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

// ---- Validation Errors (422) ----

#[test]
fn test_422_tuple_field_is_the_whole_body() {
    let error = DecryptError::AssetInvalid(AssetValidation {
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
    assert_renders_json(
        &error,
        422,
        concat!(
            r#"{"ringId":"ring-123","ringname":"finance","key":{"type":"aes256","id":"key-456"},"#,
            r#""asset":{"valid":false,"id":"asset-789","#,
            r#""message":"Asset signature verification failed","data":{}}}"#,
        ),
    );
}

// ---- Resource-Specific Errors: Invitations ----

#[test]
fn test_401_invalid_invite_token_state_alone() {
    let error = InviteError::TokenRejected {
        state: InviteState::Invalid,
    };
    assert_renders_json(&error, 401, r#"{"state":"invalid"}"#);
}

#[test]
fn test_401_expired_invite_token_state_alone() {
    let error = InviteError::TokenRejected {
        state: InviteState::Expired,
    };
    assert_renders_json(&error, 401, r#"{"state":"expired"}"#);
}

// ---- Resource-Specific Errors: Login ----

#[test]
fn test_400_variant_without_body_field_keeps_the_envelope() {
    assert_renders_json(
        &InviteError::InvalidLogin,
        400,
        r#"{"message":"Invalid username or password"}"#,
    );
}
