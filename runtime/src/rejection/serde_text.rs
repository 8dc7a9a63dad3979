//! serde's error text, from the JSON, query and form deserializers, turned into a field
//! violation in a client's words: the field at fault, and what is wrong with it.

use super::Rejection;
use crate::serde_names::{Held, SerdeNames};
use crate::{FieldViolation, Location};
use std::borrow::Cow;

impl Rejection {
    /// The rejection for a body, query or form that failed to deserialize: the field, and
    /// serde's reason in words (`Missing required field: name`,
    /// `Field "age" must be an integer`). `names` are those of the type read, to tell a
    /// value's own error from one inside it whose place serde lost.
    pub(crate) fn from_serde(
        path: &serde_path_to_error::Path,
        message: &str,
        location: Location,
        names: &SerdeNames,
    ) -> Self {
        let list_for_object = matches!(
            path.iter().next(),
            Some(serde_path_to_error::Segment::Seq { .. })
        ) && names.held_at("") == Held::Object;
        if list_for_object {
            // `[{..}]` for an object: the request's shape is wrong, no field is.
            return Self::whole(location, "must be an object");
        }
        let mut violation = violation(path, message, location);
        let about_the_enum = message.contains("tagged enum ")
            || message.starts_with("data did not match any variant");
        if !violation.field.is_empty()
            && !matches!(&*violation.code, "missing" | "unknown" | "duplicate")
            && !about_the_enum
            && names.held_at(&violation.field) == Held::SelfDescribing
        {
            // serde stops counting places inside an internally tagged or untagged enum: the
            // error is about some value within this field, not the field itself.
            violation.message = format!("contains a value that {}", violation.message).into();
        }
        Self::about(violation, location, names)
    }

    /// The rejection for a well-formed JSON body that serde_json refuses as a syntax error
    /// because of the type it is read into: a number too large for any number type, or an
    /// enum given something other than a string or an object (`variants` are its names).
    pub(crate) fn from_json_shape(
        path: &serde_path_to_error::Path,
        message: &str,
        names: &SerdeNames,
    ) -> Self {
        let field = field_at(path);
        let held = names.held_at(&field);
        let (code, text): (&'static str, Cow<'static, str>) =
            if message.starts_with("number out of range") {
                // serde_json parses a number before it asks the type what it wants, so a
                // number beyond f64 fails as out of range even where no number belongs.
                match held {
                    Held::Scalar(words) => ("invalid_type", format!("must be {words}").into()),
                    Held::Array => ("invalid_type", "must be an array".into()),
                    Held::SelfDescribing => (
                        "out_of_range",
                        "contains a value that is out of range".into(),
                    ),
                    _ => ("out_of_range", "is out of range".into()),
                }
            } else if let Held::Enum(variants) = held {
                let text = format!("must be one of: {}", variants.join(", "));
                ("invalid_value", text.into())
            } else {
                ("invalid_type", "is not of the expected type".into())
            };
        let violation = FieldViolation::new(field, code, text).at(Location::Body);
        Self::about(violation, Location::Body, names)
    }
}

/// The field `path` leads to (`items[1].sku`); "" for the whole value, which
/// serde_path_to_error writes as `.`.
fn field_at(path: &serde_path_to_error::Path) -> String {
    if path.iter().next().is_none() {
        String::new()
    } else {
        path.to_string()
    }
}

/// How a whole number (`-5`, `99999999999`) missed a number type it did not fit: "is too
/// small" when negative, "is too large" otherwise; `None` for anything but digits.
pub(crate) fn out_of_range(value: &str) -> Option<&'static str> {
    let digits = value.strip_prefix('-').unwrap_or(value);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(if value.starts_with('-') {
        "is too small"
    } else {
        "is too large"
    })
}

/// How a whole number beyond 64 bits missed the integer type it was read into ("is too
/// large", "is too small"), from the rest of serde's message after
/// "invalid type: floating point `": serde_json reads an integer too large for `u64` and
/// `i64` as an `f64`, which the integer type then refuses as being of the wrong type. `None`
/// for a float with a fraction, one the type could hold (`2.0`), or a type not an integer.
fn beyond_integer(rest: &str) -> Option<&'static str> {
    let (value, expected) = rest.split_once("`, expected ")?;
    let value: f64 = value.parse().ok()?;
    let (bits, signed) = match expected {
        "u8" => (8, false),
        "u16" => (16, false),
        "u32" => (32, false),
        "u64" | "usize" => (64, false),
        "u128" => (128, false),
        "i8" => (8, true),
        "i16" => (16, true),
        "i32" => (32, true),
        "i64" | "isize" => (64, true),
        "i128" => (128, true),
        _ => return None,
    };
    // The type holds [-2^(bits-1), 2^(bits-1)) if signed, else [0, 2^bits): powers of two,
    // exact in an f64, where `u64::MAX as f64` would round up to the first value out of range.
    let limit = 2f64.powi(if signed { bits - 1 } else { bits });
    let min = if signed { -limit } else { 0.0 };
    // serde_json reads every integer `i64` holds as an integer, so an `i64` given exactly
    // -2^63 as a float was given an integer below `i64::MIN`, rounded onto it.
    let below = value < min || (bits == 64 && signed && value == min);
    if value.fract() != 0.0 {
        None
    } else if value >= limit {
        Some("is too large")
    } else if below {
        Some("is too small")
    } else {
        None
    }
}

/// A violation from serde's message about the value at `path`.
fn violation(
    path: &serde_path_to_error::Path,
    message: &str,
    location: Location,
) -> FieldViolation {
    let last_key = match path.iter().next_back() {
        Some(serde_path_to_error::Segment::Map { key }) => Some(key.as_str()),
        _ => None,
    };
    violation_at(field_at(path), last_key, message, location)
}

/// A violation from serde's message about the value at `parent` (`items[1]`, "" for the
/// whole value), whose last step is the map key `last_key`, if it is one.
pub(super) fn violation_at(
    parent: String,
    last_key: Option<&str>,
    message: &str,
    location: Location,
) -> FieldViolation {
    // serde_json ends its messages with the position; the field says where instead.
    let message = message
        .rfind(" at line ")
        .map_or(message, |at| &message[..at]);
    let child = |name: &str| {
        if parent.is_empty() {
            name.to_owned()
        } else {
            format!("{parent}.{name}")
        }
    };
    let quoted = |text: &str| text.split('`').nth(1).map(str::to_owned);
    let (field, code, text): (String, &'static str, Cow<'static, str>) =
        if let Some(rest) = message.strip_prefix("missing field ") {
            let field = child(&quoted(rest).unwrap_or_default());
            (field, "missing", "is required".into())
        } else if let Some(rest) = message.strip_prefix("unknown field ") {
            // serde_path_to_error has already stepped into the unknown key.
            let name = quoted(rest).unwrap_or_default();
            let inside = last_key == Some(name.as_str());
            let field = if inside { parent } else { child(&name) };
            (field, "unknown", "is not a known field".into())
        } else if let Some(rest) = message.strip_prefix("duplicate field ") {
            let field = child(&quoted(rest).unwrap_or_default());
            (field, "duplicate", "is given more than once".into())
        } else if let Some((code, text)) = parse_failure(message) {
            (parent, code, text.into())
        } else if let Some(rest) = message.strip_prefix("unknown variant ") {
            // serde lists them as "`a` or `b`" or "one of `a`, `b`, `c`".
            let expected = rest.split_once("expected ").map_or("", |(_, e)| e);
            let options = expected
                .trim_start_matches("one of ")
                .replace('`', "")
                .replace(" or ", ", ");
            let text = format!("must be one of: {options}");
            (parent, "invalid_value", text.into())
        } else if let Some(rest) = message.strip_prefix("invalid value: integer `") {
            let expected = message.rsplit_once(", expected ").map_or("", |(_, e)| e);
            let value = rest.split('`').next().unwrap_or_default();
            match out_of_range(value).filter(|_| type_words(expected) == "an integer") {
                Some(text) => (parent, "out_of_range", text.into()),
                None => (
                    parent,
                    "invalid_value",
                    format!("must be {}", type_words(expected)).into(),
                ),
            }
        } else if let Some(text) = message
            .strip_prefix("invalid type: floating point `")
            .and_then(beyond_integer)
        {
            (parent, "out_of_range", text.into())
        } else if let Some(kind) = ["invalid type", "invalid value", "invalid length"]
            .into_iter()
            .find(|kind| message.starts_with(kind))
        {
            let expected = message
                .rsplit_once(", expected ")
                .map_or("valid", |(_, e)| e);
            let code = match kind {
                "invalid type" => "invalid_type",
                "invalid value" => "invalid_value",
                // serde lets a struct be read from a list, hence a length for `[]`.
                _ if type_words(expected) == "an object" => "invalid_type",
                _ => "invalid_length",
            };
            (
                parent,
                code,
                format!("must be {}", type_words(expected)).into(),
            )
        } else if message.starts_with("data did not match any variant of untagged enum") {
            (
                parent,
                "invalid_value",
                "does not match any accepted form".into(),
            )
        } else {
            (parent, "invalid", message.to_owned().into())
        };
    FieldViolation::new(field, code, text).at(location)
}

/// serde's name for what it expected, as an API client would say it: Rust's type names
/// (`u32`, `struct Order`) mean nothing to a client.
pub(crate) fn type_words(expected: &str) -> Cow<'_, str> {
    match expected {
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" | "i8" | "i16" | "i32" | "i64" | "i128"
        | "isize" => "an integer".into(),
        "f32" | "f64" => "a finite number".into(),
        "a boolean" | "bool" => "boolean".into(),
        "a string" | "a borrowed string" | "String" => "string".into(),
        "a character" | "char" => "a single character".into(),
        "a sequence" => "an array".into(),
        "a map" => "an object".into(),
        "unit" => "null".into(),
        _ if expected.starts_with("struct ") || expected.contains("tagged enum ") => {
            "an object".into()
        }
        "variant identifier" => "one of the accepted values".into(),
        "field identifier" => "a field name".into(),
        _ if expected.starts_with("enum ") => "one of the accepted values".into(),
        _ if expected.starts_with("tuple struct ") || expected.starts_with("a tuple") => {
            "an array".into()
        }
        _ => expected.into(),
    }
}

/// A query or form value that did not parse (serde_urlencoded passes on the standard
/// library's `FromStr` errors), in the words used for JSON bodies.
fn parse_failure(message: &str) -> Option<(&'static str, &'static str)> {
    Some(match message {
        "invalid digit found in string" | "cannot parse integer from empty string" => {
            ("invalid_type", "must be an integer")
        }
        "number too large to fit in target type" => ("out_of_range", "is too large"),
        "number too small to fit in target type" => ("out_of_range", "is too small"),
        "invalid float literal" => ("invalid_type", "must be a finite number"),
        "provided string was not `true` or `false`" => ("invalid_type", "must be boolean"),
        "too many characters in string" | "cannot parse char from empty string" => {
            ("invalid_type", "must be a single character")
        }
        _ => return None,
    })
}
