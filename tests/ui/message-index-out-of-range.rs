use errcat::ApiError;

#[derive(ApiError)]
enum E {
    #[status(404)]
    #[message("bundle {1} not found")]
    NotFound(String),
}

fn main() {}
