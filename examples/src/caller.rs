//! [`Caller`]: who is calling, from the `Authorization` header, rejected as the service's own
//! error when missing.

use crate::errors::{AuthError, ServiceError};
use axum::extract::FromRequestParts;
use http::request::Parts;

/// Who is calling: an owner may change bundles, a member may only read them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Caller {
    /// `Authorization: Bearer owner-token`
    Owner,
    /// `Authorization: Bearer member-token`
    Member,
}

impl Caller {
    /// Fails unless the caller is an owner.
    pub fn require_owner(self) -> Result<(), ServiceError> {
        match self {
            Caller::Owner => Ok(()),
            Caller::Member => Err(AuthError::OwnerRequired.into()),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = ServiceError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ServiceError> {
        let token = parts
            .headers
            .get(http::header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "));
        match token {
            Some("owner-token") => Ok(Caller::Owner),
            Some("member-token") => Ok(Caller::Member),
            _ => Err(AuthError::Unauthenticated.into()),
        }
    }
}
