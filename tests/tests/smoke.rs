use errcat::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[error("key {0}")]
#[status(404)]
#[message("KeyRing '{0}' not found")]
pub struct KeyError(String);

/// Errors of the bundles API.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(envelope = errcat::envelope::ErrorField)]
pub enum BundleError {
    /// No bundle with this id exists in the caller's tenant.
    #[error("bundle {id} not found")]
    #[status(404)]
    #[message("bundle not found")]
    NotFound { id: String },

    #[error("duplicate bundle {name}")]
    #[status(409)]
    #[code("CONFLICT")]
    #[message("bundle with this name already exists")]
    Duplicate { name: String },

    #[error("rate limited")]
    #[status(429)]
    #[code("RATE_LIMITED")]
    #[message("Rate limit exceeded. Try again in {retry_after} seconds.")]
    #[header("Retry-After", "{retry_after}")]
    RateLimited { #[detail] retry_after: u64 },

    #[error("missing {field}")]
    #[status(400)]
    #[code("VALIDATION_ERROR")]
    #[message("{field} is required")]
    #[field("{field}")]
    Missing { field: &'static str },

    #[error("database")]
    #[status(500)]
    #[message("internal server error")]
    Database(#[source] std::io::Error),

    #[error(transparent)]
    #[api_error(transparent)]
    Key(KeyError),
}

#[test]
fn smoke() {
    for e in [
        BundleError::NotFound { id: "x".into() },
        BundleError::RateLimited { retry_after: 42 },
        BundleError::Missing { field: "name" },
        BundleError::Database(std::io::Error::other("boom")),
        BundleError::Key(KeyError("Finance".into())),
    ] {
        let r = e.to_response();
        println!("{} {:?} {}", r.status(), r.headers(), String::from_utf8_lossy(r.body()));
    }
    println!("{:#?}", BundleError::catalog());
    for entry in BundleError::catalog() {
        println!("{}", String::from_utf8_lossy(entry.example().body()));
    }
}
