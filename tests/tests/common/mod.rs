//! What the tests share. Each test crate uses some of it.
#![allow(dead_code)]

use errcat::ApiError;
use errcat::envelope::ErrorParts;

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
