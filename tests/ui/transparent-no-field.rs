use errcat::ApiError;

#[derive(ApiError)]
enum E {
    #[api_error(transparent)]
    Inner,
}

fn main() {}
