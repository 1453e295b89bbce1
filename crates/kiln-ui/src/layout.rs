//! Layout components: boxes, flex and grid containers, stacks, containers, sections, cards and
//! the small pieces between them (spacers, separators, aspect ratios, scroll areas).
//!
//! Spacing props (`gap`, `p`, `px`, `py`) are steps of the space scale (`1` is 4px, `9` is
//! 64px, `0` none); every layout prop is [`Responsive`], so it can change per breakpoint.

mod boxes;
mod card;
mod flex;
mod grid;
mod page;
mod pieces;

pub use boxes::{Box, BoxDisplay};
pub use card::{Card, CardVariant, Inset, InsetSide};
pub use flex::{Direction, Flex, HStack, Stack, VStack};
pub use grid::{Grid, GridTracks};
pub use page::{Center, Container, Section};
pub use pieces::{AspectRatio, ScrollArea, Scrollbars, Separator, Spacer};

use crate::responsive::{CssProperty, Responsive, StyleBuilder, space};
use leptos::prelude::*;

/// The element a layout component renders (`as_` prop): a plain `<div>` by default, or the
/// element that says what the content is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum LayoutTag {
    /// `<div>`, the default.
    #[default]
    Div,
    /// `<span>`, for inline content.
    Span,
    /// `<section>`.
    Section,
    /// `<article>`.
    Article,
    /// `<aside>`.
    Aside,
    /// `<header>`.
    Header,
    /// `<footer>`.
    Footer,
    /// `<main>`.
    Main,
    /// `<nav>`.
    Nav,
    /// `<ul>`: the children should be `<li>`s.
    Ul,
    /// `<ol>`: the children should be `<li>`s.
    Ol,
    /// `<li>`.
    Li,
}

/// The attributes of a layout element: class, style, and the data attributes of a card.
#[derive(Default)]
struct Attrs {
    class: String,
    style: Option<String>,
    variant: Option<&'static str>,
    size: Option<&'static str>,
}

impl From<&StyleBuilder> for Attrs {
    fn from(style: &StyleBuilder) -> Self {
        Attrs {
            class: style.class(),
            style: style
                .style_attr()
                .map(|style| style.trim_end_matches(';').to_owned()),
            ..Attrs::default()
        }
    }
}

/// Renders `tag` with its attributes and optional children.
fn element(tag: LayoutTag, attrs: Attrs, children: Option<Children>) -> AnyView {
    let children = children.map(|children| children());
    let Attrs {
        class,
        style,
        variant,
        size,
    } = attrs;
    macro_rules! tags {
        ($($variant:ident => $tag:ident),* $(,)?) => {
            match tag {
                $(LayoutTag::$variant => view! {
                    <$tag class=class style=style data-variant=variant data-size=size>{children}</$tag>
                }.into_any(),)*
            }
        };
    }
    tags!(
        Div => div, Span => span, Section => section, Article => article, Aside => aside,
        Header => header, Footer => footer, Main => main, Nav => nav, Ul => ul, Ol => ol, Li => li,
    )
}

impl From<&str> for Responsive<String> {
    fn from(value: &str) -> Self {
        Responsive::new(value.to_owned())
    }
}

/// Adds `p`, `px` and `py` (space steps) to `style`.
fn padding(
    style: &mut StyleBuilder,
    p: Option<&Responsive<u8>>,
    px: Option<&Responsive<u8>>,
    py: Option<&Responsive<u8>>,
) {
    style
        .set(CssProperty::Padding, p, space)
        .set(CssProperty::PaddingX, px, space)
        .set(CssProperty::PaddingY, py, space);
}
