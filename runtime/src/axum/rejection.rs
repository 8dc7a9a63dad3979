//! [`ExtractorError`]: a [`Rejection`] in the envelope the service answers in.

use crate::envelope::ErrorParts;
use crate::log::Loggable;
use crate::model::parts::Vtable;
use crate::rejection::Rejection;
use crate::{ApiError, CatalogEntry};
use axum_core::body::Body;
use axum_core::response::{IntoResponse, Response};
use http::StatusCode;
use std::borrow::Cow;
use std::fmt;

/// A [`Rejection`] in the envelope the service answers in: what errcat's extractors return.
///
/// The envelope is the one the request's [`RejectionEnvelope`](super::RejectionEnvelope) names, which
/// [`ErrorContextLayer::rejections`](super::ErrorContextLayer::rejections) sets for every
/// request; without one it is [`Problem`](crate::envelope::Problem).
#[derive(Debug)]
pub struct ExtractorError {
    rejection: Rejection,
    envelope: &'static Vtable,
}

impl ExtractorError {
    pub(crate) fn new(rejection: Rejection, envelope: &'static Vtable) -> Self {
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

impl IntoResponse for ExtractorError {
    fn into_response(self) -> Response {
        crate::render::respond::<Body>(|visit| self.parts(visit), &Loggable::Error(&self.rejection))
    }
}
