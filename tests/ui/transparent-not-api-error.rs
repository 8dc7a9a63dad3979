use errcat::ApiError;

#[derive(Debug, thiserror::Error)]
#[error("inner")]
struct Inner;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[error(transparent)]
    #[api_error(transparent)]
    Inner(Inner),
}

fn main() {}
