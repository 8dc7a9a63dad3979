use errcat::ApiError;

#[derive(ApiError)]
#[status(500)]
enum E {
    Internal,
}

fn main() {}
