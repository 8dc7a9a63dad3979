// A transparent field whose type is not an ApiError: one error, spanning the whole type, and
// none where the enum is used (an axum handler still accepts it as its error).
use errcat::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[error(transparent)]
    #[api_error(transparent)]
    Io(std::io::Error),
}

async fn handler() -> Result<String, E> {
    Ok(String::new())
}

fn main() {
    let _app: axum::Router = axum::Router::new().route("/", axum::routing::get(handler));
}
