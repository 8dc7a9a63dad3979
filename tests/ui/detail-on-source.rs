use errcat::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[error("upstream failed")]
    #[status(502)]
    Upstream {
        #[detail]
        source: std::io::Error,
    },
}

fn main() {}
