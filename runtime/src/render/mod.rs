//! Turning [`ErrorParts`] into an `http::Response<Bytes>`: one renderer for every envelope,
//! derived or hand-written.
//!
//! A derived variant's body is compiled once per envelope into a skeleton (`skeleton`),
//! kept in `cache`, and filled in on each response; every other body (hand-written parts,
//! field violations, catalog examples) is written member by member into a [`Body`].

mod body;
mod cache;
mod skeleton;

use self::body::Body;
use crate::envelope::Problem;
use crate::log::{self, Loggable};
use crate::model::parts::{ErrorParts, HeaderValueSource, Vtable};
use crate::model::value::DetailValue;
use crate::model::view::Context;
use crate::request;
use bytes::Bytes;
use http::header::CONTENT_TYPE;
use http::{HeaderValue, Response, StatusCode};
use std::cell::RefCell;

/// The response for the parts `visit` hands over, in the request context current on this
/// thread, logged as `source` says, with any body type a `Bytes` converts into (`Bytes`
/// itself, axum's `Body`).
///
/// The response is filled in place rather than moved out of the callback: a response is a
/// large value, and copying it around was a measurable share of the cost of an error.
pub(crate) fn respond<B>(
    visit: impl FnOnce(&mut dyn FnMut(&ErrorParts<'_>)),
    source: &Loggable<'_>,
) -> Response<B>
where
    B: From<Bytes> + Default,
{
    let mut response = Response::new(B::default());
    request::with_current(|request| {
        let ctx = Context::new(request);
        let mut rendered = false;
        visit(&mut |parts| {
            log::response(parts, source, request);
            fill(&mut response, parts, &ctx);
            rendered = true;
        });
        if !rendered {
            // A hand-written `parts` that never called back: answer rather than panic.
            let parts = ErrorParts::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "INTERNAL_SERVER_ERROR",
                "Internal Server Error",
            );
            fill(&mut response, &parts, &ctx);
        }
        #[cfg(any(feature = "tower", feature = "actix-web"))]
        if request.is_some_and(request::RequestContext::answers_all) {
            response.extensions_mut().insert(request::Rendered);
        }
    });
    response
}

/// The response for `parts` rendered in `ctx`: what catalog examples show (their
/// placeholders are never compiled).
pub(crate) fn render(parts: &ErrorParts<'_>, ctx: &Context<'_>) -> Response<Bytes> {
    let mut response = Response::new(Bytes::new());
    fill(&mut response, parts, ctx);
    response
}

/// The envelope `parts` are written in.
pub(crate) fn envelope(parts: &ErrorParts<'_>) -> &'static Vtable {
    parts
        .envelope()
        .unwrap_or(const { crate::envelope::vtable::<Problem>() })
}

/// Sets `response`'s status, headers and body from `parts`.
fn fill<B: From<Bytes>>(response: &mut Response<B>, parts: &ErrorParts<'_>, ctx: &Context<'_>) {
    let envelope = envelope(parts);
    let (body, content_type) = match parts.raw_body().and_then(raw_json) {
        Some(raw) => (raw, const { HeaderValue::from_static("application/json") }),
        None => (body(parts, envelope, ctx), (envelope.content_type_value)()),
    };
    *response.body_mut() = B::from(body);
    *response.status_mut() = parts.status();
    headers(response.headers_mut(), parts, content_type);
}

/// The JSON of a body outside any envelope (`#[api_error(body)]`); `None`, and the envelope
/// after all, when it fails to serialize.
#[inline(never)]
fn raw_json(raw: &dyn DetailValue) -> Option<Bytes> {
    let body = with_scratch(|buf| {
        raw.write_json(buf)
            .ok()
            .map(|()| Bytes::copy_from_slice(buf))
    });
    if body.is_none() {
        log::member_dropped("body");
    }
    body
}

/// The body in `envelope`: a derived variant's compiled body, filled in (or sent as it is,
/// when nothing in it changes); anything else written member by member.
fn body(parts: &ErrorParts<'_>, envelope: &'static Vtable, ctx: &Context<'_>) -> Bytes {
    if let Some(values) = parts.row_values()
        && let Some(wrapper) = parts.compiled_with()
        && let Some(skeleton) =
            cache::skeleton(values.row, envelope, wrapper, ctx.request().is_some())
    {
        if let Some(fixed) = skeleton.fixed() {
            return Bytes::from_static(fixed);
        }
        if let Some(body) = with_scratch(|buf| {
            skeleton
                .fill(values, ctx, buf)
                .ok()
                .map(|()| Bytes::copy_from_slice(buf))
        }) {
            return body;
        }
    }
    written(parts, envelope, ctx)
}

/// The body in `envelope`, written member by member.
fn written(parts: &ErrorParts<'_>, envelope: &'static Vtable, ctx: &Context<'_>) -> Bytes {
    with_scratch(|buf| {
        (envelope.write)(parts, ctx, &mut Body(buf));
        Bytes::copy_from_slice(buf)
    })
}

fn headers(headers: &mut http::HeaderMap, parts: &ErrorParts<'_>, content_type: HeaderValue) {
    headers.insert(CONTENT_TYPE, content_type);
    parts.for_each_header(|name, value| match header_value(value) {
        Some(value) => {
            headers.append(name, value);
        }
        None => log::header_dropped(&name),
    });
}

fn header_value(source: HeaderValueSource<'_>) -> Option<HeaderValue> {
    match source {
        HeaderValueSource::Value(value) => Some(value.clone()),
        HeaderValueSource::Static(text) => text
            .bytes()
            .all(|b| b == b'\t' || (0x20..0x7f).contains(&b))
            .then(|| HeaderValue::from_static(text)),
        HeaderValueSource::Text(text) => with_scratch(|buf| {
            text.write_to(&mut Plain(buf)).ok()?;
            HeaderValue::from_bytes(buf).ok()
        }),
    }
}

/// A `fmt::Write` into a byte buffer, for header values (checked afterwards).
struct Plain<'a>(&'a mut Vec<u8>);

impl std::fmt::Write for Plain<'_> {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        self.0.extend_from_slice(text.as_bytes());
        Ok(())
    }
}

thread_local! {
    /// Bodies are written here, then copied out at their exact size, so a response costs
    /// one allocation for its body however it was written.
    static SCRATCH: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Larger scratch buffers are released after use rather than kept per thread.
const SCRATCH_KEEP: usize = 64 * 1024;

fn with_scratch<R>(f: impl FnOnce(&mut Vec<u8>) -> R) -> R {
    SCRATCH.with(|scratch| match scratch.try_borrow_mut() {
        Ok(mut buf) => {
            buf.clear();
            let result = f(&mut buf);
            if buf.capacity() > SCRATCH_KEEP {
                *buf = Vec::new();
            }
            result
        }
        // Re-entered from a Display impl that renders another error.
        Err(_) => f(&mut Vec::new()),
    })
}

#[cfg(test)]
mod tests;
