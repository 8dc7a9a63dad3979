use errcat::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(docs = "https://api.example.com/errors", docs_member = "docUrl")]
enum E {
    #[error("moved")]
    #[status(410)]
    Moved {
        #[detail]
        doc_url: String,
    },
}

fn main() {}
