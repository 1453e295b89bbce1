//! Forms that work without JavaScript: telling a browser's plain form post from a call by the
//! hydrated page, and the bounded address a failed post is sent back to.
//!
//! A server function behind an `<ActionForm>` is posted by the hydrated page (which wants the
//! encoded result) or, before hydration or without JavaScript, by the browser itself (which
//! wants a page). For the browser, the function answers with a redirect: back to the form's
//! page, with the error and what was typed in the query, so the page shows the one and keeps
//! the other.
//!
//! ```
//! let address = kiln::forms::return_address(
//!     "/guestbook",
//!     "name-missing",
//!     &[("name", ""), ("message", "hello")],
//! );
//! assert_eq!(address, "/guestbook?error=name-missing&name=&message=hello");
//! ```

use form_urlencoded::Serializer;

/// The longest address [`return_address`] makes, in bytes: it fits the request-line buffers
/// of common proxies (nginx's default is 8 KiB) with room for the other headers.
pub const MAX_RETURN_ADDRESS: usize = 6 * 1024;

/// Whether the current server-function request is a browser's plain form post (no
/// JavaScript), which wants an HTML page back rather than an encoded result.
#[cfg(feature = "ssr")]
pub fn is_plain_form_post() -> bool {
    leptos::prelude::use_context::<http::request::Parts>().is_some_and(|parts| {
        parts.method == http::Method::POST
            && parts
                .headers
                .get(http::header::ACCEPT)
                .and_then(|accept| accept.to_str().ok())
                .is_some_and(|accept| accept.contains("text/html"))
    })
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
