use errcat::{ApiError, Violations};

#[derive(ApiError)]
enum E {
    #[status(400)]
    #[api_error(violations)]
    Invalid { errors: Violations },
}

fn main() {}
