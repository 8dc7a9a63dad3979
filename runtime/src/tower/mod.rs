//! tower integration (feature `tower`, which `axum` includes): [`ErrorContextLayer`] gives
//! each request its context (id, path, time, a tracing span) and answers every error
//! response of the services it wraps in the API's envelope, for axum, hyper or any tower
//! service.

mod body;
mod future;
mod layer;
mod untouched;

pub use self::body::ErrorBody;
pub use self::future::ResponseFuture;
pub use self::layer::{ErrorContextLayer, ErrorContextService};
pub use self::untouched::{Untouched, UntouchedFuture, UntouchedService};
pub use crate::answer::RejectionEnvelope;
pub use crate::rejection::Rejection;
pub use crate::scope::REQUEST_ID_HEADER;
