//! What errcat's actix-web extractors add to an operation's documented errors
//! ([`Extractor`](crate::catalog::Extractor)): the same rejections as the axum ones.

#[cfg(feature = "garde")]
use super::extract::Garde;
#[cfg(feature = "validator")]
use super::extract::Valid;
use super::extract::{Form, Json, Path, Query};
use crate::rejection::read;

read::document_extractors!(Json, Form, Query, Path);
