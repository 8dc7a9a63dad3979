use errcat::ApiError;

#[derive(Debug, ApiError)]
enum KeyError {
    #[status(404)]
    #[message("key {name} not found")]
    NotFound {
        #[api_error(example = )]
        name: String,
    },
}

fn main() {}
