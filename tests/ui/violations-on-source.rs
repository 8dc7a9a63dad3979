use errcat::{ApiError, Violations};

#[derive(Debug)]
struct Report(Violations);

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("invalid")
    }
}

impl std::error::Error for Report {}

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[error("invalid request")]
    #[status(400)]
    Invalid {
        #[source]
        #[api_error(violations)]
        report: Report,
    },
}

fn main() {}
