//! Collects every error of one derive so they are reported together.

use std::fmt::Display;
use syn::Error;

/// All errors found so far; the derive reports them together instead of stopping at the first.
#[derive(Default)]
pub struct Errors {
    combined: Option<Error>,
    /// A mistake rustc reports itself (a misspelt attribute): no expansion, and no message of
    /// ours beside rustc's.
    reported_by_rustc: bool,
}

impl Errors {
    /// Records `error`, keeping the ones already recorded.
    pub fn push(&mut self, error: Error) {
        match &mut self.combined {
            Some(combined) => combined.combine(error),
            None => self.combined = Some(error),
        }
    }

    /// Records an error spanned on `tokens`.
    pub fn spanned(&mut self, tokens: impl quote::ToTokens, message: impl Display) {
        self.push(Error::new_spanned(tokens, message));
    }

    /// Records an error spanned at `span`.
    pub fn at(&mut self, span: proc_macro2::Span, message: impl Display) {
        self.push(Error::new(span, message));
    }

    /// Keeps the value of `result` or records its error.
    pub fn ok<T>(&mut self, result: syn::Result<T>) -> Option<T> {
        result.map_err(|error| self.push(error)).ok()
    }

    /// Records a mistake that rustc reports on its own.
    pub fn reported_by_rustc(&mut self) {
        self.reported_by_rustc = true;
    }

    /// `Err` with every recorded error, if there were any (`Err(None)` when rustc reports the
    /// only mistakes).
    pub fn finish(self) -> Result<(), Option<Error>> {
        match (self.combined, self.reported_by_rustc) {
            (Some(error), _) => Err(Some(error)),
            (None, true) => Err(None),
            (None, false) => Ok(()),
        }
    }
}
