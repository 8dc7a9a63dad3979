use errcat::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(docs = "https://api.example.com/errors")]
enum E {
    #[error("not found")]
    #[status(404)]
    #[api_error(docs_member = "doc_url")]
    NotFound,
}

fn main() {}
