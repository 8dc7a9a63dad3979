use errcat::ApiError;

#[derive(ApiError)]
#[api_error(envelope = "Problem")]
enum E {
    #[status(404)]
    NotFound,
}

fn main() {}
