//! [`Markdown`] and [`CodeBlock`]: rendered on the server by server functions, so the browser
//! never loads a Markdown parser or a highlighter.
//!
//! Each component reads its HTML from a blocking resource: in server rendering the server
//! function's body runs in place and its HTML is in the page; after a client-side navigation
//! the browser calls the server function. The HTML travels once: see [`PageHtml`].

use leptos::prelude::*;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Source;

/// HTML a server function rendered, as a resource holds it. In the page it is sent once: its
/// serialized form, which hydration reads, is empty, because hydrating an element's
/// `inner_html` keeps the DOM the server sent (Leptos sets it only when it builds the element
/// anew). A page of code samples would otherwise carry each one twice, the second time
/// escaped into a script, and the server would spend a good part of each render escaping it.
/// After a client-side navigation the resource holds the server function's whole answer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct PageHtml(String);

impl Serialize for PageHtml {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_unit()
    }
}

impl<'de> Deserialize<'de> for PageHtml {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        <()>::deserialize(deserializer)?;
        Ok(Self::default())
    }
}

/// The largest Markdown or code source the server functions render: 256 KiB.
pub const MAX_RENDER_BYTES: usize = 256 * 1024;

#[cfg(feature = "ssr")]
fn check_size(what: &str, bytes: usize) -> Result<(), ServerFnError> {
    if bytes > MAX_RENDER_BYTES {
        refuse_with(http::StatusCode::PAYLOAD_TOO_LARGE);
        return Err(ServerFnError::new(format!(
            "{what} too large to render: {} KiB, the limit is {} KiB",
            bytes.div_ceil(1024),
            MAX_RENDER_BYTES / 1024
        )));
    }
    Ok(())
}

/// Gives a refused request its status (a client's mistake: 4xx, not the 500 of a server
/// function's own failure), when the request is the server function's own. When a page's
/// render runs the function in place, the status stays the page's.
#[cfg(feature = "ssr")]
fn refuse_with(status: http::StatusCode) {
    let own_request = use_context::<http::request::Parts>()
        .is_some_and(|request| request.uri.path().starts_with("/_kiln/ui/"));
    if own_request {
        kiln_core::set_status(status);
    }
}

/// Runs a render (parsing, highlighting: CPU work) on Tokio's blocking pool, at most a few at a
/// time, so that a burst of large sources cannot stall the threads serving other requests.
/// Outside a Tokio runtime (a plain test) it runs in place.
#[cfg(feature = "ssr")]
async fn render_off_the_executor(
    render: impl FnOnce() -> String + Send + 'static,
) -> Result<String, ServerFnError> {
    static RENDERS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(4);
    let Ok(runtime) = tokio::runtime::Handle::try_current() else {
        return Ok(render());
    };
    let _permit = RENDERS
        .acquire()
        .await
        .map_err(|closed| ServerFnError::new(format!("rendering is shut down: {closed}")))?;
    runtime
        .spawn_blocking(render)
        .await
        .map_err(|failed| ServerFnError::new(format!("rendering failed: {failed}")))
}

/// Renders Markdown to safe HTML on the server (see [`markdown_to_html`](crate::markdown_to_html)).
/// A source over [`MAX_RENDER_BYTES`] is refused: 413.
#[server(prefix = "/_kiln/ui", endpoint = "markdown")]
pub async fn render_markdown(source: String) -> Result<String, ServerFnError> {
    check_size("Markdown", source.len())?;
    render_off_the_executor(move || super::render::markdown_to_html(&source)).await
}

/// Highlights code on the server (see [`highlight_to_html`](crate::highlight_to_html)).
///
/// A page shows the same code on every request (its own source, an example), so the HTML of
/// recent sources is kept: a render after the first costs a lookup. Code over
/// [`MAX_RENDER_BYTES`] is refused: 413.
#[server(prefix = "/_kiln/ui", endpoint = "highlight")]
pub async fn render_code(code: String, language: String) -> Result<String, ServerFnError> {
    check_size("Code", code.len() + language.len())?;
    if let Some(html) = highlighted::recall(&code, &language) {
        return Ok(html);
    }
    render_off_the_executor(move || {
        let html = super::render::highlight_to_html(&code, &language);
        highlighted::keep(code, language, &html);
        html
    })
    .await
}

/// Highlights a file of the app's own source, or one item of it (a [`Source`](crate::Source)),
/// on the server: the text is the server binary's copy, so the browser sends only its name.
/// A name that no [`source!`](crate::source) registered (or an item its file lacks) is 404.
#[server(prefix = "/_kiln/ui", endpoint = "source")]
pub async fn render_source(
    file: String,
    item: Option<String>,
    language: String,
) -> Result<String, ServerFnError> {
    let code = super::source::text_of(&file, item.as_deref()).map_err(|unknown| {
        refuse_with(http::StatusCode::NOT_FOUND);
        ServerFnError::new(unknown.to_string())
    })?;
    render_code(code.to_owned(), language).await
}

/// The HTML of recently highlighted sources, up to [`highlighted::MAX_BYTES`] of code and HTML
/// in all (then it starts over).
#[cfg(feature = "ssr")]
mod highlighted {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex, PoisonError};

    pub(super) const MAX_BYTES: usize = 8 * 1024 * 1024;

    #[derive(Default)]
    struct Kept {
        html: HashMap<(String, String), Arc<str>>,
        bytes: usize,
    }

    static KEPT: Mutex<Option<Kept>> = Mutex::new(None);

    pub(super) fn recall(code: &str, language: &str) -> Option<String> {
        let kept = KEPT.lock().unwrap_or_else(PoisonError::into_inner);
        let html = kept
            .as_ref()?
            .html
            .get(&(code.to_owned(), language.to_owned()))?
            .clone();
        Some(html.to_string())
    }

    pub(super) fn keep(code: String, language: String, html: &str) {
        let size = code.len() + language.len() + html.len();
        let mut kept = KEPT.lock().unwrap_or_else(PoisonError::into_inner);
        let kept = kept.get_or_insert_with(Kept::default);
        if kept.bytes + size > MAX_BYTES {
            *kept = Kept::default();
        }
        if size <= MAX_BYTES {
            kept.bytes += size;
            kept.html.insert((code, language), html.into());
        }
    }
}

/// Markdown, rendered on the server to safe HTML: CommonMark with tables, strikethrough and
/// task lists; fenced code blocks highlighted like a [`CodeBlock`]. Raw HTML in the source is
/// shown as text, never run; `javascript:` and other unsafe link addresses become `#`.
///
/// The HTML is in the server's first response; on a client-side navigation the browser asks
/// the server function `/_kiln/ui/markdown` for it (sources over 256 KiB are refused, and the
/// component shows the error). `source` may be a signal: the HTML follows it.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Readme() -> impl IntoView {
///     view! { <Markdown source="# Kiln\n\nA *full-stack* framework. [Docs](/docs)"/> }
/// }
/// ```
#[component]
pub fn Markdown(
    /// The Markdown.
    #[prop(into)]
    source: Signal<String>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
) -> impl IntoView {
    let class = crate::class_list("kiln-markdown", class.as_deref());
    let html = Resource::new_blocking(
        move || source.get(),
        |source| async move { render_markdown(source).await.map(PageHtml) },
    );
    view! {
        <Suspense fallback=|| ()>
            {
                let class = class.clone();
                move || {
                    let class = class.clone();
                    Suspend::new(async move {
                        match html.await {
                            Ok(PageHtml(html)) => view! { <div class=class inner_html=html></div> }.into_any(),
                            Err(error) => {
                                view! {
                                    <div class=class>
                                        <p class="kiln-markdown-error" role="alert">
                                            {error.to_string()}
                                        </p>
                                    </div>
                                }
                                    .into_any()
                            }
                        }
                    })
                }
            }
        </Suspense>
    }
}

/// A block of code, highlighted on the server (syntect), with an optional title and line
/// numbers. The colors come from the kit's stylesheet, readable in light and dark mode.
///
/// The code is `code`, a string (or a signal of one), or `source`, a file of the app's own
/// code named by [`source!`](crate::source), whose text stays in the server binary (a page
/// showing its own source does not carry it in its WebAssembly).
///
/// `language` is a name or file extension (`"rust"`, `"toml"`, `"js"`, `"py"`, `"sql"`,
/// `"sh"`, `"html"`, `"css"`, `"json"`, `"yaml"`...); an unknown one shows plain text.
/// Like [`Markdown`], the HTML is in the server's first response and comes from the server
/// function `/_kiln/ui/highlight` after a client-side navigation (plain text meanwhile).
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Example() -> impl IntoView {
///     view! {
///         <CodeBlock language="rust" title="src/main.rs" line_numbers=true
///             code="fn main() {\n    println!(\"Hello\");\n}"/>
///     }
/// }
/// ```
#[component]
pub fn CodeBlock(
    /// The code.
    #[prop(optional, into)]
    code: Signal<String>,
    /// Or a file of the app's own source, or one item of it (`source!("counter.rs")`): shown
    /// instead of `code`.
    #[prop(optional)]
    source: Option<Source>,
    /// Its language (default: none, plain text).
    #[prop(optional, into)]
    language: String,
    /// A title above it, e.g. the file's name.
    #[prop(optional, into)]
    title: Option<String>,
    /// Numbers the lines.
    #[prop(optional)]
    line_numbers: bool,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
) -> impl IntoView {
    let language = language.trim().to_owned();
    let html = {
        let language = language.clone();
        Resource::new_blocking(
            move || source.is_none().then(|| code.get()),
            move |code| {
                let language = language.clone();
                async move {
                    match (code, source) {
                        (_, Some(source)) => {
                            render_source(
                                source.file.to_owned(),
                                source.item.map(str::to_owned),
                                language,
                            )
                            .await
                        }
                        (code, None) => render_code(code.unwrap_or_default(), language).await,
                    }
                    .map(PageHtml)
                }
            },
        )
    };
    let code_class = (!language.is_empty()).then(|| format!("language-{language}"));
    // A source's text is not in the browser: its gutter comes with its HTML (below).
    let gutter = move || {
        let lines = code.with(|code| code.lines().count().max(1));
        line_numbers_for(lines)
    };
    let plain = {
        let code_class = code_class.clone();
        move || view! { <code class=code_class.clone()>{code.get()}</code> }
    };
    view! {
        <figure
            class=crate::class_list("kiln-code-block", class.as_deref())
            data-language=(!language.is_empty()).then(|| language.clone())
            data-line-numbers=line_numbers.then_some("true")
        >
            {title.map(|title| view! { <figcaption class="kiln-code-block-title">{title}</figcaption> })}
            <pre class="kiln-code-block-pre" tabindex="0">
                {(line_numbers && source.is_none()).then(|| view! {
                    <span class="kiln-code-block-gutter" aria-hidden="true">{gutter}</span>
                })}
                <Suspense fallback=plain>
                    {
                        let code_class = code_class.clone();
                        move || {
                            let code_class = code_class.clone();
                            Suspend::new(async move {
                                match html.await {
                                    // A source's gutter: counted from its HTML, which has the
                                    // code's line breaks; set as HTML, so hydration keeps it.
                                    Ok(PageHtml(html)) if line_numbers && source.is_some() => {
                                        let numbers = line_numbers_for(html.lines().count().max(1));
                                        view! {
                                            <span class="kiln-code-block-gutter" aria-hidden="true" inner_html=numbers></span>
                                            <code class=code_class inner_html=html></code>
                                        }
                                            .into_any()
                                    }
                                    Ok(PageHtml(html)) => view! { <code class=code_class inner_html=html></code> }.into_any(),
                                    // A source this binary does not have: say so.
                                    Err(error) if source.is_some() => view! { <code class=code_class>{error.to_string()}</code> }.into_any(),
                                    // Too large to highlight: plain text.
                                    Err(_) => view! { <code class=code_class>{code.get_untracked()}</code> }.into_any(),
                                }
                            })
                        }
                    }
                </Suspense>
            </pre>
        </figure>
    }
}

/// `1` to `lines`, one per line.
fn line_numbers_for(lines: usize) -> String {
    (1..=lines)
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[tokio::test]
    async fn highlighted_code_is_kept_for_the_next_render() {
        let code = "fn kept_for_the_next_render() {}".to_owned();
        assert!(highlighted::recall(&code, "rust").is_none());
        let first = render_code(code.clone(), "rust".into())
            .await
            .expect("highlighted");
        assert_eq!(
            highlighted::recall(&code, "rust").as_deref(),
            Some(first.as_str())
        );
        assert!(
            highlighted::recall(&code, "toml").is_none(),
            "kept per language"
        );
        assert_eq!(
            render_code(code, "rust".into()).await.expect("again"),
            first
        );
    }

    #[test]
    fn oversized_sources_are_refused_with_a_clear_error() {
        assert!(check_size("Markdown", MAX_RENDER_BYTES).is_ok());
        let Err(error) = check_size("Markdown", MAX_RENDER_BYTES + 1) else {
            panic!("a source over the limit was accepted");
        };
        let message = error.to_string();
        assert!(
            message.contains("Markdown too large to render: 257 KiB, the limit is 256 KiB"),
            "{message}"
        );
    }
}
