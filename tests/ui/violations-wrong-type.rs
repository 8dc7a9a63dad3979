use errcat::{ApiError, FieldViolation};

#[derive(ApiError)]
enum E {
    #[status(400)]
    Invalid {
        #[api_error(violations)]
        errors: Vec<FieldViolation>,
    },
}

fn main() {}
