//! [`Rejection`]: why errcat's extractors refused a request, as an API error like any other.

use crate::envelope::Vtable;
use crate::log::Loggable;
use crate::{ApiError, CatalogEntry, ErrorParts, FieldViolation, Location, Violations};
use axum_core::body::Body;
use axum_core::response::{IntoResponse, Response};
use http::StatusCode;
use std::borrow::Cow;
use std::fmt;

/// Why one of errcat's extractors ([`Json`](super::Json), [`Query`](super::Query),
/// [`Form`](super::Form), [`Path`](super::Path), [`Valid`](super::Valid),
/// [`Garde`](super::Garde)) refused a request.
///
/// It is an [`ApiError`] like the service's own, so its responses take the service's envelope
/// (see [`Rejected`]) and its entries belong in the catalog:
/// `Catalog::new().group_in::<Rejection, ErrorField>("Request errors")`.
#[derive(Debug, ApiError)]
#[non_exhaustive]
pub enum Rejection {
    /// The body is not valid JSON.
    #[status(400)]
    #[code("INVALID_JSON")]
    #[message("Invalid JSON in request body")]
    InvalidJson {
        /// The line of the first error, from 1.
        #[detail]
        line: usize,
        /// The column of the first error, from 1.
        #[detail]
        column: usize,
    },

    /// The request has no `Content-Type`, or not the one the extractor reads:
    /// `Content-Type must be application/json` (or `application/x-www-form-urlencoded`).
    #[status(415)]
    #[code("UNSUPPORTED_MEDIA_TYPE")]
    #[message("Content-Type must be {expected}")]
    UnsupportedMediaType {
        /// The content type the extractor reads.
        expected: &'static str,
    },

    /// The body is larger than the service accepts (axum's `DefaultBodyLimit`, 2 MB unless
    /// set).
    #[status(413)]
    #[code("PAYLOAD_TOO_LARGE")]
    #[message("Request body too large")]
    TooLarge,

    /// The body could not be read from the connection.
    #[status(400)]
    #[code("BODY_UNREADABLE")]
    #[message("The request body could not be read")]
    Unreadable,

    /// The body is well-formed, but a field is missing, unknown or of the wrong type:
    /// `Missing required field: name`, `Field "age" must be u32`.
    #[status(400)]
    #[code("INVALID_BODY")]
    #[message("{summary}")]
    InvalidBody {
        /// What is wrong, naming the field: `Missing required field: name`.
        summary: String,
        /// The field.
        #[api_error(violations)]
        violations: Violations,
    },

    /// A query parameter is missing, repeated or of the wrong type:
    /// `Missing required field: page`, `Field "page" must be an integer`.
    #[status(400)]
    #[code("INVALID_QUERY")]
    #[message("{summary}")]
    InvalidQuery {
        /// What is wrong, naming the parameter.
        summary: String,
        /// The parameter.
        #[api_error(violations)]
        violations: Violations,
    },

    /// A path parameter is of the wrong type: `Path parameter "id" must be u64`.
    #[status(400)]
    #[code("INVALID_PATH")]
    #[message("{summary}")]
    InvalidPath {
        /// What is wrong, naming the parameter.
        summary: String,
        /// The parameter.
        #[api_error(violations)]
        violations: Violations,
    },

    /// The request's fields failed validation: `Validation failed`, or the field's own
    /// message when only one field is invalid (`Field "fullName" is too short`).
    #[status(400)]
    #[code("VALIDATION_FAILED")]
    #[message("{summary}")]
    Invalid {
        /// What is wrong.
        summary: String,
        /// Every invalid field.
        #[api_error(violations)]
        violations: Violations,
    },

    /// The route and the extractor disagree about the path's parameters: a bug in the
    /// service, not in the request.
    #[status(500)]
    #[code("SERVER_ERROR")]
    #[message("internal server error")]
    Misconfigured,
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for Rejection {}

impl Rejection {
    /// The rejection for fields that failed validation.
    #[cfg(any(feature = "validator", feature = "garde"))]
    pub(crate) fn invalid(violations: Violations) -> Self {
        let summary = match violations.iter().as_slice() {
            [only] if !only.field.is_empty() => {
                format!("Field \"{}\" {}", only.field, only.message)
            }
            _ => "Validation failed".to_owned(),
        };
        Rejection::Invalid {
            summary,
            violations,
        }
    }

    /// The rejection for a body or query field that failed to deserialize: the field, and
    /// serde's reason in words (`Missing required field: name`,
    /// `Field "age" must be u32`).
    pub(crate) fn from_serde(
        path: &serde_path_to_error::Path,
        message: &str,
        location: Location,
    ) -> Self {
        let violation = violation(path, message, location);
        let summary = if violation.code == "missing" {
            format!("Missing required field: {}", violation.field)
        } else if violation.field.is_empty() {
            let part = match location {
                Location::Body => "request body",
                Location::Query => "query string",
                Location::Path => "path",
                Location::Header => "headers",
            };
            format!("Invalid {part}: {}", violation.message)
        } else {
            format!("Field \"{}\" {}", violation.field, violation.message)
        };
        let violations = Violations::from(violation);
        match location {
            Location::Body => Rejection::InvalidBody {
                summary,
                violations,
            },
            Location::Path => Rejection::InvalidPath {
                summary,
                violations,
            },
            Location::Query | Location::Header => Rejection::InvalidQuery {
                summary,
                violations,
            },
        }
    }
}

/// A violation from serde's message about the value at `path`.
fn violation(
    path: &serde_path_to_error::Path,
    message: &str,
    location: Location,
) -> FieldViolation {
    // serde_json ends its messages with the position; the field says where instead.
    let message = message
        .rfind(" at line ")
        .map_or(message, |at| &message[..at]);
    let parent = if path.iter().next().is_none() {
        String::new()
    } else {
        path.to_string()
    };
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
            (
                child(&quoted(rest).unwrap_or_default()),
                "missing",
                "is required".into(),
            )
        } else if let Some(rest) = message.strip_prefix("unknown field ") {
            (
                child(&quoted(rest).unwrap_or_default()),
                "unknown",
                "is not a known field".into(),
            )
        } else if let Some(rest) = message.strip_prefix("duplicate field ") {
            (
                child(&quoted(rest).unwrap_or_default()),
                "duplicate",
                "is given more than once".into(),
            )
        } else if let Some((code, text)) = parse_failure(message) {
            (parent.clone(), code, text.into())
        } else if let Some(rest) = message.strip_prefix("unknown variant ") {
            let expected = rest
                .split_once("expected ")
                .map_or("", |(_, expected)| expected);
            let options = expected.trim_start_matches("one of ").replace('`', "");
            (
                parent.clone(),
                "invalid_value",
                format!("must be one of: {options}").into(),
            )
        } else if message.starts_with("invalid type")
            || message.starts_with("invalid value")
            || message.starts_with("invalid length")
        {
            let code = if message.starts_with("invalid type") {
                "invalid_type"
            } else {
                "invalid_value"
            };
            let expected = message
                .rsplit_once(", expected ")
                .map_or("valid", |(_, expected)| expected);
            // serde says "a string", "a boolean": the field must be string, boolean.
            let expected = expected
                .strip_prefix("a ")
                .or_else(|| expected.strip_prefix("an "))
                .unwrap_or(expected);
            (parent.clone(), code, format!("must be {expected}").into())
        } else {
            (parent.clone(), "invalid", message.to_owned().into())
        };
    FieldViolation::new(field, code, text).at(location)
}

/// A query or form value that did not parse (serde_urlencoded passes on the standard
/// library's `FromStr` errors), in the words used for JSON bodies.
fn parse_failure(message: &str) -> Option<(&'static str, &'static str)> {
    Some(match message {
        "invalid digit found in string" | "cannot parse integer from empty string" => {
            ("invalid_type", "must be an integer")
        }
        "number too large to fit in target type" | "number too small to fit in target type" => {
            ("out_of_range", "is out of range")
        }
        "invalid float literal" => ("invalid_type", "must be a number"),
        "provided string was not `true` or `false`" => ("invalid_type", "must be boolean"),
        "too many characters in string" | "cannot parse char from empty string" => {
            ("invalid_type", "must be a single character")
        }
        _ => return None,
    })
}

/// A [`Rejection`] in the envelope the service answers in: what errcat's extractors return.
///
/// The envelope is the one the request's [`Rejections`](super::Rejections) name, which
/// [`ErrorContextLayer::rejections`](super::ErrorContextLayer::rejections) sets for every
/// request; without one it is [`Problem`](crate::envelope::Problem).
#[derive(Debug)]
pub struct Rejected {
    rejection: Rejection,
    envelope: &'static Vtable,
}

impl Rejected {
    pub(crate) fn new(rejection: Rejection, envelope: &'static Vtable) -> Self {
        Rejected {
            rejection,
            envelope,
        }
    }

    /// Why the request was refused.
    pub fn rejection(&self) -> &Rejection {
        &self.rejection
    }

    /// Why the request was refused, by value: for a service that turns it into its own
    /// error type.
    pub fn into_rejection(self) -> Rejection {
        self.rejection
    }
}

impl fmt::Display for Rejected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.rejection, f)
    }
}

impl std::error::Error for Rejected {}

impl ApiError for Rejected {
    fn status(&self) -> StatusCode {
        self.rejection.status()
    }

    fn code(&self) -> &'static str {
        self.rejection.code()
    }

    fn message(&self) -> Cow<'static, str> {
        self.rejection.message()
    }

    fn parts(&self, visit: &mut dyn FnMut(&ErrorParts<'_>)) {
        let envelope = self.envelope;
        self.rejection
            .parts(&mut |parts| visit(&parts.with_vtable(envelope)));
    }

    fn catalog() -> Vec<CatalogEntry> {
        Rejection::catalog()
    }
}

impl IntoResponse for Rejected {
    fn into_response(self) -> Response {
        crate::response::respond::<Self, Body>(&self, Loggable::Error(&self.rejection))
    }
}
