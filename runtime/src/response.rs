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
use std::io::Write as _;

/// The response for `error` in the request context current on this thread, logged as
/// `source` says.
pub(crate) fn respond<E: ApiError + ?Sized>(error: &E, source: Loggable<'_>) -> Response<Bytes> {
    context::with_current(|request| {
        let ctx = Context::new(request);
        let mut response = None;
        error.parts(&mut |parts| {
            log::response(parts, &source);
            response = Some(render(parts, &ctx));
        });
        response.unwrap_or_else(|| {
            // A hand-written `parts` that never called back: answer rather than panic.
            let parts = ErrorParts::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "INTERNAL_SERVER_ERROR",
                "Internal Server Error",
            );
            render(&parts, &ctx)
        })
    })
}

/// The response for `parts` rendered in `ctx`.
pub(crate) fn render(parts: &ErrorParts<'_>, ctx: &Context<'_>) -> Response<Bytes> {
    let raw = parts.raw_body().and_then(|body| {
        let rendered = with_scratch(|buf| {
            body.write_json(buf)
                .ok()
                .map(|()| Bytes::copy_from_slice(buf))
        });
        if rendered.is_none() {
            log::member_dropped("body");
        }
        rendered
    });
    let (body, content_type) = match raw {
        Some(body) => (body, "application/json"),
        None => (envelope_body(parts, ctx), parts.envelope().content_type),
    };
    let mut response = Response::new(body);
    *response.status_mut() = parts.status();
    let headers = response.headers_mut();
    // Checked to be visible ASCII when the envelope's vtable was built.
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    parts.for_each_header(|name, value| match header_value(value) {
        Some(value) => {
            headers.append(name, value);
        }
        None => log::header_dropped(&name),
    });
    response
}

/// The body in the parts' envelope, rendered once and reused when nothing in it can change.
pub(crate) fn envelope_body(parts: &ErrorParts<'_>, ctx: &Context<'_>) -> Bytes {
    let envelope = parts.envelope();
    if let Some(cache) = parts.static_cache()
        && !(envelope.depends_on_context)(ctx)
    {
        let cached = cache.get_or_render((envelope.type_id)(), || {
            with_scratch(|buf| {
                write_envelope(parts, ctx, buf);
                buf.to_vec()
            })
        });
        if let Some(body) = cached {
            return Bytes::from_static(body);
        }
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
            write!(buf, "{text}").ok()?;
            HeaderValue::from_bytes(buf).ok()
        }),
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
