//! Extractors whose rejections are the service's own errors, in its envelope, instead of
//! axum's plain-text rejections.

use crate::errors::{AuthError, BodyError, ServiceError};
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use http::request::Parts;
use serde::de::DeserializeOwned;

/// `axum::Json`, rejecting with [`BodyError`].
#[derive(Debug)]
pub struct Json<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = ServiceError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ServiceError> {
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(Json(value)),
            Err(rejection) => Err(body_error(&rejection).into()),
        }
    }
}

fn body_error(rejection: &JsonRejection) -> BodyError {
    match rejection {
        JsonRejection::MissingJsonContentType(_) => BodyError::UnsupportedContentType,
        JsonRejection::JsonSyntaxError(error) => {
            let (line, column) = serde_position(&error.body_text());
            BodyError::InvalidJson { line, column }
        }
        JsonRejection::JsonDataError(error) => {
            BodyError::InvalidBody(data_error_text(&error.body_text()))
        }
        JsonRejection::BytesRejection(_)
            if rejection.status() == http::StatusCode::PAYLOAD_TOO_LARGE =>
        {
            BodyError::TooLarge
        }
        _ => BodyError::InvalidBody("The request body could not be read".to_owned()),
    }
}

/// axum's text is "Failed to deserialize the JSON body into the target type: {serde error}".
fn data_error_text(text: &str) -> String {
    text.split_once(": ")
        .map_or(text, |(_, serde)| serde)
        .to_owned()
}

/// The `line N column M` serde_json puts at the end of its messages.
fn serde_position(text: &str) -> (usize, usize) {
    let mut words = text.rsplit(' ');
    let column = words.next().and_then(|w| w.parse().ok()).unwrap_or(1);
    let _ = words.next();
    let line = words.next().and_then(|w| w.parse().ok()).unwrap_or(1);
    (line, column)
}

/// `axum::extract::Path`, rejecting with [`BodyError::InvalidPath`].
#[derive(Debug)]
pub struct Path<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Path<T> {
    type Rejection = ServiceError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ServiceError> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Path(value)),
            Err(rejection) => Err(BodyError::InvalidPath(path_error_text(&rejection)).into()),
        }
    }
}

fn path_error_text(rejection: &PathRejection) -> String {
    rejection.body_text()
}

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

#[cfg(test)]
mod tests {
    use super::{data_error_text, serde_position};

    #[test]
    fn positions_and_texts() {
        assert_eq!(
            serde_position(
                "Failed to parse the request body as JSON: EOF while parsing an object at line 1 column 18"
            ),
            (1, 18)
        );
        assert_eq!(serde_position("no position"), (1, 1));
        assert_eq!(
            data_error_text(
                "Failed to deserialize the JSON body into the target type: missing field `name` at line 1 column 2"
            ),
            "missing field `name` at line 1 column 2"
        );
    }
}
