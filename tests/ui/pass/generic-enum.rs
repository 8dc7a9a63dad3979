use errcat::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E<T: std::fmt::Debug> {
    #[error("bad {0:?}")]
    #[status(400)]
    #[message("{0}")]
    Bad(T),

    #[error("limited")]
    #[status(429)]
    Limited {
        #[detail]
        retry_after: T,
    },
}

fn main() {
    let bad = E::Bad(42_u32);
    assert_eq!(bad.status(), 400);
    assert_eq!(bad.code(), "BAD");
    assert_eq!(bad.message(), "42");

    let limited: E<u32> = E::Limited { retry_after: 7 };
    let body: serde_json::Value = serde_json::from_slice(limited.to_response().body()).unwrap();
    assert_eq!(body["retryAfter"], 7);
    assert_eq!(E::<String>::catalog().len(), 2);
}
