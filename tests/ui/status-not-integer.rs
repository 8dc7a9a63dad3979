use errcat::ApiError;

#[derive(ApiError)]
enum E {
    #[status("404")]
    NotFound,
}

fn main() {}
