//! [`JsonObject`]: the writer envelopes use to put members into a body.
//!
//! Bodies are written straight into one buffer: no `serde_json::Value`, no intermediate
//! `String` per member. Strings are escaped by serde_json, so every body is valid JSON
//! whatever a field holds.

use crate::parts::{DetailValue, ErrorParts, Text};
use serde::Serializer as _;
use std::fmt::Display;

/// A JSON object being written: each call appends one member, in call order.
///
/// A member whose value fails to serialize (a `Serialize` impl that errors, a map with
/// non-string keys, a `Display` impl that errors) is left out whole, so the object stays
/// valid JSON.
///
/// ```
/// use errcat::JsonObject;
///
/// let body = JsonObject::render(|error| {
///     error.str("code", "NOT_FOUND").object("inner", |inner| {
///         inner.number("status", 404).display("message", &format_args!("id {} \"x\"", 7));
///     });
/// });
/// assert_eq!(body, br#"{"code":"NOT_FOUND","inner":{"status":404,"message":"id 7 \"x\""}}"#);
/// ```
pub struct JsonObject<'b> {
    buf: &'b mut Vec<u8>,
    empty: bool,
}

impl<'b> JsonObject<'b> {
    /// Writes one object into `buf`, its members written by `members`.
    pub(crate) fn write_into(buf: &'b mut Vec<u8>, members: impl FnOnce(&mut JsonObject<'_>)) {
        buf.push(b'{');
        let mut object = JsonObject { buf, empty: true };
        members(&mut object);
        object.buf.push(b'}');
    }

    /// The bytes of one object whose members are written by `members`; for tests and
    /// custom tooling.
    pub fn render(members: impl FnOnce(&mut JsonObject<'_>)) -> Vec<u8> {
        let mut buf = Vec::new();
        JsonObject::write_into(&mut buf, members);
        buf
    }

    /// Appends `"key":` and then the value `write` produces; rolls the member back if
    /// `write` fails.
    fn member<E>(
        &mut self,
        key: &str,
        write: impl FnOnce(&mut Vec<u8>) -> Result<(), E>,
    ) -> &mut Self {
        let mark = self.buf.len();
        if !self.empty {
            self.buf.push(b',');
        }
        let written = write_str(self.buf, key).is_ok() && {
            self.buf.push(b':');
            write(self.buf).is_ok()
        };
        if written {
            self.empty = false;
        } else {
            self.buf.truncate(mark);
            crate::log::member_dropped(key);
        }
        self
    }

    /// A string member.
    pub fn str(&mut self, key: &str, value: &str) -> &mut Self {
        self.member(key, |buf| write_str(buf, value))
    }

    /// A string member from an error's [`Text`]: written without formatting when fixed.
    pub fn text(&mut self, key: &str, value: Text<'_>) -> &mut Self {
        match value.as_str() {
            Some(text) => self.str(key, text),
            None => self.display(key, &value),
        }
    }

    /// A string member holding `value`'s `Display` output, escaped as it is written.
    pub fn display(&mut self, key: &str, value: &dyn Display) -> &mut Self {
        self.member(key, |buf| {
            serde_json::Serializer::new(buf).collect_str(value)
        })
    }

    /// An integer member.
    pub fn number(&mut self, key: &str, value: u64) -> &mut Self {
        self.member(key, |buf| serde_json::to_writer(buf, &value))
    }

    /// A boolean member.
    pub fn bool(&mut self, key: &str, value: bool) -> &mut Self {
        self.member(key, |buf| {
            buf.extend_from_slice(if value { b"true" } else { b"false" });
            Ok::<(), ()>(())
        })
    }

    /// A member holding any serializable value; left out when the value serializes as
    /// `null` (`None`, `()`), since absent members are never `null`.
    pub fn value(&mut self, key: &str, value: &dyn DetailValue) -> &mut Self {
        let (mark, empty) = (self.buf.len(), self.empty);
        self.member(key, |buf| value.write_json(buf));
        if self.buf.ends_with(b":null") && self.buf.len() > mark {
            self.buf.truncate(mark);
            self.empty = empty;
        }
        self
    }

    /// A member holding a nested object whose members `members` writes.
    pub fn object(&mut self, key: &str, members: impl FnOnce(&mut JsonObject<'_>)) -> &mut Self {
        self.member(key, |buf| {
            JsonObject::write_into(buf, members);
            Ok::<(), ()>(())
        })
    }

    /// The error's `#[detail]` members, in field order; a detail named like one of the
    /// envelope's own [`MEMBERS`](crate::Envelope::MEMBERS) is left out.
    pub fn details(&mut self, error: &ErrorParts<'_>) -> &mut Self {
        let reserved = error.envelope().members;
        for (key, value) in error.details() {
            if reserved.contains(&key) {
                crate::log::member_dropped(key);
            } else {
                self.value(key, value);
            }
        }
        self
    }
}

fn write_str(buf: &mut Vec<u8>, value: &str) -> serde_json::Result<()> {
    serde_json::to_writer(buf, value)
}
