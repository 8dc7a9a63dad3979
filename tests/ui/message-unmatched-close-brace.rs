use errcat::ApiError;

#[derive(ApiError)]
enum E {
    #[status(404)]
    #[message("bundle id} not found")]
    NotFound { id: String },
}

fn main() {}
