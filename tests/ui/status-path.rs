use errcat::ApiError;

#[derive(ApiError)]
enum E {
    #[status(http::StatusCode::NOT_FOUND)]
    NotFound,
}

fn main() {}
