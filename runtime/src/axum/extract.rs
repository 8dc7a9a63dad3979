//! Extractors like axum's, whose rejections are API errors in the service's envelope, naming
//! the field at fault, instead of plain text.

use crate::answer::RejectionEnvelope;
use crate::log::Loggable;
use crate::rejection::read::{self, invalid_path, path_unparsed};
use crate::rejection::{ExtractorError, Rejection};
use crate::{ApiError, Location};
use axum_core::body::Body;
use axum_core::extract::{FromRequest, FromRequestParts, Request};
use axum_core::response::{IntoResponse, Response};
use bytes::{BufMut, Bytes, BytesMut};
use http::request::Parts;
use http::{HeaderMap, HeaderValue, Method, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::ops::{Deref, DerefMut};

/// `axum::Json`, rejecting bad requests in the API's envelope: a body that is not JSON is
/// `400 Invalid JSON in request body` with its `line` and `column`; a missing or other
/// content type, or a charset other than UTF-8, is `415 Content-Type must be
/// application/json`; a body over the limit is `413`; a missing or mistyped field is `400`
/// naming it (`Missing required field: name`, `Field "age" must be an integer`).
///
/// It is a response too, as `axum::Json` is, so a service swaps `use axum::Json` for
/// `use errcat::axum::Json` and changes no handler: `T` is serialized with
/// `content-type: application/json`. A value that fails to serialize (a map with keys
/// that are not strings, a `Serialize` impl that errs) is the service's bug, not the client's:
/// `500` in errcat's envelope, with serde's reason logged (feature `tracing`), never sent.
///
/// ```
/// use errcat::axum::Json;
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Deserialize)]
/// struct NewBundle { name: String }
///
/// #[derive(Serialize)]
/// struct Bundle { id: u64, name: String }
///
/// async fn create(Json(bundle): Json<NewBundle>) -> Json<Bundle> {
///     Json(Bundle { id: 1, name: bundle.name })
/// }
/// # let _ = axum::Router::<()>::new().route("/", axum::routing::post(create));
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct Json<T>(pub T);

impl<T> From<T> for Json<T> {
    fn from(value: T) -> Self {
        Json(value)
    }
}

impl<T> Deref for Json<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> DerefMut for Json<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0
    }
}

impl<T: Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        // As axum does: serde_json's own first capacity, and the buffer becomes the body
        // without a copy.
        let mut buffer = BytesMut::with_capacity(128).writer();
        match serde_json::to_writer(&mut buffer, &self.0) {
            Ok(()) => {
                let mut response = Response::new(Body::from(buffer.into_inner().freeze()));
                response.headers_mut().insert(
                    http::header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json"),
                );
                response
            }
            Err(error) => unserializable(&error),
        }
    }
}

/// The response for a value that failed to serialize: a 500 rendered by errcat, serde's
/// reason only in the log. Not marked as errcat's own, so `ErrorContextLayer` answers it
/// as the service answers rejections (a response cannot see the request's choice).
#[cold]
fn unserializable(error: &serde_json::Error) -> Response {
    let mut response = crate::render::respond::<Body>(
        |visit| Rejection::Internal.parts(visit),
        &Loggable::Error(error),
    );
    response
        .extensions_mut()
        .remove::<crate::request::Rendered>();
    response
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = ExtractorError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ExtractorError> {
        let envelope = RejectionEnvelope::from_extensions(request.extensions());
        let reject = |rejection| ExtractorError::new(rejection, envelope);
        read::json_content_type(content_type(request.headers())).map_err(reject)?;
        let bytes = body(request, state).await.map_err(reject)?;
        read::json(&bytes).map(Json).map_err(reject)
    }
}

/// `axum::extract::Query`, rejecting a missing or mistyped parameter as `400` naming it, in
/// the API's envelope.
#[derive(Clone, Copy, Debug, Default)]
pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = ExtractorError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ExtractorError> {
        let envelope = RejectionEnvelope::from_extensions(&parts.extensions);
        read::urlencoded(
            parts.uri.query().unwrap_or_default().as_bytes(),
            Location::Query,
        )
        .map(Query)
        .map_err(|rejection| ExtractorError::new(rejection, envelope))
    }
}

/// `axum::Form`, rejecting in the API's envelope: on `GET` and `HEAD` it reads the query
/// string (like [`Query`]); otherwise an `application/x-www-form-urlencoded` body, with the
/// rejections of [`Json`] (`415`, `413`, `400` naming the field).
#[derive(Clone, Copy, Debug, Default)]
pub struct Form<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Form<T> {
    type Rejection = ExtractorError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ExtractorError> {
        let envelope = RejectionEnvelope::from_extensions(request.extensions());
        let reject = |rejection| ExtractorError::new(rejection, envelope);
        if matches!(*request.method(), Method::GET | Method::HEAD) {
            let query = request.uri().query().unwrap_or_default().as_bytes();
            return read::urlencoded(query, Location::Query)
                .map(Form)
                .map_err(reject);
        }
        read::form_content_type(content_type(request.headers())).map_err(reject)?;
        let bytes = body(request, state).await.map_err(reject)?;
        read::urlencoded(&bytes, Location::Body)
            .map(Form)
            .map_err(reject)
    }
}

/// `axum::extract::Path`, rejecting a mistyped parameter as `400` naming it, in the API's
/// envelope. (A route whose parameters do not fit the type is the service's bug: `500`.)
#[derive(Clone, Copy, Debug, Default)]
pub struct Path<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Path<T> {
    type Rejection = ExtractorError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ExtractorError> {
        use axum::extract::rejection::PathRejection;
        let envelope = RejectionEnvelope::from_extensions(&parts.extensions);
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Path(value)),
            Err(PathRejection::FailedToDeserializePathParams(error)) => {
                // A single value (`Path<u64>`) fails without its parameter's name.
                let params = axum::extract::RawPathParams::from_request_parts(parts, state).await;
                let only = params.ok().and_then(|params| {
                    let mut names = params.iter().map(|(name, _)| name.to_owned());
                    names.next().filter(|_| names.next().is_none())
                });
                Err(ExtractorError::new(
                    path_rejection(error.into_kind(), only),
                    envelope,
                ))
            }
            Err(_) => Err(ExtractorError::new(Rejection::Internal, envelope)),
        }
    }
}

/// The rejection for a path that did not deserialize; `only` names the route's one
/// parameter, if it has one.
fn path_rejection(kind: axum::extract::path::ErrorKind, only: Option<String>) -> Rejection {
    use axum::extract::path::ErrorKind;
    let (field, value, expected) = match kind {
        ErrorKind::ParseErrorAtKey {
            key,
            value,
            expected_type,
        } => (key, value, expected_type),
        ErrorKind::ParseErrorAtIndex {
            index,
            value,
            expected_type,
        } => (index.to_string(), value, expected_type),
        ErrorKind::ParseError {
            value,
            expected_type,
        } => (only.unwrap_or_default(), value, expected_type),
        ErrorKind::InvalidUtf8InPathParam { key } => {
            return invalid_path(key, "invalid_encoding", "must be valid UTF-8".to_owned());
        }
        ErrorKind::DeserializeError { key, message, .. } => {
            return invalid_path(key, "invalid", message);
        }
        _ => return Rejection::Internal,
    };
    path_unparsed(field, &value, expected)
}

/// The request's `Content-Type` as text, if it has one that is visible ASCII.
fn content_type(headers: &HeaderMap) -> Option<&str> {
    headers.get(http::header::CONTENT_TYPE)?.to_str().ok()
}

/// The whole body, within axum's body limit.
async fn body<S: Send + Sync>(request: Request, state: &S) -> Result<Bytes, Rejection> {
    Bytes::from_request(request, state).await.map_err(|error| {
        if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Rejection::TooLarge
        } else {
            Rejection::Unreadable
        }
    })
}

/// Validates what the extractor inside it extracts with `validator` (feature `validator`):
/// an invalid request is `400 Validation failed` (or, for one invalid field,
/// `Field "email" must be a well-formed email address`), every invalid field listed in the API's
/// envelope (`validationErrors` in [`Spring`](crate::envelope::Spring), `errors` in the
/// others). Fields are named as serde names them in the request (`organizationName` under
/// `#[serde(rename_all = "camelCase")]`, though validator reports `organization_name`) and
/// listed in the order the struct declares them; see [`Violations::named_by`](crate::Violations::named_by).
///
/// ```
/// use errcat::axum::{Json, Valid};
/// use serde::Deserialize;
/// use validator::Validate;
///
/// #[derive(Deserialize, Validate)]
/// struct Registration {
///     #[validate(email)]
///     email: String,
///     #[validate(length(min = 8, max = 128))]
///     password: String,
/// }
///
/// async fn register(Valid(Json(registration)): Valid<Json<Registration>>) -> String {
///     registration.email
/// }
/// # let _ = axum::Router::<()>::new().route("/", axum::routing::post(register));
/// ```
#[cfg(feature = "validator")]
#[derive(Clone, Copy, Debug, Default)]
pub struct Valid<X>(pub X);

/// Validates what the extractor inside it extracts with `garde` (feature `garde`), as
/// `Valid` does with `validator`: `400 Validation failed`, every invalid field listed in
/// the API's envelope in the order the struct declares them, with garde's messages.
///
/// ```
/// use errcat::axum::{Garde, Query};
/// use serde::Deserialize;
///
/// #[derive(Deserialize, garde::Validate)]
/// struct Page {
///     #[garde(range(min = 1, max = 100))]
///     size: u32,
/// }
///
/// async fn list(Garde(Query(page)): Garde<Query<Page>>) -> String {
///     page.size.to_string()
/// }
/// # let _ = axum::Router::<()>::new().route("/", axum::routing::get(list));
/// ```
#[cfg(feature = "garde")]
#[derive(Clone, Copy, Debug, Default)]
pub struct Garde<X>(pub X);

/// `impl FromRequest for $wrapper<$extractor<T>>`, checking the value with `$check`.
macro_rules! validated {
    ($feature:literal, $wrapper:ident, $bound:path, $check:expr, $trait:ident, $method:ident, $input:ty, $extensions:expr, [$($extractor:ident => $location:ident),*]) => {$(
        #[cfg(feature = $feature)]
        impl<T, S> $trait<S> for $wrapper<$extractor<T>>
        where
            $extractor<T>: $trait<S, Rejection = ExtractorError>,
            T: $bound + DeserializeOwned,
            S: Send + Sync,
        {
            type Rejection = ExtractorError;

            async fn $method(input: $input, state: &S) -> Result<Self, ExtractorError> {
                let envelope = RejectionEnvelope::from_extensions($extensions(&input));
                let value = <$extractor<T> as $trait<S>>::$method(input, state).await?;
                match read::validate(&value.0, $check, Location::$location) {
                    Ok(()) => Ok($wrapper(value)),
                    Err(rejection) => Err(ExtractorError::new(rejection, envelope)),
                }
            }
        }
    )*};
}

#[cfg(any(feature = "validator", feature = "garde"))]
fn request_extensions(request: &Request) -> &http::Extensions {
    request.extensions()
}

#[cfg(any(feature = "validator", feature = "garde"))]
fn parts_extensions<'a>(parts: &'a &mut Parts) -> &'a http::Extensions {
    &parts.extensions
}

validated!("validator", Valid, validator::Validate, read::check_validator, FromRequest, from_request, Request, request_extensions, [Json => Body, Form => Body]);
validated!("validator", Valid, validator::Validate, read::check_validator, FromRequestParts, from_request_parts, &mut Parts, parts_extensions, [Query => Query, Path => Path]);
validated!("garde", Garde, GardeValidate, read::check_garde, FromRequest, from_request, Request, request_extensions, [Json => Body, Form => Body]);
validated!("garde", Garde, GardeValidate, read::check_garde, FromRequestParts, from_request_parts, &mut Parts, parts_extensions, [Query => Query, Path => Path]);

#[cfg(feature = "garde")]
use crate::rejection::read::GardeValidate;
