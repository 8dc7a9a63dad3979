use errcat::ApiError;

#[derive(ApiError)]
#[status(400)]
enum E {
    Internal,
}

fn main() {}
