//! The request-context core of errcat's middleware (axum's `ErrorContextLayer`, actix-web's
//! `ErrorContext`): which id a request gets, its context current while it is handled, and the
//! id echoed on its response. The framework modules only adapt their own types to it.

use crate::request::{RequestContext, Scoped, enter_shared, scope_shared};
use pin_project_lite::pin_project;
use std::future::Future;
use std::hash::{BuildHasher, RandomState};
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::task::{Poll, ready};
use std::time::{SystemTime, UNIX_EPOCH};

/// The name of the request and response header carrying the request id.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// The context of a request on `path` whose `x-request-id` header is `incoming`: that id
/// when it is a sane token, else a new one.
pub(crate) fn context(incoming: Option<&[u8]>, path: &str) -> Arc<RequestContext> {
    let id = incoming
        .and_then(|id| std::str::from_utf8(id).ok())
        .filter(|id| is_sane(id))
        .map_or_else(generate, str::to_owned);
    Arc::new(RequestContext::new(id, path))
}

/// Calls the inner service in the request's `context`: `call` itself (services may do work
/// there) and every poll of the future it returns.
pub(crate) fn run<F: Future>(
    context: Arc<RequestContext>,
    call: impl FnOnce() -> F,
) -> ResponseFuture<F> {
    let future = enter_shared(context.clone(), call);
    ResponseFuture {
        inner: scope_shared(context, future),
    }
}

/// A framework's response, which can carry the request id header.
pub trait EchoRequestId {
    /// Sets the `x-request-id` header to `id` (a sane token, so always a valid value).
    fn echo_request_id(&mut self, id: &str);
}

pin_project! {
    /// The response future of errcat's middleware: the inner service's future, run in the
    /// request's context, with `x-request-id` added to its response.
    pub struct ResponseFuture<F> {
        #[pin]
        inner: Scoped<F>,
    }
}

impl<F, R, E> Future for ResponseFuture<F>
where
    F: Future<Output = Result<R, E>>,
    R: EchoRequestId,
{
    type Output = Result<R, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> Poll<Self::Output> {
        let mut inner = self.project().inner;
        let mut output = ready!(inner.as_mut().poll(cx));
        if let (Ok(response), Some(request)) = (&mut output, inner.as_ref().get_ref().request()) {
            response.echo_request_id(request.id());
        }
        Poll::Ready(output)
    }
}

impl<F> std::fmt::Debug for ResponseFuture<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResponseFuture")
            .field("request", &self.inner.request())
            .finish_non_exhaustive()
    }
}

/// The longest incoming id accepted.
pub(crate) const MAX_LEN: usize = 128;

/// Whether an incoming request id may be reflected in responses and bodies: 1 to 128
/// characters from `A-Z a-z 0-9 - _ . : / + = @ ~`.
pub(crate) fn is_sane(id: &str) -> bool {
    (1..=MAX_LEN).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.:/+=@~".contains(&b))
}

/// A new request id, formatted as a version 4 UUID.
///
/// Unique within the process (a counter) and unpredictable across processes (the counter
/// is hashed with a per-process random key); not for security decisions.
pub(crate) fn generate() -> String {
    static KEY: OnceLock<RandomState> = OnceLock::new();
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let key = KEY.get_or_init(RandomState::new);
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_nanos());
    let high = key.hash_one((count, nanos, 1_u8));
    let low = key.hash_one((count, nanos, 2_u8));
    let bits = (u128::from(high) << 64 | u128::from(low)) & !(0xf000 << 64) & !(0xc << 60);
    let bits = bits | (0x4000 << 64) | (0x8 << 60);
    let hex = format!("{bits:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::{generate, is_sane};

    #[test]
    fn generated_ids_are_uuid_v4_and_distinct() {
        let a = generate();
        let b = generate();
        assert_ne!(a, b);
        for id in [&a, &b] {
            assert_eq!(id.len(), 36, "{id}");
            assert_eq!(&id[14..15], "4", "{id}");
            assert!(matches!(&id[19..20], "8" | "9" | "a" | "b"), "{id}");
            assert!(is_sane(id));
        }
    }

    #[test]
    fn sane_ids() {
        assert!(is_sane("req_abc123"));
        assert!(is_sane("3f2c:A/b+c=d@e~f.g-h"));
        assert!(!is_sane(""));
        assert!(!is_sane(&"a".repeat(129)));
        assert!(is_sane(&"a".repeat(128)));
        for hostile in ["a b", "a\"b", "<script>", "a\\b", "é", "a,b", "a;b"] {
            assert!(!is_sane(hostile), "{hostile}");
        }
    }
}
