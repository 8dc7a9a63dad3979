use errcat::ApiError;

#[derive(ApiError)]
enum E {
    #[status(400)]
    #[field("{name}")]
    Missing { field: &'static str },
}

fn main() {}
