//! The request an error is answered in: its id, path and time, and the clock envelopes read.

use pin_project_lite::pin_project;
use std::cell::RefCell;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::Poll;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

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
}

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
        }
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

impl<F> fmt::Debug for Scoped<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Scoped")
            .field("context", &self.context)
            .finish_non_exhaustive()
    }
}

/// What an envelope may read besides the error: the request, if any, and the clock.
pub struct Context<'a> {
    request: Option<&'a RequestContext>,
    clock: Clock,
}

#[derive(Clone, Copy)]
enum Clock {
    Now,
    Fixed(SystemTime),
}

/// The timestamp catalog examples show: `2024-01-15T10:30:00Z`.
pub(crate) const EXAMPLE_TIME: Duration = Duration::from_secs(1_705_314_600);

impl<'a> Context<'a> {
    /// A context for rendering now, in `request` if there is one.
    pub fn new(request: Option<&'a RequestContext>) -> Self {
        Context {
            request,
            clock: Clock::Now,
        }
    }

    /// The deterministic context of catalog examples: no request, and the time
    /// `2024-01-15T10:30:00Z`.
    pub fn example() -> Self {
        Context {
            request: None,
            clock: Clock::Fixed(UNIX_EPOCH + EXAMPLE_TIME),
        }
    }

    /// The context a skeleton is recorded in: `request` is the sentinel whose id and path
    /// become holes, and the clock is a hole too.
    pub(crate) fn recording(request: Option<&'a RequestContext>) -> Self {
        Context {
            request,
            clock: Clock::Fixed(UNIX_EPOCH),
        }
    }

    /// The request, if the error is rendered while one is handled.
    pub fn request(&self) -> Option<&'a RequestContext> {
        self.request
    }

    /// The request id, if any.
    pub fn request_id(&self) -> Option<&'a str> {
        self.request.map(RequestContext::id)
    }

    /// The request path, if any.
    pub fn path(&self) -> Option<&'a str> {
        self.request.map(RequestContext::path)
    }

    /// The time of the error: the request's arrival, else the example time, else now.
    pub fn timestamp(&self) -> Timestamp {
        Timestamp(match (self.request, self.clock) {
            (Some(request), _) => request.time,
            (None, Clock::Fixed(time)) => time,
            (None, Clock::Now) => SystemTime::now(),
        })
    }
}

/// A point in time that displays as RFC 3339 UTC with second precision:
/// `2024-01-15T10:30:00Z`.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// let time = UNIX_EPOCH + Duration::from_millis(1_705_314_600_999);
/// assert_eq!(errcat::Timestamp::from(time).to_string(), "2024-01-15T10:30:00Z");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timestamp(SystemTime);

impl From<SystemTime> for Timestamp {
    fn from(time: SystemTime) -> Self {
        Timestamp(time)
    }
}

impl Timestamp {
    /// The 20 bytes of `YYYY-MM-DDTHH:MM:SSZ`. Times before 1970 or after 9999 are clamped
    /// to those years rather than printed wrong.
    pub(crate) fn rfc3339(self) -> [u8; 20] {
        const MAX: u64 = 253_402_300_799; // 9999-12-31T23:59:59Z
        let secs = self
            .0
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_secs())
            .min(MAX);
        let (days, secs_of_day) = (secs / 86_400, secs % 86_400);
        let (year, month, day) = civil_from_days(days);
        let (hour, minute, second) = (secs_of_day / 3600, secs_of_day / 60 % 60, secs_of_day % 60);
        let mut out = *b"0000-00-00T00:00:00Z";
        let digits = |out: &mut [u8], value: u64| {
            let mut value = value;
            for slot in out.iter_mut().rev() {
                *slot = b'0' + u8::try_from(value % 10).unwrap_or(0);
                value /= 10;
            }
        };
        digits(&mut out[0..4], year);
        digits(&mut out[5..7], month);
        digits(&mut out[8..10], day);
        digits(&mut out[11..13], hour);
        digits(&mut out[14..16], minute);
        digits(&mut out[17..19], second);
        out
    }
}

/// The proleptic Gregorian date of the day `days` after 1970-01-01 (Howard Hinnant's
/// `civil_from_days`, for days on or after the epoch).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let bytes = self.rfc3339();
        // Only ASCII digits and separators were written.
        f.write_str(std::str::from_utf8(&bytes).map_err(|_| fmt::Error)?)
    }
}

#[cfg(test)]
mod tests {
    use super::{Timestamp, civil_from_days};
    use std::time::{Duration, UNIX_EPOCH};

    fn at(secs: u64) -> String {
        Timestamp::from(UNIX_EPOCH + Duration::from_secs(secs)).to_string()
    }

    #[test]
    fn known_times() {
        assert_eq!(at(0), "1970-01-01T00:00:00Z");
        assert_eq!(at(1_705_314_600), "2024-01-15T10:30:00Z");
        assert_eq!(at(1_765_708_200), "2025-12-14T10:30:00Z");
        assert_eq!(at(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(at(4_107_542_399), "2100-02-28T23:59:59Z");
        assert_eq!(at(253_402_300_799), "9999-12-31T23:59:59Z");
        assert_eq!(at(u64::MAX / 2), "9999-12-31T23:59:59Z");
        let before = Timestamp::from(UNIX_EPOCH - Duration::from_secs(5));
        assert_eq!(before.to_string(), "1970-01-01T00:00:00Z");
    }

    #[test]
    fn every_day_follows_the_calendar() {
        let (mut year, mut month, mut day) = (1970, 1, 1);
        for days in 0..200_000 {
            assert_eq!(civil_from_days(days), (year, month, day), "day {days}");
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
            let length = match month {
                2 if leap => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            day += 1;
            if day > length {
                day = 1;
                month += 1;
                if month > 12 {
                    month = 1;
                    year += 1;
                }
            }
        }
    }
}
