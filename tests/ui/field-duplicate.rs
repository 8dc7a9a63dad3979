use errcat::ApiError;

#[derive(ApiError)]
enum E {
    #[status(400)]
    #[field("email")]
    #[field("name")]
    Invalid,
}

fn main() {}
