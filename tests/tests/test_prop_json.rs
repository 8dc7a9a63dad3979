//! Arbitrary strings (quotes, backslashes, control characters, U+0000, emoji, 1 MB) in
//! interpolated fields, `#[detail]` values and field templates: every envelope renders valid
//! JSON whose members round-trip exactly, and a header template never panics or injects.

use errcat::{ApiError, RequestContext};
use proptest::prelude::*;
use serde_json::Value;

macro_rules! error_in {
    ($name:ident, $envelope:path) => {
        #[derive(Debug, thiserror::Error, ApiError)]
        #[api_error(envelope = $envelope)]
        #[error("x")]
        #[status(400)]
        #[code("VALIDATION_ERROR")]
        #[message("bad {value} here")]
        #[field("{field}")]
        #[header("X-Echo", "v={value}")]
        struct $name {
            value: String,
            field: String,
            #[detail]
            note: String,
        }
    };
}

error_in!(InProblem, errcat::envelope::Problem);
error_in!(InErrorField, errcat::envelope::ErrorField);
error_in!(InMessageField, errcat::envelope::MessageField);
error_in!(InWrapped, errcat::envelope::Wrapped);
error_in!(InSpring, errcat::envelope::Spring);

fn parse(body: &[u8]) -> Value {
    serde_json::from_slice(body)
        .unwrap_or_else(|error| panic!("invalid JSON ({error}): {}", String::from_utf8_lossy(body)))
}

/// Checks every envelope's members against the inputs.
fn check_all(value: &str, field: &str, note: &str, id: &str, path: &str) {
    let message = format!("bad {value} here");
    let (v, f, n) = (value.to_owned(), field.to_owned(), note.to_owned());

    let body = parse(
        RequestContext::new(id, path)
            .enter(|| {
                InProblem {
                    value: v.clone(),
                    field: f.clone(),
                    note: n.clone(),
                }
                .to_response()
            })
            .body(),
    );
    assert_eq!(body["detail"], message.as_str());
    assert_eq!(body["field"], field);
    assert_eq!(body["note"], note);
    assert_eq!(body["instance"], path);
    assert_eq!(body["requestId"], id);

    let body = parse(
        InErrorField {
            value: v.clone(),
            field: f.clone(),
            note: n.clone(),
        }
        .to_response()
        .body(),
    );
    assert_eq!(body["error"], message.as_str());
    assert_eq!(body["note"], note);

    let body = parse(
        InMessageField {
            value: v.clone(),
            field: f.clone(),
            note: n.clone(),
        }
        .to_response()
        .body(),
    );
    assert_eq!(body["message"], message.as_str());
    assert_eq!(body["note"], note);

    let body = parse(
        RequestContext::new(id, path)
            .enter(|| {
                InWrapped {
                    value: v.clone(),
                    field: f.clone(),
                    note: n.clone(),
                }
                .to_response()
            })
            .body(),
    );
    assert_eq!(body["error"]["message"], message.as_str());
    assert_eq!(body["error"]["field"], field);
    assert_eq!(body["error"]["note"], note);
    assert_eq!(body["meta"]["requestId"], id);

    let body = parse(
        RequestContext::new(id, path)
            .enter(|| {
                InSpring {
                    value: v,
                    field: f,
                    note: n,
                }
                .to_response()
            })
            .body(),
    );
    assert_eq!(body["message"], message.as_str());
    assert_eq!(body["path"], path);
    assert_eq!(body["note"], note);
}

/// The X-Echo header is present exactly when its value can be a header value, and then holds
/// exactly that value; no other header appears.
fn check_header(value: &str) {
    let response = InErrorField {
        value: value.to_owned(),
        field: String::new(),
        note: String::new(),
    }
    .to_response();
    let expected = format!("v={value}");
    let valid = expected
        .bytes()
        .all(|b| b == b'\t' || (b >= 0x20 && b != 0x7f));
    match response.headers().get("x-echo") {
        Some(header) => {
            assert!(valid, "invalid value {expected:?} was sent");
            assert_eq!(header.as_bytes(), expected.as_bytes());
        }
        None => assert!(!valid, "valid value {expected:?} was dropped"),
    }
    assert_eq!(response.headers().len(), if valid { 2 } else { 1 });
    assert!(
        response
            .headers()
            .values()
            .all(|v| !v.as_bytes().contains(&b'\n'))
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn test_any_strings_round_trip(value in any::<String>(), field in any::<String>(), note in any::<String>(), id in any::<String>(), path in any::<String>()) {
        check_all(&value, &field, &note, &id, &path);
    }

    #[test]
    fn test_hostile_characters_round_trip(value in "[\"\\\\\\x00-\\x1f\\x7f\u{2028}\u{2029}😀{}]{0,64}") {
        check_all(&value, &value, &value, &value, &value);
    }

    #[test]
    fn test_header_template_never_injects(value in any::<String>()) {
        check_header(&value);
    }

    #[test]
    fn test_header_template_with_control_characters(value in "[a-z\r\n\t\\x00\\x7f]{0,16}") {
        check_header(&value);
    }
}

#[test]
fn test_one_megabyte_strings() {
    let big: String = "\"\\\u{0}😀é".chars().cycle().take(1 << 20).collect();
    check_all(&big, &big, &big, "req", "/p");
    check_header(&big);
}

#[test]
fn test_nul_and_line_separators() {
    check_all("\u{0}", "\u{2028}\u{2029}", "\r\n", "\u{0}", "\u{7f}");
}
