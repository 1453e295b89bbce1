//! Server-side rendering of components to HTML, for tests that check structure and ARIA.

use leptos::prelude::*;

/// Renders `view` to HTML as the server would, under a fresh reactive owner.
pub fn render<V: IntoView + 'static>(view: impl FnOnce() -> V) -> String {
    let owner = Owner::new();
    owner.with(|| view().into_view().to_html())
}

/// How many times `needle` occurs in `html`.
#[allow(dead_code)]
pub fn count(html: &str, needle: &str) -> usize {
    html.matches(needle).count()
}
