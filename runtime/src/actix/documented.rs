//! What errcat's actix-web extractors add to an operation's documented errors
//! ([`Extractor`](crate::catalog::Extractor)): the same rejections as the axum ones.

#[cfg(feature = "garde")]
use super::extract::Garde;
#[cfg(feature = "validator")]
use super::extract::Valid;
use super::extract::{Form, Json, Path, Query};
use crate::rejection::read;

read::document_extractors!(Json, Form, Query, Path);

/// actix-web's own extractors: under `ErrorContext`, their errors are answered as the same
/// rejections (without the field at fault, which actix's errors do not tell).
macro_rules! rejects_like {
    ($($actix:ty => $refuses:ident),* $(,)?) => {$(
        impl<T> crate::catalog::Extractor for $actix {
            fn document(errors: &mut crate::catalog::OperationErrors) {
                read::document(errors, read::refuses::$refuses);
            }
        }
    )*};
}

rejects_like!(
    actix_web::web::Json<T> => BODY,
    actix_web::web::Form<T> => BODY,
    actix_web::web::Query<T> => QUERY,
    actix_web::web::Path<T> => PATH,
);

/// actix-web's extractors that never refuse a request for a client's mistake (missing app
/// data is the service's own bug).
impl<T: ?Sized> crate::catalog::Extractor for actix_web::web::Data<T> {}
impl<T: Clone + 'static> crate::catalog::Extractor for actix_web::web::ReqData<T> {}

impl crate::catalog::Extractor for actix_web::HttpRequest {}
impl crate::catalog::Extractor for actix_web::web::Payload {}
impl crate::catalog::Extractor for actix_web::http::Method {}
impl crate::catalog::Extractor for actix_web::dev::ConnectionInfo {}
