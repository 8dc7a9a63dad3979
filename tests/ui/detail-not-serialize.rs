use errcat::ApiError;
use serde::Serialize;

#[derive(Debug, Serialize)]
struct Window {
    seconds: u64,
}

#[derive(Debug)]
struct Opaque;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[error("rate limited")]
    #[status(429)]
    RateLimited {
        #[detail]
        window: Window,
        #[detail]
        until: Opaque,
    },
}

fn main() {}
