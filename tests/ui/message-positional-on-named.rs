use errcat::ApiError;

#[derive(ApiError)]
enum E {
    #[status(404)]
    #[message("bundle {0} not found")]
    NotFound { id: String },
}

fn main() {}
