//! The example's rate limiter under hostile traffic: made-up tokens add nothing to its table,
//! the table never holds more than its capacity, expired windows are swept, and a refused
//! request carries seed 000's rate-limit headers.

use axum::body::Body;
use errcat_examples::app::{AppState, router};
use errcat_examples::limiter::Limiter;
use http::{Request, StatusCode};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tower::ServiceExt as _;

fn get(token: &str) -> Request<Body> {
    Request::get("/api/v1/bundles")
        .header("authorization", format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap()
}

/// 4,000 distinct 16 KB tokens through the real router: each is refused by authentication,
/// and the limiter's table holds only the real callers.
#[tokio::test]
async fn test_distinct_tokens_do_not_grow_the_table() {
    let state = AppState::new(1_000);
    let app = router(state.clone());
    let padding = "x".repeat(16 * 1024);
    for n in 0..4_000 {
        let response = app
            .clone()
            .oneshot(get(&format!("{n}-{padding}")))
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    assert!(state.limiter().is_empty(), "{}", state.limiter().len());
    for token in ["owner-token", "member-token", "owner-token"] {
        let response = app.clone().oneshot(get(token)).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
    }
    assert_eq!(state.limiter().len(), 2);
}

/// A caller beyond its limit gets seed 000's headers: the limit, nothing remaining, when its
/// window ends (Unix seconds) and how long to wait.
#[tokio::test]
async fn test_refused_request_has_the_rate_limit_headers() {
    let state = AppState::new(2);
    let app = router(state.clone());
    for _ in 0..2 {
        let response = app.clone().oneshot(get("member-token")).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
    }
    let response = app.clone().oneshot(get("member-token")).await.unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let header =
        |name: &str| -> u64 { response.headers()[name].to_str().unwrap().parse().unwrap() };
    assert_eq!(header("x-ratelimit-limit"), 2);
    assert_eq!(header("x-ratelimit-remaining"), 0);
    let retry_after = header("retry-after");
    assert!((1..=60).contains(&retry_after), "{retry_after}");
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let reset = header("x-ratelimit-reset");
    assert!(now < reset && reset <= now + 61, "{reset} vs {now}");
    // The other caller has a window of its own.
    let response = app.clone().oneshot(get("owner-token")).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

const WINDOW: Duration = Duration::from_secs(60);

/// Thousands of distinct keys (a service keying on user ids, say): the table stops at its
/// capacity, the keys it already holds keep their windows, and newcomers are refused without
/// `X-RateLimit-Reset` (they have no window) until expired windows are swept.
#[test]
fn test_table_is_capped_and_expired_windows_are_swept() {
    let limiter = Limiter::new(3, WINDOW, 100);
    let start = Instant::now();
    let mut refused = 0;
    for key in 0..5_000_u64 {
        match limiter.check_at(key, start) {
            Ok(()) => {}
            Err(limited) => {
                assert_eq!(limited.reset, None, "key {key}");
                assert!(limited.retry_after >= 1);
                refused += 1;
            }
        }
        assert!(limiter.len() <= limiter.capacity());
    }
    assert_eq!(limiter.len(), 100);
    assert_eq!(refused, 4_900);

    // A key the table holds is counted as before: its fourth request is over the limit.
    for _ in 0..2 {
        assert!(limiter.check_at(7, start).is_ok());
    }
    let limited = limiter.check_at(7, start).unwrap_err();
    assert_eq!(limited.limit, 3);
    assert!(limited.reset.is_some());
    assert_eq!(limited.retry_after, WINDOW.as_secs());

    // Once their windows end, the old keys are swept and a newcomer is let in.
    let later = start + WINDOW;
    assert!(limiter.check_at(1_000_000, later).is_ok());
    assert_eq!(limiter.len(), 1);
}
