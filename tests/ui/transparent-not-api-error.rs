use errcat::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[error(transparent)]
    #[api_error(transparent)]
    Io(std::io::Error),
}

fn main() {}
