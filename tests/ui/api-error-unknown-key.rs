use errcat::ApiError;

#[derive(ApiError)]
#[api_error(foo)]
enum E {
    #[status(404)]
    NotFound,
}

fn main() {}
