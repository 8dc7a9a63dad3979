//! [`Rejection`]: why errcat's extractors refused a request, as an API error like any other.

#[cfg(feature = "axum")]
mod axum_text;
#[cfg(any(feature = "axum", feature = "actix-web"))]
mod extractor_error;
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) mod read;
#[cfg(any(feature = "axum", feature = "actix-web"))]
mod serde_text;

#[cfg(any(feature = "axum", feature = "actix-web"))]
pub use self::extractor_error::ExtractorError;
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) use self::serde_text::{out_of_range, type_words};

#[cfg(any(feature = "axum", feature = "actix-web"))]
use crate::serde_names::{Held, SerdeNames};
use crate::{ApiError, FieldViolation, Location, Violations};
use std::fmt;

/// Why a request was refused before a handler could answer it: by one of errcat's extractors
/// (`Json`, `Query`, `Form`, `Path`, `Valid`, `Garde`), by the framework's own extractors, by
/// routing (no route, wrong method), by a limit or a timeout, or because the handler panicked.
///
/// It is an [`ApiError`] like the service's own, so its responses take the service's envelope
/// (`ErrorContextLayer::rejections`) or become the service's own errors
/// (`ErrorContextLayer::rejections_as`, through `From<Rejection>`), and its entries belong in
/// the catalog: `Catalog::new().group_in::<Rejection, ErrorField>("Request errors")`.
#[derive(Clone, Debug, ApiError)]
#[non_exhaustive]
pub enum Rejection {
    /// The body is not valid JSON.
    #[status(400)]
    #[code("INVALID_JSON")]
    #[message("Invalid JSON in request body")]
    InvalidJson {
        /// The line of the first error, from 1.
        #[detail(example = 1)]
        line: usize,
        /// The column of the first error, from 1.
        #[detail(example = 12)]
        column: usize,
    },

    /// The request has no `Content-Type`, or not the one the extractor reads:
    /// `Content-Type must be application/json` (or `application/x-www-form-urlencoded`).
    #[status(415)]
    #[code("UNSUPPORTED_MEDIA_TYPE")]
    #[message("Content-Type must be {expected}")]
    UnsupportedMediaType {
        /// The content type the extractor reads.
        #[api_error(example = "application/json")]
        expected: &'static str,
    },

    /// The body is larger than the service accepts.
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
    /// `Missing required field: name`, `Field "age" must be an integer`.
    #[status(400)]
    #[code("INVALID_BODY")]
    #[message("{summary}")]
    InvalidBody {
        /// What is wrong, naming the field: `Missing required field: name`.
        #[api_error(example = "Missing required field: name")]
        summary: String,
        /// The field.
        #[api_error(violations, example = FieldViolation::new("name", "missing", "is required"))]
        violations: Violations,
    },

    /// A query parameter is missing, repeated or of the wrong type:
    /// `Missing required field: page`, `Field "page" must be an integer`.
    #[status(400)]
    #[code("INVALID_QUERY")]
    #[message("{summary}")]
    InvalidQuery {
        /// What is wrong, naming the parameter.
        #[api_error(example = "Field \"page\" must be an integer")]
        summary: String,
        /// The parameter.
        #[api_error(
            violations,
            example = FieldViolation::new("page", "invalid_type", "must be an integer").at(Location::Query)
        )]
        violations: Violations,
    },

    /// A path parameter is of the wrong type: `Path parameter "id" must be an integer`.
    #[status(400)]
    #[code("INVALID_PATH")]
    #[message("{summary}")]
    InvalidPath {
        /// What is wrong, naming the parameter.
        #[api_error(example = "Path parameter \"id\" must be an integer")]
        summary: String,
        /// The parameter.
        #[api_error(
            violations,
            example = FieldViolation::new("id", "invalid_type", "must be an integer").at(Location::Path)
        )]
        violations: Violations,
    },

    /// The request's fields failed validation: `Validation failed`, or the field's own
    /// message when only one field is invalid (`Field "fullName" is too short`).
    #[status(400)]
    #[code("VALIDATION_FAILED")]
    #[message("{summary}")]
    Invalid {
        /// What is wrong.
        #[api_error(example = "Validation failed")]
        summary: String,
        /// Every invalid field.
        #[api_error(violations, example = [
            FieldViolation::new("fullName", "length", "is too short"),
            FieldViolation::new("email", "email", "must be a well-formed email address"),
        ])]
        violations: Violations,
    },

    /// No resource is at this path. Its code is not `NOT_FOUND`, which a service's own
    /// `NotFound` error takes by default: the two would clash in one catalog.
    #[status(404)]
    #[code("ROUTE_NOT_FOUND")]
    #[message("The requested resource was not found")]
    NotFound,

    /// The resource does not accept this method; the `Allow` header lists those it does.
    #[status(405)]
    #[code("METHOD_NOT_ALLOWED")]
    #[message("The method is not allowed for this resource")]
    MethodNotAllowed,

    /// The request was not answered in the time the service allows.
    #[status(408)]
    #[code("REQUEST_TIMEOUT")]
    #[message("The request took too long to answer")]
    Timeout,

    /// The service failed to answer the request; the cause is in its logs, never here.
    #[status(500)]
    #[code("SERVER_ERROR")]
    #[message("internal server error")]
    Internal,
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for Rejection {}

impl Rejection {
    /// Examples of every kind of rejection (for those that name fields, one naming a single
    /// field and one naming none or several): what a service's `From<Rejection>` turns them
    /// into is what its docs list for them.
    pub fn samples() -> Vec<Rejection> {
        vec![
            Rejection::InvalidJson {
                line: 1,
                column: 12,
            },
            Rejection::UnsupportedMediaType {
                expected: "application/json",
            },
            Rejection::TooLarge,
            Rejection::Unreadable,
            Rejection::InvalidBody {
                summary: "Missing required field: name".to_owned(),
                violations: FieldViolation::new("name", "missing", "is required").into(),
            },
            // No one field at fault: the body's shape is wrong.
            Rejection::InvalidBody {
                summary: "Request body must be an object".to_owned(),
                violations: Violations::new(),
            },
            Rejection::InvalidQuery {
                summary: "Field \"page\" must be an integer".to_owned(),
                violations: FieldViolation::new("page", "invalid_type", "must be an integer")
                    .at(Location::Query)
                    .into(),
            },
            // A value whose parameter serde's text does not name.
            Rejection::InvalidQuery {
                summary: "Query string must be an integer".to_owned(),
                violations: Violations::new(),
            },
            Rejection::InvalidPath {
                summary: "Path parameter \"id\" must be an integer".to_owned(),
                violations: FieldViolation::new("id", "invalid_type", "must be an integer")
                    .at(Location::Path)
                    .into(),
            },
            // A single-value `Path<u64>` read through axum's own extractor: no name.
            Rejection::InvalidPath {
                summary: "Path parameter must be an integer".to_owned(),
                violations: Violations::new(),
            },
            Rejection::Invalid {
                summary: "Field \"fullName\" is too short".to_owned(),
                violations: FieldViolation::new("fullName", "length", "is too short").into(),
            },
            Rejection::Invalid {
                summary: "Validation failed".to_owned(),
                violations: [
                    FieldViolation::new("fullName", "length", "is too short"),
                    FieldViolation::new("email", "email", "must be a well-formed email address"),
                ]
                .into_iter()
                .collect(),
            },
            Rejection::NotFound,
            Rejection::MethodNotAllowed,
            Rejection::Timeout,
            Rejection::Internal,
        ]
    }

    /// The one field at fault, when exactly one is: what a service mapping rejections into
    /// its own `{field, problem}` error wants.
    ///
    /// ```
    /// use errcat::{FieldViolation, Violations};
    /// use errcat::axum::Rejection;
    ///
    /// let rejection = Rejection::samples().remove(4);
    /// assert_eq!(rejection.to_string(), "Missing required field: name");
    /// let field = rejection.field().unwrap();
    /// assert_eq!((&*field.field, &*field.message), ("name", "is required"));
    /// assert!(Rejection::NotFound.field().is_none());
    /// ```
    pub fn field(&self) -> Option<&FieldViolation> {
        match self {
            Rejection::InvalidBody { violations, .. }
            | Rejection::InvalidQuery { violations, .. }
            | Rejection::InvalidPath { violations, .. }
            | Rejection::Invalid { violations, .. } => match violations.iter().as_slice() {
                [only] if !only.field.is_empty() => Some(only),
                _ => None,
            },
            _ => None,
        }
    }

    /// The violations, for the rejections that name fields.
    pub fn violations(&self) -> Option<&Violations> {
        match self {
            Rejection::InvalidBody { violations, .. }
            | Rejection::InvalidQuery { violations, .. }
            | Rejection::InvalidPath { violations, .. }
            | Rejection::Invalid { violations, .. } => Some(violations),
            _ => None,
        }
    }

    /// The rejection for fields that failed validation.
    #[cfg(any(feature = "validator", feature = "garde"))]
    pub(crate) fn invalid(violations: Violations) -> Self {
        let summary = match violations.iter().as_slice() {
            [only] if !only.field.is_empty() => field_summary(&only.field, &only.message),
            _ => "Validation failed".to_owned(),
        };
        Rejection::Invalid {
            summary,
            violations,
        }
    }

    /// The rejection for one bad value in a body, query, form or path of the type `names`
    /// describes.
    #[cfg(any(feature = "axum", feature = "actix-web"))]
    pub(crate) fn about(violation: FieldViolation, location: Location, names: &SerdeNames) -> Self {
        if violation.field.is_empty() {
            let whole_value =
                violation.message == "must be an object" || names.held_at("") != Held::Object;
            return if whole_value {
                // `null` for the body: the whole value is wrong, no field to name.
                Self::whole(location, &violation.message)
            } else {
                // A value inside the object, whose place serde lost on the way (in a
                // `#[serde(flatten)]` field or an internally tagged enum): say so, and name
                // no field rather than a wrong one.
                let summary = format!("A value in the {} {}", part(location), violation.message);
                Self::with_summary(location, summary, Violations::new())
            };
        }
        let summary = match &*violation.code {
            "missing" => format!("Missing required field: {}", violation.field),
            "unknown" => format!("Unknown field: {}", violation.field),
            _ => field_summary(&violation.field, &violation.message),
        };
        Self::with_summary(location, summary, Violations::from(violation))
    }

    /// The rejection when the whole body, query string or path is wrong.
    #[cfg(any(feature = "axum", feature = "actix-web"))]
    pub(crate) fn whole(location: Location, message: &str) -> Self {
        let part = part(location);
        let (first, rest) = part.split_at(1);
        let summary = format!("{}{rest} {message}", first.to_ascii_uppercase());
        Self::with_summary(location, summary, Violations::new())
    }

    #[cfg(any(feature = "axum", feature = "actix-web"))]
    fn with_summary(location: Location, summary: String, violations: Violations) -> Self {
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

/// What a summary calls the part of the request at `location`.
#[cfg(any(feature = "axum", feature = "actix-web"))]
fn part(location: Location) -> &'static str {
    match location {
        Location::Body => "request body",
        Location::Query => "query string",
        Location::Path => "path",
        Location::Header => "headers",
    }
}

/// The summary for one field: `Field "fullName" is too short`, or with a colon when the
/// message does not read on from the name (`Field "items": size must be at least 1`).
#[cfg(any(
    feature = "axum",
    feature = "actix-web",
    feature = "validator",
    feature = "garde"
))]
pub(crate) fn field_summary(field: &str, message: &str) -> String {
    const READS_ON: &[&str] = &[
        "must", "is", "are", "should", "has", "have", "cannot", "can't", "does", "was", "were",
        "may", "needs", "contains",
    ];
    let first = message.split(' ').next().unwrap_or_default();
    if READS_ON.contains(&first) {
        format!("Field \"{field}\" {message}")
    } else {
        format!("Field \"{field}\": {message}")
    }
}
