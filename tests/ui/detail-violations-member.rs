use errcat::{ApiError, Violations};

#[derive(Debug, ApiError)]
#[api_error(envelope = errcat::envelope::MessageField)]
enum E {
    #[status(400)]
    Invalid {
        #[api_error(violations)]
        violations: Violations,
        #[detail]
        errors: Vec<String>,
    },
}

fn main() {}
