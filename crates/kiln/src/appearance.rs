//! The color-mode toggle's answer when no WASM runs on the page: the kit's
//! [`ColorModeToggle`](kiln_ui::ColorModeToggle) is a form that posts here, and the visitor
//! comes back to the page they were on, in the mode they chose.

use axum::Form;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use kiln_ui::{Appearance, appearance_cookie};
use serde::Deserialize;

/// The toggle's form.
#[derive(Deserialize)]
pub(crate) struct Choice {
    appearance: String,
}

/// Keeps the chosen appearance in its cookie and goes back (303) to the page the form was on:
/// the `Referer`'s path on this site, or `/`. An appearance the kit does not know is a 400.
pub(crate) async fn set_appearance(headers: HeaderMap, Form(choice): Form<Choice>) -> Response {
    let Some(appearance) = Appearance::from_name(&choice.appearance) else {
        return (
            StatusCode::BAD_REQUEST,
            "unknown appearance: expected light, dark or system",
        )
            .into_response();
    };
    let back = headers
        .get(header::REFERER)
        .and_then(|referer| referer.to_str().ok())
        .and_then(page_of)
        .unwrap_or_else(|| "/".to_owned());
    let (Ok(cookie), Ok(location)) = (
        HeaderValue::from_str(&appearance_cookie(appearance)),
        HeaderValue::from_str(&back),
    ) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    (
        StatusCode::SEE_OTHER,
        [(header::SET_COOKIE, cookie), (header::LOCATION, location)],
    )
        .into_response()
}

/// The path and query of a `Referer` (the cross-origin check in front of every post has made
/// sure it is this site's page), if it is one.
fn page_of(referer: &str) -> Option<String> {
    let url = url::Url::parse(referer).ok()?;
    let mut page = url.path().to_owned();
    if let Some(query) = url.query() {
        page.push('?');
        page.push_str(query);
    }
    (page.starts_with('/') && !page.starts_with("//")).then_some(page)
}

#[cfg(test)]
mod tests {
    use super::page_of;

    #[test]
    fn goes_back_to_the_referring_page_of_this_site() {
        assert_eq!(
            page_of("http://127.0.0.1:3000/ui/forms?tab=2").as_deref(),
            Some("/ui/forms?tab=2")
        );
        assert_eq!(page_of("https://example.com/").as_deref(), Some("/"));
        assert_eq!(page_of("not a url"), None);
    }
}
