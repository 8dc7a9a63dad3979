//! [`Untouched`]: the opt-out for responses a route renders itself.

use pin_project_lite::pin_project;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

/// Marks error responses that [`ErrorContextLayer`](super::ErrorContextLayer) passes as they
/// are: for a route that serves its own error pages.
///
/// As a response extension it marks one response (with axum, a part of the response:
/// `(StatusCode::NOT_FOUND, Untouched, Html(page))`); as a layer it marks every response of
/// the services it wraps (`.route_layer(Untouched)`).
///
/// ```
/// use errcat::tower::{ErrorContextLayer, Untouched};
/// use std::convert::Infallible;
/// use tower::{Layer, ServiceExt};
///
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// let page = tower::service_fn(|_request: http::Request<()>| async {
///     let response = http::Response::builder()
///         .status(404)
///         .header("content-type", "text/html")
///         .body(String::from("<h1>Nothing here</h1>"))
///         .unwrap();
///     Ok::<_, Infallible>(response)
/// });
/// let service = ErrorContextLayer::new().layer(Untouched.layer(page));
/// let response = service.oneshot(http::Request::new(())).await.unwrap();
/// assert_eq!(response.headers()["content-type"], "text/html");
/// assert_eq!(response.into_body(), "<h1>Nothing here</h1>");
/// # });
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Untouched;

impl<S> tower_layer::Layer<S> for Untouched {
    type Service = UntouchedService<S>;

    fn layer(&self, inner: S) -> UntouchedService<S> {
        UntouchedService { inner }
    }
}

/// The service [`Untouched`] wraps around an inner service: its responses marked.
#[derive(Clone, Debug)]
pub struct UntouchedService<S> {
    inner: S,
}

impl<S, Request, B> tower_service::Service<Request> for UntouchedService<S>
where
    S: tower_service::Service<Request, Response = http::Response<B>>,
{
    type Response = http::Response<B>;
    type Error = S::Error;
    type Future = UntouchedFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        UntouchedFuture {
            inner: self.inner.call(request),
        }
    }
}

pin_project! {
    /// The response future of [`UntouchedService`].
    #[derive(Debug)]
    pub struct UntouchedFuture<F> {
        #[pin]
        inner: F,
    }
}

impl<F, B, E> Future for UntouchedFuture<F>
where
    F: Future<Output = Result<http::Response<B>, E>>,
{
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let mut output = ready!(self.project().inner.poll(cx));
        if let Ok(response) = &mut output {
            response.extensions_mut().insert(Untouched);
        }
        Poll::Ready(output)
    }
}
