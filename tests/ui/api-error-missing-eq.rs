use errcat::ApiError;

#[derive(ApiError)]
#[api_error(status 500)]
enum E {
    Internal,
}

fn main() {}
