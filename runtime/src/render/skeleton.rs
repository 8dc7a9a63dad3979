//! Compiled bodies: a variant's body in one envelope, recorded once with holes where the
//! field values, details, request id, path and time go, then filled in on each response.
//!
//! Writing a body a member at a time pays for every key, escape check and call; a compiled
//! body is a few copies of pre-escaped bytes and the values themselves. The recording runs the
//! envelope's own `write` into a [`Recorder`] instead of a body, with stand-ins for every
//! value that changes (see `model::taint`), so any envelope compiles, and a compiled body is
//! byte for byte what `write` produces for the same values: an envelope that reads a
//! stand-in, or writes something the recorder cannot hole, is not compiled at all.

use crate::json::{Escaper, escape};
use crate::model::link::Wrapper;
use crate::model::parts::{ErrorParts, RowValues, Vtable};
use crate::model::row::Variant;
use crate::model::sink::{Kept, Sink};
use crate::model::taint;
use crate::model::text::{Args, Text, TextHole, View};
use crate::model::timestamp::Timestamp;
use crate::model::value::{DetailHole, DetailValue};
use crate::model::view::Context;
use errcat_table::Piece;
use std::fmt::{self, Write as _};

/// A place in a compiled body, filled in on each response.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Hole {
    /// The interpolated field at this index, escaped.
    Arg(usize),
    /// The request id, escaped.
    RequestId,
    /// The request path, escaped.
    Path,
    /// The time, `YYYY-MM-DDTHH:MM:SSZ`.
    Timestamp,
    /// The detail at `index`, after its member's prefix (`,"key":`), which starts at byte
    /// `prefix`; both are left out when the value is `null`.
    Detail { index: usize, prefix: usize },
}

/// The sink a body is recorded into: the fixed bytes, and where each hole is.
struct Recorder<'h> {
    bytes: Vec<u8>,
    /// Each hole with the byte offset its value goes at, in order.
    holes: Vec<(usize, Hole)>,
    /// The stand-ins the details were given, known by their addresses.
    stand_ins: &'h [DetailHole],
    /// The envelope wrote something a hole cannot stand for.
    gave_up: bool,
}

impl Recorder<'_> {
    fn hole(&mut self, hole: Hole) {
        self.holes.push((self.bytes.len(), hole));
    }

    fn truncate(&mut self, len: usize) {
        self.bytes.truncate(len);
        self.holes.retain(|&(at, _)| at <= len);
    }
}

impl Sink for Recorder<'_> {
    fn buf(&mut self) -> &mut Vec<u8> {
        &mut self.bytes
    }

    fn text(&mut self, text: Text<'_>) -> fmt::Result {
        match text.view() {
            View::Literal(text) => escape(&mut self.bytes, text),
            View::Template(pieces, Args::Recording) => {
                for piece in pieces {
                    match *piece {
                        Piece::Text(text) => escape(&mut self.bytes, text),
                        Piece::Arg { index, .. } => self.hole(Hole::Arg(index)),
                    }
                }
            }
            View::Template(..) | View::Written => text.write_to(&mut Escaper(&mut self.bytes))?,
            View::Hole(TextHole::RequestId) => self.hole(Hole::RequestId),
            View::Hole(TextHole::Path) => self.hole(Hole::Path),
        }
        Ok(())
    }

    fn timestamp(&mut self, time: Timestamp) {
        if time.is_hole() {
            self.hole(Hole::Timestamp);
        } else {
            self.bytes.extend_from_slice(&time.rfc3339());
        }
    }

    fn value(&mut self, start: usize, _key: &str, value: &dyn DetailValue) -> Kept {
        let stand_in = self
            .stand_ins
            .iter()
            .position(|stand_in| std::ptr::addr_eq(stand_in, value));
        if let Some(index) = stand_in {
            self.hole(Hole::Detail {
                index,
                prefix: start,
            });
            return Kept::Maybe;
        }
        // A value that is the same on every response: written as it is.
        let value_start = self.bytes.len();
        let written = value.write_json(&mut self.bytes).is_ok();
        if !written {
            // Left to the member-by-member path, which logs it each time.
            self.gave_up = true;
        }
        if !written || self.bytes[value_start..] == *b"null" {
            self.truncate(start);
            return Kept::No;
        }
        Kept::Yes
    }

    fn failed(&mut self, start: usize, _key: &str) {
        self.truncate(start);
        self.gave_up = true;
    }

    fn reserved(&mut self, _key: &str) {
        self.gave_up = true;
    }

    fn uncertain_separator(&mut self) {
        self.gave_up = true;
    }
}

/// A variant's body in one envelope, with holes.
#[derive(Debug)]
pub(crate) struct Skeleton {
    bytes: Box<[u8]>,
    holes: Box<[(usize, Hole)]>,
}

/// A value that failed to write while a compiled body was filled in: the body is written
/// member by member instead, which leaves that member out as it always does.
pub(crate) struct Unfilled;

impl Skeleton {
    /// Records `row`'s body in `envelope`, answered inside a request or not; `None` when the
    /// body cannot be compiled.
    pub(crate) fn compile(
        row: &'static Variant,
        envelope: &'static Vtable,
        wrapper: Wrapper,
        with_request: bool,
    ) -> Option<Self> {
        if row.violations() || row.body() {
            // Lists of any length, and bodies outside the envelope: written as they come.
            return None;
        }
        let stand_ins = DetailHole::many(row.details().len());
        let details: Vec<&dyn DetailValue> = stand_ins
            .iter()
            .map(|stand_in| stand_in as &dyn DetailValue)
            .collect();
        let parts =
            ErrorParts::from_row(row, envelope, Args::Recording, &details).with_wrapper(wrapper);
        let ctx = Context::recording(with_request);
        let mut recorder = Recorder {
            bytes: Vec::new(),
            holes: Vec::new(),
            stand_ins: &stand_ins,
            gave_up: false,
        };
        let tainted = taint::watch(|| (envelope.write)(&parts, &ctx, &mut recorder));
        (!tainted && !recorder.gave_up).then(|| Skeleton {
            bytes: recorder.bytes.into_boxed_slice(),
            holes: recorder.holes.into_boxed_slice(),
        })
    }

    /// The whole body, when it has no holes.
    pub(crate) fn fixed(&'static self) -> Option<&'static [u8]> {
        self.holes.is_empty().then_some(&*self.bytes)
    }

    /// Appends the body with its holes filled from `values` and `ctx`.
    pub(crate) fn fill(
        &self,
        values: RowValues<'_>,
        ctx: &Context<'_>,
        buf: &mut Vec<u8>,
    ) -> Result<(), Unfilled> {
        let mut cursor = 0;
        for &(at, hole) in &*self.holes {
            let before = match hole {
                Hole::Detail { prefix, .. } => prefix,
                _ => at,
            };
            buf.extend_from_slice(&self.bytes[cursor..before]);
            cursor = at;
            match hole {
                Hole::Arg(index) => {
                    if let Some(arg) = values.args.get(index) {
                        write!(Escaper(buf), "{arg}").map_err(|_| Unfilled)?;
                    }
                }
                Hole::RequestId => {
                    escape(buf, ctx.request().map_or("", |request| request.id()));
                }
                Hole::Path => escape(buf, ctx.request().map_or("", |request| request.path())),
                Hole::Timestamp => buf.extend_from_slice(&ctx.timestamp().rfc3339()),
                Hole::Detail { index, prefix } => {
                    let Some(value) = values.details.get(index) else {
                        continue;
                    };
                    let mark = buf.len();
                    buf.extend_from_slice(&self.bytes[prefix..at]);
                    let value_start = buf.len();
                    value.write_json(buf).map_err(|_| Unfilled)?;
                    if buf[value_start..] == *b"null" {
                        buf.truncate(mark);
                    }
                }
            }
        }
        buf.extend_from_slice(&self.bytes[cursor..]);
        Ok(())
    }
}
