use errcat::ApiError;

#[derive(Debug)]
struct Window;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[error("rate limited")]
    #[status(429)]
    #[header("X-RateLimit-Window", "{window}")]
    RateLimited { window: Option<Window> },
}

fn main() {}
