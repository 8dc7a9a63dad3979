use errcat::ApiError;

#[derive(Debug)]
struct Opaque;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[error("not found")]
    #[status(404)]
    #[message("bundle {id} not found")]
    NotFound { id: Opaque },
}

fn main() {}
