use errcat::ApiError;

#[derive(ApiError)]
enum E {
    #[status(415)]
    #[header("Content-Type", "text/plain")]
    Unsupported,
}

fn main() {}
