//! [`ResponseFuture`]: the inner service's response, in the request's context, with every
//! error response errcat did not render answered in the API's envelope.

use super::body::ErrorBody;
use super::untouched::Untouched;
use crate::answer::{RejectionEnvelope, Replaced, answer, panic_message, render_panic};
use crate::log::{Loggable, RequestSpan};
use crate::request::{Rendered, RequestContext, enter_shared, poll_in};
use crate::scope::REQUEST_ID_HEADER;
use bytes::Buf;
use http::header::{CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE, TRANSFER_ENCODING};
use http::{HeaderValue, Response};
use http_body::Body;
use pin_project_lite::pin_project;
use std::fmt;
use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, ready};

/// The longest error body read to tell which of axum's rejections it is; theirs are short.
const MAX_TEXT: usize = 4096;

pin_project! {
    /// The response future of [`ErrorContextService`](super::ErrorContextService).
    pub struct ResponseFuture<F, B> {
        #[pin]
        state: State<F, B>,
        context: Option<Arc<RequestContext>>,
        span: RequestSpan,
        rejections: RejectionEnvelope,
    }
}

pin_project! {
    #[project = StateProj]
    enum State<F, B> {
        // The inner service's future.
        Inner { #[pin] future: F },
        // An error response's plain-text body, being read.
        Reading { #[pin] body: B, text: Vec<u8>, parts: Option<http::response::Parts> },
        // The inner service panicked when called.
        Panicked { message: Option<String> },
        // Answered.
        Done,
    }
}

impl<F, B> ResponseFuture<F, B> {
    /// Calls the inner service with `context` current, catching a panic in the call itself.
    pub(crate) fn call(
        context: Arc<RequestContext>,
        span: RequestSpan,
        rejections: RejectionEnvelope,
        call: impl FnOnce() -> F,
    ) -> Self {
        let called = span
            .in_scope(|| catch_unwind(AssertUnwindSafe(|| enter_shared(context.clone(), call))));
        let state = match called {
            Ok(future) => State::Inner { future },
            Err(panic) => State::Panicked {
                message: Some(panic_message(&*panic)),
            },
        };
        ResponseFuture {
            state,
            context: Some(context),
            span,
            rejections,
        }
    }
}

impl<F, B, E> Future for ResponseFuture<F, B>
where
    F: Future<Output = Result<Response<B>, E>>,
    B: ErrorBody,
{
    type Output = Result<Response<B>, E>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        loop {
            let this = self.as_mut().project();
            let span = &*this.span;
            let context = this.context;
            let rejections = *this.rejections;
            let mut state = this.state;
            match state.as_mut().project() {
                StateProj::Inner { future } => {
                    let polled = span.in_scope(|| {
                        poll_in(context, || {
                            catch_unwind(AssertUnwindSafe(|| future.poll(cx)))
                        })
                    });
                    let response = match polled {
                        Err(panic) => {
                            let message = panic_message(&*panic);
                            state.set(State::Done);
                            return Poll::Ready(Ok(panicked(context, span, rejections, &message)));
                        }
                        Ok(Poll::Pending) => return Poll::Pending,
                        Ok(Poll::Ready(Err(error))) => {
                            state.set(State::Done);
                            return Poll::Ready(Err(error));
                        }
                        Ok(Poll::Ready(Ok(response))) => response,
                    };
                    let mut response = match judge(response) {
                        Judged::Pass(response) => response,
                        Judged::Answer(parts, empty) => {
                            answered(context, span, rejections, parts, empty.then_some(""))
                        }
                        Judged::Read(parts, body) => {
                            state.set(State::Reading {
                                body,
                                text: Vec::new(),
                                parts: Some(parts),
                            });
                            continue;
                        }
                    };
                    state.set(State::Done);
                    echo(&mut response, context.as_deref());
                    return Poll::Ready(Ok(response));
                }
                StateProj::Reading { body, text, parts } => {
                    let read = ready!(read_text(body, text, cx));
                    let text = read
                        .then_some(text.as_slice())
                        .and_then(|text| std::str::from_utf8(text).ok());
                    let parts = parts.take().expect("Reading holds its parts until read");
                    let mut response = answered(context, span, rejections, parts, text);
                    state.set(State::Done);
                    echo(&mut response, context.as_deref());
                    return Poll::Ready(Ok(response));
                }
                StateProj::Panicked { message } => {
                    let message = message.take().unwrap_or_default();
                    state.set(State::Done);
                    return Poll::Ready(Ok(panicked(context, span, rejections, &message)));
                }
                StateProj::Done => panic!("ResponseFuture polled after it answered"),
            }
        }
    }
}

/// Reads `body` into `text`: `true` once it ended within [`MAX_TEXT`] bytes, `false` if it
/// is longer or failed (the error is then answered by its status alone).
fn read_text<B: Body>(
    mut body: Pin<&mut B>,
    text: &mut Vec<u8>,
    cx: &mut Context<'_>,
) -> Poll<bool> {
    loop {
        match ready!(body.as_mut().poll_frame(cx)) {
            None => return Poll::Ready(true),
            Some(Err(_)) => return Poll::Ready(false),
            Some(Ok(frame)) => {
                if let Ok(mut data) = frame.into_data() {
                    while data.has_remaining() {
                        let chunk = data.chunk();
                        if text.len() + chunk.len() > MAX_TEXT {
                            return Poll::Ready(false);
                        }
                        text.extend_from_slice(chunk);
                        let read = chunk.len();
                        data.advance(read);
                    }
                }
            }
        }
    }
}

/// What the layer does with a response.
enum Judged<B> {
    /// Errcat's own, opted out, or no error: as it is.
    Pass(Response<B>),
    /// An error to answer from its status, and whether its body was empty.
    Answer(http::response::Parts, bool),
    /// An error whose short plain-text body tells which rejection it is.
    Read(http::response::Parts, B),
}

fn judge<B: Body>(mut response: Response<B>) -> Judged<B> {
    let status = response.status();
    if status.as_u16() < 400 {
        return Judged::Pass(response);
    }
    let extensions = response.extensions_mut();
    if extensions.remove::<Rendered>().is_some() || extensions.get::<Untouched>().is_some() {
        return Judged::Pass(response);
    }
    let (parts, body) = response.into_parts();
    let plain = parts
        .headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/plain"));
    let short = body
        .size_hint()
        .upper()
        .is_some_and(|upper| upper <= MAX_TEXT as u64);
    // Its text tells which of axum's rejections it is, and the log keeps it.
    if plain && short {
        Judged::Read(parts, body)
    } else {
        Judged::Answer(parts, body.size_hint().exact() == Some(0))
    }
}

/// The response answering the error response `original` (its body `text`, if read; `""` for
/// an empty one), in the request's context; the headers that do not describe the old body are kept (`Allow`,
/// `WWW-Authenticate`, `Retry-After`).
fn answered<B: ErrorBody>(
    context: &mut Option<Arc<RequestContext>>,
    span: &RequestSpan,
    rejections: RejectionEnvelope,
    original: http::response::Parts,
    text: Option<&str>,
) -> Response<B> {
    let answer = answer(original.status, text);
    let said = text
        .map(str::trim)
        .filter(|text| !text.is_empty())
        .map(Replaced);
    let source = match &said {
        Some(said) => Loggable::Error(said),
        None => Loggable::Opaque,
    };
    let mut response =
        crate::answer::render(context, span, rejections, &answer, &source).map(B::from_bytes);
    for (name, value) in &original.headers {
        let describes_body = [
            CONTENT_TYPE,
            CONTENT_LENGTH,
            CONTENT_ENCODING,
            TRANSFER_ENCODING,
        ]
        .contains(name);
        if !describes_body && !response.headers().contains_key(name) {
            response.headers_mut().append(name.clone(), value.clone());
        }
    }
    response
}

/// The 500 answering a panic, which is logged with its message and never sent.
fn panicked<B: ErrorBody>(
    context: &mut Option<Arc<RequestContext>>,
    span: &RequestSpan,
    rejections: RejectionEnvelope,
    message: &str,
) -> Response<B> {
    let mut response = render_panic(context, span, rejections, message).map(B::from_bytes);
    echo(&mut response, context.as_deref());
    response
}

/// Sets the `x-request-id` response header.
fn echo<B>(response: &mut Response<B>, context: Option<&RequestContext>) {
    if let Some(value) = context.and_then(|context| HeaderValue::from_str(context.id()).ok()) {
        response.headers_mut().insert(REQUEST_ID_HEADER, value);
    }
}

impl<F, B> fmt::Debug for ResponseFuture<F, B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseFuture")
            .field("request", &self.context)
            .finish_non_exhaustive()
    }
}
