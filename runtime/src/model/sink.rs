//! [`Sink`]: where an envelope's body goes, a real body or the recorder that compiles it.

use super::text::Text;
use super::timestamp::Timestamp;
use super::value::DetailValue;
use std::fmt;

/// Whether a member whose value may be `null` was kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kept {
    Yes,
    No,
    /// Not known until the body is filled in (a compiled body's detail).
    Maybe,
}

/// What a [`JsonObject`](crate::envelope::JsonObject) writes into: literal bytes, and the
/// values that change from one response to the next. A real body writes those values; the
/// recorder leaves holes for them. The object cannot tell which it writes into.
pub(crate) trait Sink {
    /// The bytes written so far; fixed output is appended here.
    fn buf(&mut self) -> &mut Vec<u8>;

    /// Appends `text`'s contents, escaped for a JSON string.
    fn text(&mut self, text: Text<'_>) -> fmt::Result;

    /// Appends `time`'s 20 RFC 3339 bytes.
    fn timestamp(&mut self, time: Timestamp);

    /// Appends `value`'s JSON as the value of the member begun at `start`, and drops the
    /// whole member when the value is `null` or fails to serialize.
    fn value(&mut self, start: usize, key: &str, value: &dyn DetailValue) -> Kept;

    /// Drops the member begun at `start`, named `key`: its value failed to write.
    fn failed(&mut self, start: usize, key: &str);

    /// A member named `key` was left out: it would repeat one of the envelope's own.
    fn reserved(&mut self, key: &str);

    /// A separator that is needed only if some member before it in its object was kept,
    /// which is not known yet.
    fn uncertain_separator(&mut self);
}
