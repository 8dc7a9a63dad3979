use errcat::ApiError;

#[derive(ApiError)]
enum E {
    #[status(404)]
    NotFound {
        #[status(410)]
        id: String,
    },
}

fn main() {}
