use errcat::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[status(404)]
    #[code("{kind}_NOT_FOUND")]
    Missing { kind: String },
}

fn main() {}
