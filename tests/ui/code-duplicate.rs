use errcat::ApiError;

#[derive(ApiError)]
enum E {
    #[status(404)]
    #[code("NOT_FOUND")]
    #[code("MISSING")]
    NotFound,
}

fn main() {}
