//! Compiled bodies against the envelope's own `write`: byte for byte the same, for any
//! envelope written with the public trait alone, whatever the values.

use super::{body, cache, envelope, written};
use crate::envelope::{Context, Envelope, ErrorParts, JsonObject};
use crate::{ApiError, RequestContext};
use proptest::prelude::*;
use serde::Serialize;
use std::fmt;
use std::time::{Duration, UNIX_EPOCH};

/// A user's envelope that writes the request id, path and time beside the error:
/// `{"error":{"code","message","field",...details},"meta":{"requestId","path","at"}}`.
struct Audit;

impl Envelope for Audit {
    const MEMBERS: &'static [&'static str] = &["code", "message", "field"];

    fn write(error: &ErrorParts<'_>, ctx: &Context<'_>, body: &mut JsonObject<'_>) {
        body.object("error", |inner| {
            inner
                .str("code", error.code())
                .text("message", error.message());
            if let Some(field) = error.field() {
                inner.text("field", field);
            }
            inner.details(error);
        })
        .object("meta", |meta| {
            if let Some(id) = ctx.request_id() {
                meta.text("requestId", id);
            }
            if let Some(path) = ctx.path() {
                meta.text("path", path);
            }
            meta.timestamp("at", ctx.timestamp());
        });
    }
}

/// The same shape, but it reads the message to decide what to write: errcat cannot know
/// what such an envelope depends on, so it never compiles it.
struct Peeking;

impl Envelope for Peeking {
    fn write(error: &ErrorParts<'_>, _ctx: &Context<'_>, body: &mut JsonObject<'_>) {
        let message = error.message().to_string();
        if message.len() > 10 {
            body.str("long", &message);
        } else {
            body.text("short", error.message());
        }
    }
}

#[derive(Debug, Clone, Serialize)]
struct Limits {
    limit: u32,
    note: Option<String>,
}

#[derive(Debug, ApiError)]
#[api_error(envelope = Audit)]
enum Audited {
    #[status(429)]
    #[code("RATE_LIMITED")]
    #[message("{name} waits {seconds}s, {name} again")]
    #[field("items[{seconds}].{name}")]
    Limited {
        name: String,
        seconds: i64,
        #[detail]
        retry_after: u64,
        #[detail]
        limits: Limits,
        #[detail]
        reason: Option<String>,
    },
    #[status(404)]
    #[message("nothing to see")]
    Fixed,
}

#[derive(Debug, ApiError)]
#[api_error(envelope = Peeking)]
enum Peeked {
    #[status(400)]
    #[message("bad {0}")]
    Bad(String),
}

/// The body `error` gets compiled and written member by member, in `ctx`, with whether it
/// was compiled.
fn both(error: &dyn ApiError, ctx: &Context<'_>) -> (bytes::Bytes, bytes::Bytes, bool) {
    let mut out = None;
    error.parts(&mut |parts| {
        let envelope = envelope(parts);
        let compiled = parts
            .row_values()
            .zip(parts.compiled_with())
            .and_then(|(values, wrapper)| {
                cache::skeleton(values.row, envelope, wrapper, ctx.request().is_some())
            })
            .is_some();
        out = Some((
            body(parts, envelope, ctx),
            written(parts, envelope, ctx),
            compiled,
        ));
    });
    out.expect("derived types call back")
}

fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        ".*",
        "[\"\\\\\u{0}-\u{1f}\u{7f}\u{2028}é😀{}]{0,24}",
        Just(String::new()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn a_user_envelope_compiles_to_exactly_what_it_writes(
        name in hostile(),
        seconds in any::<i64>(),
        retry_after in any::<u64>(),
        limit in any::<u32>(),
        note in prop::option::of(hostile()),
        reason in prop::option::of(hostile()),
        id in hostile(),
        path in hostile(),
        secs in 0_u64..400_000_000_000,
        in_request in any::<bool>(),
    ) {
        let error = Audited::Limited {
            name,
            seconds,
            retry_after,
            limits: Limits { limit, note },
            reason,
        };
        let request = RequestContext::new(id, path).with_time(UNIX_EPOCH + Duration::from_secs(secs));
        // Outside a request the time is now: a fixed clock keeps both writes in one second.
        let ctx = if in_request { Context::new(Some(&request)) } else { Context::example() };
        let (compiled, written, was_compiled) = both(&error, &ctx);
        prop_assert!(was_compiled, "a user envelope that only passes values on is compiled");
        prop_assert_eq!(&compiled, &written);
        let value: serde_json::Value = serde_json::from_slice(&compiled).expect("valid JSON");
        prop_assert_eq!(value["meta"]["requestId"].as_str(), in_request.then_some(request.id()));
        prop_assert_eq!(value["meta"]["path"].as_str(), in_request.then_some(request.path()));
    }
}

#[test]
fn a_fixed_body_is_sent_as_it_is() {
    let ctx = Context::new(None);
    let (compiled, written, was_compiled) = both(&Audited::Fixed, &ctx);
    assert!(was_compiled);
    assert_eq!(compiled, written);
    // The time is a hole even outside a request: only the parts of the body that change are.
    assert!(
        compiled
            .starts_with(br#"{"error":{"code":"FIXED","message":"nothing to see"},"meta":{"at":""#)
    );
}

#[test]
fn an_envelope_that_reads_a_value_is_written_member_by_member() {
    let ctx = Context::new(None);
    for text in ["x", "a longer value"] {
        let (compiled, written, was_compiled) = both(&Peeked::Bad(text.to_owned()), &ctx);
        assert!(!was_compiled, "reading the message marks the recording");
        assert_eq!(compiled, written);
    }
    let (short, _, _) = both(&Peeked::Bad("x".to_owned()), &ctx);
    assert_eq!(short, r#"{"short":"bad x"}"#);
    let (long, _, _) = both(&Peeked::Bad("a longer value".to_owned()), &ctx);
    assert_eq!(long, r#"{"long":"bad a longer value"}"#);
}

/// A value whose `Display` fails.
#[derive(Debug)]
struct Broken;

impl fmt::Display for Broken {
    fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
        Err(fmt::Error)
    }
}

#[derive(Debug, ApiError)]
#[api_error(envelope = Audit)]
enum Faulty {
    #[status(500)]
    #[message("failed: {0}")]
    Failed(Broken),
}

#[test]
fn a_value_that_fails_to_write_is_left_out_as_it_always_is() {
    let ctx = Context::new(None);
    let (compiled, written, was_compiled) = both(&Faulty::Failed(Broken), &ctx);
    assert!(was_compiled);
    assert_eq!(compiled, written);
    assert!(
        compiled.starts_with(br#"{"error":{"code":"FAILED"},"meta":"#),
        "{compiled:?}"
    );
}

/// A detail first in its object, then another member: whether the comma is needed depends on
/// the detail's value, so this body is not compiled.
struct DetailFirst;

impl Envelope for DetailFirst {
    fn write(error: &ErrorParts<'_>, _ctx: &Context<'_>, body: &mut JsonObject<'_>) {
        body.details(error).str("code", error.code());
    }
}

#[derive(Debug, ApiError)]
#[api_error(envelope = DetailFirst)]
enum Optional {
    #[status(400)]
    Missing {
        #[detail]
        hint: Option<u32>,
    },
}

#[test]
fn a_member_after_a_detail_that_may_be_left_out() {
    let ctx = Context::new(None);
    for (hint, expected) in [
        (None, r#"{"code":"MISSING"}"#),
        (Some(7), r#"{"hint":7,"code":"MISSING"}"#),
    ] {
        let (compiled, written, was_compiled) = both(&Optional::Missing { hint }, &ctx);
        assert!(!was_compiled);
        assert_eq!(compiled, written);
        assert_eq!(compiled, expected);
    }
}

/// An envelope that writes `code` but does not declare it in `MEMBERS`.
struct Forgetful;

impl Envelope for Forgetful {
    fn write(error: &ErrorParts<'_>, _ctx: &Context<'_>, body: &mut JsonObject<'_>) {
        body.str("code", error.code())
            .text("message", error.message())
            .details(error);
    }
}

#[derive(Debug, ApiError)]
#[api_error(envelope = Forgetful)]
enum Repeated {
    #[status(400)]
    Bad {
        #[detail]
        code: u32,
        #[detail]
        hint: &'static str,
    },
}

#[test]
fn a_detail_never_repeats_a_key_the_envelope_wrote() {
    let ctx = Context::new(None);
    let (compiled, written, _) = both(
        &Repeated::Bad {
            code: 5,
            hint: "retry",
        },
        &ctx,
    );
    assert_eq!(compiled, written);
    assert_eq!(
        compiled,
        r#"{"code":"BAD","message":"Bad Request","hint":"retry"}"#
    );
}
