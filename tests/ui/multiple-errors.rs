use errcat::ApiError;

#[derive(ApiError)]
#[api_error(rename_all = "SCREAMING_CASE")]
enum E {
    #[status(200)]
    Ok,
    #[status(404)]
    #[message("bundle {nme} not found")]
    NotFound {
        name: String,
    },
    #[status(429)]
    #[header("Retry After", "60")]
    RateLimited,
    Conflict,
}

fn main() {}
