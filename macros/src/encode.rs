//! The static data of a type, encoded into the one string literal of its runtime `Table`.
//!
//! Fields are `length:bytes`. Per variant, in order: name, status, code, description,
//! envelope index, body flag, message, field, headers (count, then name, lowercase name and
//! template each), detail keys (count, then keys). A template is `-` when absent, else its
//! source, piece count, then per piece `t` and its text, or `f`, the argument index and the
//! placeholder as written. `errcat`'s `row.rs` reads it; the two are pinned to one version.

use crate::template::{Piece, Template};
use std::fmt::Write as _;

/// The encoding being written.
#[derive(Default)]
pub struct Encoder {
    out: String,
}

impl Encoder {
    /// The encoded text.
    pub fn finish(self) -> String {
        self.out
    }

    /// One field.
    pub fn string(&mut self, value: &str) {
        let _ = write!(self.out, "{}:{value}", value.len());
    }

    /// One number.
    pub fn number(&mut self, value: impl std::fmt::Display) {
        self.string(&value.to_string());
    }

    /// An absent template.
    pub fn no_template(&mut self) {
        self.string("-");
    }

    /// A template whose placeholders become argument indices through `arg_of`.
    pub fn template(&mut self, template: &Template, arg_of: impl Fn(&Piece) -> usize) {
        self.string(&template.lit.value());
        self.number(template.pieces.len());
        for piece in &template.pieces {
            match piece {
                Piece::Text(text) => {
                    self.string("t");
                    self.string(text);
                }
                Piece::Field(placeholder) => {
                    self.string("f");
                    self.number(arg_of(piece));
                    self.string(&placeholder.written);
                }
            }
        }
    }
}
