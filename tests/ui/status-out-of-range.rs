use errcat::ApiError;

#[derive(ApiError)]
enum E {
    #[status(200)]
    Ok,
}

fn main() {}
