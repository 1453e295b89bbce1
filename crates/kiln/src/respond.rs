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
//!   on success; on failure with the error and what was typed in the query, which the page
//!   reads with [`returned_error`] and [`returned_field`] to show the one and keep the other. A
//!   visitor whose session ended (401) goes to the log-in page instead, and comes back after.
//!
//! ```
//! # #[cfg(feature = "ssr")] {
//! use kiln::prelude::*;
//! use kiln::respond::{Status, StatusCode};
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(Clone, Debug, Serialize, Deserialize, thiserror::Error)]
//! pub enum SignError {
//!     #[error("Please enter your name.")]
//!     NameMissing,
//!     #[error("The guestbook could not be saved just now.")]
//!     Unavailable,
//! }
//!
//! impl Status for SignError {
//!     fn status(&self) -> StatusCode {
//!         match self {
//!             SignError::NameMissing => StatusCode::UNPROCESSABLE_ENTITY,
//!             SignError::Unavailable => StatusCode::INTERNAL_SERVER_ERROR,
//!         }
//!     }
//! }
//!
//! async fn sign(name: String) -> Result<(), SignError> {
//!     let result = if name.trim().is_empty() { Err(SignError::NameMissing) } else { Ok(()) };
//!     // A plain form post that failed goes back to /guestbook?error=name-missing&name=
//!     kiln::respond::answer_form(result, "/guestbook", &[("name", &name)])
//! }
//! # }
//! ```
//!
//! The error travels in the query by its serde name in kebab case (`error=name-missing`
//! above), or as JSON if it carries data, so the page reads back the same typed value.

use form_urlencoded::Serializer;
pub use http::StatusCode;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The HTTP status of a response carrying an error: 4xx for an expected one (the visitor's),
/// 5xx for an unexpected one (the server's). See the [module documentation](self).
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

/// Sets the status of the response being made: a page's while the server renders it (a
/// missing page's 404), or a server function's. It does nothing in the browser, so a
/// component may call it on both sides. A page's status must be decided before its first
/// byte: Kiln's `Route` renders in order, so a component's call is in time.
pub fn set_status(status: StatusCode) {
    #[cfg(feature = "ssr")]
    kiln_core::set_status(status);
    #[cfg(not(feature = "ssr"))]
    let _ = status;
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
    let location = match &result {
        Ok(_) => back.to_owned(),
        Err(error) if error.status() == StatusCode::UNAUTHORIZED => log_in_address(back),
        Err(error) => return_address(back, &error_code(error), typed),
    };
    leptos_axum::redirect(&location);
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
/// Read it once, when the page is made: it is in the page's address, not a signal.
pub fn returned_error<E: DeserializeOwned>() -> Option<E> {
    let code = returned_field("error");
    (!code.is_empty()).then(|| error_from_code(&code)).flatten()
}

/// What the visitor had typed in field `name` of a form whose plain post failed
/// ([`answer_form`]); empty if nothing came back.
pub fn returned_field(name: &str) -> String {
    use leptos::prelude::WithUntracked;
    // The URL in place: no memo of the whole query per field.
    leptos_router::hooks::use_url()
        .with_untracked(|url| url.search_params().get(name))
        .unwrap_or_default()
}

/// An error as the query carries it: a unit variant by its serde name in kebab case
/// (`NameMissing`: `name-missing`), any other value as its JSON.
fn error_code<E: Serialize>(error: &E) -> String {
    match serde_json::to_value(error) {
        Ok(serde_json::Value::String(name)) => kebab_case(&name),
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// The error a code stands for, if it is one of `E`'s.
fn error_from_code<E: DeserializeOwned>(code: &str) -> Option<E> {
    let named = |name: String| serde_json::from_value(serde_json::Value::String(name)).ok();
    named(code.to_owned())
        .or_else(|| named(upper_camel_case(code)))
        .or_else(|| serde_json::from_str(code).ok())
}

/// `NameMissing` as `name-missing`.
fn kebab_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for (at, ch) in name.char_indices() {
        if ch.is_uppercase() && at > 0 {
            out.push('-');
        }
        out.extend(ch.to_lowercase());
    }
    out
}

/// `name-missing` as `NameMissing`.
fn upper_camel_case(code: &str) -> String {
    code.split('-')
        .flat_map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .into_iter()
                .flat_map(char::to_uppercase)
                .chain(chars)
        })
        .collect()
}

/// The longest address [`return_address`] makes, in bytes: it fits the request-line buffers
/// of common proxies (nginx's default is 8 KiB) with room for the other headers.
pub const MAX_RETURN_ADDRESS: usize = 6 * 1024;

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

/// The address a failed plain form post is sent back to: `path` with `error=code` and the
/// `typed` fields in its query, never longer than [`MAX_RETURN_ADDRESS`]. When what was typed
/// does not fit, the longest values are cut (at a character boundary) until it does: an
/// address of any length would be refused (414) by this server or a proxy in front of it, and
/// the page would lose everything.
pub fn return_address(path: &str, code: &str, typed: &[(&str, &str)]) -> String {
    let mut query = Serializer::new(String::new());
    query.append_pair("error", code);
    for (name, _) in typed {
        query.append_pair(name, "");
    }
    let fixed = path.len() + 1 + query.finish().len();
    let mut budget = MAX_RETURN_ADDRESS.saturating_sub(fixed);
    // Shortest first: each value gets an equal share of what the shorter ones left.
    let mut order: Vec<usize> = (0..typed.len()).collect();
    order.sort_by_key(|&index| encoded_len(typed[index].1));
    let mut kept = vec![""; typed.len()];
    for (done, &index) in order.iter().enumerate() {
        let share = budget / (typed.len() - done);
        let value = prefix_within(typed[index].1, share);
        budget -= encoded_len(value);
        kept[index] = value;
    }
    let mut query = Serializer::new(String::new());
    query.append_pair("error", code);
    for ((name, _), value) in typed.iter().zip(kept) {
        query.append_pair(name, value);
    }
    format!("{path}?{}", query.finish())
}

fn encoded_len(value: &str) -> usize {
    form_urlencoded::byte_serialize(value.as_bytes())
        .map(str::len)
        .sum()
}

/// The longest prefix of `value` whose encoding takes at most `bytes`.
fn prefix_within(value: &str, bytes: usize) -> &str {
    let mut used = 0;
    for (at, ch) in value.char_indices() {
        let mut buf = [0u8; 4];
        used += encoded_len(ch.encode_utf8(&mut buf));
        if used > bytes {
            return &value[..at];
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, serde::Deserialize)]
    enum Refusal {
        NameMissing,
        TooLong { max: u32 },
        Auth(String),
    }

    #[derive(Debug, PartialEq, Serialize, serde::Deserialize)]
    #[serde(rename_all = "kebab-case")]
    enum Renamed {
        NotFound,
    }

    #[test]
    fn an_error_goes_into_the_query_and_comes_back_the_same() {
        for error in [
            Refusal::NameMissing,
            Refusal::TooLong { max: 80 },
            Refusal::Auth("admin".into()),
        ] {
            let code = error_code(&error);
            assert_eq!(error_from_code::<Refusal>(&code), Some(error));
        }
        assert_eq!(error_code(&Refusal::NameMissing), "name-missing");
        assert_eq!(error_code(&Renamed::NotFound), "not-found");
        assert_eq!(
            error_from_code::<Renamed>("not-found"),
            Some(Renamed::NotFound)
        );
        assert_eq!(error_from_code::<Refusal>("no-such-error"), None);
        assert_eq!(error_from_code::<Refusal>("{\"TooLong\":{}}"), None);
    }

    #[test]
    fn what_fits_is_kept_whole() {
        let address = return_address("/notes", "too-long", &[("body", "a < b & c")]);
        assert_eq!(address, "/notes?error=too-long&body=a+%3C+b+%26+c");
    }

    #[test]
    fn a_long_value_is_cut_to_fit_and_a_short_one_kept() {
        let long = "é".repeat(100_000);
        let address = return_address(
            "/guestbook",
            "message-too-long",
            &[("name", "Ann"), ("message", &long)],
        );
        assert!(address.len() <= MAX_RETURN_ADDRESS, "{}", address.len());
        assert!(
            address.len() > MAX_RETURN_ADDRESS - 12,
            "the budget is used"
        );
        let pairs: Vec<(String, String)> =
            form_urlencoded::parse(address.split_once('?').map_or("", |(_, q)| q).as_bytes())
                .into_owned()
                .collect();
        assert_eq!(pairs[0], ("error".into(), "message-too-long".into()));
        assert_eq!(pairs[1], ("name".into(), "Ann".into()));
        assert!(
            long.starts_with(&pairs[2].1),
            "a prefix, cut between characters"
        );
        assert!(pairs[2].1.chars().count() > 900);
    }

    #[test]
    fn two_long_values_share_the_room() {
        let a = "x".repeat(10_000);
        let b = "y".repeat(10_000);
        let address = return_address("/p", "e", &[("a", &a), ("b", &b)]);
        assert!(address.len() <= MAX_RETURN_ADDRESS);
        let xs = address.matches('x').count();
        let ys = address.matches('y').count();
        assert!(xs.abs_diff(ys) <= 1, "{xs} and {ys}");
    }
}
