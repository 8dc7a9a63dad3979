//! The rate limiter: a fixed window of requests per caller, answered with [`RateLimited`] and
//! seed 000's headers beyond it.
//!
//! It is built to hold under hostile traffic. It keys on the authenticated caller (it runs
//! after `authenticate`), never on what a request claims: one entry per distinct
//! `Authorization` value would let anyone grow the table with made-up tokens. Expired windows
//! are swept, and the table holds at most `capacity` entries whatever the keys.

use crate::caller::Caller;
use crate::errors::RateLimited;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// At most `limit` requests per key in each window of `window`, for at most `capacity` keys.
pub struct Limiter<K = Caller> {
    limit: u32,
    window: Duration,
    capacity: usize,
    table: Mutex<Table<K>>,
}

struct Table<K> {
    windows: HashMap<K, Window>,
    /// When expired windows were last removed.
    swept: Instant,
}

/// One key's current window: when it started and how many requests it has seen.
#[derive(Clone, Copy)]
struct Window {
    start: Instant,
    count: u32,
}

/// Expired windows are removed this often (a quarter of the window): a sweep reads the whole
/// table, so it runs a few times per window rather than on every request.
const SWEEPS_PER_WINDOW: u32 = 4;

impl<K: Eq + Hash> Limiter<K> {
    /// `limit` requests per key per `window`, for at most `capacity` keys at once.
    pub fn new(limit: u32, window: Duration, capacity: usize) -> Self {
        Limiter {
            limit,
            window,
            capacity,
            table: Mutex::new(Table {
                windows: HashMap::new(),
                swept: Instant::now(),
            }),
        }
    }

    /// Counts a request of `key` now; `Err` when it is over the limit.
    pub fn check(&self, key: K) -> Result<(), RateLimited> {
        self.check_at(key, Instant::now())
    }

    /// [`check`](Self::check) at the instant `now`, so a test can let windows expire without
    /// waiting for them.
    pub fn check_at(&self, key: K, now: Instant) -> Result<(), RateLimited> {
        let mut table = self.table.lock().unwrap_or_else(PoisonError::into_inner);
        let since_sweep = now.saturating_duration_since(table.swept);
        let sweep_every = self.window / SWEEPS_PER_WINDOW;
        if since_sweep >= sweep_every {
            table.sweep(now, self.window);
        }
        if table.windows.len() >= self.capacity && !table.windows.contains_key(&key) {
            // Full of live windows: refuse the newcomer until the next sweep, rather than
            // forget a caller, which would give it a fresh window (and anyone with enough
            // identities no limit at all).
            let left = sweep_every.saturating_sub(since_sweep);
            return Err(self.limited(left, None));
        }
        let window = table.windows.entry(key).or_insert(Window {
            start: now,
            count: 0,
        });
        if now.saturating_duration_since(window.start) >= self.window {
            *window = Window {
                start: now,
                count: 0,
            };
        }
        window.count = window.count.saturating_add(1);
        if window.count <= self.limit {
            return Ok(());
        }
        let left = self
            .window
            .saturating_sub(now.saturating_duration_since(window.start));
        Err(self.limited(left, unix_seconds(SystemTime::now() + left)))
    }

    /// How many keys the table holds now.
    pub fn len(&self) -> usize {
        self.table
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .windows
            .len()
    }

    /// Whether the table holds no key.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The most keys the table ever holds.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// The error for a request refused for `left`; `reset` is when its window ends, if it has
    /// one.
    fn limited(&self, left: Duration, reset: Option<u64>) -> RateLimited {
        RateLimited {
            retry_after: seconds_up(left).max(1),
            limit: self.limit,
            reset,
        }
    }
}

impl<K: Eq + Hash> Table<K> {
    /// Removes the windows that ended, and gives back memory a burst of keys left behind.
    fn sweep(&mut self, now: Instant, window: Duration) {
        self.windows
            .retain(|_, kept| now.saturating_duration_since(kept.start) < window);
        if self.windows.capacity() > 4 * self.windows.len().max(16) {
            self.windows.shrink_to(2 * self.windows.len());
        }
        self.swept = now;
    }
}

/// `time` in whole seconds since the Unix epoch, rounded up so a client waiting until then
/// is not early; `None` for a clock set before 1970.
fn unix_seconds(time: SystemTime) -> Option<u64> {
    time.duration_since(UNIX_EPOCH).ok().map(seconds_up)
}

/// `duration` in whole seconds, rounded up.
fn seconds_up(duration: Duration) -> u64 {
    duration.as_secs() + u64::from(duration.subsec_nanos() > 0)
}
