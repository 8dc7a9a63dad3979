//! Extractors like actix-web's, whose rejections are API errors in the service's envelope,
//! naming the field at fault, instead of plain text: the same [`Rejection`]s, in the same
//! words, as errcat's axum extractors (both read through `crate::rejection::read`).

use crate::Location;
use crate::answer::RejectionEnvelope;
use crate::log::Loggable;
use crate::rejection::read::{self, invalid_path, path_unparsed};
use crate::rejection::{ExtractorError, Rejection};
use actix_web::dev::Payload;
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode as ActixStatus};
use actix_web::{FromRequest, HttpMessage, HttpRequest, HttpResponse, Responder, ResponseError};
use bytes::Bytes;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::future::{Future, Ready, ready};
use std::ops::{Deref, DerefMut};
use std::pin::Pin;

/// What errcat's actix-web extractors that read the body return.
type Extracting<T> = Pin<Box<dyn Future<Output = Result<T, ExtractorError>>>>;

/// How the request answers rejections: the [`RejectionEnvelope`] that `ErrorContext` (or any
/// middleware) inserted as a request extension, else `Problem`.
fn envelope(request: &HttpRequest) -> RejectionEnvelope {
    request
        .extensions()
        .get::<RejectionEnvelope>()
        .copied()
        .unwrap_or_default()
}

/// The request's `Content-Type` as text, if it has one that is visible ASCII.
fn content_type(request: &HttpRequest) -> Option<&str> {
    request.headers().get(header::CONTENT_TYPE)?.to_str().ok()
}

/// An error answered in the request's envelope, rendered (and marked as errcat's) by the
/// same code as every other errcat error under actix-web.
impl ResponseError for ExtractorError {
    fn status_code(&self) -> ActixStatus {
        super::actix_status(self)
    }

    fn error_response(&self) -> HttpResponse {
        super::actix_response(self)
    }
}

/// The largest body errcat's actix-web [`Json`] and [`Form`] read: 2 MiB unless the
/// application's (or a scope's, or a resource's) data holds another. A larger body is
/// `413 Request body too large`; the limit is not told to the client.
///
/// actix-web's `JsonConfig`, `FormConfig` and `PayloadConfig` configure actix-web's own
/// extractors only (their limits cannot be read from outside).
///
/// ```
/// use actix_web::{App, web};
/// use errcat::actix::{BodyLimit, Json};
///
/// async fn upload(Json(doc): Json<serde_json::Value>) -> String {
///     doc.to_string()
/// }
///
/// let app = App::new()
///     .app_data(BodyLimit::max(16 * 1024))
///     .route("/documents", web::post().to(upload));
/// # let _ = app;
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BodyLimit {
    bytes: usize,
}

impl BodyLimit {
    /// At most `bytes` bytes.
    pub const fn max(bytes: usize) -> Self {
        BodyLimit { bytes }
    }
}

impl Default for BodyLimit {
    /// 2 MiB, as actix-web's `JsonConfig`.
    fn default() -> Self {
        BodyLimit::max(2 * 1024 * 1024)
    }
}

/// The whole body, within the request's [`BodyLimit`]; a `Content-Length` over it is
/// refused before the body is read.
fn body(
    request: &HttpRequest,
    payload: &mut Payload,
) -> impl Future<Output = Result<Bytes, Rejection>> + 'static {
    let limit = request
        .app_data::<BodyLimit>()
        .copied()
        .unwrap_or_default()
        .bytes;
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok()?.parse::<u64>().ok());
    let payload = payload.take();
    async move {
        if declared.is_some_and(|length| length > limit as u64) {
            return Err(Rejection::TooLarge);
        }
        let stream = actix_web::body::BodyStream::new(payload);
        match actix_web::body::to_bytes_limited(stream, limit).await {
            Ok(Ok(bytes)) => Ok(bytes),
            Ok(Err(_)) => Err(Rejection::Unreadable),
            Err(_) => Err(Rejection::TooLarge),
        }
    }
}

/// `actix_web::web::Json`, rejecting bad requests in the API's envelope, as
/// `errcat::axum::Json` does: a body that is not JSON is `400 Invalid JSON in request body`
/// with its `line` and `column`; a JSON value of the wrong shape (`["r-1", 3]` for a struct)
/// is `400 Request body must be an object`; a missing or other content type, or a charset
/// other than UTF-8, is `415 Content-Type must be application/json`; a body over the
/// [`BodyLimit`] is `413`; a missing or mistyped field is `400` naming it as serde names it
/// (`Missing required field: name`, `Field "age" must be an integer`).
///
/// It is a `Responder` too, as actix-web's is, so a service swaps `use actix_web::web::Json`
/// for `use errcat::actix::Json` and changes no handler: `T` is serialized with
/// `content-type: application/json`. A value that fails to serialize is the service's bug:
/// `500` in the request's envelope, serde's reason logged (feature `tracing`), never sent.
///
/// ```
/// use actix_web::{App, web};
/// use errcat::actix::Json;
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
///
/// let app = App::new().route("/bundles", web::post().to(create));
/// # let _ = app;
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct Json<T>(pub T);

/// `actix_web::web::Query`, rejecting a missing or mistyped parameter as `400` naming it,
/// in the API's envelope.
#[derive(Clone, Copy, Debug, Default)]
pub struct Query<T>(pub T);

/// `actix_web::web::Form`, rejecting in the API's envelope: on `GET` and `HEAD` it reads the
/// query string (like [`Query`]); otherwise an `application/x-www-form-urlencoded` body, with
/// the rejections of [`Json`] (`415`, `413`, `400` naming the field).
#[derive(Clone, Copy, Debug, Default)]
pub struct Form<T>(pub T);

/// `actix_web::web::Path`, rejecting a parameter of the wrong type as `400` naming it (where
/// actix-web answers `404`), in the API's envelope. (A route whose parameters do not fit the
/// type is the service's bug: `500`.)
///
/// ```
/// use actix_web::{App, web};
/// use errcat::actix::Path;
///
/// // `GET /users/seven`: 400 `Path parameter "id" must be an integer`.
/// async fn user(Path(id): Path<u32>) -> String {
///     format!("user {id}")
/// }
///
/// let app = App::new().route("/users/{id}", web::get().to(user));
/// # let _ = app;
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct Path<T>(pub T);

/// `From`, `Deref` and `DerefMut` for each extractor, as actix-web's have.
macro_rules! wrapper {
    ($($extractor:ident),*) => {$(
        impl<T> From<T> for $extractor<T> {
            fn from(value: T) -> Self {
                $extractor(value)
            }
        }

        impl<T> Deref for $extractor<T> {
            type Target = T;

            fn deref(&self) -> &T {
                &self.0
            }
        }

        impl<T> DerefMut for $extractor<T> {
            fn deref_mut(&mut self) -> &mut T {
                &mut self.0
            }
        }
    )*};
}

wrapper!(Json, Query, Form, Path);

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = ExtractorError;
    type Future = Extracting<Self>;

    fn from_request(request: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let envelope = envelope(request);
        let reject = move |rejection| ExtractorError::new(rejection, envelope);
        if let Err(rejection) = read::json_content_type(content_type(request)) {
            return Box::pin(ready(Err(reject(rejection))));
        }
        let body = body(request, payload);
        Box::pin(async move {
            let bytes = body.await.map_err(reject)?;
            read::json(&bytes).map(Json).map_err(reject)
        })
    }
}

impl<T: Serialize> Responder for Json<T> {
    type Body = actix_web::body::BoxBody;

    fn respond_to(self, request: &HttpRequest) -> HttpResponse {
        match serde_json::to_vec(&self.0) {
            Ok(body) => HttpResponse::Ok()
                .insert_header((
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json"),
                ))
                .body(body),
            Err(error) => unserializable(&error, envelope(request)),
        }
    }
}

/// The response for a value that failed to serialize: a 500 in the request's envelope,
/// serde's reason only in the log (as the axum `Json`'s).
#[cold]
fn unserializable(error: &serde_json::Error, envelope: RejectionEnvelope) -> HttpResponse {
    super::from_http(crate::render::respond(
        |visit| envelope.parts(&Rejection::Internal, visit),
        &Loggable::Error(error),
    ))
}

impl<T: DeserializeOwned> FromRequest for Query<T> {
    type Error = ExtractorError;
    type Future = Ready<Result<Self, ExtractorError>>;

    fn from_request(request: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        ready(
            read::urlencoded(request.query_string().as_bytes(), Location::Query)
                .map(Query)
                .map_err(|rejection| ExtractorError::new(rejection, envelope(request))),
        )
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for Form<T> {
    type Error = ExtractorError;
    type Future = Extracting<Self>;

    fn from_request(request: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let envelope = envelope(request);
        let reject = move |rejection| ExtractorError::new(rejection, envelope);
        if matches!(*request.method(), Method::GET | Method::HEAD) {
            let query = request.query_string().as_bytes();
            return Box::pin(ready(
                read::urlencoded(query, Location::Query)
                    .map(Form)
                    .map_err(reject),
            ));
        }
        if let Err(rejection) = read::form_content_type(content_type(request)) {
            return Box::pin(ready(Err(reject(rejection))));
        }
        let body = body(request, payload);
        Box::pin(async move {
            let bytes = body.await.map_err(reject)?;
            read::urlencoded(&bytes, Location::Body)
                .map(Form)
                .map_err(reject)
        })
    }
}

impl<T: DeserializeOwned> FromRequest for Path<T> {
    type Error = ExtractorError;
    type Future = Ready<Result<Self, ExtractorError>>;

    fn from_request(request: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let params = request.match_info();
        // As for bodies: no path tracking unless the parameters are refused.
        let value = T::deserialize(actix_router::PathDeserializer::new(params))
            .map(Path)
            .map_err(|_| ExtractorError::new(path_rejection::<T>(params), envelope(request)));
        ready(value)
    }
}

/// Why the route's `params` are not a `T`: actix-web's deserializer says which value did
/// not parse (`can not parse "seven" to a u32`), serde_path_to_error which parameter it was.
#[cold]
fn path_rejection<T: DeserializeOwned>(
    params: &actix_web::dev::Path<actix_web::dev::Url>,
) -> Rejection {
    use serde_path_to_error::Segment;
    let deserializer = actix_router::PathDeserializer::new(params);
    let Err(error) = serde_path_to_error::deserialize::<_, T>(deserializer) else {
        // The same parse as the one that failed, so never reached; still, no panic.
        return Rejection::Internal;
    };
    let (field, value) = match error.path().iter().next() {
        Some(Segment::Map { key }) => (key.clone(), params.get(key)),
        Some(Segment::Seq { index }) => (
            index.to_string(),
            params.iter().nth(*index).map(|(_, value)| value),
        ),
        // A single value (`Path<u64>`) is its route's one parameter.
        _ => match params.segment_count() {
            1 => params
                .iter()
                .next()
                .map_or((String::new(), None), |(name, value)| {
                    (name.to_owned(), Some(value))
                }),
            _ => (String::new(), None),
        },
    };
    let message = error.inner().to_string();
    if let Some((_, expected)) = message
        .strip_prefix("can not parse ")
        .and_then(|rest| rest.rsplit_once(" to a "))
    {
        return path_unparsed(field, value.unwrap_or_default(), expected);
    }
    // The type asks for what the route does not have: the service's bug, not the client's.
    const SERVICE_BUGS: &[&str] = &[
        "wrong number of parameters",
        "unsupported type",
        "expected at least one parameters",
        "not supported",
        "Unexpected",
        "unexpected item",
        "missing field",
        "unknown field",
        "invalid length",
    ];
    if field.is_empty() || SERVICE_BUGS.iter().any(|bug| message.starts_with(bug)) {
        return Rejection::Internal;
    }
    invalid_path(field, "invalid", message)
}

/// Validates what the extractor inside it extracts with `validator` (feature `validator`),
/// as `errcat::axum::Valid` does: `400 Validation failed` (or, for one invalid field,
/// `Field "email" must be a well-formed email address`), every invalid field listed in the
/// API's envelope, named as serde names it in the request and in the order the struct
/// declares them.
///
/// ```
/// use actix_web::{App, web};
/// use errcat::actix::{Json, Valid};
/// use serde::Deserialize;
/// use validator::Validate;
///
/// #[derive(Deserialize, Validate)]
/// struct Registration {
///     #[validate(email)]
///     email: String,
/// }
///
/// async fn register(Valid(Json(registration)): Valid<Json<Registration>>) -> String {
///     registration.email
/// }
///
/// let app = App::new().route("/register", web::post().to(register));
/// # let _ = app;
/// ```
#[cfg(feature = "validator")]
#[derive(Clone, Copy, Debug, Default)]
pub struct Valid<X>(pub X);

/// Validates what the extractor inside it extracts with `garde` (feature `garde`), as
/// `Valid` does with `validator` (`Garde<Query<Page>>`), with garde's messages.
#[cfg(feature = "garde")]
#[derive(Clone, Copy, Debug, Default)]
pub struct Garde<X>(pub X);

/// `impl FromRequest for $wrapper<$extractor<T>>`, checking the value with `$check`.
macro_rules! validated {
    ($feature:literal, $wrapper:ident, $bound:path, $check:expr, [$($extractor:ident => $location:ident),*]) => {$(
        #[cfg(feature = $feature)]
        impl<T: $bound + DeserializeOwned + 'static> FromRequest for $wrapper<$extractor<T>> {
            type Error = ExtractorError;
            type Future = Extracting<Self>;

            fn from_request(request: &HttpRequest, payload: &mut Payload) -> Self::Future {
                let envelope = envelope(request);
                let extracting = <$extractor<T> as FromRequest>::from_request(request, payload);
                Box::pin(async move {
                    let value = extracting.await?;
                    match read::validate(&value.0, $check, Location::$location) {
                        Ok(()) => Ok($wrapper(value)),
                        Err(rejection) => Err(ExtractorError::new(rejection, envelope)),
                    }
                })
            }
        }
    )*};
}

validated!("validator", Valid, validator::Validate, read::check_validator, [Json => Body, Form => Body, Query => Query, Path => Path]);
validated!("garde", Garde, GardeValidate, read::check_garde, [Json => Body, Form => Body, Query => Query, Path => Path]);

#[cfg(feature = "garde")]
use crate::rejection::read::GardeValidate;
