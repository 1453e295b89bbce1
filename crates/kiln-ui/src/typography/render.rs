//! Markdown and syntax highlighting, on the server: pulldown-cmark and syntect.

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};
use std::sync::LazyLock;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::{SyntaxDefinition, SyntaxSet};
use syntect::util::LinesWithEndings;

/// The syntaxes: syntect's defaults (Rust, JavaScript, Python, SQL, shell, HTML, CSS, JSON,
/// YAML, Markdown...) and TOML, loaded once.
static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(|| {
    let mut builder = SyntaxSet::load_defaults_newlines().into_builder();
    if let Ok(toml) = SyntaxDefinition::load_from_str(TOML_SYNTAX, true, None) {
        builder.add(toml);
    }
    builder.build()
});

/// A small TOML grammar (syntect's defaults have none): comments, tables, keys, strings,
/// numbers, booleans and dates.
const TOML_SYNTAX: &str = r#"%YAML 1.2
---
name: TOML
file_extensions: [toml]
scope: source.toml
contexts:
  main:
    - match: '#.*$'
      scope: comment.line.number-sign.toml
    - match: '^\s*(\[\[?)([^\]]*)(\]\]?)'
      captures:
        1: punctuation.definition.table.toml
        2: entity.name.section.toml
        3: punctuation.definition.table.toml
    - match: '([A-Za-z0-9_.-]+)\s*(=)'
      captures:
        1: entity.name.tag.toml
        2: keyword.operator.assignment.toml
    - match: '"""'
      push: multiline_basic
    - match: "'''"
      push: multiline_literal
    - match: '"'
      push: basic
    - match: "'"
      push: literal
    - match: '\b(true|false)\b'
      scope: constant.language.boolean.toml
    - match: '\b\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:\d{2})?'
      scope: constant.other.datetime.toml
    - match: '[+-]?\b(0x[0-9A-Fa-f_]+|0o[0-7_]+|0b[01_]+|\d[\d_]*(\.\d[\d_]*)?([eE][+-]?\d+)?|inf|nan)\b'
      scope: constant.numeric.toml
  basic:
    - meta_scope: string.quoted.double.toml
    - match: '\\.'
      scope: constant.character.escape.toml
    - match: '"|$'
      pop: true
  literal:
    - meta_scope: string.quoted.single.toml
    - match: "'|$"
      pop: true
  multiline_basic:
    - meta_scope: string.quoted.triple.toml
    - match: '\\.'
      scope: constant.character.escape.toml
    - match: '"""'
      pop: true
  multiline_literal:
    - meta_scope: string.quoted.triple.toml
    - match: "'''"
      pop: true
"#;

/// `text` with `&`, `<`, `>`, `"` and `'` escaped, safe in HTML text and attribute values.
pub(crate) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Highlights `code` as `language` (a name or file extension: `"rust"`, `"rs"`, `"toml"`,
/// `"js"`...) into HTML: the code's text, escaped, in `<span>`s whose classes name the token
/// kinds with the prefix `kiln-hl-` (`kiln-hl-keyword`, `kiln-hl-string`, `kiln-hl-comment`...),
/// colored by the kit's stylesheet in light and dark mode. Put it in a `<pre><code>`.
///
/// An unknown or empty language gives the code as plain escaped text; this never fails.
///
/// ```
/// let html = kiln_ui::highlight_to_html("fn main() {}", "rust");
/// assert!(html.contains("kiln-hl-keyword") || html.contains("kiln-hl-storage"));
/// assert_eq!(kiln_ui::highlight_to_html("<b>", "klingon"), "&lt;b&gt;");
/// ```
pub fn highlight_to_html(code: &str, language: &str) -> String {
    let language = language.trim();
    let syntaxes = &*SYNTAXES;
    let syntax = match language {
        "" => None,
        _ => syntaxes.find_syntax_by_token(language).or_else(|| {
            let alias = match language.to_ascii_lowercase().as_str() {
                "shell" | "bash" | "sh" | "zsh" | "console" => "sh",
                "javascript" | "jsx" | "ts" | "typescript" | "tsx" => "js",
                "yml" => "yaml",
                "html" | "htm" | "xml" => "html",
                _ => return None,
            };
            syntaxes.find_syntax_by_token(alias)
        }),
    };
    let Some(syntax) = syntax else {
        return escape_html(code);
    };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(
        syntax,
        syntaxes,
        ClassStyle::SpacedPrefixed { prefix: "kiln-hl-" },
    );
    for line in LinesWithEndings::from(code) {
        if generator
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return escape_html(code);
        }
    }
    // Every span's classes end with the language's (`kiln-hl-rust`), which no rule needs.
    let scope = syntax.scope.to_string();
    let language_class = format!(" kiln-hl-{}\"", scope.rsplit('.').next().unwrap_or(""));
    generator.finalize().replace(&language_class, "\"")
}

/// Whether a link or image address is safe to put in `href`/`src`: relative addresses and
/// `http:`, `https:`, `mailto:` and `tel:` ones (`javascript:`, `data:`, `vbscript:`... are
/// not). Browsers ignore tabs, newlines and leading spaces and control characters in a scheme,
/// so this does too.
fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .take(64)
        .collect::<String>()
        .to_ascii_lowercase();
    // A scheme is everything before the first ':' if no '/', '?' or '#' comes before it.
    match cleaned.find([':', '/', '?', '#']) {
        Some(at) if cleaned[at..].starts_with(':') => {
            matches!(&cleaned[..at], "http" | "https" | "mailto" | "tel")
        }
        _ => true,
    }
}

/// Renders Markdown (CommonMark, with tables, strikethrough and task lists) to HTML, safely:
///
/// - raw HTML in the source is shown as text, escaped, never passed through;
/// - link and image addresses other than relative, `http(s):`, `mailto:` and `tel:` ones
///   (`javascript:`, `data:`...) become `#`;
/// - fenced code blocks are highlighted as by [`highlight_to_html`], in
///   `<pre class="kiln-markdown-code"><code class="language-NAME">`.
///
/// ```
/// let html = kiln_ui::markdown_to_html("# Hi\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))");
/// assert!(html.contains("<h1>Hi</h1>"));
/// assert!(html.contains("&lt;script&gt;"));
/// assert!(!html.contains("<script"));
/// assert!(html.contains(r##"<a href="#">x</a>"##));
/// ```
pub fn markdown_to_html(source: &str) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut events: Vec<Event> = Vec::new();
    // The fenced code block being collected: its language and text.
    let mut code_block: Option<(String, String)> = None;
    for event in Parser::new_ext(source, options) {
        if let Some((language, text)) = &mut code_block {
            match event {
                Event::Text(chunk) | Event::Html(chunk) | Event::InlineHtml(chunk) => {
                    text.push_str(&chunk);
                }
                Event::End(TagEnd::CodeBlock) => {
                    let name = language.split([' ', ',', '{']).next().unwrap_or("");
                    let class = match name {
                        "" => String::new(),
                        name => format!(r#" class="language-{}""#, escape_html(name)),
                    };
                    events.push(Event::Html(CowStr::from(format!(
                        "<pre class=\"kiln-markdown-code\" tabindex=\"0\"><code{class}>{}</code></pre>\n",
                        highlight_to_html(text, name)
                    ))));
                    code_block = None;
                }
                _ => {}
            }
            continue;
        }
        let event = match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let language = match kind {
                    CodeBlockKind::Fenced(info) => info.trim().to_owned(),
                    CodeBlockKind::Indented => String::new(),
                };
                code_block = Some((language, String::new()));
                continue;
            }
            // Raw HTML is text: shown, escaped, never interpreted.
            Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
            // A task's checkbox, named for assistive technology.
            Event::TaskListMarker(done) => Event::Html(CowStr::Borrowed(if done {
                r#"<input type="checkbox" disabled checked aria-label="Done"> "#
            } else {
                r#"<input type="checkbox" disabled aria-label="To do"> "#
            })),
            Event::Start(Tag::HtmlBlock) => Event::Start(Tag::Paragraph),
            Event::End(TagEnd::HtmlBlock) => Event::End(TagEnd::Paragraph),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: safe_url(dest_url),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: safe_url(dest_url),
                title,
                id,
            }),
            event => event,
        };
        events.push(event);
    }
    let mut html = String::with_capacity(source.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html
}

fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    if is_safe_url(&url) {
        url
    } else {
        CowStr::Borrowed("#")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_escaped_never_passed_through() {
        for source in [
            "<script>alert(1)</script>",
            "text <script>alert(1)</script> more",
            "<img src=x onerror=alert(1)>",
            "para\n\n<div onclick=\"alert(1)\">block</div>\n",
            "<!-- comment --><iframe src=\"https://evil\"></iframe>",
        ] {
            let html = markdown_to_html(source);
            assert!(!html.contains("<script"), "{source} gave {html}");
            assert!(!html.contains("<img"), "{source} gave {html}");
            assert!(!html.contains("<div"), "{source} gave {html}");
            assert!(!html.contains("<iframe"), "{source} gave {html}");
            assert!(!html.contains("<!--"), "{source} gave {html}");
        }
        let html = markdown_to_html("<img src=x onerror=alert(1)>");
        assert!(
            html.contains("&lt;img src=x onerror=alert(1)&gt;"),
            "{html}"
        );
    }

    #[test]
    fn dangerous_link_addresses_are_neutralised() {
        for source in [
            "[x](javascript:alert(1))",
            "[x](JavaScript:alert(1))",
            "[x](java\tscript:alert(1))",
            "[x](<java\nscript:alert(1)>)",
            "[x]( javascript:alert(1))",
            "[x](vbscript:msgbox)",
            "[x](data:text/html;base64,PHNjcmlwdD4=)",
            "![x](javascript:alert(1))",
            "[x][r]\n\n[r]: javascript:alert(1)",
            "<javascript:alert(1)>",
        ] {
            let html = markdown_to_html(source);
            let attributes = html.matches("href=\"").count() + html.matches("src=\"").count();
            let neutral = html.matches("href=\"#\"").count() + html.matches("src=\"#\"").count();
            assert_eq!(attributes, neutral, "{source} gave {html}");
        }
        let html = markdown_to_html("[x](javascript:alert(1))");
        assert!(html.contains(r##"<a href="#">x</a>"##), "{html}");
    }

    #[test]
    fn safe_link_addresses_are_kept() {
        let html = markdown_to_html(
            "[a](https://kiln.rs) [b](/docs?x=1#y) [c](mailto:hi@kiln.rs) [d](#top) [e](guide.md)",
        );
        for href in [
            "https://kiln.rs",
            "/docs?x=1#y",
            "mailto:hi@kiln.rs",
            "#top",
            "guide.md",
        ] {
            assert!(
                html.contains(&format!("href=\"{href}\"")),
                "{href} in {html}"
            );
        }
    }

    #[test]
    fn markdown_renders_the_usual_blocks() {
        let html = markdown_to_html(
            "# Title\n\nSome *em* and **strong** and `code`.\n\n- one\n- two\n\n> quoted\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        );
        for part in [
            "<h1>Title</h1>",
            "<em>em</em>",
            "<strong>strong</strong>",
            "<code>code</code>",
            "<ul>",
            "<li>one</li>",
            "<blockquote>",
            "<table>",
        ] {
            assert!(html.contains(part), "{part} in {html}");
        }
    }

    #[test]
    fn task_list_checkboxes_are_labelled() {
        let html = markdown_to_html("- [x] shipped\n- [ ] tested\n");
        assert!(
            html.contains(r#"<input type="checkbox" disabled checked aria-label="Done">"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<input type="checkbox" disabled aria-label="To do">"#),
            "{html}"
        );
    }

    #[test]
    fn fenced_code_is_highlighted_and_escaped() {
        let html = markdown_to_html("```rust\nfn main() { let x = \"<b>\"; }\n```\n");
        assert!(
            html.contains(
                r#"<pre class="kiln-markdown-code" tabindex="0"><code class="language-rust">"#
            ),
            "{html}"
        );
        assert!(html.contains("kiln-hl-"), "{html}");
        assert!(html.contains("&lt;b&gt;"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        // Unknown languages and indented blocks are plain, escaped.
        let html = markdown_to_html("```klingon\n<script>x</script>\n```\n\n    <i>indented</i>\n");
        assert!(html.contains("&lt;script&gt;x&lt;/script&gt;"), "{html}");
        assert!(html.contains("&lt;i&gt;indented&lt;/i&gt;"), "{html}");
        assert!(!html.contains("<script") && !html.contains("<i>"), "{html}");
        // The info string cannot break out of the class attribute.
        let html = markdown_to_html("```\"><script>\nx\n```\n");
        assert!(!html.contains("<script"), "{html}");
    }

    #[test]
    fn highlighting_knows_rust_and_toml_and_escapes_unknowns() {
        let rust = highlight_to_html("fn main() {\n    // hi\n    let s = \"<a>\";\n}\n", "rust");
        assert!(rust.contains("kiln-hl-comment"), "{rust}");
        assert!(rust.contains("kiln-hl-string"), "{rust}");
        assert!(rust.contains("&lt;a&gt;"), "{rust}");
        let toml = highlight_to_html(
            "[package]\nname = \"kiln\" # the name\nversion = 1\n",
            "toml",
        );
        assert!(toml.contains("kiln-hl-section"), "{toml}");
        assert!(toml.contains("kiln-hl-string"), "{toml}");
        assert!(toml.contains("kiln-hl-comment"), "{toml}");
        assert!(toml.contains("kiln-hl-numeric"), "{toml}");
        assert_eq!(highlight_to_html("<x> & y", ""), "&lt;x&gt; &amp; y");
        assert_eq!(highlight_to_html("<x>", "no-such-language"), "&lt;x&gt;");
        assert!(highlight_to_html("x", "bash").contains("kiln-hl-"));
        // The language's own class is left off every span.
        assert!(!rust.contains("kiln-hl-rust"), "{rust}");
        assert!(
            rust.starts_with(r#"<span class="kiln-hl-source">"#),
            "{rust}"
        );
    }

    #[test]
    fn urls_are_judged_by_scheme() {
        assert!(is_safe_url("https://x"));
        assert!(is_safe_url("./a:b"));
        assert!(is_safe_url("a/b:c"));
        assert!(is_safe_url("?q=javascript:x"));
        assert!(!is_safe_url("javascript:x"));
        assert!(!is_safe_url("\u{1}javascript:x"));
        assert!(!is_safe_url("JAVA SCRIPT:x"));
        assert!(!is_safe_url("file:///etc/passwd"));
    }
}
