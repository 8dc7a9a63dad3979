// Enums written by `macro_rules!` macros derive: templates and whole variants that come from
// the macro's caller name the fields the derive binds.
use errcat::ApiError;

macro_rules! not_found_error {
    ($name:ident, $message:literal) => {
        #[derive(Debug, ApiError)]
        pub enum $name {
            #[status(404)]
            #[message($message)]
            #[header("X-Missing", $message)]
            NotFound { id: String, #[detail] kind: &'static str },
        }
    };
}

macro_rules! api_error {
    ($name:ident { $($variants:tt)* }) => {
        #[derive(Debug, ApiError)]
        #[api_error(envelope = errcat::envelope::Wrapped)]
        pub enum $name {
            $($variants)*
        }
    };
}

not_found_error!(BundleError, "bundle {id} not found");

api_error!(KeyError {
    #[status(404)]
    #[message("KeyRing '{0}' not found")]
    #[field("{0}")]
    NotFound(String),
    #[status(429)]
    #[message("Rate limit exceeded. Try again in {retry_after} seconds.")]
    #[header("Retry-After", "{retry_after}")]
    RateLimited { #[detail] retry_after: u64 },
    #[api_error(transparent)]
    Bundle(BundleError),
});

fn main() {
    let response = BundleError::NotFound { id: "b-1".into(), kind: "bundle" }.to_response();
    assert_eq!(response.headers()["x-missing"], "bundle b-1 not found");
    assert_eq!(
        response.body(),
        r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"bundle b-1 not found","code":"NOT_FOUND","kind":"bundle"}"#
    );
    let response = KeyError::RateLimited { retry_after: 42 }.to_response();
    assert_eq!(response.headers()["retry-after"], "42");
    assert!(KeyError::NotFound("Finance".into()).to_response().body().starts_with(
        br#"{"success":false,"error":{"code":"NOT_FOUND","message":"KeyRing 'Finance' not found","field":"Finance"}"#
    ));
}
