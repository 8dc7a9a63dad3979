use errcat::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum Inner {
    #[error("a")]
    #[status(404)]
    A,
    #[error("b")]
    #[status(409)]
    B,
}

#[derive(Debug, thiserror::Error, ApiError)]
enum Outer {
    #[error(transparent)]
    #[api_error(transparent, docs = "https://api.example.com/errors#inner")]
    Inner(Inner),
}

fn main() {}
