use errcat::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[error("key {0}")]
#[status(404)]
#[message("KeyRing '{0}' not found")]
struct KeyError(String);

#[derive(Debug, thiserror::Error, ApiError)]
#[error(transparent)]
#[api_error(transparent, envelope = errcat::envelope::MessageField)]
struct Wrapper(KeyError);

fn main() {
    let error = Wrapper(KeyError("primary".into()));
    assert_eq!(error.status(), 404);
    assert_eq!(error.code(), "KEY_ERROR");
    assert_eq!(error.message(), "KeyRing 'primary' not found");
    assert_eq!(
        error.to_response().body(),
        r#"{"message":"KeyRing 'primary' not found"}"#
    );
    assert_eq!(Wrapper::catalog()[0].message, "KeyRing '{0}' not found");
}
