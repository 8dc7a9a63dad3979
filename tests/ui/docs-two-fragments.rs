use errcat::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[error("out of credit")]
    #[status(403)]
    #[api_error(docs = "https://example.com/probs#credit#more")]
    OutOfCredit,
}

fn main() {}
