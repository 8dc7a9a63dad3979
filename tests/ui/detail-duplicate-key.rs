use errcat::ApiError;

#[derive(ApiError)]
enum E {
    #[status(429)]
    RateLimited {
        #[detail]
        retry_after: u64,
        #[detail(rename = "retryAfter")]
        seconds: u64,
    },
}

fn main() {}
