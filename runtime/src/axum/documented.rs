//! What each extractor adds to an operation's documented errors ([`Extractor`]): errcat's
//! own and axum's, whose rejections `ErrorContextLayer` answers in the same words.

#[cfg(feature = "garde")]
use super::extract::Garde;
#[cfg(feature = "validator")]
use super::extract::Valid;
use super::extract::{Form, Json, Path, Query};
use crate::catalog::{Extractor, OperationErrors};
use crate::rejection::read;

read::document_extractors!(Json, Form, Query, Path);

/// axum's own extractors: under `ErrorContextLayer`, their rejections are answered as the
/// same [`Rejection`](crate::rejection::Rejection)s as errcat's (axum's 422s as 400s).
macro_rules! rejects_like {
    ($($axum:ty => $errcat:ty),* $(,)?) => {$(
        impl<T> Extractor for $axum {
            fn document(errors: &mut OperationErrors) {
                <$errcat as Extractor>::document(errors);
            }
        }
    )*};
}

rejects_like!(
    axum::Json<T> => Json<T>,
    axum::Form<T> => Form<T>,
    axum::extract::Query<T> => Query<T>,
    axum::extract::Path<T> => Path<T>,
);

/// Bodies read whole: refused only when too large, unreadable or (`String`) not UTF-8.
impl Extractor for String {
    fn document(errors: &mut OperationErrors) {
        read::document(errors, &["TooLarge", "Unreadable", "InvalidBody"]);
    }
}

impl Extractor for bytes::Bytes {
    fn document(errors: &mut OperationErrors) {
        read::document(errors, &["TooLarge", "Unreadable"]);
    }
}

/// axum's extractors that never refuse a request for a client's mistake (a missing state or
/// extension is the service's own bug).
macro_rules! refuses_nothing {
    ($($ty:ty),* $(,)?) => {$(
        impl<T> Extractor for $ty {}
    )*};
}

refuses_nothing!(axum::extract::State<T>, axum::Extension<T>,);

macro_rules! refuses_nothing_plain {
    ($($ty:ty),* $(,)?) => {$(
        impl Extractor for $ty {}
    )*};
}

refuses_nothing_plain!(
    axum::extract::MatchedPath,
    axum::extract::OriginalUri,
    axum::extract::RawQuery,
    http::HeaderMap,
    http::Method,
    http::Uri,
    http::Version,
    http::Extensions,
    http::request::Parts,
    axum::extract::Request,
);
