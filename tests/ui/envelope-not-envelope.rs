use errcat::ApiError;

struct MyEnvelope;

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(envelope = MyEnvelope)]
enum E {
    #[error("not found")]
    #[status(404)]
    NotFound,
}

fn main() {}
