use errcat::ApiError;

#[derive(ApiError)]
enum E {
    #[staus(404)]
    NotFound,
}

fn main() {}
