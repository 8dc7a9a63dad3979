use errcat::ApiError;

#[derive(ApiError)]
enum E {
    #[status(404)]
    #[status(410)]
    Gone,
}

fn main() {}
