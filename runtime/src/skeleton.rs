//! Compiled bodies: a built-in envelope's body for one variant, recorded once with holes
//! where field values, the request id, path and time go, then filled in on each render.
//!
//! Rendering a member at a time pays for every key, escape check and call; a skeleton is a
//! few copies of pre-escaped bytes and the values themselves. Each render produces exactly
//! the bytes the envelope's `write` would (a test checks that for every built-in envelope).

use crate::context::{Context, RequestContext};
use crate::envelope::Vtable;
use crate::json::{Escaper, JsonObject, escape};
use crate::parts::{Arg, Args, DetailValue, ErrorParts};
use crate::row::Variant;
use std::fmt;
use std::ops::Range;
use std::sync::OnceLock;

/// A place in a body filled in on each render.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Hole {
    /// The interpolated field at this index, escaped.
    Arg(usize),
    /// The request id, escaped.
    RequestId,
    /// The request path, escaped.
    Path,
    /// The time, `YYYY-MM-DDTHH:MM:SSZ`.
    Timestamp,
}

#[derive(Debug)]
enum Segment {
    /// Fixed, already-escaped bytes.
    Bytes(Range<usize>),
    Hole(Hole),
    /// The detail at this index, after its `,"key":` prefix; both left out when the value
    /// is null or fails to serialize.
    Detail {
        index: usize,
        prefix: Range<usize>,
    },
}

/// Notes the holes while an envelope writes a body in recording mode.
#[derive(Default)]
pub(crate) struct Recorder {
    segments: Vec<Segment>,
    cursor: usize,
    gave_up: bool,
}

impl Recorder {
    /// The hole `value` stands for, when it is the recording context's request id or path.
    pub(crate) fn hole_for(&self, value: &str) -> Option<Hole> {
        let sentinel = sentinel();
        if std::ptr::eq(value.as_ptr(), sentinel.id().as_ptr()) {
            Some(Hole::RequestId)
        } else if std::ptr::eq(value.as_ptr(), sentinel.path().as_ptr()) {
            Some(Hole::Path)
        } else {
            None
        }
    }

    /// Ends the fixed run at the end of `buf`; returns where the next segment starts.
    pub(crate) fn cut(&mut self, buf: &[u8]) -> usize {
        if buf.len() > self.cursor {
            self.segments.push(Segment::Bytes(self.cursor..buf.len()));
        }
        self.cursor = buf.len();
        self.cursor
    }

    /// A hole at the end of `buf`.
    pub(crate) fn hole(&mut self, buf: &[u8], hole: Hole) {
        self.cut(buf);
        self.segments.push(Segment::Hole(hole));
    }

    /// A detail whose prefix is `buf[start..]`.
    pub(crate) fn detail(&mut self, buf: &[u8], index: usize, start: usize) {
        self.segments.push(Segment::Detail {
            index,
            prefix: start..buf.len(),
        });
        self.cursor = buf.len();
    }

    /// The envelope wrote something the recorder cannot hole: no skeleton.
    pub(crate) fn give_up(&mut self) {
        self.gave_up = true;
    }
}

/// The recording context's request: its id and path are told apart from any other text by
/// their addresses.
fn sentinel() -> &'static RequestContext {
    static SENTINEL: OnceLock<RequestContext> = OnceLock::new();
    SENTINEL.get_or_init(|| RequestContext::new("\u{0}errcat request id", "\u{0}errcat path"))
}

/// A variant's body in one envelope, with holes.
#[derive(Debug)]
pub struct Skeleton {
    bytes: Box<[u8]>,
    segments: Box<[Segment]>,
}

impl Skeleton {
    /// Records `row`'s body in `envelope`, rendered with or without a request; `None` when
    /// the envelope writes something that cannot be a hole.
    pub(crate) fn compile(
        row: &'static Variant,
        envelope: &'static Vtable,
        with_request: bool,
    ) -> Option<Self> {
        if row.violations {
            // Lists of any length: rendered member by member.
            return None;
        }
        let parts =
            ErrorParts::from_row(row, Args::Placeholders, &[], None, None).with_vtable(envelope);
        let ctx = Context::recording(with_request.then(sentinel));
        let mut bytes = Vec::new();
        let mut recorder = Recorder::default();
        JsonObject::record_into(&mut bytes, &mut recorder, |body| {
            (envelope.write)(&parts, &ctx, body)
        });
        if recorder.gave_up {
            return None;
        }
        recorder.cut(&bytes);
        Some(Skeleton {
            bytes: bytes.into_boxed_slice(),
            segments: recorder.segments.into_boxed_slice(),
        })
    }

    /// Appends the body with its holes filled.
    pub(crate) fn render(
        &self,
        args: &[Arg<'_>],
        details: &[&dyn DetailValue],
        ctx: &Context<'_>,
        buf: &mut Vec<u8>,
    ) {
        for segment in &*self.segments {
            match segment {
                Segment::Bytes(range) => buf.extend_from_slice(&self.bytes[range.clone()]),
                Segment::Hole(Hole::Arg(index)) => {
                    if let Some(arg) = args.get(*index) {
                        let mark = buf.len();
                        if fmt::Write::write_fmt(&mut Escaper(buf), format_args!("{arg}")).is_err()
                        {
                            buf.truncate(mark);
                        }
                    }
                }
                Segment::Hole(Hole::RequestId) => escape(buf, ctx.request_id().unwrap_or_default()),
                Segment::Hole(Hole::Path) => escape(buf, ctx.path().unwrap_or_default()),
                Segment::Hole(Hole::Timestamp) => buf.extend_from_slice(&ctx.timestamp().rfc3339()),
                Segment::Detail { index, prefix } => {
                    let Some(value) = details.get(*index) else {
                        continue;
                    };
                    let mark = buf.len();
                    buf.extend_from_slice(&self.bytes[prefix.clone()]);
                    let value_start = buf.len();
                    let written = value.write_json(buf).is_ok();
                    if !written || &buf[value_start..] == b"null" {
                        buf.truncate(mark);
                        if !written {
                            crate::log::member_dropped("detail");
                        }
                    }
                }
            }
        }
    }
}

/// A variant's skeletons, with and without a request, each tagged with its envelope.
pub struct Skeletons([OnceLock<(std::any::TypeId, Option<Skeleton>)>; 2]);

impl Skeletons {
    /// None compiled yet.
    #[allow(clippy::new_without_default)] // used in statics, where only a const fn will do
    pub const fn new() -> Self {
        Skeletons([OnceLock::new(), OnceLock::new()])
    }

    /// The skeleton of `row` in `envelope` for `ctx`, compiled the first time; `None` when it
    /// cannot be compiled or the slot holds another envelope's.
    pub(crate) fn get(
        &'static self,
        row: &'static Variant,
        envelope: &'static Vtable,
        ctx: &Context<'_>,
    ) -> Option<&'static Skeleton> {
        let with_request = ctx.request().is_some();
        let (compiled_for, skeleton) = self.0[usize::from(with_request)].get_or_init(|| {
            (
                envelope.type_id,
                Skeleton::compile(row, envelope, with_request),
            )
        });
        if *compiled_for == envelope.type_id {
            skeleton.as_ref()
        } else {
            None
        }
    }
}

impl std::fmt::Debug for Skeletons {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Skeletons")
    }
}
