use errcat::ApiError;

#[derive(ApiError)]
enum E {
    #[status(429)]
    #[detail]
    RateLimited { retry_after: u64 },
}

fn main() {}
