use errcat::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[error("rate limited")]
    #[status(429)]
    #[message("Try again at {reset}")]
    #[header("X-RateLimit-Reset", "{reset}")]
    RateLimited { reset: Option<u64> },
}

fn main() {}
