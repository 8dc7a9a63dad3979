use errcat::ApiError;

#[derive(ApiError)]
enum E {
    #[status(429)]
    #[header("Retry-After", "{secs}\n")]
    RateLimited { secs: u64 },
}

fn main() {}
