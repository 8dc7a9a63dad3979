//! What each extractor adds to an operation's documented errors ([`Extractor`]): errcat's
//! own and axum's, whose rejections `ErrorContextLayer` answers in the same words.

#[cfg(feature = "garde")]
use super::extract::Garde;
#[cfg(feature = "validator")]
use super::extract::Valid;
use super::extract::{Form, Json, Path, Query};
use crate::ApiError;
use crate::catalog::{Extractor, OperationErrors};
use crate::rejection::Rejection;

/// The body rejections of [`Json`] and [`Form`].
const BODY_REJECTIONS: &[&str] = &[
    "InvalidJson",
    "UnsupportedMediaType",
    "TooLarge",
    "Unreadable",
    "InvalidBody",
];

impl<T> Extractor for Json<T> {
    fn document(errors: &mut OperationErrors) {
        errors.add_rejection_variants(Rejection::catalog(), BODY_REJECTIONS);
    }
}

impl<T> Extractor for Form<T> {
    fn document(errors: &mut OperationErrors) {
        // `GET` and `HEAD` read the query instead.
        errors.add_rejection_variants(Rejection::catalog(), BODY_REJECTIONS);
        errors.add_rejection_variants(Rejection::catalog(), &["InvalidQuery"]);
    }
}

impl<T> Extractor for Query<T> {
    fn document(errors: &mut OperationErrors) {
        errors.add_rejection_variants(Rejection::catalog(), &["InvalidQuery"]);
    }
}

impl<T> Extractor for Path<T> {
    fn document(errors: &mut OperationErrors) {
        errors.add_rejection_variants(Rejection::catalog(), &["InvalidPath"]);
    }
}

/// axum's own extractors: under `ErrorContextLayer`, their rejections are answered as the
/// same [`Rejection`]s as errcat's (axum's 422s as 400s).
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
        errors.add_rejection_variants(
            Rejection::catalog(),
            &["TooLarge", "Unreadable", "InvalidBody"],
        );
    }
}

impl Extractor for bytes::Bytes {
    fn document(errors: &mut OperationErrors) {
        errors.add_rejection_variants(Rejection::catalog(), &["TooLarge", "Unreadable"]);
    }
}

#[cfg(feature = "validator")]
impl<X: Extractor> Extractor for Valid<X> {
    fn document(errors: &mut OperationErrors) {
        X::document(errors);
        errors.add_rejection_variants(Rejection::catalog(), &["Invalid"]);
    }
}

#[cfg(feature = "garde")]
impl<X: Extractor> Extractor for Garde<X> {
    fn document(errors: &mut OperationErrors) {
        X::document(errors);
        errors.add_rejection_variants(Rejection::catalog(), &["Invalid"]);
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
