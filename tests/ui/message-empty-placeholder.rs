use errcat::ApiError;

#[derive(ApiError)]
enum E {
    #[status(404)]
    #[message("bundle {} not found")]
    NotFound(String),
}

fn main() {}
