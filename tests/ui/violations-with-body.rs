use errcat::{ApiError, Violations};

#[derive(ApiError)]
enum E {
    #[status(422)]
    Invalid {
        #[api_error(body)]
        form: String,
        #[api_error(violations)]
        errors: Violations,
    },
}

fn main() {}
