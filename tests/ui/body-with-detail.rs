use errcat::ApiError;

#[derive(ApiError)]
enum E {
    #[status(422)]
    Expired {
        #[api_error(body)]
        state: String,
        #[detail]
        reason: String,
    },
}

fn main() {}
