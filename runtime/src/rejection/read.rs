//! A request's parts read into a value, or into the [`Rejection`] that refuses it: the core
//! of errcat's extractors, written once for both frameworks' adapters (`crate::axum` and
//! `crate::actix`). It reads plain text and bytes, never a framework's types: actix-web 4
//! has its own `http` 0.2 headers, status and extensions, errcat has `http` 1.

use super::{Rejection, out_of_range, type_words};
use crate::serde_names::SerdeNames;
use crate::{FieldViolation, Location};
use serde::de::{DeserializeOwned, IgnoredAny};

/// The variants of [`Rejection`] each extractor refuses a request with: what the catalog
/// documents for it, in both frameworks.
pub(crate) mod refuses {
    /// `Json` and `Form` bodies.
    pub(crate) const BODY: &[&str] = &[
        "InvalidJson",
        "UnsupportedMediaType",
        "TooLarge",
        "Unreadable",
        "InvalidBody",
    ];
    /// `Query`, and `Form` on `GET` and `HEAD`.
    pub(crate) const QUERY: &[&str] = &["InvalidQuery"];
    /// `Path`.
    pub(crate) const PATH: &[&str] = &["InvalidPath"];
    /// `Valid` and `Garde`, beside what the extractor inside refuses.
    #[cfg(any(feature = "validator", feature = "garde"))]
    pub(crate) const INVALID: &[&str] = &["Invalid"];
}

/// `impl Extractor` for a framework's `Json`, `Form`, `Query` and `Path` (and `Valid`,
/// `Garde`), refusing what [`refuses`] lists: one documentation for both adapters.
macro_rules! document_extractors {
    ($json:ident, $form:ident, $query:ident, $path:ident) => {
        impl<T> $crate::catalog::Extractor for $json<T> {
            fn document(errors: &mut $crate::catalog::OperationErrors) {
                $crate::rejection::read::document(errors, $crate::rejection::read::refuses::BODY);
            }
        }

        impl<T> $crate::catalog::Extractor for $form<T> {
            fn document(errors: &mut $crate::catalog::OperationErrors) {
                use $crate::rejection::read::{document, refuses};
                // `GET` and `HEAD` read the query instead.
                document(errors, refuses::BODY);
                document(errors, refuses::QUERY);
            }
        }

        impl<T> $crate::catalog::Extractor for $query<T> {
            fn document(errors: &mut $crate::catalog::OperationErrors) {
                $crate::rejection::read::document(errors, $crate::rejection::read::refuses::QUERY);
            }
        }

        impl<T> $crate::catalog::Extractor for $path<T> {
            fn document(errors: &mut $crate::catalog::OperationErrors) {
                $crate::rejection::read::document(errors, $crate::rejection::read::refuses::PATH);
            }
        }

        #[cfg(feature = "validator")]
        impl<X: $crate::catalog::Extractor> $crate::catalog::Extractor for Valid<X> {
            fn document(errors: &mut $crate::catalog::OperationErrors) {
                X::document(errors);
                $crate::rejection::read::document(
                    errors,
                    $crate::rejection::read::refuses::INVALID,
                );
            }
        }

        #[cfg(feature = "garde")]
        impl<X: $crate::catalog::Extractor> $crate::catalog::Extractor for Garde<X> {
            fn document(errors: &mut $crate::catalog::OperationErrors) {
                X::document(errors);
                $crate::rejection::read::document(
                    errors,
                    $crate::rejection::read::refuses::INVALID,
                );
            }
        }
    };
}

pub(crate) use document_extractors;

/// Adds the rejections `variants` name to an operation's documented errors.
pub(crate) fn document(errors: &mut crate::catalog::OperationErrors, variants: &[&str]) {
    use crate::ApiError;
    errors.add_rejection_variants(Rejection::catalog(), variants);
}

/// Refuses a body that does not say it is UTF-8 JSON: `content_type` is the request's
/// `Content-Type` as text, `None` when it has none or one that is not visible ASCII.
pub(crate) fn json_content_type(content_type: Option<&str>) -> Result<(), Rejection> {
    if !is_json(content_type) {
        return Err(Rejection::UnsupportedMediaType {
            expected: "application/json",
        });
    }
    if is_other_charset(content_type) {
        return Err(Rejection::UnsupportedMediaType {
            expected: "application/json; charset=utf-8",
        });
    }
    Ok(())
}

/// Refuses a body that does not say it is `application/x-www-form-urlencoded`.
pub(crate) fn form_content_type(content_type: Option<&str>) -> Result<(), Rejection> {
    const FORM: &str = "application/x-www-form-urlencoded";
    if essence(content_type).is_some_and(|essence| essence == FORM) {
        Ok(())
    } else {
        Err(Rejection::UnsupportedMediaType { expected: FORM })
    }
}

/// Whether the request says its body is JSON: `application/json` or `application/*+json`.
fn is_json(content_type: Option<&str>) -> bool {
    essence(content_type).is_some_and(|essence| {
        essence == "application/json"
            || (essence.starts_with("application/") && essence.ends_with("+json"))
    })
}

/// Whether the request's content type names a charset other than UTF-8
/// (`application/json; charset=utf-16`): the body would be read as UTF-8 all the same, and
/// read wrong. The name is case-insensitive and may be quoted (RFC 9110, 8.3.1).
fn is_other_charset(content_type: Option<&str>) -> bool {
    let Some(value) = content_type else {
        return false;
    };
    value.split(';').skip(1).any(|parameter| {
        let (name, charset) = parameter.split_once('=').unwrap_or((parameter, ""));
        let charset = charset.trim();
        let charset = charset
            .strip_prefix('"')
            .and_then(|charset| charset.strip_suffix('"'))
            .unwrap_or(charset);
        name.trim().eq_ignore_ascii_case("charset") && !charset.eq_ignore_ascii_case("utf-8")
    })
}

/// The content type without its parameters, lowercase.
fn essence(content_type: Option<&str>) -> Option<String> {
    let essence = content_type?.split(';').next().unwrap_or_default().trim();
    Some(essence.to_ascii_lowercase())
}

/// A JSON value; syntax errors give their position, data errors the field.
pub(crate) fn json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Rejection> {
    // serde's derived structs also read a list of their fields in order (`["r-1", 3]`),
    // which no JSON API means by an object: a body that opens a list is checked against
    // the type's shape, which only such bodies pay for.
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[') && lists_refused::<T>() {
        return Err(Rejection::whole(Location::Body, "must be an object"));
    }
    // Tracking the path costs about as much as the parse itself, and only a refusal needs
    // it: a valid body is parsed once without it, a failed one again with it.
    serde_json::from_slice(bytes).map_err(|first| json_rejection::<T>(bytes, &first))
}

/// Whether `T` is an object (a struct or a map), which a JSON list must not stand for.
#[cold]
fn lists_refused<T: DeserializeOwned>() -> bool {
    crate::serde_names::SerdeNames::of::<T>().held_at("") == crate::serde_names::Held::Object
}

/// Why `bytes` are not a JSON `T`, which a first parse (failing with `first`) found.
#[cold]
fn json_rejection<T: DeserializeOwned>(bytes: &[u8], first: &serde_json::Error) -> Rejection {
    use serde_json::error::Category;
    let invalid = |error: &serde_json::Error| Rejection::InvalidJson {
        // An empty body fails at column 0; columns count from 1.
        line: error.line().max(1),
        column: error.column().max(1),
    };
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let error = match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
        // The value parsed, so what failed is the text after it.
        Ok(_) => return invalid(deserializer.end().as_ref().err().unwrap_or(first)),
        Err(error) => error,
    };
    let inner = error.inner();
    match inner.classify() {
        Category::Syntax if depends_on_type(&inner.to_string(), bytes) => {
            Rejection::from_json_shape(error.path(), &inner.to_string(), &SerdeNames::of::<T>())
        }
        Category::Syntax | Category::Eof => invalid(inner),
        Category::Data | Category::Io => Rejection::from_serde(
            error.path(),
            &inner.to_string(),
            Location::Body,
            &SerdeNames::of::<T>(),
        ),
    }
}

/// Whether a syntax error (serde_json's `message`) is about the type `bytes` were read into
/// rather than about the JSON: a number beyond f64, an enum given something other than a string
/// or an object, a map's key that is not a number its key type can hold. Those are
/// well-formed JSON, which parses as such; every other syntax error, such as invalid UTF-8 or a
/// lone surrogate inside a string (which a parse that skips strings does not check), is
/// invalid JSON.
fn depends_on_type(message: &str, bytes: &[u8]) -> bool {
    const ABOUT_THE_TYPE: &[&str] = &[
        "number out of range",
        "expected value",
        "expected numeric key",
        "float key must be finite",
    ];
    ABOUT_THE_TYPE.iter().any(|text| message.starts_with(text))
        && serde_json::from_slice::<IgnoredAny>(bytes).is_ok()
}

/// A value from `application/x-www-form-urlencoded` text (a query string or a form body).
pub(crate) fn urlencoded<T: DeserializeOwned>(
    text: &[u8],
    location: Location,
) -> Result<T, Rejection> {
    // As for JSON: no path tracking unless the value is refused.
    serde_urlencoded::from_bytes(text).map_err(|_| urlencoded_rejection::<T>(text, location))
}

/// Why `text` is not a `T` in `application/x-www-form-urlencoded`.
#[cold]
fn urlencoded_rejection<T: DeserializeOwned>(text: &[u8], location: Location) -> Rejection {
    let deserializer = serde_urlencoded::Deserializer::new(form_urlencoded::parse(text));
    let Err(error) = serde_path_to_error::deserialize::<_, T>(deserializer) else {
        // The same parse as the one that failed, so never reached; still, no panic.
        return Rejection::whole(location, "is not valid");
    };
    let mut message = error.inner().to_string();
    // `-5` for an unsigned number fails as a bad digit; in a JSON body it is too small.
    if message == "invalid digit found in string" {
        let key = error.path().to_string();
        let negative = form_urlencoded::parse(text)
            .any(|(name, value)| name == key && out_of_range(&value) == Some("is too small"));
        if negative {
            message = "number too small to fit in target type".to_owned();
        }
    }
    Rejection::from_serde(error.path(), &message, location, &SerdeNames::of::<T>())
}

/// The rejection for the path parameter `field` ("" when unknown), whose `value` did not
/// parse as the type serde calls `expected` (`u32`).
pub(crate) fn path_unparsed(field: String, value: &str, expected: &str) -> Rejection {
    let words = type_words(expected);
    // A whole number that does not fit the type is out of range, not of the wrong type.
    match out_of_range(value).filter(|_| words == "an integer") {
        Some(text) => invalid_path(field, "out_of_range", text.to_owned()),
        None => invalid_path(field, "invalid_type", format!("must be {words}")),
    }
}

/// The rejection for the path parameter `field` ("" when unknown), refused with `code` and
/// `message` (`must be an integer`).
pub(crate) fn invalid_path(field: String, code: &'static str, message: String) -> Rejection {
    // A parameter whose name is unknown (axum's text for a single-value `Path<u64>` leaves
    // it out) names no field rather than an empty one.
    if field.is_empty() {
        return Rejection::InvalidPath {
            summary: format!("Path parameter {message}"),
            violations: crate::Violations::new(),
        };
    }
    Rejection::InvalidPath {
        summary: format!("Path parameter \"{field}\" {message}"),
        violations: FieldViolation::new(field, code, message)
            .at(Location::Path)
            .into(),
    }
}

/// Checks `value` with `check` (a validation crate's), refusing it as [`Rejection::Invalid`]
/// with the fields named as `T`'s serde names them, found at `location`.
#[cfg(any(feature = "validator", feature = "garde"))]
pub(crate) fn validate<T: DeserializeOwned>(
    value: &T,
    check: fn(&T) -> Result<(), crate::Violations>,
    location: Location,
) -> Result<(), Rejection> {
    check(value).map_err(|violations| {
        let violations: crate::Violations = violations
            .into_iter()
            .map(|violation| violation.at(location))
            .collect();
        Rejection::invalid(violations.named_by::<T>())
    })
}

/// `validator`'s check.
#[cfg(feature = "validator")]
pub(crate) fn check_validator<T: validator::Validate>(value: &T) -> Result<(), crate::Violations> {
    value
        .validate()
        .map_err(|errors| crate::Violations::from(&errors))
}

/// `garde`'s check.
#[cfg(feature = "garde")]
pub(crate) fn check_garde<T: GardeValidate>(value: &T) -> Result<(), crate::Violations> {
    value
        .validate()
        .map_err(|report| crate::Violations::from(&report))
}

/// `garde::Validate` with a context errcat can make: what `Garde` needs.
#[cfg(feature = "garde")]
pub trait GardeValidate: garde::Validate<Context: Default> {}

#[cfg(feature = "garde")]
impl<T: garde::Validate<Context: Default>> GardeValidate for T {}
