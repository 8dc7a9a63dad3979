use errcat::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[error("inner")]
#[status(404)]
struct Inner;

#[derive(ApiError)]
enum E {
    #[api_error(transparent)]
    #[code("INNER")]
    Inner(Inner),
}

fn main() {}
