//! The typography components render the right elements and attributes; Markdown and code are
//! rendered safely on the server.

mod support;

use kiln_ui::prelude::*;
use kiln_ui::{STYLESHEET, highlight_to_html, markdown_to_html};
use support::render;

#[test]
fn headings_render_their_level_and_size() {
    let html = render(|| view! { <Heading>"Title"</Heading> });
    assert!(html.starts_with("<h1 "), "{html}");
    assert!(html.contains(r#"class="kiln-heading""#), "{html}");
    assert!(html.contains(r#"data-size="8""#), "{html}");
    assert!(html.ends_with("Title</h1>"), "{html}");

    let html = render(|| {
        view! { <Heading level=3 size=4 weight=FontWeight::Medium color=Color::Indigo high_contrast=true>"x"</Heading> }
    });
    assert!(html.starts_with("<h3 "), "{html}");
    for attribute in [
        r#"data-size="4""#,
        r#"data-weight="medium""#,
        r#"data-accent="indigo""#,
        r#"data-high-contrast="true""#,
    ] {
        assert!(html.contains(attribute), "{attribute} in {html}");
    }
    // A Size converts to a step; levels out of range are clamped.
    let html = render(|| view! { <Heading level=9 size=Size::S3>"x"</Heading> });
    assert!(html.starts_with("<h6 "), "{html}");
    assert!(html.contains(r#"data-size="5""#), "{html}");
    let html = render(|| view! { <Heading level=0>"x"</Heading> });
    assert!(html.starts_with("<h1 "), "{html}");
}

#[test]
fn text_renders_the_element_asked_for() {
    let html = render(|| view! { <Text>"plain"</Text> });
    assert_eq!(html, r#"<span class="kiln-text">plain</span>"#);
    let html = render(|| {
        view! { <Text as_=TextTag::P size=2 color=Color::Gray truncate=true align=TextAlign::Center>"p"</Text> }
    });
    assert!(html.starts_with("<p "), "{html}");
    for attribute in [
        r#"data-size="2""#,
        r#"data-accent="gray""#,
        r#"data-truncate="true""#,
        r#"data-align="center""#,
    ] {
        assert!(html.contains(attribute), "{attribute} in {html}");
    }
    let html = render(|| view! { <Text as_=TextTag::Label attr:r#for="name">"Name"</Text> });
    assert!(html.starts_with("<label "), "{html}");
    assert!(html.contains(r#"for="name""#), "{html}");
}

#[test]
fn inline_elements() {
    let html = render(|| {
        view! {
            <Em>"e"</Em><Strong>"s"</Strong><Quote>"q"</Quote><Kbd size=Size::S3>"K"</Kbd>
        }
    });
    assert!(html.contains(r#"<em class="kiln-em">e</em>"#), "{html}");
    assert!(
        html.contains(r#"<strong class="kiln-strong">s</strong>"#),
        "{html}"
    );
    assert!(html.contains(r#"<q class="kiln-quote">q</q>"#), "{html}");
    assert!(html.contains("<kbd "), "{html}");
    assert!(html.contains(r#"data-size="3""#), "{html}");
}

#[test]
fn blockquotes_cite_their_source() {
    let html = render(|| {
        view! { <Blockquote cite="https://example.com" color=Color::Teal>"Quoted"</Blockquote> }
    });
    assert!(html.starts_with("<blockquote "), "{html}");
    assert!(html.contains(r#"cite="https://example.com""#), "{html}");
    assert!(html.contains(r#"data-accent="teal""#), "{html}");
}

#[test]
fn links_are_plain_anchors() {
    let html = render(|| view! { <Link href="/docs">"Docs"</Link> });
    assert!(html.starts_with("<a "), "{html}");
    assert!(html.contains(r#"href="/docs""#), "{html}");
    assert!(html.contains(r#"data-underline="auto""#), "{html}");
    assert!(!html.contains("target="), "{html}");

    let html = render(|| {
        view! { <Link href="https://example.com" external=true underline=LinkUnderline::Hover color=Color::Green>"Out"</Link> }
    });
    assert!(html.contains(r#"target="_blank""#), "{html}");
    assert!(html.contains(r#"rel="noopener noreferrer""#), "{html}");
    assert!(html.contains(r#"data-underline="hover""#), "{html}");
    assert!(html.contains(r#"data-accent="green""#), "{html}");
}

#[test]
fn inline_code_has_a_variant() {
    let html = render(|| view! { <Code>"x"</Code> });
    assert!(html.starts_with("<code "), "{html}");
    assert!(html.contains(r#"data-variant="soft""#), "{html}");
    let html = render(|| view! { <Code variant=Variant::Solid color=Color::Red>"x"</Code> });
    assert!(html.contains(r#"data-variant="solid""#), "{html}");
    assert!(html.contains(r#"data-accent="red""#), "{html}");
}

// `<Markdown>` and `<CodeBlock>` read blocking resources, which need an async executor (the
// server's); `support::render` has none, so their HTML is tested through the functions their
// server functions call, `markdown_to_html` and `highlight_to_html`.

#[test]
fn markdown_to_html_renders_and_escapes() {
    let html = markdown_to_html(
        "# Hello\n\n*em* [docs](/docs)\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))\n\n```rust\nlet x = 1;\n```\n",
    );
    assert!(html.contains("<h1>Hello</h1>"), "{html}");
    assert!(html.contains("<em>em</em>"), "{html}");
    assert!(html.contains(r#"<a href="/docs">docs</a>"#), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{html}"
    );
    assert!(
        !html.contains("<script") && !html.contains("<img"),
        "{html}"
    );
    assert!(!html.contains("javascript:"), "{html}");
    assert!(html.contains(r#"<code class="language-rust">"#), "{html}");
    assert!(html.contains("kiln-hl-"), "{html}");
}

#[test]
fn highlight_to_html_uses_prefixed_classes() {
    let html = highlight_to_html("// note\nfn main() {}\n", "rs");
    assert!(html.contains(r#"<span class="kiln-hl-comment"#), "{html}");
    assert_eq!(highlight_to_html("a < b", "unknown"), "a &lt; b");
}

#[test]
fn every_token_class_has_a_color_from_a_custom_property() {
    for class in [
        "comment", "string", "constant", "type", "function", "keyword", "storage", "escape",
    ] {
        let rule = format!(".kiln-hl-{class}");
        assert!(STYLESHEET.contains(&rule), "no CSS for {rule}");
    }
    for token in [
        "--kiln-hl-comment:",
        "--kiln-hl-keyword:",
        "--kiln-hl-string:",
        "--kiln-hl-constant:",
        "--kiln-hl-type:",
        "--kiln-hl-function:",
    ] {
        assert!(STYLESHEET.contains(token), "no {token}");
    }
}

#[test]
fn every_typography_class_has_css() {
    for class in [
        ".kiln-heading",
        ".kiln-text",
        ".kiln-em",
        ".kiln-strong",
        ".kiln-kbd",
        ".kiln-quote",
        ".kiln-link",
        ".kiln-code",
        ".kiln-blockquote",
        ".kiln-code-block",
        ".kiln-code-block-gutter",
        ".kiln-markdown",
    ] {
        assert!(STYLESHEET.contains(class), "no CSS for {class}");
    }
}
