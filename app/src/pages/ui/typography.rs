//! The gallery's typography page.

use super::{CATEGORIES, Demo, GalleryPage};
use kiln::prelude::*;

const SOURCE: Source = source!("typography.rs");

/// The typography components, live.
#[component]
pub fn TypographyPage() -> impl IntoView {
    let category = &CATEGORIES[1];
    view! {
        <GalleryPage title=category.title description=category.description>
            <Demo title="Heading" code=SOURCE.item("HeadingDemo")><HeadingDemo/></Demo>
            <Demo title="Text" code=SOURCE.item("TextDemo")><TextDemo/></Demo>
            <Demo title="Em" code=SOURCE.item("EmDemo")><EmDemo/></Demo>
            <Demo title="Strong" code=SOURCE.item("StrongDemo")><StrongDemo/></Demo>
            <Demo title="Kbd" code=SOURCE.item("KbdDemo")><KbdDemo/></Demo>
            <Demo title="Quote" code=SOURCE.item("QuoteDemo")><QuoteDemo/></Demo>
            <Demo title="Link" code=SOURCE.item("LinkDemo")><LinkDemo/></Demo>
            <Demo title="Code" code=SOURCE.item("CodeDemo")><CodeDemo/></Demo>
            <Demo title="Blockquote" code=SOURCE.item("BlockquoteDemo")><BlockquoteDemo/></Demo>
            <Demo title="Markdown" code=SOURCE.item("MarkdownDemo")><MarkdownDemo/></Demo>
            <Demo title="Code block" code=SOURCE.item("CodeBlockDemo")><CodeBlockDemo/></Demo>
        </GalleryPage>
    }
    .into_any()
}

/// Levels 3 to 6 (the tag), each at a size of the type scale.
#[component]
fn HeadingDemo() -> impl IntoView {
    view! {
        <Stack gap=3>
            <Heading level=3 size=8>"Level 3 at size 8"</Heading>
            <Heading level=4 size=6 color=Color::Indigo>"Level 4 at size 6, indigo"</Heading>
            <Heading level=5 size=Size::S3 weight=FontWeight::Medium>"Level 5 at Size::S3, medium"</Heading>
            <Heading level=6 size=3 truncate=true>
                "Level 6 at size 3, truncated when it is far too long to fit on one line of its box"
            </Heading>
        </Stack>
    }
}

/// Sizes, weights, colors, high contrast, truncation.
#[component]
fn TextDemo() -> impl IntoView {
    view! {
        <Stack gap=2>
            <Flex gap=3 align=Align::Baseline wrap=true>
                {(1..=7u8).map(|size| view! { <Text size=size>{format!("Size {size}")}</Text> }).collect_view()}
            </Flex>
            <Flex gap=3 wrap=true>
                <Text weight=FontWeight::Light>"Light"</Text>
                <Text weight=FontWeight::Regular>"Regular"</Text>
                <Text weight=FontWeight::Medium>"Medium"</Text>
                <Text weight=FontWeight::Bold>"Bold"</Text>
            </Flex>
            <Flex gap=3 wrap=true>
                <Text color=Color::Indigo>"Indigo"</Text>
                <Text color=Color::Green>"Green"</Text>
                <Text color=Color::Red high_contrast=true>"Red, high contrast"</Text>
                <Text high_contrast=true>"High contrast gray"</Text>
            </Flex>
            <Text as_=TextTag::P size=4>"A paragraph at size 4: text that reads well."</Text>
            <Box max_width="16rem">
                <Text as_=TextTag::Div truncate=true>
                    "A line truncated with an ellipsis when it is too long"
                </Text>
            </Box>
        </Stack>
    }
}

/// Emphasis.
#[component]
fn EmDemo() -> impl IntoView {
    view! { <Text as_=TextTag::P>"We "<Em>"had"</Em>" to ship it on Friday."</Text> }
}

/// Strong importance.
#[component]
fn StrongDemo() -> impl IntoView {
    view! { <Text as_=TextTag::P><Strong>"Never"</Strong>" share your password."</Text> }
}

/// Key caps, in sizes.
#[component]
fn KbdDemo() -> impl IntoView {
    view! {
        <Flex gap=3 align=Align::Center wrap=true>
            <Text>"Search: "<Kbd>"Ctrl"</Kbd>" + "<Kbd>"K"</Kbd></Text>
            <Kbd size=Size::S1>"Esc"</Kbd>
            <Kbd size=Size::S3>"Shift + Tab"</Kbd>
            <Kbd size=Size::S4>"⌘ Enter"</Kbd>
        </Flex>
    }
}

/// An inline quotation.
#[component]
fn QuoteDemo() -> impl IntoView {
    view! {
        <Text as_=TextTag::P>
            "As the potters say, "<Quote>"the kiln decides"</Quote>", and it usually does."
        </Text>
    }
}

/// Links: underlined in running text; underline on hover or never where links stand alone.
#[component]
fn LinkDemo() -> impl IntoView {
    view! {
        <Stack gap=3>
            <Text as_=TextTag::P>
                "Read the "<Link href="/ui/layout" attr:data-testid="link-layout">"layout page"</Link>
                " or the "<Link href="https://github.com/leptos-rs/leptos" external=true>"Leptos repository"</Link>
                ", or a "<Link href="/ui/forms" high_contrast=true>"high-contrast link"</Link>"."
            </Text>
            <nav aria-label="Link examples">
                <HStack as_=LayoutTag::Ul gap=4 wrap=true>
                    <li><Link href="/ui" underline=LinkUnderline::Hover>"Underline on hover"</Link></li>
                    <li><Link href="/ui/data" underline=LinkUnderline::None color=Color::Teal>"No underline, teal"</Link></li>
                    <li><Link href="/ui/overlays" underline=LinkUnderline::Always size=4 weight=FontWeight::Bold>"Always, bold, size 4"</Link></li>
                </HStack>
            </nav>
        </Stack>
    }
}

/// Inline code in every variant, and in other palettes.
#[component]
fn CodeDemo() -> impl IntoView {
    view! {
        <Stack gap=3>
            <Flex gap=3 wrap=true align=Align::Center>
                <Code>"soft"</Code>
                <Code variant=Variant::Solid>"solid"</Code>
                <Code variant=Variant::Surface>"surface"</Code>
                <Code variant=Variant::Outline>"outline"</Code>
                <Code variant=Variant::Ghost>"ghost"</Code>
            </Flex>
            <Flex gap=3 wrap=true align=Align::Center>
                <Code color=Color::Indigo>"indigo"</Code>
                <Code color=Color::Gray>"gray"</Code>
                <Code color=Color::Crimson high_contrast=true>"crimson, high contrast"</Code>
                <Code variant=Variant::Solid color=Color::Teal>"teal, solid"</Code>
            </Flex>
            <Text as_=TextTag::P>"Install it with "<Code>"cargo install kiln-cli"</Code>", then run "<Code>"kiln new"</Code>"."</Text>
        </Stack>
    }
}

/// A block quotation with its source.
#[component]
fn BlockquoteDemo() -> impl IntoView {
    view! {
        <Stack gap=3>
            <Blockquote cite="https://example.com/review">
                "We rewrote our admin in a weekend and the pages load before the spinner would have."
            </Blockquote>
            <Blockquote size=2 color=Color::Violet>"Smaller, violet."</Blockquote>
        </Stack>
    }
}

/// Markdown rendered on the server: raw HTML shown as text, unsafe links neutralised.
#[component]
fn MarkdownDemo() -> impl IntoView {
    const NOTES: &str = r#"### Release notes

Kiln renders **Markdown on the server**, with *no* JavaScript parser in the browser.

- Headings, lists, [links](/ui/layout) and `inline code`
- Tables, ~~strikethrough~~ and task lists
- Raw HTML is shown, never run: <script>alert("no")</script>

```rust
// Highlighted on the server, like a CodeBlock.
let name = "Kiln";
println!("Hello, {name}!");
```

> Fenced code is highlighted like a `CodeBlock`.
"#;
    view! {
        <div data-testid="markdown-demo">
            <Markdown source=NOTES/>
        </div>
    }
}

/// Highlighted on the server: Rust with a title and line numbers, and TOML.
#[component]
fn CodeBlockDemo() -> impl IntoView {
    const RUST: &str = r#"use kiln::prelude::*;

/// A counter: a signal in, a button out.
#[component]
pub fn Counter(initial: i32) -> impl IntoView {
    let count = RwSignal::new(initial);
    view! {
        <Button on:click=move |_| count.update(|n| *n += 1)>
            {move || format!("Clicked {} times", count.get())}
        </Button>
    }
}"#;
    const TOML: &str = r#"[package]
name = "my-app"
version = "0.1.0"
edition = "2024"

[dependencies]
kiln = { version = "0.1", features = ["ssr"] } # the framework
"#;
    view! {
        <Stack gap=4>
            <div data-testid="codeblock-rust">
                <CodeBlock code=RUST language="rust" title="src/counter.rs" line_numbers=true/>
            </div>
            <div data-testid="codeblock-toml">
                <CodeBlock code=TOML language="toml" title="Cargo.toml"/>
            </div>
        </Stack>
    }
}
