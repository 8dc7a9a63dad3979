use errcat::ApiError;

#[derive(ApiError)]
enum E {
    #[status("400")]
    NotFound,
}

fn main() {}
