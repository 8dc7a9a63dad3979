use errcat::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[error("inner")]
#[status(404)]
struct Inner;

#[derive(ApiError)]
enum E {
    #[status(500)]
    Inner(#[api_error(transparent)] Inner),
}

fn main() {}
