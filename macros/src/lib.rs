//! Implementation detail of the [`errcat`](https://docs.rs/errcat) crate.
//!
//! Depend on `errcat` instead: it re-exports this derive as `errcat::ApiError`, beside the
//! trait of the same name, and owns everything the expansion calls.
//!
//! The derive runs one fixed pipeline: `ast` builds the model from syn's tree with typed
//! attributes (`attr`, `template`), `valid` checks the rules that span several attributes,
//! and only then `expand` emits tokens. Any error goes to `fallback` instead, which emits
//! every diagnostic together with a stub impl so one mistake does not cascade.

mod ast;
mod attr;
mod case;
mod ctxt;
mod expand;
mod fallback;
mod generics;
mod template;
mod valid;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Derives `errcat::ApiError`: see the [`errcat` crate docs](https://docs.rs/errcat#attributes)
/// for the attributes it reads.
#[proc_macro_derive(
    ApiError,
    attributes(api_error, status, code, message, header, field, detail)
)]
pub fn derive_api_error(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input).into()
}
