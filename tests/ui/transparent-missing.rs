use errcat::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[error("key not found")]
#[status(404)]
struct KeyNotFound;

#[derive(Debug, thiserror::Error, ApiError)]
enum BundleError {
    #[error(transparent)]
    Key(KeyNotFound),
}

fn main() {}
