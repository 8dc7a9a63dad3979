//! The request an error is answered in: its id, path and time, current on the thread that
//! handles it.

use pin_project_lite::pin_project;
use std::cell::RefCell;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::Poll;
use std::time::SystemTime;

/// The request being handled: its id, the path of its URI, and when it arrived.
///
/// Errors rendered while a context is current (inside [`scope`](Self::scope) or
/// [`enter`](Self::enter)) carry it: [`Problem`](crate::envelope::Problem) fills `instance`
/// and `requestId`, [`Wrapped`](crate::envelope::Wrapped) `meta.requestId`,
/// [`Spring`](crate::envelope::Spring) `path`, and timestamps are the request's time.
///
/// ```
/// use errcat::{ApiError, RequestContext};
///
/// #[derive(Debug, ApiError)]
/// #[status(404)]
/// #[message("bundle not found")]
/// struct NotFound;
///
/// let request = RequestContext::new("req_abc123", "/api/v1/bundles/42");
/// let response = request.enter(|| NotFound.to_response());
/// assert_eq!(
///     response.body(),
///     r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"bundle not found","instance":"/api/v1/bundles/42","code":"NOT_FOUND","requestId":"req_abc123"}"#
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestContext {
    id: Box<str>,
    path: Box<str>,
    time: SystemTime,
    /// Set by the tower layer, which answers every error itself: errcat's own responses are
    /// then marked [`Rendered`], so the layer passes them through.
    #[cfg(any(feature = "tower", feature = "actix-web"))]
    answers_all: bool,
}

/// The mark errcat's own error responses carry under the tower layer, which passes them
/// through untouched and rewrites every other error response.
#[cfg(any(feature = "tower", feature = "actix-web"))]
#[derive(Clone, Copy, Debug)]
pub(crate) struct Rendered;

thread_local! {
    static CURRENT: RefCell<Option<Arc<RequestContext>>> = const { RefCell::new(None) };
}

impl RequestContext {
    /// A context for the request `id` on `path`, arriving now.
    pub fn new(id: impl Into<String>, path: impl Into<String>) -> Self {
        RequestContext {
            id: id.into().into_boxed_str(),
            path: path.into().into_boxed_str(),
            time: SystemTime::now(),
            #[cfg(any(feature = "tower", feature = "actix-web"))]
            answers_all: false,
        }
    }

    /// The same context, under a layer that renders every error response itself.
    #[cfg(any(feature = "tower", feature = "actix-web"))]
    pub(crate) fn answering_all(mut self) -> Self {
        self.answers_all = true;
        self
    }

    /// Whether errcat's responses in this context are to be marked [`Rendered`].
    #[cfg(any(feature = "tower", feature = "actix-web"))]
    pub(crate) fn answers_all(&self) -> bool {
        self.answers_all
    }

    /// The same context, arrived at `time`.
    #[must_use]
    pub fn with_time(mut self, time: SystemTime) -> Self {
        self.time = time;
        self
    }

    /// The request id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The path of the request's URI.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// When the request arrived.
    pub fn time(&self) -> SystemTime {
        self.time
    }

    /// Runs `f` with this context current on this thread.
    pub fn enter<R>(self, f: impl FnOnce() -> R) -> R {
        enter_shared(Arc::new(self), f)
    }

    /// Makes this context current whenever `future` is polled.
    ///
    /// Work spawned onto other tasks does not inherit it.
    pub fn scope<F: Future>(self, future: F) -> Scoped<F> {
        scope_shared(Arc::new(self), future)
    }

    /// Calls `f` with the context current on this thread, if any: the request being
    /// handled, for a handler that wants its id.
    ///
    /// ```
    /// use errcat::RequestContext;
    ///
    /// assert_eq!(RequestContext::with_current(|ctx| ctx.is_none()), true);
    /// let id = RequestContext::new("req-1", "/").enter(|| {
    ///     RequestContext::with_current(|ctx| ctx.map(|ctx| ctx.id().to_owned()))
    /// });
    /// assert_eq!(id.as_deref(), Some("req-1"));
    /// ```
    pub fn with_current<R>(f: impl FnOnce(Option<&RequestContext>) -> R) -> R {
        with_current(f)
    }
}

pub(crate) fn enter_shared<R>(context: Arc<RequestContext>, f: impl FnOnce() -> R) -> R {
    let _restore = Swap::install(Some(context));
    f()
}

pub(crate) fn scope_shared<F: Future>(context: Arc<RequestContext>, future: F) -> Scoped<F> {
    Scoped {
        context: Some(context),
        inner: future,
    }
}

/// Whether any thread has ever made a context current: until then, rendering skips the
/// thread-local lookup.
static EVER_INSTALLED: AtomicBool = AtomicBool::new(false);

/// Calls `f` with the context current on this thread, if any.
pub(crate) fn with_current<R>(f: impl FnOnce(Option<&RequestContext>) -> R) -> R {
    // Relaxed is enough: a context this thread installed was installed in program order.
    if !EVER_INSTALLED.load(Ordering::Relaxed) {
        return f(None);
    }
    CURRENT.with(|current| match current.try_borrow() {
        Ok(current) => f(current.as_deref()),
        Err(_) => f(None),
    })
}

/// Puts a context in place and restores the previous one when dropped, even on panic.
struct Swap {
    previous: Option<Option<Arc<RequestContext>>>,
}

impl Swap {
    fn install(context: Option<Arc<RequestContext>>) -> Self {
        if context.is_some() {
            EVER_INSTALLED.store(true, Ordering::Relaxed);
        }
        let previous = CURRENT.with(|current| current.replace(context));
        Swap {
            previous: Some(previous),
        }
    }

    /// Restores the previous context and returns the one that was installed.
    fn restore(&mut self) -> Option<Arc<RequestContext>> {
        let previous = self.previous.take()?;
        CURRENT.with(|current| current.replace(previous))
    }
}

impl Drop for Swap {
    fn drop(&mut self) {
        self.restore();
    }
}

pin_project! {
    /// A future with a [`RequestContext`] current while it is polled; see
    /// [`RequestContext::scope`].
    pub struct Scoped<F> {
        context: Option<Arc<RequestContext>>,
        #[pin]
        inner: F,
    }
}

impl<F: Future> Future for Scoped<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        let mut swap = Swap::install(this.context.take());
        let output = this.inner.poll(cx);
        *this.context = swap.restore();
        output
    }
}

/// Polls `inner` with `slot`'s context current, as [`Scoped`] does, for futures that keep
/// the context themselves; `f` gets the inner future's pinned reference.
#[cfg(any(feature = "tower", feature = "actix-web"))]
pub(crate) fn poll_in<R>(slot: &mut Option<Arc<RequestContext>>, f: impl FnOnce() -> R) -> R {
    let mut swap = Swap::install(slot.take());
    let output = f();
    *slot = swap.restore();
    output
}

impl<F> fmt::Debug for Scoped<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Scoped")
            .field("context", &self.context)
            .finish_non_exhaustive()
    }
}
