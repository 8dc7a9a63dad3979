use errcat::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[error("inner")]
#[status(404)]
struct Inner;

#[derive(ApiError)]
enum E {
    #[api_error(transparent)]
    #[status(500)]
    Inner(Inner),
}

fn main() {}
