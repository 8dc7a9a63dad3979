//! Who is calling: the authentication middleware, which answers a request without valid
//! credentials with [`Unauthenticated`], and the owners' middleware, which answers a member's
//! request with [`OwnerRequired`].

use crate::errors::{OwnerRequired, Unauthenticated};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Who is calling: an owner may change bundles, a member may only read them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Caller {
    /// `Authorization: Bearer owner-token`
    Owner,
    /// `Authorization: Bearer member-token`
    Member,
}

impl Caller {
    /// The caller the request's `Authorization` header names, if any.
    fn of(request: &Request) -> Option<Caller> {
        let token = request
            .headers()
            .get(http::header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "));
        match token {
            Some("owner-token") => Some(Caller::Owner),
            Some("member-token") => Some(Caller::Member),
            _ => None,
        }
    }
}

/// Middleware: the caller, put in the request's extensions for what runs after; a request
/// without valid credentials is answered with [`Unauthenticated`].
pub async fn authenticate(mut request: Request, next: Next) -> Response {
    match Caller::of(&request) {
        Some(caller) => {
            request.extensions_mut().insert(caller);
            next.run(request).await
        }
        None => Unauthenticated.into_response(),
    }
}

/// Middleware for owners' operations: a member's request is answered with [`OwnerRequired`].
pub async fn require_owner(request: Request, next: Next) -> Response {
    match request.extensions().get::<Caller>() {
        Some(Caller::Owner) => next.run(request).await,
        _ => OwnerRequired.into_response(),
    }
}
