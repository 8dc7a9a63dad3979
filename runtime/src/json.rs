//! [`JsonObject`]: the writer envelopes use to put members into a body.
//!
//! Bodies are written straight into one buffer: no `serde_json::Value`, no intermediate
//! `String` per member. Every string is escaped as serde_json escapes it (byte for byte), so
//! every body is valid JSON whatever a field holds; values that are not strings go through
//! serde_json itself.

use crate::parts::{DetailValue, ErrorParts, Text};
use crate::skeleton::{Hole, Recorder};
use crate::violations::{FieldViolation, Location, Violations};
use std::fmt::{self, Display};

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
    /// Set while a body skeleton is being compiled: holes are recorded instead of values.
    recorder: Option<&'b mut Recorder>,
}

impl<'b> JsonObject<'b> {
    /// Writes one object into `buf`, its members written by `members`.
    pub(crate) fn write_into(buf: &'b mut Vec<u8>, members: impl FnOnce(&mut JsonObject<'_>)) {
        JsonObject::write_object(buf, None, members);
    }

    /// Writes one object into `buf` while `recorder` notes where its holes are.
    pub(crate) fn record_into(
        buf: &'b mut Vec<u8>,
        recorder: &'b mut Recorder,
        members: impl FnOnce(&mut JsonObject<'_>),
    ) {
        JsonObject::write_object(buf, Some(recorder), members);
    }

    fn write_object(
        buf: &'b mut Vec<u8>,
        recorder: Option<&'b mut Recorder>,
        members: impl FnOnce(&mut JsonObject<'_>),
    ) {
        buf.push(b'{');
        let mut object = JsonObject {
            buf,
            empty: true,
            recorder,
        };
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
        self.key(key);
        let written = write(self.buf).is_ok();
        if written {
            self.empty = false;
        } else {
            self.buf.truncate(mark);
            crate::log::member_dropped(key);
        }
        self
    }

    /// `,"key":`, without the comma for the first member.
    fn key(&mut self, key: &str) {
        if !self.empty {
            self.buf.push(b',');
        }
        self.buf.push(b'"');
        escape(self.buf, key);
        self.buf.extend_from_slice(b"\":");
    }

    /// A string member.
    pub fn str(&mut self, key: &str, value: &str) -> &mut Self {
        if let Some(hole) = self
            .recorder
            .as_deref()
            .and_then(|recorder| recorder.hole_for(value))
        {
            self.key(key);
            self.buf.push(b'"');
            if let Some(recorder) = self.recorder.as_deref_mut() {
                recorder.hole(self.buf, hole);
            }
            self.buf.push(b'"');
            self.empty = false;
            return self;
        }
        self.member(key, |buf| {
            write_str(buf, value);
            Ok::<(), ()>(())
        })
    }

    /// A string member from an error's [`Text`]: its pieces escaped straight into the body.
    pub fn text(&mut self, key: &str, value: Text<'_>) -> &mut Self {
        if self.recorder.is_some() {
            self.key(key);
            self.buf.push(b'"');
            if let Some(recorder) = self.recorder.as_deref_mut() {
                value.record(self.buf, recorder);
            }
            self.buf.push(b'"');
            self.empty = false;
            return self;
        }
        self.member(key, |buf| {
            buf.push(b'"');
            value.write_to(&mut Escaper(buf))?;
            buf.push(b'"');
            Ok::<(), fmt::Error>(())
        })
    }

    /// A string member holding `value`'s `Display` output, escaped as it is written.
    pub fn display(&mut self, key: &str, value: &dyn Display) -> &mut Self {
        if let Some(recorder) = self.recorder.as_deref_mut() {
            // Its value may differ on each render: this body cannot be compiled.
            recorder.give_up();
        }
        self.member(key, |buf| {
            buf.push(b'"');
            fmt::write(&mut Escaper(buf), format_args!("{value}"))?;
            buf.push(b'"');
            Ok::<(), fmt::Error>(())
        })
    }

    /// A timestamp member: RFC 3339 UTC to the second, `"2024-01-15T10:30:00Z"`.
    pub fn timestamp(&mut self, key: &str, value: crate::Timestamp) -> &mut Self {
        if self.recorder.is_some() {
            self.key(key);
            self.buf.push(b'"');
            if let Some(recorder) = self.recorder.as_deref_mut() {
                recorder.hole(self.buf, Hole::Timestamp);
            }
            self.buf.push(b'"');
            self.empty = false;
            return self;
        }
        self.member(key, |buf| {
            buf.push(b'"');
            buf.extend_from_slice(&value.rfc3339());
            buf.push(b'"');
            Ok::<(), ()>(())
        })
    }

    /// An integer member.
    pub fn number(&mut self, key: &str, value: u64) -> &mut Self {
        self.member(key, |buf| {
            buf.extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
            Ok::<(), ()>(())
        })
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
        if let Some(recorder) = self.recorder.as_deref_mut() {
            recorder.give_up();
        }
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
        self.key(key);
        JsonObject::write_object(self.buf, self.recorder.as_deref_mut(), members);
        self.empty = false;
        self
    }

    /// A member mapping each invalid field to its message:
    /// `"validationErrors":{"email":"must be a well-formed email address"}`. A field with
    /// several violations keeps its first.
    pub fn violation_messages(&mut self, key: &str, violations: &Violations) -> &mut Self {
        if let Some(recorder) = self.recorder.as_deref_mut() {
            recorder.give_up();
        }
        self.member(key, |buf| {
            JsonObject::write_into(buf, |fields| {
                let mut seen: Vec<&str> = Vec::with_capacity(violations.len());
                for violation in violations {
                    if !seen.contains(&violation.field.as_str()) {
                        seen.push(&violation.field);
                        fields.str(&violation.field, &violation.message);
                    }
                }
            });
            Ok::<(), ()>(())
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
        if let Some(recorder) = self.recorder.as_deref_mut() {
            recorder.give_up();
        }
        self.member(key, |buf| {
            buf.push(b'[');
            for (i, violation) in violations.iter().enumerate() {
                if i > 0 {
                    buf.push(b',');
                }
                JsonObject::write_into(buf, |item| each(item, violation));
            }
            buf.push(b']');
            Ok::<(), ()>(())
        })
    }

    /// The error's `#[detail]` members, in field order; a detail named like one of the
    /// envelope's own [`MEMBERS`](crate::Envelope::MEMBERS) (or, when the error lists field
    /// violations, its [`VIOLATION_MEMBERS`](crate::Envelope::VIOLATION_MEMBERS)) is left out.
    pub fn details(&mut self, error: &ErrorParts<'_>) -> &mut Self {
        let envelope = error.envelope();
        let lists_violations = error.lists_violations();
        let reserved = |key: &str| {
            envelope.members.contains(&key)
                || (lists_violations && envelope.violation_members.contains(&key))
        };
        if let Some(recorder) = self.recorder.as_deref_mut() {
            // Each detail is a hole with its `,"key":` prefix, dropped whole when the value
            // is null; nothing follows the details in a compiled envelope's object.
            for (index, key) in error.detail_keys().iter().enumerate() {
                if reserved(key) {
                    continue;
                }
                let start = recorder.cut(self.buf);
                if !self.empty {
                    self.buf.push(b',');
                }
                self.buf.push(b'"');
                escape(self.buf, key);
                self.buf.extend_from_slice(b"\":");
                recorder.detail(self.buf, index, start);
                self.empty = false;
            }
            return self;
        }
        if !error.has_details() {
            return self;
        }
        for (key, value) in error.details() {
            if reserved(key) {
                crate::log::member_dropped(key);
            } else {
                self.value(key, value);
            }
        }
        self
    }
}

/// Writes `value` as a JSON string, quotes included.
fn write_str(buf: &mut Vec<u8>, value: &str) {
    buf.push(b'"');
    escape(buf, value);
    buf.push(b'"');
}

/// A `fmt::Write` that escapes what is written into a JSON string's contents.
pub(crate) struct Escaper<'a>(pub(crate) &'a mut Vec<u8>);

impl fmt::Write for Escaper<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        escape(self.0, text);
        Ok(())
    }
}

/// How each byte is escaped in a JSON string: `0` for not at all, `u` for `\u00XX`, else
/// the letter after the backslash. The same choices as serde_json.
const ESCAPE: [u8; 256] = {
    let mut table = [0_u8; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = b'u';
        byte += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Whether any of the 8 bytes of `word` needs escaping: a control character, `"` or `\`.
///
/// `(x - n) & !x` has a byte's high bit set when that byte of `x` is below `n`; a byte
/// equal to `c` is a zero byte of `x ^ c`. Bytes of 0x80 and above never need escaping
/// and never set a high bit here (`!x` clears it).
fn needs_escape(word: u64) -> bool {
    let below = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x;
    let control = below(word, 0x20);
    let quote = below(word ^ (ONES * u64::from(b'"')), 1);
    let backslash = below(word ^ (ONES * u64::from(b'\\')), 1);
    (control | quote | backslash) & HIGHS != 0
}

/// Appends `text` escaped as the contents of a JSON string.
pub(crate) fn escape(buf: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    let clean = clean_prefix(bytes);
    buf.extend_from_slice(&bytes[..clean]);
    let mut start = clean;
    for (i, &byte) in bytes.iter().enumerate().skip(clean) {
        let escape = ESCAPE[usize::from(byte)];
        if escape == 0 {
            continue;
        }
        buf.extend_from_slice(&bytes[start..i]);
        if escape == b'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            buf.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 0xf)],
            ]);
        } else {
            buf.extend_from_slice(&[b'\\', escape]);
        }
        start = i + 1;
    }
    buf.extend_from_slice(&bytes[start..]);
}

/// The length of the longest prefix of `bytes` that needs no escaping, found a word at a
/// time (the last, short one padded with a plain byte): error text is mostly plain.
fn clean_prefix(bytes: &[u8]) -> usize {
    let mut clean = 0;
    let mut chunks = bytes.chunks_exact(8);
    let mut dirty = false;
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        if needs_escape(u64::from_le_bytes(word)) {
            dirty = true;
            break;
        }
        clean += 8;
    }
    if !dirty {
        let rest = chunks.remainder();
        let mut word = [b' '; 8];
        word[..rest.len()].copy_from_slice(rest);
        if !needs_escape(u64::from_le_bytes(word)) {
            return bytes.len();
        }
    }
    while clean < bytes.len() && ESCAPE[usize::from(bytes[clean])] == 0 {
        clean += 1;
    }
    clean
}

#[cfg(test)]
mod tests {
    use super::write_str;

    fn ours(text: &str) -> String {
        let mut buf = Vec::new();
        write_str(&mut buf, text);
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn escapes_exactly_as_serde_json() {
        let mut samples: Vec<String> = (0..=0x7f_u8).map(|b| char::from(b).to_string()).collect();
        samples.extend(
            [
                "",
                "plain text of some length, no escapes",
                "KeyRing 'Finance' not found",
                "quote \" in the middle of a long enough string",
                "12345678\"",
                "1234567\\",
                "\u{0}\u{1f}\u{7f}\u{80}é😀\u{2028}\u{2029}",
                "a\tb\nc\rd\u{8}e\u{c}f",
                "\\\\\\\\\\\\\\\\\\",
                "\"\"\"\"\"\"\"\"\"\"",
            ]
            .iter()
            .map(|s| (*s).to_owned()),
        );
        for len in 0..40 {
            for special in ['"', '\\', '\n', '\u{1}', 'é'] {
                let mut text: String = "x".repeat(len);
                text.push(special);
                text.push_str("tail after the special character");
                samples.push(text);
            }
        }
        for sample in &samples {
            assert_eq!(
                ours(sample),
                serde_json::to_string(sample).unwrap(),
                "{sample:?}"
            );
        }
    }
}
