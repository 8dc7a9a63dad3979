use errcat::ApiError;

#[derive(ApiError)]
enum E {
    #[status(404)]
    #[api_error(rename_all = "kebab-case")]
    NotFound,
}

fn main() {}
