use errcat::ApiError;

#[derive(ApiError)]
enum E {
    #[status(404)]
    NotFound,
    Conflict,
}

fn main() {}
