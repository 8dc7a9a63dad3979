// One mistake in the derive gives one error, there: the type still implements `ApiError` and
// the framework traits, so using it as an axum handler's error, an actix-web `ResponseError` or
// a utoipa `IntoResponses` adds no second error where it is used.
use errcat::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum BundleError {
    #[error("bundle not found")]
    #[status(200)]
    NotFound,
}

async fn get_bundle() -> Result<String, BundleError> {
    Err(BundleError::NotFound)
}

fn response_error<E: actix_web::ResponseError>() {}
fn into_responses<E: utoipa::IntoResponses>() {}

fn main() {
    let _app: axum::Router = axum::Router::new().route("/", axum::routing::get(get_bundle));
    response_error::<BundleError>();
    into_responses::<BundleError>();
}
