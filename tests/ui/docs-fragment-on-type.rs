use errcat::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(docs = "https://api.example.com/errors#top")]
enum E {
    #[error("not found")]
    #[status(404)]
    NotFound,
}

fn main() {}
