//! Generic error types: bounds only where a field's use needs them.

use errcat::ApiError;
use serde::Serialize;
use std::fmt::{Debug, Display};

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(envelope = errcat::envelope::ErrorField)]
enum Lookup<K: Debug + Display, D: Debug> {
    #[error("missing {0}")]
    #[status(404)]
    #[message("{0} not found")]
    Missing(K),

    #[error("invalid")]
    #[status(422)]
    #[message("invalid value")]
    Invalid {
        #[detail]
        value: D,
    },
}

#[derive(Debug, thiserror::Error, ApiError)]
enum Outer<E: ApiError + std::error::Error + 'static> {
    #[error(transparent)]
    #[api_error(transparent)]
    Inner(E),

    #[error("other")]
    #[status(500)]
    Other,
}

#[derive(Debug, Serialize)]
struct Point {
    x: i32,
    y: i32,
}

#[test]
fn test_generic_display_and_detail() {
    let missing: Lookup<&str, Point> = Lookup::Missing("bundle");
    assert_eq!(
        missing.to_response().body(),
        r#"{"error":"bundle not found"}"#
    );
    let invalid: Lookup<u8, Point> = Lookup::Invalid {
        value: Point { x: 1, y: -2 },
    };
    assert_eq!(
        invalid.to_response().body(),
        r#"{"error":"invalid value","value":{"x":1,"y":-2}}"#
    );
}

#[test]
fn test_generic_transparent() {
    let outer: Outer<Lookup<&str, u8>> = Outer::Inner(Lookup::Missing("key"));
    assert_eq!(outer.status(), 404);
    assert_eq!(outer.code(), "MISSING");
    // The outer type's envelope (Problem) is used.
    assert_eq!(
        outer.to_response().headers()["content-type"],
        "application/problem+json"
    );
    let catalog = Outer::<Lookup<&str, u8>>::catalog();
    let codes: Vec<&str> = catalog.iter().map(|entry| entry.code).collect();
    assert_eq!(codes, ["MISSING", "INVALID", "OTHER"]);
    let other: Outer<Lookup<&str, u8>> = Outer::Other;
    assert_eq!(other.message(), "Internal Server Error");
}
