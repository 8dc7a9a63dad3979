use errcat::ApiError;

#[derive(ApiError)]
enum E {
    #[status(429)]
    RateLimited {
        #[detail(renam = "x")]
        retry_after: u64,
    },
}

fn main() {}
