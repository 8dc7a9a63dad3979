//! [`Context`]: what an envelope may read besides the error.

use super::text::{Text, TextHole};
use super::timestamp::Timestamp;
use crate::request::RequestContext;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// What an envelope may read besides the error: the request's id and path, if the error is
/// answered inside one, and the time.
pub struct Context<'a> {
    request: Request<'a>,
    clock: Clock,
}

#[derive(Clone, Copy)]
enum Request<'a> {
    None,
    Some(&'a RequestContext),
    /// Stand-ins, while a body is recorded.
    Recording,
}

#[derive(Clone, Copy)]
enum Clock {
    Now,
    Fixed(SystemTime),
    Recording,
}

/// The timestamp catalog examples show: `2024-01-15T10:30:00Z`.
pub(crate) const EXAMPLE_TIME: Duration = Duration::from_secs(1_705_314_600);

impl<'a> Context<'a> {
    /// A context for rendering now, in `request` if there is one.
    pub fn new(request: Option<&'a RequestContext>) -> Self {
        Context {
            request: request.map_or(Request::None, Request::Some),
            clock: Clock::Now,
        }
    }

    /// The deterministic context of catalog examples: no request, and the time
    /// `2024-01-15T10:30:00Z`.
    pub fn example() -> Self {
        Context {
            request: Request::None,
            clock: Clock::Fixed(UNIX_EPOCH + EXAMPLE_TIME),
        }
    }

    /// The context a body is recorded in: stand-ins for the time and, `with_request`, for the
    /// request's id and path.
    pub(crate) fn recording(with_request: bool) -> Self {
        Context {
            request: if with_request {
                Request::Recording
            } else {
                Request::None
            },
            clock: Clock::Recording,
        }
    }

    /// Whether the error is answered inside a request.
    pub fn in_request(&self) -> bool {
        !matches!(self.request, Request::None)
    }

    /// The request id, if any.
    pub fn request_id(&self) -> Option<Text<'a>> {
        match self.request {
            Request::None => None,
            Request::Some(request) => Some(Text::borrowed(request.id())),
            Request::Recording => Some(Text::hole(TextHole::RequestId)),
        }
    }

    /// The path of the request's URI, if any.
    pub fn path(&self) -> Option<Text<'a>> {
        match self.request {
            Request::None => None,
            Request::Some(request) => Some(Text::borrowed(request.path())),
            Request::Recording => Some(Text::hole(TextHole::Path)),
        }
    }

    /// The time of the error: the request's arrival, else the example time, else now.
    pub fn timestamp(&self) -> Timestamp {
        match (self.request, self.clock) {
            (_, Clock::Recording) => Timestamp::HOLE,
            (Request::Some(request), _) => Timestamp::from(request.time()),
            (_, Clock::Fixed(time)) => Timestamp::from(time),
            (_, Clock::Now) => Timestamp::from(SystemTime::now()),
        }
    }

    /// The real request id and path, for the renderer filling a compiled body's holes.
    pub(crate) fn request(&self) -> Option<&'a RequestContext> {
        match self.request {
            Request::Some(request) => Some(request),
            Request::None | Request::Recording => None,
        }
    }
}
