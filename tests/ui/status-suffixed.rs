use errcat::ApiError;

#[derive(ApiError)]
enum E {
    #[status(404u16)]
    NotFound,
}

fn main() {}
