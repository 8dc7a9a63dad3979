//! errcat compiles each variant's body into a skeleton with holes. For arbitrary field
//! values, details and request contexts, the compiled body must be byte for byte what the
//! envelope's own `write` produces. Each built-in envelope is compared with a custom envelope
//! that delegates to it after reading the time as text: an envelope that reads a value is
//! never compiled, so it writes every body member by member.

use errcat::envelope::{Context, ErrorParts, JsonObject};
use errcat::envelope::{ErrorField, MessageField, Problem, Spring, Wrapped};
use errcat::{ApiError, Envelope, RequestContext};
use proptest::prelude::*;
use serde::Serialize;
use std::time::{Duration, UNIX_EPOCH};

macro_rules! direct {
    ($name:ident, $inner:ty) => {
        /// The same envelope, written member by member.
        struct $name;
        impl Envelope for $name {
            const CONTENT_TYPE: &'static str = <$inner as Envelope>::CONTENT_TYPE;
            const MEMBERS: &'static [&'static str] = <$inner as Envelope>::MEMBERS;
            const VIOLATION_MEMBERS: &'static [&'static str] =
                <$inner as Envelope>::VIOLATION_MEMBERS;
            fn write(error: &ErrorParts<'_>, ctx: &Context<'_>, body: &mut JsonObject<'_>) {
                // Reading a value keeps errcat from compiling this envelope's bodies.
                let _ = ctx.timestamp().to_string();
                <$inner as Envelope>::write(error, ctx, body);
            }
        }
    };
}

direct!(DirectProblem, Problem);
direct!(DirectErrorField, ErrorField);
direct!(DirectMessageField, MessageField);
direct!(DirectWrapped, Wrapped);
direct!(DirectSpring, Spring);

#[derive(Debug, Clone, Serialize)]
struct Limits {
    limit: u32,
    note: Option<String>,
}

macro_rules! pair {
    ($compiled:ident, $direct:ident, $envelope:ty, $direct_envelope:ty) => {
        pair!(@one $compiled, $envelope);
        pair!(@one $direct, $direct_envelope);
    };
    (@one $name:ident, $envelope:ty) => {
        #[derive(Debug, thiserror::Error, ApiError)]
        #[api_error(envelope = $envelope, docs_member = "docUrl")]
        enum $name {
            #[error("x")]
            #[status(429)]
            #[code("RATE_LIMITED")]
            #[message("{name} waits {seconds}s, {name} again ({count})")]
            #[field("items[{count}].{name}")]
            Limited {
                name: String,
                seconds: u64,
                count: i32,
                #[detail]
                retry_after: u64,
                #[detail(rename = "rateLimit")]
                limits: Limits,
                #[detail]
                reason: Option<String>,
            },
            #[error("x")]
            #[status(404)]
            #[message("nothing to see")]
            Fixed,
            #[error("x")]
            #[status(410)]
            #[code("GONE/ON PURPOSE")]
            #[message("{name} is gone")]
            #[api_error(docs = "https://api.example.com/errors")]
            Linked {
                name: String,
                #[detail]
                retry_after: u64,
            },
        }
    };
}

pair!(CompiledProblem, DirectProblemError, Problem, DirectProblem);
pair!(
    CompiledErrorField,
    DirectErrorFieldError,
    ErrorField,
    DirectErrorField
);
pair!(
    CompiledMessageField,
    DirectMessageFieldError,
    MessageField,
    DirectMessageField
);
pair!(CompiledWrapped, DirectWrappedError, Wrapped, DirectWrapped);
pair!(CompiledSpring, DirectSpringError, Spring, DirectSpring);

#[derive(Debug, Clone)]
struct Input {
    name: String,
    seconds: u64,
    count: i32,
    retry_after: u64,
    limits: Limits,
    reason: Option<String>,
    request: Option<(String, String)>,
}

fn input() -> impl Strategy<Value = Input> {
    (
        any::<String>(),
        any::<u64>(),
        any::<i32>(),
        any::<u64>(),
        (any::<u32>(), proptest::option::of(any::<String>())),
        proptest::option::of(any::<String>()),
        proptest::option::of((any::<String>(), any::<String>())),
    )
        .prop_map(
            |(name, seconds, count, retry_after, (limit, note), reason, request)| Input {
                name,
                seconds,
                count,
                retry_after,
                limits: Limits { limit, note },
                reason,
                request,
            },
        )
}

macro_rules! render {
    ($ty:ident, $input:expr) => {{
        let input: &Input = $input;
        let render = || {
            let limited = $ty::Limited {
                name: input.name.clone(),
                seconds: input.seconds,
                count: input.count,
                retry_after: input.retry_after,
                limits: input.limits.clone(),
                reason: input.reason.clone(),
            };
            let linked = $ty::Linked {
                name: input.name.clone(),
                retry_after: input.retry_after,
            };
            (
                limited.to_response(),
                $ty::Fixed.to_response(),
                linked.to_response(),
            )
        };
        match &input.request {
            Some((id, path)) => RequestContext::new(id.as_str(), path.as_str())
                .with_time(UNIX_EPOCH + Duration::from_secs(input.seconds % 253_402_300_799))
                .enter(render),
            None => render(),
        }
    }};
}

/// Without a request the clock is read at render time: compare with the timestamp removed.
fn without_clock(body: &[u8]) -> Vec<u8> {
    let text = String::from_utf8(body.to_vec()).unwrap();
    match text.find(r#""timestamp":""#) {
        Some(at) => {
            let start = at + r#""timestamp":""#.len();
            format!("{}{}", &text[..start], &text[start + 20..]).into_bytes()
        }
        None => text.into_bytes(),
    }
}

fn same(
    compiled: &http::Response<errcat::bytes::Bytes>,
    direct: &http::Response<errcat::bytes::Bytes>,
) {
    assert_eq!(compiled.status(), direct.status());
    assert_eq!(compiled.headers(), direct.headers());
    assert_eq!(
        String::from_utf8_lossy(&without_clock(compiled.body())),
        String::from_utf8_lossy(&without_clock(direct.body()))
    );
    assert!(serde_json::from_slice::<serde_json::Value>(compiled.body()).is_ok());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn test_compiled_bodies_match_the_envelopes(input in input()) {
        let pairs = [
            (render!(CompiledProblem, &input), render!(DirectProblemError, &input)),
            (render!(CompiledErrorField, &input), render!(DirectErrorFieldError, &input)),
            (render!(CompiledMessageField, &input), render!(DirectMessageFieldError, &input)),
            (render!(CompiledWrapped, &input), render!(DirectWrappedError, &input)),
            (render!(CompiledSpring, &input), render!(DirectSpringError, &input)),
        ];
        for (compiled, direct) in &pairs {
            same(&compiled.0, &direct.0);
            same(&compiled.1, &direct.1);
            same(&compiled.2, &direct.2);
            // The link, anchor percent-encoded, in whichever member the envelope carries it.
            let body = String::from_utf8_lossy(compiled.2.body());
            prop_assert!(
                body.contains(r#":"https://api.example.com/errors#GONE%2FON%20PURPOSE""#),
                "{}",
                body
            );
        }
    }
}

#[test]
fn test_exact_bodies_in_a_request() {
    let input = Input {
        name: "a\"b".into(),
        seconds: 1_705_314_600,
        count: -3,
        retry_after: 42,
        limits: Limits {
            limit: 60,
            note: None,
        },
        reason: None,
        request: Some(("req_abc123".into(), "/v1/x".into())),
    };
    let (limited, _, linked) = render!(CompiledWrapped, &input);
    assert_eq!(
        limited.body(),
        r#"{"success":false,"error":{"code":"RATE_LIMITED","message":"a\"b waits 1705314600s, a\"b again (-3)","field":"items[-3].a\"b","retryAfter":42,"rateLimit":{"limit":60,"note":null}},"meta":{"requestId":"req_abc123","timestamp":"2024-01-15T10:30:00Z"}}"#
    );
    assert_eq!(
        linked.body(),
        r#"{"success":false,"error":{"code":"GONE/ON PURPOSE","message":"a\"b is gone","retryAfter":42,"docUrl":"https://api.example.com/errors#GONE%2FON%20PURPOSE"},"meta":{"requestId":"req_abc123","timestamp":"2024-01-15T10:30:00Z"}}"#
    );
}
