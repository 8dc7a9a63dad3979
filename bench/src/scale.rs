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

#[cfg(test)]
mod tests {
    use super::Big;
    use crate::generate::expected;
    use errcat::ApiError;

    /// What the derive encodes for each of 1,000 generated variants is what the runtime
    /// decodes: the catalog reads back every variant's attributes.
    #[test]
    fn every_generated_variant_reads_back() {
        let catalog = Big::catalog();
        assert_eq!(catalog.len(), 1000);
        for (i, entry) in catalog.iter().enumerate() {
            let expected = expected(i);
            assert_eq!(entry.variant, expected.name, "variant {i}");
            assert_eq!(entry.status, expected.status, "variant {i}");
            assert_eq!(entry.code, expected.code, "variant {i}");
            assert_eq!(entry.message, expected.message, "variant {i}");
            assert_eq!(
                entry.field.map(str::to_owned),
                expected.field,
                "variant {i}"
            );
            assert_eq!(entry.headers, expected.headers, "variant {i}");
            assert_eq!(entry.details, expected.details, "variant {i}");
            assert_eq!(entry.description, format!("Variant {i}."), "variant {i}");
        }
    }

    #[test]
    fn generated_variants_far_down_render_their_own_row() {
        let response = Big::Limited999 { retry_after: 7 }.to_response();
        assert_eq!(response.status(), 500);
        assert_eq!(response.headers()["retry-after"], "7");
        assert!(
            response
                .body()
                .ends_with(br#""detail":"Try again in 7 seconds.","code":"E999","retryAfter":7}"#),
            "{:?}",
            response.body()
        );
    }
}
