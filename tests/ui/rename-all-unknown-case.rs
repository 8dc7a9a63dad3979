use errcat::ApiError;

#[derive(ApiError)]
#[api_error(rename_all = "SCREAMING_CASE")]
enum E {
    #[status(404)]
    NotFound,
}

fn main() {}
