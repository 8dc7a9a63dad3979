//! Run with `cargo run -p errcat-examples --bin tour`.
//!
//! Prints every error response of the example service as a client sees it: status line,
//! headers, body.

use errcat::ApiError;
use errcat_examples::errors::{AuthError, BundleError, KeyError, RequestError, ServiceError};
use http::Response;

fn main() {
    let errors: Vec<(&str, ServiceError)> = vec![
        (
            "GET /api/v1/bundles (no session)",
            AuthError::Unauthenticated.into(),
        ),
        (
            "POST /api/v1/bundles (member)",
            AuthError::OwnerRequired.into(),
        ),
        (
            "POST /api/v1/auth/login (locked)",
            AuthError::Locked {
                until: "2025-10-23T15:30:00Z".into(),
            }
            .into(),
        ),
        (
            "GET /api/v1/bundles/other-tenant-bundle-uuid",
            BundleError::NotFound {
                id: "other-tenant-bundle-uuid".into(),
            }
            .into(),
        ),
        ("POST /api/v1/bundles {}", BundleError::MissingName.into()),
        (
            "POST /api/v1/bundles {\"name\":\"dev/api\"}",
            BundleError::Duplicate {
                name: "dev/api".into(),
            }
            .into(),
        ),
        (
            "GET /api/v1/keys/STRIPE_KEY",
            KeyError::NotFound("STRIPE_KEY".into()).into(),
        ),
        (
            "POST /api/v1/keys {\"name\":\"X\"}",
            KeyError::Missing { field: "value" }.into(),
        ),
        (
            "POST /api/v1/bundles/dev-api/keys",
            KeyError::AlreadyAttached.into(),
        ),
        (
            "GET /api/v1/requests/old-request-id/wait",
            RequestError::Expired("old-request-id".into()).into(),
        ),
        (
            "POST /api/v1/auth/login (6th attempt)",
            ServiceError::RateLimited {
                retry_after: 900,
                limit: 5,
            },
        ),
        (
            "GET /api/v1/bundles (database down)",
            ServiceError::Storage(std::io::Error::other("connection refused")),
        ),
    ];

    for (request, error) in &errors {
        println!("### {request}");
        print_response(&error.to_response());
        println!();
    }
}

fn print_response(response: &Response<bytes::Bytes>) {
    let status = response.status();
    println!(
        "HTTP/1.1 {} {}",
        status.as_str(),
        status.canonical_reason().unwrap_or("")
    );
    for (name, value) in response.headers() {
        println!("{name}: {}", value.to_str().unwrap_or("<binary>"));
    }
    println!("content-length: {}", response.body().len());
    println!();
    println!("{}", String::from_utf8_lossy(response.body()));
}
