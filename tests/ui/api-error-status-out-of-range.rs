use errcat::ApiError;

#[derive(ApiError)]
#[api_error(status = 600)]
enum E {
    Broken,
}

fn main() {}
