//! Kiln's procedural macros. Use them through `kiln` (`kiln::live::LiveState`,
//! `kiln::live::live_events`, `kiln::respond::Status`), whose documentation describes what
//! they generate and why.
//!
//! Each macro reads its input into a model (`parse`, where every error it reports is made)
//! and then expands the model (`expand_state`, `expand_events`; `status` holds both halves of
//! its small derive); the two halves are tested
//! apart, and `tests/ui` pins every error message with `trybuild`.

use proc_macro::TokenStream;
use syn::{DeriveInput, Error, ItemImpl, parse_macro_input};

mod expand_events;
mod expand_state;
mod parse;
mod status;

/// Derives `kiln::live::LiveState` for a struct with named fields; see `kiln::live`.
#[proc_macro_derive(LiveState, attributes(live))]
pub fn derive_live_state(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    parse::state(&input)
        .map(|state| expand_state::expand(&state))
        .unwrap_or_else(Error::into_compile_error)
        .into()
}

/// Turns the public `&mut self` methods of an `impl` block into a live state's events; see
/// `kiln::live`.
#[proc_macro_attribute]
pub fn live_events(args: TokenStream, input: TokenStream) -> TokenStream {
    if let Err(error) = parse::no_arguments(&args.into()) {
        return error.into_compile_error().into();
    }
    let input = parse_macro_input!(input as ItemImpl);
    parse::events(&input)
        .map(|events| expand_events::expand(&events))
        .unwrap_or_else(Error::into_compile_error)
        .into()
}

/// Derives `kiln::respond::Status` for an error enum from each variant's `#[status(...)]`,
/// and Leptos's `FromServerFnError` when a variant is marked `from_server_fn`; see
/// `kiln::respond`.
#[proc_macro_derive(Status, attributes(status))]
pub fn derive_status(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    status::parse(&input)
        .map(|model| status::expand(&model))
        .unwrap_or_else(Error::into_compile_error)
        .into()
}
