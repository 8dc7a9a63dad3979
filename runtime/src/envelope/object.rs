//! [`JsonObject`]: the writer envelopes use to put members into a body.

use crate::json::{Escaper, escape, is_plain, write_str, write_u64};
use crate::model::parts::ErrorParts;
use crate::model::sink::{Kept, Sink};
use crate::model::text::Text;
use crate::model::timestamp::Timestamp;
use crate::model::value::DetailValue;
use crate::violations::{FieldViolation, Location, Violations};
use std::fmt::{self, Display};

/// A JSON object being written: each call appends one member, in call order.
///
/// Bodies are written straight into one buffer, with no `serde_json::Value` and no
/// intermediate `String` per member. Every string is escaped as serde_json escapes it, so a
/// body is valid JSON whatever a field holds; values that are not strings go through
/// serde_json itself. A member whose value fails to serialize (a `Serialize` impl that errors,
/// a map with non-string keys, a `Display` impl that errors) is left out whole.
///
/// ```
/// use errcat::envelope::JsonObject;
///
/// let body = JsonObject::render(|error| {
///     error.str("code", "NOT_FOUND").object("inner", |inner| {
///         inner.number("status", 404).display("message", &format_args!("id {} \"x\"", 7));
///     });
/// });
/// assert_eq!(body, br#"{"code":"NOT_FOUND","inner":{"status":404,"message":"id 7 \"x\""}}"#);
/// ```
pub struct JsonObject<'b> {
    sink: &'b mut dyn Sink,
    members: Members,
    /// Where each member's key begins in the body, so a detail never repeats one.
    keys: KeyStarts,
    /// The envelope's own keys, which details may not take.
    reserved: &'static [&'static str],
    /// Its keys for field violations, reserved on errors that list them.
    reserved_for_violations: &'static [&'static str],
}

/// Whether an object has members yet, for the comma before the next.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Members {
    None,
    Some,
    /// Only members that a compiled body may leave out.
    Unknown,
}

/// The offsets of an object's keys in the body: a few inline, the rest (rare) on the heap.
#[derive(Default)]
struct KeyStarts {
    inline: [usize; 8],
    len: usize,
    more: Vec<usize>,
}

impl KeyStarts {
    fn push(&mut self, at: usize) {
        match self.inline.get_mut(self.len) {
            Some(slot) => *slot = at,
            None => self.more.push(at),
        }
        self.len += 1;
    }

    fn pop(&mut self) {
        if self.len > self.inline.len() {
            self.more.pop();
        }
        self.len = self.len.saturating_sub(1);
    }

    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.inline[..self.len.min(self.inline.len())]
            .iter()
            .chain(&self.more)
            .copied()
    }
}

/// Whether the key written at `at` in `buf` (`"key":`) is `key`.
fn is_key_at(buf: &[u8], at: usize, key: &str) -> bool {
    let Some(written) = buf.get(at..) else {
        return false;
    };
    let escaped;
    let key = if is_plain(key) {
        key.as_bytes()
    } else {
        let mut bytes = Vec::new();
        escape(&mut bytes, key);
        escaped = bytes;
        &escaped
    };
    written.len() >= key.len() + 3
        && written[0] == b'"'
        && written[1..=key.len()] == *key
        && written[key.len() + 1..key.len() + 3] == *b"\":"
}

impl<'b> JsonObject<'b> {
    /// Writes one object into `sink`, its members written by `members`; details may not take
    /// the keys in `reserved` (nor, on an error listing field violations, those in
    /// `reserved_for_violations`).
    pub(crate) fn write(
        sink: &'b mut dyn Sink,
        reserved: &'static [&'static str],
        reserved_for_violations: &'static [&'static str],
        members: impl FnOnce(&mut JsonObject<'_>),
    ) {
        sink.buf().push(b'{');
        let mut object = JsonObject {
            sink,
            members: Members::None,
            keys: KeyStarts::default(),
            reserved,
            reserved_for_violations,
        };
        members(&mut object);
        object.sink.buf().push(b'}');
    }

    /// `,"key":`, without the comma for the first member; where the member starts.
    fn key(&mut self, key: &str) -> usize {
        let start = self.sink.buf().len();
        match self.members {
            Members::None => {}
            Members::Some => self.sink.buf().push(b','),
            Members::Unknown => self.sink.uncertain_separator(),
        }
        let buf = self.sink.buf();
        self.keys.push(buf.len());
        buf.push(b'"');
        escape(buf, key);
        buf.extend_from_slice(b"\":");
        start
    }

    /// Whether this object already has a member named `key`.
    fn has_key(&mut self, key: &str) -> bool {
        let buf = self.sink.buf();
        self.keys.iter().any(|at| is_key_at(buf, at, key))
    }

    /// Appends `"key":` and then the value `write` produces; leaves the member out if `write`
    /// fails.
    fn member<E>(
        &mut self,
        key: &str,
        write: impl FnOnce(&mut dyn Sink) -> Result<(), E>,
    ) -> &mut Self {
        let start = self.key(key);
        if write(&mut *self.sink).is_ok() {
            self.members = Members::Some;
        } else {
            self.sink.failed(start, key);
            self.keys.pop();
        }
        self
    }

    /// A string member.
    pub fn str(&mut self, key: &str, value: &str) -> &mut Self {
        self.member(key, |sink| {
            write_str(sink.buf(), value);
            Ok::<(), ()>(())
        })
    }

    /// A string member from a [`Text`] (an error's message or field, the request's id or
    /// path): its pieces escaped straight into the body.
    pub fn text(&mut self, key: &str, value: Text<'_>) -> &mut Self {
        self.member(key, |sink| {
            sink.buf().push(b'"');
            sink.text(value)?;
            sink.buf().push(b'"');
            Ok::<(), fmt::Error>(())
        })
    }

    /// A string member holding `value`'s `Display` output, escaped as it is written.
    pub fn display(&mut self, key: &str, value: &dyn Display) -> &mut Self {
        self.member(key, |sink| {
            let buf = sink.buf();
            buf.push(b'"');
            fmt::write(&mut Escaper(buf), format_args!("{value}"))?;
            buf.push(b'"');
            Ok::<(), fmt::Error>(())
        })
    }

    /// A timestamp member: RFC 3339 UTC to the second, `"2024-01-15T10:30:00Z"`.
    pub fn timestamp(&mut self, key: &str, value: Timestamp) -> &mut Self {
        self.member(key, |sink| {
            sink.buf().push(b'"');
            sink.timestamp(value);
            sink.buf().push(b'"');
            Ok::<(), ()>(())
        })
    }

    /// An integer member.
    pub fn number(&mut self, key: &str, value: u64) -> &mut Self {
        self.member(key, |sink| {
            write_u64(sink.buf(), value);
            Ok::<(), ()>(())
        })
    }

    /// A boolean member.
    pub fn bool(&mut self, key: &str, value: bool) -> &mut Self {
        self.member(key, |sink| {
            sink.buf()
                .extend_from_slice(if value { b"true" } else { b"false" });
            Ok::<(), ()>(())
        })
    }

    /// A member holding any serializable value; left out when the value serializes as
    /// `null` (`None`, `()`), since absent members are never `null`.
    pub fn value(&mut self, key: &str, value: &dyn DetailValue) -> &mut Self {
        let start = self.key(key);
        match self.sink.value(start, key, value) {
            Kept::Yes => self.members = Members::Some,
            Kept::No => self.keys.pop(),
            Kept::Maybe => {
                if self.members == Members::None {
                    self.members = Members::Unknown;
                }
            }
        }
        self
    }

    /// A member holding a nested object whose members `members` writes.
    pub fn object(&mut self, key: &str, members: impl FnOnce(&mut JsonObject<'_>)) -> &mut Self {
        self.key(key);
        JsonObject::write(
            &mut *self.sink,
            self.reserved,
            self.reserved_for_violations,
            members,
        );
        self.members = Members::Some;
        self
    }

    /// A member mapping each invalid field to its message:
    /// `"validationErrors":{"email":"must be a well-formed email address"}`. A field with
    /// several violations keeps its first.
    pub fn violation_messages(&mut self, key: &str, violations: &Violations) -> &mut Self {
        self.object(key, |fields| {
            let mut seen: Vec<&str> = Vec::with_capacity(violations.len());
            for violation in violations {
                if !seen.contains(&violation.field.as_str()) {
                    seen.push(&violation.field);
                    fields.str(&violation.field, &violation.message);
                }
            }
        })
    }

    /// A member listing the invalid fields:
    /// `"errors":[{"field":"email","code":"email","message":"..."}]`, with `"location"` for
    /// a field outside the body (`query`, `path`, `header`).
    pub fn violation_list(&mut self, key: &str, violations: &Violations) -> &mut Self {
        self.array(key, violations, |item, violation| {
            item.str("field", &violation.field)
                .str("code", &violation.code)
                .str("message", &violation.message);
            if violation.location != Location::Body {
                item.str("location", violation.location.as_str());
            }
        })
    }

    /// A member listing the invalid fields as RFC 9457 suggests:
    /// `"errors":[{"detail":"must be ...","pointer":"#/items/2/sku","code":"length"}]`, with
    /// `"parameter"` instead of `"pointer"` for a query or path field and `"header"` for a
    /// header.
    pub fn violation_problems(&mut self, key: &str, violations: &Violations) -> &mut Self {
        self.array(key, violations, |item, violation| {
            item.str("detail", &violation.message);
            match violation.location {
                Location::Body => item.str("pointer", &violation.json_pointer()),
                Location::Query | Location::Path => item.str("parameter", &violation.field),
                Location::Header => item.str("header", &violation.field),
            };
            item.str("code", &violation.code);
        })
    }

    /// A member holding an array of one object per violation.
    fn array(
        &mut self,
        key: &str,
        violations: &Violations,
        mut each: impl FnMut(&mut JsonObject<'_>, &FieldViolation),
    ) -> &mut Self {
        self.key(key);
        self.sink.buf().push(b'[');
        for (i, violation) in violations.iter().enumerate() {
            if i > 0 {
                self.sink.buf().push(b',');
            }
            JsonObject::write(&mut *self.sink, &[], &[], |item| each(item, violation));
        }
        self.sink.buf().push(b']');
        self.members = Members::Some;
        self
    }

    /// The error's `#[detail]` members, in field order. A detail named like a member this
    /// object already has, or like one of the envelope's own
    /// [`MEMBERS`](crate::Envelope::MEMBERS) (or, when the error lists field violations, its
    /// [`VIOLATION_MEMBERS`](crate::Envelope::VIOLATION_MEMBERS)), is left out (and logged):
    /// a body never repeats a key.
    ///
    /// Then, when the service asked for one
    /// ([`docs_member`](crate::envelope::ErrorParts::docs_member)), the member linking to the
    /// error's documentation (`"doc_url":"https://api.example.com/errors#RATE_LIMITED"`), under
    /// the same rule: an envelope that writes its details gets the link without a line of its
    /// own.
    pub fn details(&mut self, error: &ErrorParts<'_>) -> &mut Self {
        let lists_violations = error.lists_violations();
        let free = |object: &mut Self, key: &str| {
            !(object.reserved.contains(&key)
                || (lists_violations && object.reserved_for_violations.contains(&key))
                || object.has_key(key))
        };
        for (key, value) in error.details() {
            if free(self, key) {
                self.value(key, value);
            } else {
                self.sink.reserved(key);
            }
        }
        if let (Some(key), Some(uri)) = (error.docs_member(), error.type_uri()) {
            if free(self, key) {
                self.text(key, uri);
            } else {
                self.sink.reserved(key);
            }
        }
        self
    }
}
