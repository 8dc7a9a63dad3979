//! Run with `cargo run -p errcat-examples --bin server` (or `PORT=8080 ...`).
//!
//! Serves the example API on `127.0.0.1:$PORT` (default 3000; `0` picks a free port and
//! prints it), with its OpenAPI document at
//! `/openapi.json` and its error catalog at `/docs/errors` (the HTML page each error's `type`
//! points into) and `/docs/errors.md`. Owners authenticate with
//! `Authorization: Bearer owner-token`, members with `Bearer member-token`. Each client may
//! make `$RATE_LIMIT` requests a minute (default 600).

use errcat_examples::app::{AppState, router};

#[tokio::main]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt().init();
    let port: u16 = env_number("PORT", 3000);
    let limit: u32 = env_number("RATE_LIMIT", 600);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    println!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, router(AppState::new(limit)))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}

fn env_number<T: std::str::FromStr>(name: &str, default: T) -> T {
    match std::env::var(name) {
        Ok(value) => value.parse().unwrap_or_else(|_| {
            eprintln!("{name}={value:?} is not a number; using the default");
            default
        }),
        Err(_) => default,
    }
}
