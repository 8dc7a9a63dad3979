use errcat::ApiError;

#[derive(ApiError)]
enum E {
    #[status(http::StatusCode::BAD_REQUEST)]
    NotFound,
}

fn main() {}
