//! [`ExtractorError`]: a [`Rejection`] in the envelope the service answers in, shared by the
//! axum and actix-web extractors (each adapter makes it a response of its framework).

use super::Rejection;
use crate::answer::RejectionEnvelope;
use crate::envelope::ErrorParts;
use crate::log::Loggable;
use crate::{ApiError, CatalogEntry};
use bytes::Bytes;
use http::{Response, StatusCode};
use std::borrow::Cow;
use std::fmt;

/// A [`Rejection`] answered the way the service answers them: what errcat's extractors
/// return, with axum (`IntoResponse`) and with actix-web (`ResponseError`).
///
/// That is the request's `RejectionEnvelope`, which errcat's middleware sets for every
/// request from `.rejections::<E>()` (an envelope) or `.rejections_as::<E>()` (the
/// service's own errors): `ErrorContextLayer` with axum, `ErrorContext` with actix-web.
/// Without one, [`Problem`](crate::envelope::Problem).
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

    /// The response, with the rejection as what the log says of it.
    pub(crate) fn respond<B: From<Bytes> + Default>(&self) -> Response<B> {
        crate::render::respond(|visit| self.parts(visit), &Loggable::Error(&self.rejection))
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

    fn to_response(&self) -> Response<Bytes> {
        self.respond()
    }

    fn catalog() -> Vec<CatalogEntry> {
        Rejection::catalog()
    }
}
