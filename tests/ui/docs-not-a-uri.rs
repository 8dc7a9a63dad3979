use errcat::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(docs = "https://api.example.com/error docs/ü")]
enum E {
    #[error("not found")]
    #[status(404)]
    NotFound,
}

fn main() {}
