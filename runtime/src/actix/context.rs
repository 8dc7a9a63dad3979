//! [`ErrorContext`]: actix-web's counterpart of the tower layer. Each request's id, path and
//! time for the errors answered in it; every error response (a handler's, a middleware's
//! `Err`, actix's own extractors', routing's, a panic) in the API's envelope.

use crate::answer::{Answered, RejectionEnvelope, Untouched, answer, panic_message};
use crate::log::{Loggable, RequestSpan};
use crate::rejection::Rejection;
use crate::request::{Rendered, RequestContext, enter_shared, poll_in};
use crate::scope::{NewIds, REQUEST_ID_HEADER};
use crate::{ApiError, Envelope};
use actix_web::body::{BoxBody, EitherBody, MessageBody};
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::{HttpMessage, HttpResponse};
use pin_project_lite::pin_project;
use std::any::Any;
use std::fmt;
use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

/// actix-web middleware that gives every request an error context (its id, path and time,
/// carried by every error response rendered while it is handled) and answers every error
/// response in the API's envelope.
///
/// - errcat's own error responses, and every response below 400, pass untouched;
/// - an `Err` a middleware inside it returns is rendered here, in the request's context;
/// - every other error response is rewritten: actix's own extractor errors, an unknown
///   route's 404 and a wrong method's 405 (its `Allow` header kept), payload limits' 413,
///   and any other status by its standard name;
/// - a panicking handler answers 500, the panic logged at ERROR and never sent.
///
/// The envelope is the one [`rejections`](Self::rejections) names, else `Problem`; with
/// [`rejections_as`](Self::rejections_as) the service's own error type answers instead.
/// Register it with the last `.wrap(...)`, so it is the outermost middleware.
///
/// The id is the request's `x-request-id` when it is a sane token (1 to 128 characters from
/// `A-Z a-z 0-9 - _ . : / + = @ ~`), else a new UUID, echoed as the `x-request-id` response
/// header; a hostile or oversized incoming id is replaced, never reflected.
///
/// ```
/// use actix_web::{App, HttpResponse, web};
/// use errcat::ApiError;
/// use errcat::actix::ErrorContext;
///
/// #[derive(Debug, thiserror::Error, ApiError)]
/// #[error("no bundle")]
/// #[status(404)]
/// #[message("bundle not found")]
/// struct NotFound;
///
/// async fn bundle() -> Result<HttpResponse, NotFound> {
///     Err(NotFound)
/// }
///
/// let app = App::new()
///     .route("/api/v1/bundles/{id}", web::get().to(bundle))
///     .wrap(ErrorContext::new());
/// # let _ = app;
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct ErrorContext {
    rejections: Option<RejectionEnvelope>,
    ids: NewIds,
}

impl ErrorContext {
    /// The middleware: rejections in `Problem`, new ids random (version 4) UUIDs.
    pub fn new() -> Self {
        ErrorContext::default()
    }

    /// Answers rejections in envelope `E`, the one the service's own errors use.
    #[must_use]
    pub fn rejections<E: Envelope>(mut self) -> Self {
        self.rejections = Some(RejectionEnvelope::of::<E>());
        self
    }

    /// Answers rejections as the service's own error type `E`, through its
    /// `From<Rejection>`: its codes, messages and envelope.
    #[must_use]
    pub fn rejections_as<E: ApiError + From<Rejection> + 'static>(mut self) -> Self {
        self.rejections = Some(RejectionEnvelope::mapped::<E>());
        self
    }

    /// Makes new ids time-ordered (version 7) UUIDs, which sort by when requests arrived.
    #[must_use]
    pub fn time_ordered_ids(mut self) -> Self {
        self.ids = NewIds::TimeOrdered;
        self
    }
}

impl<S, B> Transform<S, ServiceRequest> for ErrorContext
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = actix_web::Error;
    type Transform = ErrorContextService<S>;
    type InitError = ();
    type Future = std::future::Ready<Result<ErrorContextService<S>, ()>>;

    fn new_transform(&self, service: S) -> Self::Future {
        std::future::ready(Ok(ErrorContextService {
            service,
            rejections: self.rejections,
            ids: self.ids,
        }))
    }
}

/// The service [`ErrorContext`] wraps around the application.
#[derive(Debug)]
pub struct ErrorContextService<S> {
    service: S,
    rejections: Option<RejectionEnvelope>,
    ids: NewIds,
}

impl<S, B> Service<ServiceRequest> for ErrorContextService<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = actix_web::Error;
    type Future = ResponseFuture<S::Future>;

    actix_web::dev::forward_ready!(service);

    fn call(&self, request: ServiceRequest) -> Self::Future {
        if let Some(envelope) = self.rejections {
            request.extensions_mut().insert(envelope);
        }
        let incoming = request
            .headers()
            .get(REQUEST_ID_HEADER)
            .map(HeaderValue::as_bytes);
        let context = crate::scope::context(incoming, request.path(), self.ids);
        let context = Arc::new(context.answering_all());
        let span = RequestSpan::new(context.id(), request.method().as_str(), context.path());
        let service = &self.service;
        let called = span.in_scope(|| {
            catch_unwind(AssertUnwindSafe(|| {
                enter_shared(context.clone(), || service.call(request))
            }))
        });
        let (inner, panic) = match called {
            Ok(future) => (Some(future), None),
            Err(panic) => (None, Some(panic_message(&*panic))),
        };
        ResponseFuture {
            inner,
            panic,
            context: Some(context),
            span,
            rejections: self.rejections.unwrap_or_default(),
        }
    }
}

pin_project! {
    /// The response future of [`ErrorContextService`].
    pub struct ResponseFuture<F> {
        #[pin]
        inner: Option<F>,
        panic: Option<String>,
        context: Option<Arc<RequestContext>>,
        span: RequestSpan,
        rejections: RejectionEnvelope,
    }
}

impl<F, B> Future for ResponseFuture<F>
where
    F: Future<Output = Result<ServiceResponse<B>, actix_web::Error>>,
    B: MessageBody,
{
    type Output = Result<ServiceResponse<EitherBody<B>>, actix_web::Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let (context, span, rejections) = (this.context, &*this.span, *this.rejections);
        let polled = match this.inner.as_pin_mut() {
            Some(inner) => span.in_scope(|| {
                poll_in(context, || {
                    catch_unwind(AssertUnwindSafe(|| inner.poll(cx)))
                })
            }),
            None => Err(Box::new(this.panic.take().unwrap_or_default()) as Box<dyn Any + Send>),
        };
        let answered = match polled {
            Ok(Poll::Pending) => return Poll::Pending,
            Ok(Poll::Ready(Ok(response))) => {
                let (request, response) = response.into_parts();
                let mut response = match judge(response, context, span, rejections) {
                    Judged::Pass(response) => {
                        ServiceResponse::new(request, response).map_into_left_body()
                    }
                    Judged::Answered(response) => {
                        ServiceResponse::new(request, response).map_into_right_body()
                    }
                };
                echo(response.headers_mut(), context.as_deref());
                return Poll::Ready(Ok(response));
            }
            // A middleware's `Err`: rendered here, inside the request's context, rather than
            // by actix after this scope has ended; actix then sends what was rendered.
            Ok(Poll::Ready(Err(error))) => {
                let rendered = span.in_scope(|| poll_in(context, || error.error_response()));
                match judge(rendered, context, span, rejections) {
                    Judged::Pass(response) | Judged::Answered(response) => response,
                }
            }
            Err(panic) => {
                let message = panic_message(&*panic);
                super::from_http(crate::answer::render_panic(
                    context, span, rejections, &message,
                ))
            }
        };
        let mut answered = answered;
        echo(answered.headers_mut(), context.as_deref());
        let cause = format!("answered {}", answered.status());
        Poll::Ready(Err(actix_web::error::InternalError::from_response(
            cause, answered,
        )
        .into()))
    }
}

/// What the middleware does with a response.
enum Judged<B> {
    /// errcat's own, or no error: as it is.
    Pass(HttpResponse<B>),
    /// Its answer in the envelope.
    Answered(HttpResponse<BoxBody>),
}

fn judge<B: MessageBody>(
    response: HttpResponse<B>,
    context: &mut Option<Arc<RequestContext>>,
    span: &RequestSpan,
    rejections: RejectionEnvelope,
) -> Judged<B> {
    let status = response.status();
    let ours = response.extensions().get::<Rendered>().is_some()
        || response.extensions().get::<Untouched>().is_some();
    if status.as_u16() < 400 || ours {
        return Judged::Pass(response);
    }
    let status = http::StatusCode::from_u16(status.as_u16())
        .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
    let answered = match response.error().and_then(actix_rejection) {
        Some(rejection) => Answered::Rejection(rejection),
        None => {
            // The body is not read: only whether it is empty tells routing's 404 from a page.
            let empty = matches!(
                response.body().size(),
                actix_web::body::BodySize::None | actix_web::body::BodySize::Sized(0)
            );
            answer(status, empty.then_some(""))
        }
    };
    let original = response;
    let mut rendered = super::from_http(crate::answer::render(
        context,
        span,
        rejections,
        &answered,
        &Loggable::Opaque,
    ));
    // The headers that do not describe the old body (`Allow`, `WWW-Authenticate`).
    for (name, value) in original.headers() {
        let describes_body = [
            header::CONTENT_TYPE,
            header::CONTENT_LENGTH,
            header::CONTENT_ENCODING,
        ]
        .contains(name);
        if !describes_body && !rendered.headers().contains_key(name) {
            rendered.headers_mut().append(name.clone(), value.clone());
        }
    }
    Judged::Answered(rendered)
}

/// The rejection one of actix's own extractor errors stands for, in errcat's words; `None`
/// for other errors, answered by their status.
fn actix_rejection(error: &actix_web::Error) -> Option<Rejection> {
    use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError, UrlencodedError};
    if let Some(error) = error.as_error::<JsonPayloadError>() {
        return Some(match error {
            JsonPayloadError::OverflowKnownLength { .. } | JsonPayloadError::Overflow { .. } => {
                Rejection::TooLarge
            }
            JsonPayloadError::ContentType => Rejection::UnsupportedMediaType {
                expected: "application/json",
            },
            JsonPayloadError::Deserialize(error) if error.is_syntax() || error.is_eof() => {
                Rejection::InvalidJson {
                    line: error.line(),
                    column: error.column(),
                }
            }
            JsonPayloadError::Deserialize(_) => Rejection::InvalidBody {
                summary: "Request body does not match the expected shape".to_owned(),
                violations: crate::Violations::new(),
            },
            JsonPayloadError::Serialize(_) => Rejection::Internal,
            _ => Rejection::Unreadable,
        });
    }
    if let Some(error) = error.as_error::<UrlencodedError>() {
        return Some(match error {
            UrlencodedError::Overflow { .. } | UrlencodedError::UnknownLength => {
                Rejection::TooLarge
            }
            UrlencodedError::ContentType => Rejection::UnsupportedMediaType {
                expected: "application/x-www-form-urlencoded",
            },
            _ => Rejection::InvalidBody {
                summary: "Request body does not match the expected form".to_owned(),
                violations: crate::Violations::new(),
            },
        });
    }
    if error.as_error::<QueryPayloadError>().is_some() {
        return Some(Rejection::InvalidQuery {
            summary: "Query string does not match the expected parameters".to_owned(),
            violations: crate::Violations::new(),
        });
    }
    // actix's `Path` answers its deserializer's error as a 404 (`ErrorNotFound(error)`).
    let path = error.as_error::<PathError>().is_some()
        || error
            .as_error::<actix_web::error::InternalError<serde::de::value::Error>>()
            .is_some();
    if path {
        return Some(Rejection::InvalidPath {
            summary: "Path parameter is not valid".to_owned(),
            violations: crate::Violations::new(),
        });
    }
    if error
        .as_error::<actix_web::error::PayloadError>()
        .is_some_and(|error| matches!(error, actix_web::error::PayloadError::Overflow))
    {
        return Some(Rejection::TooLarge);
    }
    None
}

/// Sets the `x-request-id` response header.
fn echo(headers: &mut actix_web::http::header::HeaderMap, context: Option<&RequestContext>) {
    if let Some(value) = context.and_then(|context| HeaderValue::from_str(context.id()).ok()) {
        headers.insert(HeaderName::from_static(REQUEST_ID_HEADER), value);
    }
}

impl<F> fmt::Debug for ResponseFuture<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseFuture")
            .field("request", &self.context)
            .finish_non_exhaustive()
    }
}
