//! [`Box`](fn@Box): a plain block.

use super::{LayoutTag, element, padding};
use crate::responsive::{CssProperty, Responsive, StyleBuilder};
use leptos::prelude::*;

/// How a [`Box`](fn@Box) is displayed: mostly to hide or show it per breakpoint.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum BoxDisplay {
    /// `display: block`, the default.
    #[default]
    Block,
    /// `display: inline`.
    Inline,
    /// `display: inline-block`.
    InlineBlock,
    /// `display: none`: hidden (from screen readers too).
    None,
    /// `display: contents`: the box itself disappears from layout, its children stay.
    Contents,
}

impl BoxDisplay {
    /// As a CSS `display` value.
    pub fn as_str(self) -> &'static str {
        match self {
            BoxDisplay::Block => "block",
            BoxDisplay::Inline => "inline",
            BoxDisplay::InlineBlock => "inline-block",
            BoxDisplay::None => "none",
            BoxDisplay::Contents => "contents",
        }
    }
}

/// A plain block: padding, size and display, each per breakpoint if need be.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Sidebar() -> impl IntoView {
///     view! {
///         // Hidden on phones, shown from 768px.
///         <Box as_=LayoutTag::Aside p=4 width="16rem"
///             display=Responsive::new(BoxDisplay::None).sm(BoxDisplay::Block)>
///             "Filters"
///         </Box>
///     }
/// }
/// ```
#[component]
pub fn Box(
    /// The element (default `<div>`).
    #[prop(optional)]
    as_: LayoutTag,
    /// Padding, a space step.
    #[prop(optional, into)]
    p: Option<Responsive<u8>>,
    /// Horizontal padding, a space step.
    #[prop(optional, into)]
    px: Option<Responsive<u8>>,
    /// Vertical padding, a space step.
    #[prop(optional, into)]
    py: Option<Responsive<u8>>,
    /// `display`, e.g. `BoxDisplay::None` to hide it.
    #[prop(optional, into)]
    display: Option<Responsive<BoxDisplay>>,
    /// `width`, as CSS (`"16rem"`, `"50%"`).
    #[prop(optional, into)]
    width: Option<Responsive<String>>,
    /// `max-width`, as CSS.
    #[prop(optional, into)]
    max_width: Option<Responsive<String>>,
    /// `height`, as CSS.
    #[prop(optional, into)]
    height: Option<Responsive<String>>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The content.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let css = |value: &String| value.replace([';', '{', '}'], " ");
    let mut style = StyleBuilder::new("kiln-box");
    style
        .set(CssProperty::Display, display.as_ref(), |d| {
            d.as_str().to_owned()
        })
        .set(CssProperty::Width, width.as_ref(), css)
        .set(CssProperty::MaxWidth, max_width.as_ref(), css)
        .set(CssProperty::Height, height.as_ref(), css);
    padding(&mut style, p.as_ref(), px.as_ref(), py.as_ref());
    style.extra_class(class.as_deref());
    element(as_, (&style).into(), children)
}
