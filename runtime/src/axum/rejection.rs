//! [`ExtractorError`] as an axum response.

use crate::rejection::ExtractorError;
use axum_core::body::Body;
use axum_core::response::{IntoResponse, Response};

impl IntoResponse for ExtractorError {
    fn into_response(self) -> Response {
        self.respond::<Body>()
    }
}
