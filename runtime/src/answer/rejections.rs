//! [`RejectionEnvelope`]: how a request's rejections are answered, in an envelope or as the
//! service's own errors; shared by the layer, its future and errcat's extractors.

use super::Answered;
use crate::ApiError;
use crate::envelope::{Envelope, ErrorParts, Problem};
use crate::model::parts::Vtable;
use crate::rejection::Rejection;

/// How rejections are answered: in which envelope, or as which of the service's errors.
/// Carried as a request extension, which the middleware's `rejections` and `rejections_as`
/// (the tower layer's `ErrorContextLayer`, actix-web's `ErrorContext`) insert, as can any
/// middleware of your own.
#[derive(Clone, Copy, Debug)]
pub struct RejectionEnvelope {
    envelope: &'static Vtable,
    map: Option<MapParts>,
}

/// Renders a rejection as one of the service's own errors.
type MapParts = fn(&Rejection, &mut dyn FnMut(&ErrorParts<'_>));

impl Default for RejectionEnvelope {
    /// [`Problem`].
    fn default() -> Self {
        RejectionEnvelope::of::<Problem>()
    }
}

impl RejectionEnvelope {
    /// Rejections in envelope `E`.
    pub fn of<E: Envelope>() -> Self {
        RejectionEnvelope {
            envelope: crate::envelope::vtable::<E>(),
            map: None,
        }
    }

    /// Rejections as the service's errors `E`, through `From<Rejection>`; other statuses in
    /// the envelope `E` answers a rejection in.
    pub fn mapped<E: ApiError + From<Rejection> + 'static>() -> Self {
        let mut envelope = crate::envelope::vtable::<Problem>();
        E::from(Rejection::Internal).parts(&mut |parts| {
            if let Some(own) = parts.envelope() {
                envelope = own;
            }
        });
        RejectionEnvelope {
            envelope,
            map: Some(|rejection, visit| E::from(rejection.clone()).parts(visit)),
        }
    }

    /// How a request with `extensions` answers rejections.
    #[cfg(feature = "axum")]
    pub(crate) fn from_extensions(extensions: &http::Extensions) -> Self {
        extensions
            .get::<RejectionEnvelope>()
            .copied()
            .unwrap_or_default()
    }

    /// The parts of `rejection`, answered this way.
    pub(crate) fn parts(&self, rejection: &Rejection, visit: &mut dyn FnMut(&ErrorParts<'_>)) {
        match self.map {
            Some(map) => map(rejection, visit),
            None => {
                let envelope = self.envelope;
                rejection.parts(&mut |parts| visit(&parts.with_vtable(envelope)));
            }
        }
    }

    /// The parts of `answered`, answered this way.
    pub(crate) fn answer_parts(&self, answered: &Answered, visit: &mut dyn FnMut(&ErrorParts<'_>)) {
        match answered {
            Answered::Rejection(rejection) => self.parts(rejection, visit),
            Answered::Status(_) => {
                let envelope = self.envelope;
                answered.parts(&mut |parts| visit(&parts.with_vtable(envelope)));
            }
        }
    }
}
