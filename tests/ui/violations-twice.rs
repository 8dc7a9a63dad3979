use errcat::{ApiError, Violations};

#[derive(ApiError)]
enum E {
    #[status(400)]
    Invalid {
        #[api_error(violations)]
        body_errors: Violations,
        #[api_error(violations)]
        query_errors: Violations,
    },
}

fn main() {}
