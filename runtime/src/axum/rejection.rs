//! [`ExtractorError`]: a [`Rejection`] in the envelope the service answers in.

use crate::envelope::ErrorParts;
use crate::log::Loggable;
use crate::rejection::Rejection;
use crate::tower::RejectionEnvelope;
use crate::{ApiError, CatalogEntry};
use axum_core::body::Body;
use axum_core::response::{IntoResponse, Response};
use http::StatusCode;
use std::borrow::Cow;
use std::fmt;

/// A [`Rejection`] answered the way the service answers them: what errcat's extractors
/// return.
///
/// That is the request's [`RejectionEnvelope`](super::RejectionEnvelope), which
/// [`ErrorContextLayer::rejections`](super::ErrorContextLayer::rejections) (an envelope) or
/// [`ErrorContextLayer::rejections_as`](super::ErrorContextLayer::rejections_as) (the
/// service's own errors) sets for every request; without one, [`Problem`](crate::envelope::Problem).
#[derive(Debug)]
pub struct ExtractorError {
    rejection: Rejection,
    envelope: RejectionEnvelope,
}

impl ExtractorError {
    pub(crate) fn new(rejection: Rejection, envelope: RejectionEnvelope) -> Self {
        ExtractorError {
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

impl fmt::Display for ExtractorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.rejection, f)
    }
}

impl std::error::Error for ExtractorError {}

#[diagnostic::do_not_recommend]
impl ApiError for ExtractorError {
    fn status(&self) -> StatusCode {
        crate::__private::status_of(self)
    }

    fn code(&self) -> &'static str {
        crate::__private::code_of(self)
    }

    fn message(&self) -> Cow<'static, str> {
        crate::__private::message_of(self)
    }

    fn parts(&self, visit: &mut dyn FnMut(&ErrorParts<'_>)) {
        self.envelope.parts(&self.rejection, visit);
    }

    fn catalog() -> Vec<CatalogEntry> {
        Rejection::catalog()
    }
}

impl IntoResponse for ExtractorError {
    fn into_response(self) -> Response {
        crate::render::respond::<Body>(|visit| self.parts(visit), &Loggable::Error(&self.rejection))
    }
}
