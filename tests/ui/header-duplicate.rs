use errcat::ApiError;

#[derive(ApiError)]
enum E {
    #[status(429)]
    #[header("Retry-After", "{secs}")]
    #[header("retry-after", "60")]
    RateLimited { secs: u64 },
}

fn main() {}
