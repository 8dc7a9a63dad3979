use errcat::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[error("inner")]
#[status(404)]
struct Inner;

#[derive(ApiError)]
enum E {
    #[api_error(transparent)]
    Inner(Inner, Inner),
}

fn main() {}
