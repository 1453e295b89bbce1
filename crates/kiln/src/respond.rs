//! One place that turns a server function's result into a response.
//!
//! ## Expected and unexpected errors
//!
//! An **expected** error is the visitor's, or the world's: a form's mistake, a page that is not
//! there, a visitor who is not signed in or lacks a role. The app shows it in place, where the
//! visitor acted, and the response says so with a 4xx status: 422 for a form's mistakes, 404,
//! 401, 403, 429. An **unexpected** error is the server's: the database is down, a bug. It is
//! logged on the server with its details, the visitor reads a general message, and the status
//! is 500. An error type says which of its values is which by implementing [`Status`]; Kiln's
//! own errors do (`AuthError`, `ListingError`, `ServerFnError`).
//!
//! Live state draws the same line. A handler's `Err` is expected: it reaches the view typed,
//! as the event's [`CallError::Handler`](crate::live::CallError) and in
//! [`LiveMeta::last_error`](crate::live::LiveMeta::last_error). A handler's panic is unexpected:
//! it is logged, the page gets an `err` frame (code `panic`), and the session and its state go on.
//!
//! ## Answering a server function
//!
//! A server function ends with one of two calls:
//! - [`answer`], for one that pages call with JavaScript (a resource, an action without a
//!   form): its error's status goes to the caller.
//! - [`answer_form`], for one behind an `<ActionForm>`, which the browser also posts by itself
//!   before hydration or without JavaScript. The hydrated page gets the result and the status.
//!   The browser's own post wants a page: it is redirected back to the form's page, clean
//!   on success; on failure with a [flash](kiln_core::Flash) carrying the error and what was
//!   typed, which the page reads with [`returned_error`] and [`returned_field`] to show the one
//!   and keep the other. A visitor whose session ended (401) goes to the log-in page instead,
//!   and comes back after. Auth's own forms answer the same way, with the same flash.
//!
//! ## Declaring an error
//!
//! `#[derive(Status)]` gives each variant its status: `#[status(CODE)]`, or
//! `#[status(transparent)]` for a variant that wraps another error and takes its status (an
//! `AuthError`'s 401 or 403). The variant marked `from_server_fn` is what a failure of the call
//! itself becomes (the network, the encoding: Leptos's `FromServerFnError`), so the error
//! type is the server function's whole error type.
//!
//! ```
//! # #[cfg(feature = "ssr")] {
//! use kiln::prelude::*;
//! use kiln::respond::Status;
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(Clone, Debug, Serialize, Deserialize, thiserror::Error, Status)]
//! pub enum SignError {
//!     #[error("Please enter your name.")]
//!     #[status(422)]
//!     NameMissing,
//!     #[error("The guestbook could not be saved just now.")]
//!     #[status(500)]
//!     Unavailable,
//!     #[error("The request failed: {0}")]
//!     #[status(500, from_server_fn)]
//!     Request(String),
//! }
//!
//! // A `#[server]` function; its error type is `SignError`.
//! async fn sign(name: String) -> Result<(), SignError> {
//!     let result = if name.trim().is_empty() { Err(SignError::NameMissing) } else { Ok(()) };
//!     // A plain form post that failed goes back to /guestbook, its flash carrying the
//!     // error and the name.
//!     kiln::respond::answer_form(result, "/guestbook", &[("name", &name)])
//! }
//!
//! assert_eq!(SignError::NameMissing.status(), 422);
//! assert_eq!(SignError::Request("offline".into()).status(), 500);
//! # }
//! ```
//!
//! The flash travels in a signed cookie, not in the address: what was typed stays out of
//! logs and history, a link cannot show a made-up error, and the error comes back as the
//! same typed value, data and all. It holds about 2.9 KB of typed text; longer fields are cut
//! to fit, the shortest kept whole.

pub use http::StatusCode;
pub use kiln_core::{Flash, flash, set_status};
/// Derives [`Status`](trait@Status) from each variant's `#[status(...)]`: see the
/// [module documentation](self#declaring-an-error).
pub use kiln_macros::Status;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The HTTP status of a response carrying an error: 4xx for an expected one (the visitor's),
/// 5xx for an unexpected one (the server's). See the [module documentation](self); derive it
/// with `#[derive(Status)]`.
pub trait Status {
    /// This error's status.
    fn status(&self) -> StatusCode;
}

impl Status for leptos::prelude::ServerFnError {
    /// A server function's own failure (the request, the encoding, the server): 500.
    fn status(&self) -> StatusCode {
        StatusCode::INTERNAL_SERVER_ERROR
    }
}

#[cfg(feature = "listing")]
impl Status for crate::listing::ListingError {
    /// A query string the list cannot serve (an unknown sort, a page past the last): 400.
    fn status(&self) -> StatusCode {
        StatusCode::BAD_REQUEST
    }
}

#[cfg(feature = "auth")]
impl Status for crate::auth::AuthError {
    fn status(&self) -> StatusCode {
        crate::auth::AuthError::status(self)
    }
}

/// Finishes a server function that pages call with JavaScript: an error's [`Status`] becomes
/// the response's. Returns `result` as it was.
pub fn answer<T, E: Status>(result: Result<T, E>) -> Result<T, E> {
    if let Err(error) = &result {
        set_status(error.status());
    }
    result
}

/// Finishes a server function behind a form, posted with or without JavaScript: see the
/// [module documentation](self#answering-a-server-function). `back` is the form's page,
/// `typed` the fields to give back to it after a failure (never a password). Returns `result`
/// as it was.
#[cfg(feature = "ssr")]
pub fn answer_form<T, E: Status + Serialize>(
    result: Result<T, E>,
    back: &str,
    typed: &[(&str, &str)],
) -> Result<T, E> {
    if !is_plain_form_post() {
        return answer(result);
    }
    match &result {
        Ok(_) => leptos_axum::redirect(back),
        Err(error) if error.status() == StatusCode::UNAUTHORIZED => {
            leptos_axum::redirect(&log_in_address(back));
        }
        Err(error) => kiln_core::redirect_with_flash(
            back,
            &Flash::default().with_error(error).with_fields(typed),
        ),
    }
    result
}

/// The log-in page, to come back to `back` after.
#[cfg(feature = "ssr")]
fn log_in_address(back: &str) -> String {
    #[cfg(feature = "auth")]
    {
        crate::auth::log_in_address(back)
    }
    #[cfg(not(feature = "auth"))]
    {
        back.to_owned()
    }
}

/// The error a failed plain form post brought back to this page ([`answer_form`]), if any.
/// Read it once, when the page is made: it is the page's [`flash`], not a signal.
pub fn returned_error<E: DeserializeOwned>() -> Option<E> {
    flash().and_then(|flash| flash.error())
}

/// What the visitor had typed in field `name` of a form whose plain post failed
/// ([`answer_form`]); empty if nothing came back.
pub fn returned_field(name: &str) -> String {
    flash().map_or_else(String::new, |flash| flash.field(name).to_owned())
}

/// Whether the current server-function request is a browser's plain form post (no
/// JavaScript), which wants an HTML page back rather than an encoded result.
#[cfg(feature = "ssr")]
pub fn is_plain_form_post() -> bool {
    leptos::prelude::with_context::<http::request::Parts, _>(|parts| {
        parts.method == http::Method::POST
            && parts
                .headers
                .get(http::header::ACCEPT)
                .and_then(|accept| accept.to_str().ok())
                .is_some_and(|accept| accept.contains("text/html"))
    })
    .unwrap_or(false)
}
