// A handler whose error set does not hold an error cannot return it: `?` has no conversion.
use errcat::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[error("bundle not found")]
#[status(404)]
struct BundleNotFound;

#[derive(Debug, thiserror::Error, ApiError)]
#[error("key not found")]
#[status(404)]
struct KeyNotFound;

errcat::error_set! {
    /// What `GET /bundles/{id}` answers with when it fails.
    enum GetBundleError {
        NotFound(BundleNotFound),
    }
}

async fn get_bundle() -> Result<String, GetBundleError> {
    Err(KeyNotFound)?
}

fn main() {
    let _ = get_bundle();
}
