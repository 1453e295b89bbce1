//! Showing a page's own source beside the live feature.

use kiln::prelude::*;

/// A titled, scrollable listing of source code.
#[component]
pub fn CodeSample(
    /// What the listing shows, e.g. the file's path.
    title: &'static str,
    /// The source.
    code: &'static str,
) -> impl IntoView {
    view! {
        <figure class="code-sample">
            <figcaption>{title}</figcaption>
            <pre><code>{code}</code></pre>
        </figure>
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
