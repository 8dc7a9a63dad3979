use errcat::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[error("database: {0}")]
    #[status(500)]
    #[message("database error: {0}")]
    Database(#[from] std::io::Error),
}

fn main() {}
