use errcat::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[error("bad kind")]
    #[status(400)]
    BadKind {
        #[detail]
        r#type: String,
    },
}

fn main() {}
