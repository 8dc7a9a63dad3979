use errcat::ApiError;

#[derive(ApiError)]
enum E {
    #[status(404)]
    #[code("NOT_FOUND")]
    Bundle,
    #[status(410)]
    #[code("NOT_FOUND")]
    Key,
}

fn main() {}
