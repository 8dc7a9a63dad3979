//! JSON strings written straight into a byte buffer, escaped as serde_json escapes them
//! (byte for byte), so every body is valid JSON whatever a field holds.
//!
//! A leaf: it knows bytes and text, nothing of errors, envelopes or rendering.

use std::fmt;

/// Writes `value` as a JSON string, quotes included.
pub(crate) fn write_str(buf: &mut Vec<u8>, value: &str) {
    buf.push(b'"');
    escape(buf, value);
    buf.push(b'"');
}

/// Writes `value` as a JSON integer.
pub(crate) fn write_u64(buf: &mut Vec<u8>, value: u64) {
    buf.extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
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

/// Whether `text` is written into a JSON string as it is, with nothing escaped.
pub(crate) fn is_plain(text: &str) -> bool {
    clean_prefix(text.as_bytes()) == text.len()
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
