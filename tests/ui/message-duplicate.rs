use errcat::ApiError;

#[derive(ApiError)]
enum E {
    #[status(404)]
    #[message("not found")]
    #[message("missing")]
    NotFound,
}

fn main() {}
