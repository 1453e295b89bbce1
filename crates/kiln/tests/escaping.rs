//! Text the server renders can never end its element early: the children of `<textarea>` are
//! escaped, and `<script>`, `<style>`, `<noscript>` cannot be closed by their content (Leptos
//! 0.8's renderer is patched for it: see vendor/README.md). Rendered through `view!`, as app
//! code writes it, on both of Leptos's server paths (whole string and stream).
#![cfg(feature = "ssr")]

use futures::StreamExt;
use kiln::prelude::*;

const BREAKOUT: &str = "</textarea></script></style></noscript><img src=x onerror=alert(1)>";

fn views() -> Vec<(&'static str, AnyView)> {
    let text = || BREAKOUT.to_owned();
    vec![
        (
            "textarea",
            view! { <textarea name="m">{text()}</textarea> }.into_any(),
        ),
        ("script", view! { <script>{text()}</script> }.into_any()),
        ("style", view! { <style>{text()}</style> }.into_any()),
        (
            "noscript",
            view! { <noscript>{text()}</noscript> }.into_any(),
        ),
    ]
}

fn assert_contained(tag: &str, html: &str) {
    let open = html.find('>').expect("an opening tag") + 1;
    let close = html.rfind(&format!("</{tag}>")).expect("a closing tag");
    let inside = &html[open..close];
    assert!(
        !inside.to_ascii_lowercase().contains(&format!("</{tag}")),
        "<{tag}> closed early: {html}"
    );
    if tag == "textarea" {
        // The rest is code in <script> and <style>, and markup on purpose in <noscript>.
        assert!(!html.contains("<img"), "markup in <textarea>: {html}");
    }
}

#[test]
fn raw_text_elements_cannot_be_closed_by_their_text() {
    let owner = Owner::new();
    owner.with(|| {
        for (tag, view) in views() {
            assert_contained(tag, &view.to_html());
        }
    });
}

#[test]
fn textarea_text_reads_back_unchanged() {
    let owner = Owner::new();
    let html = owner.with(|| view! { <textarea>{"a < b & c > d"}</textarea> }.to_html());
    assert_eq!(html, "<textarea>a &lt; b &amp; c &gt; d</textarea>");
}

#[tokio::test]
async fn streamed_raw_text_elements_cannot_be_closed_by_their_text() {
    let owner = Owner::new();
    for (tag, view) in owner.with(views) {
        let html = owner
            .with(|| view.to_html_stream_in_order())
            .collect::<String>()
            .await;
        assert_contained(tag, &html);
    }
}
