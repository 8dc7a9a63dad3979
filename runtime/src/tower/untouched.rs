//! [`Untouched`] as a layer: the opt-out for every response of the routes it wraps.

pub use crate::answer::Untouched;

use pin_project_lite::pin_project;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

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
