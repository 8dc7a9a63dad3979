//! Scale: a 1,000-variant enum, whose responses must cost what a small enum's do, and whose
//! catalog must stay cheap per entry.

use crate::{Collected, collect};
use axum::response::IntoResponse;

include!(concat!(env!("OUT_DIR"), "/big.rs"));

/// The first variant of the 1,000 (a unit variant with a fixed message).
pub fn first() -> Collected {
    collect(Big::Unit0.into_response())
}

/// The last but three: a unit variant, like [`first`], 996 variants further down.
pub fn far() -> Collected {
    collect(Big::Unit996.into_response())
}

/// An interpolated variant near the start.
pub fn first_interpolated() -> Collected {
    collect(Big::Tuple1(std::hint::black_box("Finance").to_owned(), 1).into_response())
}

/// An interpolated variant near the end, like [`first_interpolated`].
pub fn far_interpolated() -> Collected {
    collect(Big::Tuple997(std::hint::black_box("Finance").to_owned(), 1).into_response())
}

/// The 1,000 entries of the catalog.
pub fn catalog() -> Vec<errcat::CatalogEntry> {
    <Big as errcat::ApiError>::catalog()
}

/// The OpenAPI document of the 1,000 entries.
pub fn openapi() -> serde_json::Value {
    errcat::Catalog::new().group::<Big>("Big").to_openapi()
}
