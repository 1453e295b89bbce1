//! The HTML document around an app: what every Kiln page's `<head>` needs.

use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags};

/// The `<html>` document a Kiln app's `shell` renders on the server around its root component.
///
/// The `<head>` gets the charset and viewport, the framework's stylesheet, the app's own
/// stylesheet (content-hashed by cargo-leptos), the hydration scripts, the live-reload script in
/// development, and every `<Title>`/`<Meta>` the page's components set.
///
/// ```
/// use kiln::prelude::*;
///
/// # #[component] fn App() -> impl IntoView { "hello" }
/// pub fn shell(options: LeptosOptions) -> impl IntoView {
///     view! { <Document options><App/></Document> }
/// }
/// ```
#[component]
pub fn Document(
    /// The site's options (from [`Config`](crate::Config) on the server).
    options: LeptosOptions,
    /// The `lang` attribute of `<html>`.
    #[prop(into, default = "en".into())]
    lang: String,
    /// The app's root component.
    children: Children,
) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang=lang>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <FrameworkStylesheet/>
                <HashedStylesheet options=options.clone() id="app-stylesheet"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>{children()}</body>
        </html>
    }
}

/// A `<link>` to the framework's stylesheet ([`FRAMEWORK_CSS`](crate::FRAMEWORK_CSS)), which
/// every Kiln server serves under a URL that changes with its content, so browsers may cache it
/// for a year. [`Document`] includes it; use it directly only in a hand-written document.
#[component]
pub fn FrameworkStylesheet() -> impl IntoView {
    view! { <link rel="stylesheet" href=framework_css_path()/> }
}

/// The URL path of the framework's stylesheet, with a hash of its content in the file name.
pub(crate) fn framework_css_path() -> String {
    format!("/_kiln/kiln.{:016x}.css", FRAMEWORK_CSS_HASH)
}

/// FNV-1a over the stylesheet, computed at compile time.
const FRAMEWORK_CSS_HASH: u64 = {
    let bytes = crate::FRAMEWORK_CSS.as_bytes();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    hash
};
