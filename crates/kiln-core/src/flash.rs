//! The flash: what a form post leaves for the one page it sends the browser to. A failed plain
//! post (JavaScript off) leaves its error and what was typed, so the form's page shows the one
//! and keeps the other; a successful one may leave a notice ("You are logged out.").
//!
//! It travels in a signed cookie (`kiln_flash`, five minutes at most), never in the address:
//! what a visitor typed stays out of logs, history and `Referer` headers, and a crafted link
//! can neither show a made-up error on the site nor fill a form for the visitor. The page that
//! shows it clears it. The server's page carries it to the browser, so the hydrated page shows
//! the same, until the visitor leaves that page.
//!
//! Apps rarely touch this module: `kiln::respond::answer_form` writes a flash and
//! `kiln::respond::returned_error` / `returned_field` read it; auth's forms use the same.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

/// The name of the cookie that carries a [`Flash`].
pub const FLASH_COOKIE: &str = "kiln_flash";

/// The id of the `<script type="application/json">` element in which the server's page
/// carries its flash to the browser.
pub const FLASH_ELEMENT_ID: &str = "kiln-flash";

/// The most JSON a flash carries, in bytes: signed and in base64 it stays within the 4 KiB
/// a browser keeps of one cookie. What was typed is cut to fit ([`Flash::fitted`]).
pub const MAX_FLASH_JSON: usize = 2_900;

/// What a form post left for the next page: the form it is for, an error or a notice, and
/// what was typed.
///
/// ```
/// use kiln_core::Flash;
/// #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
/// enum SignError { NameMissing, TooLong { max: u32 } }
///
/// let flash = Flash::default()
///     .with_error(&SignError::TooLong { max: 80 })
///     .with_fields(&[("name", "Ada")]);
/// assert_eq!(flash.error::<SignError>(), Some(SignError::TooLong { max: 80 }));
/// assert_eq!(flash.field("name"), "Ada");
/// assert_eq!(flash.field("message"), "");
/// ```
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Flash {
    /// Which form of the page it is for, when a page has several (auth's `log-in`); empty
    /// when it is for whichever form reads it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub form: String,
    /// Why the post failed: the error as JSON, read back typed with [`Flash::error`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<Box<RawValue>>,
    /// What went well: a notice as JSON, read back typed with [`Flash::notice`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<Box<RawValue>>,
    /// What was typed, field by field (never a password).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<(String, String)>,
}

impl Flash {
    /// A flash for the form called `form` on its page.
    pub fn for_form(form: impl Into<String>) -> Self {
        Self {
            form: form.into(),
            ..Self::default()
        }
    }

    /// This flash, carrying `error`.
    pub fn with_error<E: Serialize>(mut self, error: &E) -> Self {
        self.error = serde_json::value::to_raw_value(error).ok();
        self
    }

    /// This flash, carrying `notice`.
    pub fn with_notice<N: Serialize>(mut self, notice: &N) -> Self {
        self.notice = serde_json::value::to_raw_value(notice).ok();
        self
    }

    /// This flash, carrying what was typed in these fields (name, value).
    pub fn with_fields(mut self, typed: &[(&str, &str)]) -> Self {
        self.fields = typed
            .iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
            .collect();
        self
    }

    /// Whether it is for the form called `form`: it names that form, or none.
    pub fn is_for(&self, form: &str) -> bool {
        self.form.is_empty() || self.form == form
    }

    /// The error it carries, if it is one of `E`'s.
    pub fn error<E: DeserializeOwned>(&self) -> Option<E> {
        // From the JSON text, as a server function's answer is read: no `Value` in the WASM.
        self.error
            .as_ref()
            .and_then(|error| serde_json::from_str(error.get()).ok())
    }

    /// The notice it carries, if it is one of `N`'s.
    pub fn notice<N: DeserializeOwned>(&self) -> Option<N> {
        self.notice
            .as_ref()
            .and_then(|notice| serde_json::from_str(notice.get()).ok())
    }

    /// What was typed in field `name`; empty if nothing was.
    pub fn field(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(field, _)| field == name)
            .map_or("", |(_, value)| value)
    }

    /// This flash as JSON of at most `max` bytes: when what was typed does not fit, the longest
    /// values are cut (between characters) until it does, each keeping an equal share of the
    /// room the shorter ones left. A flash of any size would be dropped by the browser, and
    /// the page would lose everything.
    pub fn fitted(&self, max: usize) -> String {
        let whole = self.to_json();
        if whole.len() <= max {
            return whole;
        }
        let mut emptied = self.clone();
        for (_, value) in &mut emptied.fields {
            value.clear();
        }
        let mut budget = max.saturating_sub(emptied.to_json().len());
        // Shortest first: each value gets an equal share of what the shorter ones left.
        let mut order: Vec<usize> = (0..self.fields.len()).collect();
        order.sort_by_key(|&index| json_len(&self.fields[index].1));
        for (done, &index) in order.iter().enumerate() {
            let share = budget / (self.fields.len() - done);
            let kept = prefix_within(&self.fields[index].1, share);
            budget -= json_len(kept);
            emptied.fields[index].1 = kept.to_owned();
        }
        emptied.to_json()
    }

    fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl PartialEq for Flash {
    fn eq(&self, other: &Self) -> bool {
        let json = |value: &Option<Box<RawValue>>| value.as_ref().map(|raw| raw.get().to_owned());
        self.form == other.form
            && json(&self.error) == json(&other.error)
            && json(&self.notice) == json(&other.notice)
            && self.fields == other.fields
    }
}

/// The bytes `value` takes inside a JSON string.
fn json_len(value: &str) -> usize {
    value.chars().map(json_char_len).sum()
}

fn json_char_len(ch: char) -> usize {
    match ch {
        '"' | '\\' | '\n' | '\r' | '\t' | '\u{08}' | '\u{0c}' => 2,
        ch if u32::from(ch) < 0x20 => 6,
        ch => ch.len_utf8(),
    }
}

/// The longest prefix of `value` that takes at most `bytes` inside a JSON string.
fn prefix_within(value: &str, bytes: usize) -> &str {
    let mut used = 0;
    for (at, ch) in value.char_indices() {
        used += json_char_len(ch);
        if used > bytes {
            return &value[..at];
        }
    }
    value
}

/// The flash a request brought, in its extensions: the server's `carry_flash` puts it there.
#[cfg(feature = "respond")]
#[derive(Clone, Debug)]
pub(crate) struct IncomingFlash(pub(crate) Flash);

/// The flash for the page being made, if a form post left one. On the server it is the one
/// the request's cookie carried; in the browser, the one the server's page carried, until the
/// visitor leaves that page (a form shows a flash once, not again after client-side
/// navigation). Elsewhere, and when there is none, `None`.
pub fn flash() -> Option<Flash> {
    #[cfg(feature = "respond")]
    {
        leptos::prelude::with_context::<axum::http::request::Parts, _>(|parts| {
            parts
                .extensions
                .get::<IncomingFlash>()
                .map(|incoming| incoming.0.clone())
        })
        .flatten()
    }
    #[cfg(all(not(feature = "respond"), feature = "hydrate"))]
    {
        page_flash()
    }
    #[cfg(not(any(feature = "respond", feature = "hydrate")))]
    {
        None
    }
}

/// The flash the server's page carried, read once from the page; spent when a component that
/// read it goes away (its page was left).
#[cfg(all(not(feature = "respond"), feature = "hydrate"))]
fn page_flash() -> Option<Flash> {
    use std::cell::RefCell;

    thread_local! {
        /// `None` until read; then the page's flash, or `Some(None)` once spent.
        static PAGE_FLASH: RefCell<Option<Option<Flash>>> = const { RefCell::new(None) };
    }
    let flash = PAGE_FLASH.with_borrow_mut(|page| {
        page.get_or_insert_with(|| {
            leptos::prelude::document()
                .get_element_by_id(FLASH_ELEMENT_ID)
                .and_then(|element| element.text_content())
                .and_then(|json| serde_json::from_str(&json).ok())
        })
        .clone()
    });
    if flash.is_some() {
        leptos::prelude::on_cleanup(|| PAGE_FLASH.with_borrow_mut(|page| *page = Some(None)));
    }
    flash
}

/// `flash` as the content of the page's `<script type="application/json">`: JSON with every
/// `<` escaped, so no text in it can close the element.
pub fn flash_script_content(flash: &Flash) -> String {
    flash.to_json().replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    enum Refusal {
        NameMissing,
        TooLong { max: u32 },
        Auth(String),
    }

    #[test]
    fn an_error_and_a_notice_come_back_typed() {
        for error in [
            Refusal::NameMissing,
            Refusal::TooLong { max: 80 },
            Refusal::Auth("admin".into()),
        ] {
            let flash: Flash =
                serde_json::from_str(&Flash::default().with_error(&error).fitted(MAX_FLASH_JSON))
                    .expect("a flash's JSON reads back");
            assert_eq!(flash.error::<Refusal>(), Some(error));
        }
        let flash = Flash::for_form("log-in").with_notice(&Refusal::NameMissing);
        assert_eq!(flash.notice::<Refusal>(), Some(Refusal::NameMissing));
        assert_eq!(flash.error::<Refusal>(), None);
        assert!(flash.is_for("log-in") && !flash.is_for("sign-up"));
        assert!(Flash::default().is_for("sign-up"));
        assert_eq!(
            Flash::default().with_error(&"other").error::<Refusal>(),
            None
        );
    }

    #[test]
    fn what_fits_is_kept_whole() {
        let flash = Flash::default()
            .with_error(&Refusal::NameMissing)
            .with_fields(&[("body", "a < b & \"c\"\n")]);
        let json = flash.fitted(MAX_FLASH_JSON);
        assert_eq!(serde_json::from_str::<Flash>(&json).ok(), Some(flash));
    }

    #[test]
    fn a_long_value_is_cut_to_fit_and_a_short_one_kept() {
        let long = "é\"\u{1}".repeat(100_000);
        let flash = Flash::default()
            .with_error(&Refusal::TooLong { max: 1000 })
            .with_fields(&[("name", "Ann"), ("message", &long)]);
        let json = flash.fitted(MAX_FLASH_JSON);
        assert!(json.len() <= MAX_FLASH_JSON, "{}", json.len());
        assert!(json.len() > MAX_FLASH_JSON - 12, "the room is used");
        let back: Flash = serde_json::from_str(&json).expect("valid JSON");
        assert_eq!(back.field("name"), "Ann");
        assert!(
            long.starts_with(back.field("message")),
            "a prefix, cut between characters"
        );
        // Ten bytes of JSON for every three characters: about 2,800 bytes of room is 840 of them.
        assert!(back.field("message").chars().count() > 800);
        assert_eq!(
            back.error::<Refusal>(),
            Some(Refusal::TooLong { max: 1000 })
        );
    }

    #[test]
    fn two_long_values_share_the_room() {
        let a = "x".repeat(10_000);
        let b = "y".repeat(10_000);
        let json = Flash::default()
            .with_fields(&[("a", &a), ("b", &b)])
            .fitted(MAX_FLASH_JSON);
        assert!(json.len() <= MAX_FLASH_JSON);
        let xs = json.matches('x').count();
        let ys = json.matches('y').count();
        assert!(xs.abs_diff(ys) <= 1, "{xs} and {ys}");
    }

    #[test]
    fn the_page_script_cannot_be_closed_by_what_was_typed() {
        let flash = Flash::default().with_fields(&[("message", "</script><script>alert(1)")]);
        let content = flash_script_content(&flash);
        assert!(!content.contains('<'), "{content}");
        assert_eq!(serde_json::from_str::<Flash>(&content).ok(), Some(flash));
    }
}
