//! Showing a page's own source beside the live feature.

use kiln::prelude::*;

/// The code that made what the page shows, folded under its title (the file's path, or what
/// it is) until the reader opens it: highlighted Rust, scrollable from the keyboard.
#[component]
pub fn CodeSample(
    /// What the listing shows, e.g. the file's path.
    title: &'static str,
    /// The source: `source!("counter.rs")`, whose text stays in the server binary.
    code: Source,
) -> impl IntoView {
    view! {
        <details class="code-sample">
            <summary>"The code: " <code>{title}</code></summary>
            <CodeBlock source=code language="rust"/>
        </details>
    }
}

/// A page's head: its `<title>`, description and Open Graph tags.
#[component]
pub fn PageMeta(
    /// The page's title (a `&'static str` costs no allocation).
    #[prop(into)]
    title: Oco<'static, str>,
    /// Its description, for search results and link previews.
    #[prop(into)]
    description: Oco<'static, str>,
) -> impl IntoView {
    view! {
        <Title text=title.clone()/>
        <Meta name="description" content=description.clone()/>
        <Meta property="og:title" content=title/>
        <Meta property="og:description" content=description/>
        <Meta property="og:type" content="website"/>
        <Meta property="og:site_name" content="Kiln"/>
    }
}
