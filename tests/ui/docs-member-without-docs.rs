use errcat::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(envelope = errcat::envelope::ErrorField, docs_member = "doc_url")]
enum E {
    #[error("not found")]
    #[status(404)]
    NotFound,
}

fn main() {}
