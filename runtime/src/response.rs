//! Turning [`ErrorParts`] into an `http::Response<Bytes>`: one renderer for every envelope,
//! derived or hand-written.

use crate::api_error::ApiError;
use crate::context::{self, Context};
use crate::json::JsonObject;
use crate::log::{self, Loggable};
use crate::parts::{ErrorParts, HeaderValueSource};
use bytes::Bytes;
use http::header::CONTENT_TYPE;
use http::{HeaderValue, Response, StatusCode};
use std::cell::RefCell;

/// The response for `error` in the request context current on this thread, logged as
/// `source` says, with any body type a `Bytes` converts into (`Bytes` itself, axum's `Body`).
///
/// The response is filled in place rather than moved out of the callback: a response is a
/// large value, and copying it around was a measurable share of the cost of an error.
pub(crate) fn respond<E, B>(error: &E, source: Loggable<'_>) -> Response<B>
where
    E: ApiError + ?Sized,
    B: From<Bytes> + Default,
{
    let mut response = Response::new(B::default());
    context::with_current(|request| {
        let ctx = Context::new(request);
        let mut rendered = false;
        error.parts(&mut |parts| {
            log::response(parts, &source);
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
    });
    response
}

/// The response for `parts` rendered in `ctx`.
pub(crate) fn render(parts: &ErrorParts<'_>, ctx: &Context<'_>) -> Response<Bytes> {
    let mut response = Response::new(Bytes::new());
    fill(&mut response, parts, ctx);
    response
}

/// Sets `response`'s status, headers and body from `parts`.
fn fill<B: From<Bytes>>(response: &mut Response<B>, parts: &ErrorParts<'_>, ctx: &Context<'_>) {
    let (body, content_type) = body(parts, ctx);
    *response.body_mut() = B::from(body);
    *response.status_mut() = parts.status();
    headers(response.headers_mut(), parts, content_type);
}

/// The body, and its content type: the raw body field's JSON, else the envelope's.
fn body(parts: &ErrorParts<'_>, ctx: &Context<'_>) -> (Bytes, HeaderValue) {
    if let Some(raw) = parts.raw_body() {
        let rendered = with_scratch(|buf| {
            raw.write_json(buf)
                .ok()
                .map(|()| Bytes::copy_from_slice(buf))
        });
        match rendered {
            Some(body) => return (body, const { HeaderValue::from_static("application/json") }),
            None => log::member_dropped("body"),
        }
    }
    let envelope = parts.envelope();
    (envelope_body(parts, ctx), (envelope.content_type_value)())
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

/// The body in the parts' envelope, rendered once and reused when nothing in it can change.
pub(crate) fn envelope_body(parts: &ErrorParts<'_>, ctx: &Context<'_>) -> Bytes {
    let envelope = parts.envelope();
    if let Some(cache) = parts.static_cache()
        && envelope.reusable_in(ctx)
    {
        let cached = cache.get_or_render(envelope.type_id, || {
            with_scratch(|buf| {
                write_envelope(parts, ctx, buf);
                buf.to_vec()
            })
        });
        if let Some(body) = cached {
            return Bytes::from_static(body);
        }
    }
    if envelope.compile
        && let Some((row, args, details)) = parts.row_values()
        && let Some(skeleton) = row.cache.skeletons.get(row, envelope, ctx)
    {
        return with_scratch(|buf| {
            skeleton.render(args, details, ctx, buf);
            Bytes::copy_from_slice(buf)
        });
    }
    with_scratch(|buf| {
        write_envelope(parts, ctx, buf);
        Bytes::copy_from_slice(buf)
    })
}

pub(crate) fn write_envelope(parts: &ErrorParts<'_>, ctx: &Context<'_>, buf: &mut Vec<u8>) {
    let write = parts.envelope().write;
    JsonObject::write_into(buf, |body| write(parts, ctx, body));
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
