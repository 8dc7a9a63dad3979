use errcat::ApiError;

#[derive(ApiError)]
enum E {
    #[status(404)]
    #[code("")]
    NotFound,
}

fn main() {}
