use errcat::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[error("storage")]
    #[status(500)]
    #[field("{source}")]
    Storage { source: std::io::Error },
}

fn main() {}
