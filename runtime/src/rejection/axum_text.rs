//! axum's own rejections, which reach the tower layer as plain text (`Failed to deserialize
//! the JSON body into the target type: missing field `name` at line 1 column 2`), read back
//! into the [`Rejection`] errcat's extractors would have given, so a service that keeps
//! `axum::Json` answers in the same words.

use super::Rejection;
use super::read::invalid_path;
use super::serde_text::{type_words, violation_at};
use crate::Location;
use crate::serde_names::SerdeNames;
use http::StatusCode;

impl Rejection {
    /// The rejection an axum 0.8 extractor's plain-text `text`, sent with `status`, stands
    /// for; `None` when the text is not one of axum's.
    pub(crate) fn from_axum_text(status: StatusCode, text: &str) -> Option<Rejection> {
        let text = text.trim_end();
        if let Some(rest) =
            text.strip_prefix("Failed to deserialize the JSON body into the target type: ")
        {
            return Some(serde_rejection(rest, Location::Body));
        }
        if let Some(rest) = text.strip_prefix("Failed to parse the request body as JSON: ") {
            let (line, column) = position(rest).unwrap_or((1, 1));
            return Some(Rejection::InvalidJson { line, column });
        }
        if text == "Expected request with `Content-Type: application/json`" {
            return Some(Rejection::UnsupportedMediaType {
                expected: "application/json",
            });
        }
        if text == "Form requests must have `Content-Type: application/x-www-form-urlencoded`" {
            return Some(Rejection::UnsupportedMediaType {
                expected: "application/x-www-form-urlencoded",
            });
        }
        for prefix in [
            "Failed to deserialize form body: ",
            "Failed to deserialize form: ",
        ] {
            if let Some(rest) = text.strip_prefix(prefix) {
                return Some(serde_rejection(rest, Location::Body));
            }
        }
        if let Some(rest) = text.strip_prefix("Failed to deserialize query string: ") {
            return Some(serde_rejection(rest, Location::Query));
        }
        if let Some(rest) = text.strip_prefix("Failed to buffer the request body: ") {
            let too_large =
                status == StatusCode::PAYLOAD_TOO_LARGE || rest.contains("length limit");
            return Some(if too_large {
                Rejection::TooLarge
            } else {
                Rejection::Unreadable
            });
        }
        if text.starts_with("Request body didn't contain valid UTF-8") {
            return Some(Rejection::whole(Location::Body, "must be valid UTF-8 text"));
        }
        if let Some(rest) = text.strip_prefix("Invalid URL: ") {
            return path_rejection(rest);
        }
        None
    }
}

/// The rejection for serde's message `text`, prefixed by the field's path when
/// serde_path_to_error knew it (`items[0].sku: invalid type: ...`).
fn serde_rejection(text: &str, location: Location) -> Rejection {
    let (parent, message) = match text.split_once(": ") {
        Some((path, message)) if is_path(path) => (path.to_owned(), message),
        _ => (String::new(), text),
    };
    let last_key = parent
        .rsplit('.')
        .next()
        .filter(|key| !key.is_empty() && !key.ends_with(']'));
    let violation = violation_at(parent.clone(), last_key, message, location);
    Rejection::about(violation, location, &SerdeNames::unknown())
}

/// Whether `text` is a path as serde_path_to_error writes one: `name`, `items[0].sku`.
fn is_path(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_-.[]$@".contains(&b))
}

/// The `line` and `column` at the end of serde_json's message.
fn position(text: &str) -> Option<(usize, usize)> {
    let (_, at) = text.rsplit_once(" at line ")?;
    let (line, column) = at.split_once(" column ")?;
    Some((line.parse().ok()?, column.trim().parse().ok()?))
}

/// The rejection for axum's `Path` text: a parameter that did not parse, or a route whose
/// parameters the handler does not match (the service's fault).
fn path_rejection(text: &str) -> Option<Rejection> {
    let quoted: Vec<&str> = text.split('`').skip(1).step_by(2).collect();
    let (field, expected) = if text.starts_with("Cannot parse `") && text.contains("` with value `")
    {
        match quoted.as_slice() {
            [key, _value, expected] => ((*key).to_owned(), Some(*expected)),
            [key, _value] => ((*key).to_owned(), None),
            _ => return Some(Rejection::Internal),
        }
    } else if text.starts_with("Cannot parse value at index ") {
        let index = text
            .trim_start_matches("Cannot parse value at index ")
            .split(' ')
            .next()
            .unwrap_or_default();
        (index.to_owned(), quoted.get(1).copied())
    } else if text.starts_with("Cannot parse `") {
        (String::new(), quoted.get(1).copied())
    } else if let Some(key) = text.strip_prefix("Invalid UTF-8 in `") {
        let key = key.trim_end_matches('`').to_owned();
        return Some(invalid_path(
            key,
            "invalid_encoding",
            "must be valid UTF-8".to_owned(),
        ));
    } else {
        return Some(Rejection::Internal);
    };
    let message = match expected {
        Some(expected) => format!("must be {}", type_words(expected)),
        None => "is not valid".to_owned(),
    };
    Some(invalid_path(field, "invalid_type", message))
}

#[cfg(test)]
mod tests {
    use super::Rejection;
    use crate::ApiError;
    use http::StatusCode;

    fn read(status: u16, text: &str) -> (u16, &'static str, String) {
        let rejection = Rejection::from_axum_text(StatusCode::from_u16(status).unwrap(), text)
            .unwrap_or_else(|| panic!("not read: {text}"));
        (
            rejection.status().as_u16(),
            rejection.code(),
            rejection.message().into_owned(),
        )
    }

    #[test]
    fn json_data_errors_name_the_field() {
        assert_eq!(
            read(
                422,
                "Failed to deserialize the JSON body into the target type: missing field `name` at line 1 column 2"
            ),
            (
                400,
                "INVALID_BODY",
                "Missing required field: name".to_owned()
            )
        );
        assert_eq!(
            read(
                422,
                "Failed to deserialize the JSON body into the target type: items[0].qty: invalid type: string \"x\", expected u32 at line 1 column 20"
            ),
            (
                400,
                "INVALID_BODY",
                "Field \"items[0].qty\" must be an integer".to_owned()
            )
        );
    }

    #[test]
    fn syntax_errors_keep_their_position() {
        let rejection = Rejection::from_axum_text(
            StatusCode::BAD_REQUEST,
            "Failed to parse the request body as JSON: expected value at line 3 column 7",
        );
        assert!(matches!(
            rejection,
            Some(Rejection::InvalidJson { line: 3, column: 7 })
        ));
    }

    #[test]
    fn content_types_limits_and_queries() {
        assert_eq!(
            read(
                415,
                "Expected request with `Content-Type: application/json`"
            )
            .1,
            "UNSUPPORTED_MEDIA_TYPE"
        );
        assert_eq!(
            read(
                413,
                "Failed to buffer the request body: length limit exceeded"
            )
            .1,
            "PAYLOAD_TOO_LARGE"
        );
        assert_eq!(
            read(
                400,
                "Failed to deserialize query string: page: invalid digit found in string"
            ),
            (
                400,
                "INVALID_QUERY",
                "Field \"page\" must be an integer".to_owned()
            )
        );
    }

    #[test]
    fn path_parameters_in_client_words() {
        assert_eq!(
            read(
                400,
                "Invalid URL: Cannot parse `id` with value `abc` to a `u32`"
            ),
            (
                400,
                "INVALID_PATH",
                "Path parameter \"id\" must be an integer".to_owned()
            )
        );
        assert_eq!(
            read(400, "Invalid URL: Cannot parse `abc` to a `u64`"),
            (
                400,
                "INVALID_PATH",
                "Path parameter must be an integer".to_owned()
            )
        );
    }

    #[test]
    fn other_text_is_not_axums() {
        assert!(Rejection::from_axum_text(StatusCode::BAD_REQUEST, "bad things").is_none());
    }
}
