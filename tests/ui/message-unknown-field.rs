use errcat::ApiError;

#[derive(ApiError)]
enum E {
    #[status(404)]
    #[message("bundle {nme} not found")]
    NotFound { name: String },
}

fn main() {}
