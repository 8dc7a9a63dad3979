//! [`Text`]: a string an error body carries, whose content may still be written.

use super::taint::taint;
use errcat_table::Piece;
use std::fmt::{self, Display};

/// One interpolated field.
pub(crate) type Arg<'a> = &'a dyn Display;

/// What an `Option` field that is `None` is interpolated as: recognised by its address, so
/// every other argument stays a plain `&dyn Display` and costs nothing more. Not zero-sized:
/// only a static with a size has an address of its own.
struct Absent(#[expect(dead_code, reason = "gives the static an address of its own")] u8);

static ABSENT: Absent = Absent(0);

impl Display for Absent {
    fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
        Ok(())
    }
}

/// The argument of an `Option` field in a `#[header]` when it is `None`: the renderer leaves
/// the header out for it.
pub fn absent_arg() -> Arg<'static> {
    &ABSENT
}

/// Whether `arg` is an `Option` field that is `None`.
fn is_absent(arg: Arg<'_>) -> bool {
    std::ptr::addr_eq(arg, &raw const ABSENT)
}

/// How a template's placeholders are filled.
#[derive(Clone, Copy)]
pub(crate) enum Args<'a> {
    /// With the variant's field values.
    Values(&'a [Arg<'a>]),
    /// With themselves, as written (catalog examples), or with the example given for them.
    Placeholders(&'a [Option<String>]),
    /// With stand-ins, while a body is recorded: each becomes a hole.
    Recording,
}

/// A string an error body carries (its message, its field, the request's id or path),
/// possibly with interpolated values still to be written.
///
/// Envelopes pass it to [`JsonObject::text`](crate::envelope::JsonObject::text), which escapes
/// it straight into the body. It also displays as the final text, for an envelope that needs
/// to look at it (at the price of a compiled body: see [`Envelope`](crate::Envelope)).
#[derive(Clone, Copy)]
pub struct Text<'a> {
    repr: Repr<'a>,
}

#[derive(Clone, Copy)]
enum Repr<'a> {
    Static(&'static str),
    Str(&'a str),
    Template(&'static [Piece<'static>], Args<'a>),
    /// A stand-in for the request's id or path while a body is recorded.
    Hole(TextHole),
    /// The URI documenting a code: a page and the code (see `model::link`).
    Link(&'static str, &'static str),
}

/// What a [`Text`] stand-in stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TextHole {
    RequestId,
    Path,
}

/// What a [`Text`] is made of, for the sinks that write it.
pub(crate) enum View<'a> {
    /// Fixed text.
    Literal(&'a str),
    /// A template and how its placeholders are filled.
    Template(&'static [Piece<'static>], Args<'a>),
    /// A stand-in.
    Hole(TextHole),
    /// Fixed text that is written, not stored: `write_to` gives it.
    Written,
}

impl Args<'_> {
    /// Whether one of the `Option` fields `pieces` interpolate is `None`: a header whose
    /// value names it is then left out. Catalog examples show every header.
    pub(crate) fn any_absent(&self, pieces: &[Piece<'_>]) -> bool {
        let Args::Values(values) = self else {
            return false;
        };
        pieces.iter().any(|piece| match piece {
            Piece::Arg { index, .. } => values.get(*index).is_some_and(|arg| is_absent(*arg)),
            Piece::Text(_) => false,
        })
    }
}

impl<'a> Text<'a> {
    /// Fixed text.
    pub const fn borrowed(text: &'a str) -> Self {
        Text {
            repr: Repr::Str(text),
        }
    }

    pub(crate) const fn fixed(text: &'static str) -> Self {
        Text {
            repr: Repr::Static(text),
        }
    }

    /// The URI documenting `code` on `docs` (see `model::link::write_uri`).
    pub(crate) const fn link(docs: &'static str, code: &'static str) -> Self {
        Text {
            repr: Repr::Link(docs, code),
        }
    }

    pub(crate) const fn hole(hole: TextHole) -> Self {
        Text {
            repr: Repr::Hole(hole),
        }
    }

    /// `pieces` filled by `args`; fixed text when there is no placeholder.
    pub(crate) fn template(pieces: &'static [Piece<'static>], args: Args<'a>) -> Self {
        match pieces {
            [] => Text::fixed(""),
            [Piece::Text(text)] => Text::fixed(text),
            _ => Text {
                repr: Repr::Template(pieces, args),
            },
        }
    }

    /// The text, when it needs no formatting.
    pub fn as_str(&self) -> Option<&'a str> {
        match self.repr {
            Repr::Static(text) | Repr::Str(text) => Some(text),
            Repr::Template(..) | Repr::Link(..) => None,
            Repr::Hole(_) => {
                taint();
                None
            }
        }
    }

    /// The text, when it is fixed for the life of the program.
    pub(crate) fn as_static(&self) -> Option<&'static str> {
        match self.repr {
            Repr::Static(text) => Some(text),
            Repr::Str(_) | Repr::Template(..) | Repr::Hole(_) | Repr::Link(..) => None,
        }
    }

    pub(crate) fn view(&self) -> View<'a> {
        match self.repr {
            Repr::Static(text) | Repr::Str(text) => View::Literal(text),
            Repr::Template(pieces, args) => View::Template(pieces, args),
            Repr::Hole(hole) => View::Hole(hole),
            Repr::Link(..) => View::Written,
        }
    }

    /// Writes the text to `out` piece by piece: fixed pieces straight, values through their
    /// `Display`, without a pass through `format_args!` for the whole.
    pub(crate) fn write_to<W: fmt::Write + ?Sized>(&self, out: &mut W) -> fmt::Result {
        match self.repr {
            Repr::Static(text) | Repr::Str(text) => out.write_str(text),
            Repr::Link(docs, code) => super::link::write_uri(docs, code, out),
            Repr::Template(pieces, args) => {
                for piece in pieces {
                    match (*piece, args) {
                        (Piece::Text(text), _) => out.write_str(text)?,
                        (Piece::Arg { index, .. }, Args::Values(values)) => {
                            if let Some(value) = values.get(index) {
                                out.write_fmt(format_args!("{value}"))?;
                            }
                        }
                        (Piece::Arg { index, written }, Args::Placeholders(examples)) => {
                            match examples.get(index) {
                                Some(Some(example)) => out.write_str(example)?,
                                _ => {
                                    out.write_str("{")?;
                                    out.write_str(written)?;
                                    out.write_str("}")?;
                                }
                            }
                        }
                        (Piece::Arg { .. }, Args::Recording) => taint(),
                    }
                }
                Ok(())
            }
            Repr::Hole(_) => {
                taint();
                Ok(())
            }
        }
    }
}

impl Display for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_to(f)
    }
}

impl fmt::Debug for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.to_string(), f)
    }
}
