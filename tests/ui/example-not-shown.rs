use errcat::ApiError;

#[derive(Debug, ApiError)]
enum KeyError {
    #[status(404)]
    #[message("key not found")]
    NotFound {
        #[api_error(example = "STRIPE_KEY")]
        name: String,
    },
}

fn main() {}
