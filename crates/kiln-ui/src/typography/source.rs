//! [`Source`]: a file of the app's own code, shown by a [`CodeBlock`](crate::CodeBlock) and kept
//! in the server binary only.

/// A file of the app's own source code, or one item of it, for a
/// [`CodeBlock`](crate::CodeBlock) to show: made by [`source!`](crate::source).
///
/// Its text is embedded in the server binary only. The WebAssembly knows the file by name: the
/// server renders the highlighted code into the page, and after a client-side navigation the
/// browser asks the server function `/_kiln/ui/source` for it by that name. So a page that
/// shows its own code (a documentation site, a gallery) does not carry it to the browser twice,
/// and no page carries the others' (a WebAssembly module's static data is not split per route:
/// text compiled into the browser's code lands in every page's shared module).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Source {
    /// The file's name: the module that named it, then its path (`app::pages/counter.rs`).
    pub file: &'static str,
    /// The one top-level item to show (see [`Source::item`]), or the whole file.
    pub item: Option<&'static str>,
}

impl Source {
    /// The file registered under `file` by [`source!`](crate::source). Use the macro.
    #[doc(hidden)]
    pub const fn new(file: &'static str) -> Self {
        Self { file, item: None }
    }

    /// Only the top-level function `name` of the file: from its `fn` line, with the attributes
    /// and doc comments above it, to its closing brace at the start of a line. So a demo
    /// written as one `#[component] fn` shows exactly the code that runs.
    pub const fn item(self, name: &'static str) -> Self {
        Self {
            item: Some(name),
            ..self
        }
    }
}

/// A source file's text, registered by [`source!`](crate::source) in the server binary. Not
/// part of the API.
#[doc(hidden)]
#[cfg(feature = "ssr")]
pub struct SourceFile {
    /// The name a [`Source`] gives.
    pub file: &'static str,
    /// Its text.
    pub text: &'static str,
}

#[cfg(feature = "ssr")]
inventory::collect!(SourceFile);

/// A [`Source`] for the file at `path`, relative to the file that names it (as
/// `include_str!`): on the server it embeds the file's text, in the WebAssembly only its name.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Counter() -> impl IntoView {
///     view! {
///         <button>"+1"</button>
///         // This file's code, highlighted; the text is not in the page's WebAssembly.
///         <CodeBlock source=kiln_ui::source!("source.rs") language="rust"/>
///     }
/// }
/// ```
#[cfg(feature = "ssr")]
#[macro_export]
macro_rules! source {
    ($path:literal) => {{
        $crate::__private::inventory::submit! {
            $crate::SourceFile {
                file: concat!(module_path!(), "::", $path),
                text: include_str!($path),
            }
        }
        $crate::Source::new(concat!(module_path!(), "::", $path))
    }};
}

/// A [`Source`] for the file at `path`, relative to the file that names it (as
/// `include_str!`): on the server it embeds the file's text, in the WebAssembly only its name.
#[cfg(not(feature = "ssr"))]
#[macro_export]
macro_rules! source {
    ($path:literal) => {
        $crate::Source::new(concat!(module_path!(), "::", $path))
    };
}

/// Why a [`Source`] has no text.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SourceError {
    /// No [`source!`](crate::source) in this binary names the file.
    #[error("no source file is named {0:?}")]
    UnknownFile(String),
    /// The file has no top-level function of that name.
    #[error("{file} has no top-level function {item:?}")]
    UnknownItem {
        /// The file.
        file: String,
        /// The function looked for.
        item: String,
    },
}

/// The text of `file` (a [`Source::file`]), or of its top-level function `item`.
#[cfg(feature = "ssr")]
pub(crate) fn text_of(file: &str, item: Option<&str>) -> Result<&'static str, SourceError> {
    let text = inventory::iter::<SourceFile>
        .into_iter()
        .find(|registered| registered.file == file)
        .map(|registered| registered.text)
        .ok_or_else(|| SourceError::UnknownFile(file.to_owned()))?;
    match item {
        None => Ok(text),
        Some(item) => function_in(text, item).ok_or_else(|| SourceError::UnknownItem {
            file: file.to_owned(),
            item: item.to_owned(),
        }),
    }
}

/// The top-level function `name` in `text`: see [`Source::item`].
#[cfg(feature = "ssr")]
fn function_in<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    let definition = format!("fn {name}");
    let fn_at = text.match_indices(&definition).find_map(|(at, _)| {
        // `fn name(` or `fn name<`, not `fn name_and_more(`.
        let after = text[at + definition.len()..].chars().next();
        if !matches!(after, Some('(' | '<')) {
            return None;
        }
        // At the start of a line, after qualifiers (`pub`, `async`...) only: a top-level item.
        let line_start = text[..at].rfind('\n').map_or(0, |newline| newline + 1);
        let qualifiers = &text[line_start..at];
        let top_level = !qualifiers.starts_with(char::is_whitespace)
            && qualifiers
                .split_whitespace()
                .all(|word| matches!(word, "pub" | "pub(crate)" | "async" | "const" | "unsafe"));
        top_level.then_some(at)
    })?;
    // Back up over the attribute and doc lines above it.
    let mut start = text[..fn_at].rfind('\n').map_or(0, |newline| newline + 1);
    while start > 0 {
        let previous = text[..start - 1]
            .rfind('\n')
            .map_or(0, |newline| newline + 1);
        let line = text[previous..start - 1].trim_start();
        if line.starts_with("#[") || line.starts_with("///") {
            start = previous;
        } else {
            break;
        }
    }
    let end = text[fn_at..]
        .find("\n}")
        .map_or(text.len(), |at| fn_at + at + 2);
    Some(&text[start..end])
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn an_item_is_the_whole_function_with_its_attributes() {
        let text = "use x;\n\n/// Doc.\n#[component]\nfn One() -> u8 {\n    1\n}\n\n\
                    pub fn Two() {\n}\n\nfn Three() { One() }\n";
        assert_eq!(
            function_in(text, "One"),
            Some("/// Doc.\n#[component]\nfn One() -> u8 {\n    1\n}")
        );
        assert_eq!(function_in(text, "Two"), Some("pub fn Two() {\n}"));
        assert_eq!(function_in(text, "Four"), None);
        assert_eq!(
            function_in(text, "On"),
            None,
            "a prefix of a name is not the name"
        );
    }

    #[test]
    fn a_call_is_not_the_function() {
        // `One()` inside `Three` is not a definition; nor is `fn One(` in a nested item.
        let text = "fn Three() {\n    fn One() {}\n}\n";
        assert_eq!(function_in(text, "One"), None);
    }

    #[test]
    fn registered_files_are_found_and_unknown_ones_refused() {
        let source = crate::source!("source.rs");
        let text = text_of(source.file, None).expect("registered");
        assert!(text.contains("macro_rules! source"));
        let item = text_of(source.file, Some("function_in")).expect("a generic function");
        assert!(item.starts_with("/// The top-level function"), "{item}");
        let item = text_of(source.file, Some("text_of")).expect("a pub(crate) function");
        assert!(item.starts_with("/// The text of"), "{item}");
        assert!(item.ends_with("\n}"), "{item}");
        assert_eq!(
            text_of("kiln_ui::nowhere.rs", None),
            Err(SourceError::UnknownFile("kiln_ui::nowhere.rs".into()))
        );
        assert!(matches!(
            text_of(source.file, Some("NoSuchFunction")),
            Err(SourceError::UnknownItem { .. })
        ));
    }
}
