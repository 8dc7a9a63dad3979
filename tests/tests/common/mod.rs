//! What the tests share. Each test crate uses some of it.
#![allow(dead_code)]

pub mod log;
pub mod rewrites;
pub mod server;

use errcat::ApiError;
use errcat::envelope::{ErrorParts, Timestamp};
use http::Response;
use std::time::SystemTime;

/// Hand-built parts as an error, to render them as a response.
pub struct Hand<'a>(pub ErrorParts<'a>);

impl ApiError for Hand<'_> {
    fn status(&self) -> http::StatusCode {
        self.0.status()
    }
    fn code(&self) -> &'static str {
        self.0.code()
    }
    fn message(&self) -> std::borrow::Cow<'static, str> {
        self.0.message().to_string().into()
    }
    fn parts(&self, visit: &mut dyn FnMut(&ErrorParts<'_>)) {
        visit(&self.0);
    }
}

/// Serves `app` on a free port of 127.0.0.1 for the rest of the test; its base URL.
pub async fn serve(app: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{address}")
}

/// Serves the actix-web app `app` builds on a free port of 127.0.0.1 (one worker) for the
/// rest of the test; its base URL.
pub fn serve_actix<F, T, B>(app: F) -> String
where
    F: Fn() -> actix_web::App<T> + Send + Clone + 'static,
    T: actix_web::dev::ServiceFactory<
            actix_web::dev::ServiceRequest,
            Config = (),
            Response = actix_web::dev::ServiceResponse<B>,
            Error = actix_web::Error,
            InitError = (),
        > + 'static,
    B: actix_web::body::MessageBody + 'static,
{
    let server = actix_web::HttpServer::new(app)
        .workers(1)
        .bind(("127.0.0.1", 0))
        .unwrap();
    let address = server.addrs()[0];
    actix_web::rt::spawn(server.run());
    format!("http://{address}")
}

/// The body of `response` as text.
pub fn body_text<B: AsRef<[u8]>>(response: &Response<B>) -> &str {
    std::str::from_utf8(response.body().as_ref()).expect("body is UTF-8")
}

/// The body `error` renders outside any request.
pub fn body(error: &(impl ApiError + ?Sized)) -> String {
    body_text(&error.to_response()).to_owned()
}

/// The headers of `response` in the order they were written, values as text.
pub fn header_list<B>(response: &Response<B>) -> Vec<(&str, &str)> {
    response
        .headers()
        .iter()
        .map(|(name, value)| (name.as_str(), value.to_str().unwrap()))
        .collect()
}

/// Checks `response`'s status, `application/json` as its only header, and its body.
#[track_caller]
pub fn assert_json_body<B: AsRef<[u8]>>(response: &Response<B>, status: u16, expected: &str) {
    assert_eq!(response.status(), status, "status of {expected}");
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(response.headers().len(), 1, "no header but content-type");
    assert_eq!(body_text(response), expected);
}

/// Checks what `error` renders outside any request: its status, `application/json` as the
/// only header, and its body.
#[track_caller]
pub fn assert_renders_json(error: &impl ApiError, status: u16, expected: &str) {
    assert_json_body(&error.to_response(), status, expected);
}

/// Checks `text` is `YYYY-MM-DDTHH:MM:SSZ`.
#[track_caller]
pub fn assert_rfc3339_utc_seconds(text: &str) {
    let bytes = text.as_bytes();
    assert_eq!(bytes.len(), 20, "{text:?} is not YYYY-MM-DDTHH:MM:SSZ");
    for (i, &byte) in bytes.iter().enumerate() {
        let ok = match i {
            4 | 7 => byte == b'-',
            10 => byte == b'T',
            13 | 16 => byte == b':',
            19 => byte == b'Z',
            _ => byte.is_ascii_digit(),
        };
        assert!(ok, "{text:?} is not YYYY-MM-DDTHH:MM:SSZ (byte {i})");
    }
}

/// The clock as envelopes write it, read just before and just after some rendering.
pub struct Clock {
    before: String,
    after: String,
}

impl Clock {
    /// Runs `render` between two readings of the clock.
    pub fn around<R>(render: impl FnOnce() -> R) -> (R, Clock) {
        let before = Timestamp::from(SystemTime::now()).to_string();
        let rendered = render();
        let after = Timestamp::from(SystemTime::now()).to_string();
        (rendered, Clock { before, after })
    }

    /// Checks `timestamp` is RFC 3339 UTC to the second and was read while rendering.
    #[track_caller]
    pub fn assert_read_during(&self, timestamp: &str) {
        assert_rfc3339_utc_seconds(timestamp);
        let Clock { before, after } = self;
        assert!(
            before.as_str() <= timestamp && timestamp <= after.as_str(),
            "{timestamp} not within {before}..={after}"
        );
    }
}
