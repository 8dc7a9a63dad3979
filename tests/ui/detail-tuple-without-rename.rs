use errcat::ApiError;

#[derive(ApiError)]
enum E {
    #[status(429)]
    RateLimited(#[detail] u64),
}

fn main() {}
