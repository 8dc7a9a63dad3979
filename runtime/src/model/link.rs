//! Where an error is documented: the page its `type` URI and docs member point at, and the
//! anchor of its code there.

use serde_json::{Value, json};
use std::fmt;

/// The documentation links of one error, as its parts carry them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Links {
    /// The page (the code's anchor is appended) or, with a `#`, the whole URI.
    pub(crate) docs: Option<&'static str>,
    /// The body member carrying the link, in envelopes that have no `type`.
    pub(crate) member: Option<&'static str>,
}

/// The links of a transparent variant's outer type, as its table holds them: a compiled body
/// is kept by this address (one word to compare on every response), never by the strings.
pub(crate) type Wrapper = Option<&'static Links>;

/// Whether two wrappers are the same table entry.
pub(crate) fn same_wrapper(a: Wrapper, b: Wrapper) -> bool {
    a.map(std::ptr::from_ref) == b.map(std::ptr::from_ref)
}

/// Writes the URI documenting `code`: `docs` itself when it has a fragment, else `docs`, `#`
/// and the code's [`anchor`].
pub(crate) fn write_uri<W: fmt::Write + ?Sized>(
    docs: &str,
    code: &str,
    out: &mut W,
) -> fmt::Result {
    out.write_str(docs)?;
    if docs.contains('#') {
        return Ok(());
    }
    out.write_char('#')?;
    write_anchor(code, out)
}

/// Writes `code` as a URI fragment: unreserved characters (RFC 3986) as they are, every other
/// byte percent-encoded, so any code makes a valid link to the element whose id it is.
pub(crate) fn write_anchor<W: fmt::Write + ?Sized>(code: &str, out: &mut W) -> fmt::Result {
    for byte in code.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.write_char(char::from(byte))?;
        } else {
            write!(out, "%{byte:02X}")?;
        }
    }
    Ok(())
}

/// The JSON Schema of a member whose value is the URI documenting an error: that URI, absolute
/// or relative (`/docs/errors#CODE`).
pub(crate) fn schema(uri: &str) -> Value {
    json!({ "type": "string", "format": "uri-reference", "enum": [uri] })
}

/// [`write_uri`], as a string.
pub(crate) fn uri(docs: &str, code: &str) -> String {
    let mut out = String::with_capacity(docs.len() + code.len() + 1);
    let _ = write_uri(docs, code, &mut out);
    out
}

/// [`write_anchor`], as a string.
pub(crate) fn anchor(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let _ = write_anchor(code, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::{anchor, uri};

    #[test]
    fn a_code_is_its_own_anchor_and_anything_else_is_encoded() {
        assert_eq!(anchor("KEY_NOT_FOUND"), "KEY_NOT_FOUND");
        assert_eq!(anchor("bundle.not-found~1"), "bundle.not-found~1");
        assert_eq!(anchor("a b/é#"), "a%20b%2F%C3%A9%23");
        assert_eq!(
            uri("https://api.example.com/errors", "RATE_LIMITED"),
            "https://api.example.com/errors#RATE_LIMITED"
        );
        assert_eq!(
            uri("https://example.com/probs/out-of-credit#credit", "ANY"),
            "https://example.com/probs/out-of-credit#credit"
        );
    }
}
