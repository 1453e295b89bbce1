//! Typography: headings, text, links, inline code, quotes; and, rendered on the server,
//! [`Markdown`] and highlighted [`CodeBlock`]s.
//!
//! Text sizes are steps of the type scale, a [`FontSize`]: `size=6` (1 is 12px, 3 is 16px, 9 is
//! 60px), or a [`Size`] (`S1` is step 2, `S2` step 3, `S3` step 5, `S4` step 7).

mod code;
#[cfg(feature = "ssr")]
mod render;
mod source;

pub use code::{CodeBlock, CodeBlockProps, MAX_RENDER_BYTES, Markdown, MarkdownProps};
#[cfg(feature = "ssr")]
pub use render::{highlight_to_html, markdown_to_html};
pub use source::Source;
#[cfg(feature = "ssr")]
pub use source::{SourceError, SourceFile};

use crate::props::{Color, Size, Variant};
use leptos::prelude::*;

/// A step of the type scale, `1` (12px) to `9` (60px); `3` (16px) is body text.
///
/// A prop typed `FontSize` takes a step (`size=6`) or a [`Size`] (`size=Size::S3`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FontSize(u8);

impl FontSize {
    /// The step, clamped to 1..=9.
    pub fn new(step: u8) -> Self {
        FontSize(step.clamp(1, 9))
    }

    /// The step, 1 to 9: the value of `data-size` and of `--kiln-font-size-N`.
    pub fn step(self) -> u8 {
        self.0
    }

    fn as_str(self) -> &'static str {
        ["1", "2", "3", "4", "5", "6", "7", "8", "9"][usize::from(self.0.clamp(1, 9) - 1)]
    }
}

impl From<u8> for FontSize {
    fn from(step: u8) -> Self {
        FontSize::new(step)
    }
}

impl From<Size> for FontSize {
    /// `S1` is step 2 (14px), `S2` step 3 (16px), `S3` step 5 (20px), `S4` step 7 (28px).
    fn from(size: Size) -> Self {
        FontSize(match size {
            Size::S1 => 2,
            Size::S2 => 3,
            Size::S3 => 5,
            Size::S4 => 7,
        })
    }
}

/// A font weight.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum FontWeight {
    /// 300.
    Light,
    /// 400, body text's.
    #[default]
    Regular,
    /// 500.
    Medium,
    /// 700, headings'.
    Bold,
}

impl FontWeight {
    /// The value of `data-weight`.
    pub fn as_str(self) -> &'static str {
        match self {
            FontWeight::Light => "light",
            FontWeight::Regular => "regular",
            FontWeight::Medium => "medium",
            FontWeight::Bold => "bold",
        }
    }
}

/// The element a [`Text`] renders.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TextTag {
    /// `<span>`, the default.
    #[default]
    Span,
    /// `<p>`, a paragraph.
    P,
    /// `<div>`.
    Div,
    /// `<label>` (give it `attr:for`).
    Label,
}

/// Horizontal alignment of text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TextAlign {
    /// At the start of the line, the default.
    #[default]
    Start,
    /// Centered.
    Center,
    /// At the end of the line.
    End,
}

impl TextAlign {
    /// The value of `data-align`.
    pub fn as_str(self) -> &'static str {
        match self {
            TextAlign::Start => "start",
            TextAlign::Center => "center",
            TextAlign::End => "end",
        }
    }
}

/// The shared data attributes of the text components.
struct TextLook {
    size: Option<&'static str>,
    weight: Option<&'static str>,
    accent: Option<&'static str>,
    high_contrast: Option<&'static str>,
}

impl TextLook {
    fn new(
        size: Option<FontSize>,
        weight: Option<FontWeight>,
        color: Option<Color>,
        high_contrast: bool,
    ) -> Self {
        TextLook {
            size: size.map(FontSize::as_str),
            weight: weight.map(FontWeight::as_str),
            accent: color.map(Color::as_str),
            high_contrast: high_contrast.then_some("true"),
        }
    }
}

/// A heading, `<h1>` to `<h6>` by `level`, its size by default following the level (h1 step
/// 8, h2 step 7, ... h6 step 3), bold.
///
/// `size` is a [`FontSize`]: a step of the type scale (`size=4`) or a [`Size`].
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Header() -> impl IntoView {
///     view! {
///         <Heading>"Kiln"</Heading>
///         <Heading level=2 size=5 color=Color::Indigo>"A full-stack framework"</Heading>
///         <Heading level=3 size=Size::S3>"Getting started"</Heading>
///     }
/// }
/// ```
#[component]
pub fn Heading(
    /// The level, 1 to 6: the element `<h1>`..`<h6>` (default 1; out of range is clamped).
    #[prop(optional)]
    level: Option<u8>,
    /// The font size (default: by level).
    #[prop(optional, into)]
    size: Option<FontSize>,
    /// The weight (default bold).
    #[prop(optional)]
    weight: Option<FontWeight>,
    /// A color palette for the text (default: the text color).
    #[prop(optional)]
    color: Option<Color>,
    /// With `color`: the palette's darkest text step, for more contrast.
    #[prop(optional)]
    high_contrast: bool,
    /// Alignment.
    #[prop(optional)]
    align: Option<TextAlign>,
    /// Cut to one line with an ellipsis.
    #[prop(optional)]
    truncate: bool,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The heading's text.
    children: Children,
) -> impl IntoView {
    let level = level.unwrap_or(1).clamp(1, 6);
    let size = size.unwrap_or(FontSize::new(9 - level));
    let look = TextLook::new(Some(size), weight, color, high_contrast);
    let class = crate::class_list("kiln-heading", class.as_deref());
    let align = align.map(TextAlign::as_str);
    let truncate = truncate.then_some("true");
    let children = children();
    macro_rules! heading {
        ($($level:literal => $tag:ident),*) => {
            match level {
                $($level => view! {
                    <$tag
                        class=class
                        data-size=look.size
                        data-weight=look.weight
                        data-accent=look.accent
                        data-high-contrast=look.high_contrast
                        data-align=align
                        data-truncate=truncate
                    >
                        {children}
                    </$tag>
                }
                .into_any(),)*
                _ => view! {
                    <h6
                        class=class
                        data-size=look.size
                        data-weight=look.weight
                        data-accent=look.accent
                        data-high-contrast=look.high_contrast
                        data-align=align
                        data-truncate=truncate
                    >
                        {children}
                    </h6>
                }
                .into_any(),
            }
        };
    }
    heading!(1 => h1, 2 => h2, 3 => h3, 4 => h4, 5 => h5)
}

/// Text: a `<span>` (default), `<p>`, `<div>` or `<label>`, sized, weighted and colored.
///
/// `size` is a [`FontSize`]: a step of the type scale (`size=2`) or a [`Size`].
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Intro() -> impl IntoView {
///     view! {
///         <Text as_=TextTag::P size=4>"Build web apps in Rust."</Text>
///         <Text size=2 color=Color::Gray>"Updated today"</Text>
///         <Text weight=FontWeight::Bold color=Color::Red high_contrast=true>"Careful"</Text>
///         <Text as_=TextTag::Div truncate=true>"A line too long for its box..."</Text>
///     }
/// }
/// ```
#[component]
pub fn Text(
    /// The element (default `<span>`).
    #[prop(optional)]
    as_: TextTag,
    /// The font size (default: inherited).
    #[prop(optional, into)]
    size: Option<FontSize>,
    /// The weight (default: inherited).
    #[prop(optional)]
    weight: Option<FontWeight>,
    /// A color palette for the text (default: inherited).
    #[prop(optional)]
    color: Option<Color>,
    /// The palette's (or gray's) highest-contrast text step.
    #[prop(optional)]
    high_contrast: bool,
    /// Alignment.
    #[prop(optional)]
    align: Option<TextAlign>,
    /// Cut to one line with an ellipsis.
    #[prop(optional)]
    truncate: bool,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The text.
    children: Children,
) -> impl IntoView {
    let look = TextLook::new(size, weight, color, high_contrast);
    let class = crate::class_list("kiln-text", class.as_deref());
    let align = align.map(TextAlign::as_str);
    let truncate = truncate.then_some("true");
    let children = children();
    macro_rules! text {
        ($($variant:ident => $tag:ident),*) => {
            match as_ {
                $(TextTag::$variant => view! {
                    <$tag
                        class=class
                        data-size=look.size
                        data-weight=look.weight
                        data-accent=look.accent
                        data-high-contrast=look.high_contrast
                        data-align=align
                        data-truncate=truncate
                    >
                        {children}
                    </$tag>
                }
                .into_any(),)*
            }
        };
    }
    text!(Span => span, P => p, Div => div, Label => label)
}

/// Emphasis: `<em>`, italic.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Note() -> impl IntoView {
///     view! { <Text>"It is "<Em>"very"</Em>" fast."</Text> }
/// }
/// ```
#[component]
pub fn Em(
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The emphasized text.
    children: Children,
) -> impl IntoView {
    view! { <em class=crate::class_list("kiln-em", class.as_deref())>{children()}</em> }
}

/// Strong importance: `<strong>`, bold.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Warning() -> impl IntoView {
///     view! { <Text><Strong>"Never"</Strong>" share your password."</Text> }
/// }
/// ```
#[component]
pub fn Strong(
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The important text.
    children: Children,
) -> impl IntoView {
    view! { <strong class=crate::class_list("kiln-strong", class.as_deref())>{children()}</strong> }
}

/// A key or key combination: `<kbd>`, drawn as a key cap. Sizes `S1` to `S4` (default `S2`).
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Shortcut() -> impl IntoView {
///     view! { <Text>"Search with "<Kbd>"Ctrl"</Kbd>" "<Kbd>"K"</Kbd></Text> }
/// }
/// ```
#[component]
pub fn Kbd(
    /// The key cap's size (default `S2`).
    #[prop(optional)]
    size: Size,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The key's name.
    children: Children,
) -> impl IntoView {
    view! {
        <kbd class=crate::class_list("kiln-kbd", class.as_deref()) data-size=size.as_str()>
            {children()}
        </kbd>
    }
}

/// An inline quotation: `<q>`, with the language's quotation marks.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Saying() -> impl IntoView {
///     view! { <Text>"As they say, "<Quote>"measure twice, cut once"</Quote>"."</Text> }
/// }
/// ```
#[component]
pub fn Quote(
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The quoted text.
    children: Children,
) -> impl IntoView {
    view! { <q class=crate::class_list("kiln-quote", class.as_deref())>{children()}</q> }
}

/// A block quotation: `<blockquote>`, set off by a bar in the accent color.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Testimonial() -> impl IntoView {
///     view! {
///         <Blockquote cite="https://example.com/review">
///             "The fastest way we have found to ship a web app."
///         </Blockquote>
///     }
/// }
/// ```
#[component]
pub fn Blockquote(
    /// The font size (default: inherited).
    #[prop(optional, into)]
    size: Option<FontSize>,
    /// The bar's palette (default: the accent).
    #[prop(optional)]
    color: Option<Color>,
    /// The address of the quotation's source (`cite`).
    #[prop(optional, into)]
    cite: Option<String>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The quotation.
    children: Children,
) -> impl IntoView {
    view! {
        <blockquote
            class=crate::class_list("kiln-blockquote", class.as_deref())
            data-size=size.map(FontSize::as_str)
            data-accent=color.map(Color::as_str)
            cite=cite
        >
            {children()}
        </blockquote>
    }
}

/// When a [`Link`] is underlined.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum LinkUnderline {
    /// Underlined with a light line that darkens on hover, the default: links in running text
    /// need a cue besides their color (WCAG 1.4.1).
    #[default]
    Auto,
    /// Only on hover: for links that stand alone, as in a navigation bar.
    Hover,
    /// Always.
    Always,
    /// Never.
    None,
}

impl LinkUnderline {
    /// The value of `data-underline`.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkUnderline::Auto => "auto",
            LinkUnderline::Hover => "hover",
            LinkUnderline::Always => "always",
            LinkUnderline::None => "none",
        }
    }
}

/// A link: a plain `<a href>`, so the Leptos router handles in-app addresses (client-side
/// navigation) and the browser the rest. `external` opens it in a new tab, safely.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Footer() -> impl IntoView {
///     view! {
///         <Text>
///             <Link href="/docs">"Docs"</Link>" · "
///             <Link href="https://github.com" external=true underline=LinkUnderline::Hover>
///                 "GitHub"
///             </Link>
///         </Text>
///     }
/// }
/// ```
#[component]
pub fn Link(
    /// Where it goes.
    #[prop(into)]
    href: String,
    /// When it is underlined (default auto).
    #[prop(optional)]
    underline: LinkUnderline,
    /// Its palette (default: the accent).
    #[prop(optional)]
    color: Option<Color>,
    /// The palette's highest-contrast text step.
    #[prop(optional)]
    high_contrast: bool,
    /// The font size (default: inherited).
    #[prop(optional, into)]
    size: Option<FontSize>,
    /// The weight (default: inherited).
    #[prop(optional)]
    weight: Option<FontWeight>,
    /// Opens in a new tab (`target="_blank" rel="noopener noreferrer"`).
    #[prop(optional)]
    external: bool,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The link's text.
    children: Children,
) -> impl IntoView {
    let look = TextLook::new(size, weight, color, high_contrast);
    view! {
        <a
            class=crate::class_list("kiln-link", class.as_deref())
            href=href
            target=external.then_some("_blank")
            rel=external.then_some("noopener noreferrer")
            data-underline=underline.as_str()
            data-size=look.size
            data-weight=look.weight
            data-accent=look.accent
            data-high-contrast=look.high_contrast
        >
            {children()}
        </a>
    }
}

/// Inline code: `<code>`, soft (default), solid, outline or ghost (`Surface` looks like soft
/// with a border).
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Hint() -> impl IntoView {
///     view! {
///         <Text>"Run "<Code>"cargo kiln new"</Code>" or "<Code variant=Variant::Outline color=Color::Gray>"--help"</Code></Text>
///     }
/// }
/// ```
#[component]
pub fn Code(
    /// The look (default soft).
    #[prop(optional)]
    variant: Option<Variant>,
    /// Its palette (default: the accent).
    #[prop(optional)]
    color: Option<Color>,
    /// The palette's highest-contrast text step.
    #[prop(optional)]
    high_contrast: bool,
    /// The font size (default: a little smaller than the text around it).
    #[prop(optional, into)]
    size: Option<FontSize>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The code.
    children: Children,
) -> impl IntoView {
    let look = TextLook::new(size, None, color, high_contrast);
    view! {
        <code
            class=crate::class_list("kiln-code", class.as_deref())
            data-variant=variant.unwrap_or(Variant::Soft).as_str()
            data-size=look.size
            data-accent=look.accent
            data-high-contrast=look.high_contrast
        >
            {children()}
        </code>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn font_sizes_are_clamped_steps() {
        assert_eq!(FontSize::from(0).step(), 1);
        assert_eq!(FontSize::from(12).step(), 9);
        assert_eq!(FontSize::from(Size::S3).step(), 5);
        assert_eq!(FontSize::new(4).as_str(), "4");
    }
}
