use errcat::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(
    envelope = errcat::envelope::ErrorField,
    docs = "https://api.example.com/errors",
    docs_member = "error"
)]
enum E {
    #[error("not found")]
    #[status(404)]
    NotFound,
}

fn main() {}
