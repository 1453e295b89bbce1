//! Flex containers: [`Flex`] and the stacks built on it.

use super::{LayoutTag, element, padding};
use crate::props::Align;
use crate::responsive::{CssProperty, Responsive, StyleBuilder, space};
use leptos::prelude::*;

/// The direction of a [`Flex`]'s items.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Left to right (in left-to-right text), the default.
    #[default]
    Row,
    /// Top to bottom.
    Column,
    /// Right to left.
    RowReverse,
    /// Bottom to top.
    ColumnReverse,
}

impl Direction {
    /// As a CSS `flex-direction` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Row => "row",
            Direction::Column => "column",
            Direction::RowReverse => "row-reverse",
            Direction::ColumnReverse => "column-reverse",
        }
    }
}

/// The flex props shared by [`Flex`], [`Stack`], [`HStack`] and [`VStack`].
struct FlexSettings {
    direction: Option<Responsive<Direction>>,
    gap: Option<Responsive<u8>>,
    align: Option<Responsive<Align>>,
    justify: Option<Responsive<Align>>,
    wrap: Option<Responsive<bool>>,
    p: Option<Responsive<u8>>,
    px: Option<Responsive<u8>>,
    py: Option<Responsive<u8>>,
}

fn flex(
    own: &str,
    props: FlexSettings,
    tag: LayoutTag,
    class: Option<String>,
    children: Option<Children>,
) -> AnyView {
    let mut style = StyleBuilder::new(own);
    style
        .set(CssProperty::Direction, props.direction.as_ref(), |d| {
            d.as_str().to_owned()
        })
        .set(CssProperty::Gap, props.gap.as_ref(), space)
        .set(CssProperty::Align, props.align.as_ref(), |a| {
            a.align_items().to_owned()
        })
        .set(CssProperty::Justify, props.justify.as_ref(), |a| {
            a.justify_content().to_owned()
        })
        .set(CssProperty::Wrap, props.wrap.as_ref(), |wrap| {
            if *wrap { "wrap" } else { "nowrap" }.to_owned()
        });
    padding(
        &mut style,
        props.p.as_ref(),
        props.px.as_ref(),
        props.py.as_ref(),
    );
    style.extra_class(class.as_deref());
    element(tag, (&style).into(), children)
}

/// A flexbox: its children in a row or a column, with a gap, aligned and justified.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Toolbar() -> impl IntoView {
///     view! {
///         // A column on phones, a row from 768px.
///         <Flex direction=Responsive::new(Direction::Column).sm(Direction::Row)
///             gap=3 align=Align::Center justify=Align::Between wrap=true>
///             <span>"Left"</span>
///             <span>"Right"</span>
///         </Flex>
///     }
/// }
/// ```
#[component]
pub fn Flex(
    /// The element (default `<div>`).
    #[prop(optional)]
    as_: LayoutTag,
    /// Row (default) or column, or reversed.
    #[prop(optional, into)]
    direction: Option<Responsive<Direction>>,
    /// Space between the items, a space step.
    #[prop(optional, into)]
    gap: Option<Responsive<u8>>,
    /// Alignment across the direction (`align-items`; default stretch).
    #[prop(optional, into)]
    align: Option<Responsive<Align>>,
    /// Alignment along the direction (`justify-content`; default start).
    #[prop(optional, into)]
    justify: Option<Responsive<Align>>,
    /// Whether items wrap onto more lines (default no).
    #[prop(optional, into)]
    wrap: Option<Responsive<bool>>,
    /// Padding, a space step.
    #[prop(optional, into)]
    p: Option<Responsive<u8>>,
    /// Horizontal padding, a space step.
    #[prop(optional, into)]
    px: Option<Responsive<u8>>,
    /// Vertical padding, a space step.
    #[prop(optional, into)]
    py: Option<Responsive<u8>>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The items.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let props = FlexSettings {
        direction,
        gap,
        align,
        justify,
        wrap,
        p,
        px,
        py,
    };
    flex("kiln-flex", props, as_, class, children)
}

/// A flex column with a gap (default 3): the usual way to space a form's fields or a page's
/// sections. Give `direction` to make it a row.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Fields() -> impl IntoView {
///     view! { <Stack gap=4><p>"One"</p><p>"Two"</p></Stack> }
/// }
/// ```
#[component]
pub fn Stack(
    /// The element (default `<div>`).
    #[prop(optional)]
    as_: LayoutTag,
    /// Column (default) or row, or reversed.
    #[prop(optional, into)]
    direction: Option<Responsive<Direction>>,
    /// Space between the items, a space step (default 3).
    #[prop(optional, into)]
    gap: Option<Responsive<u8>>,
    /// Alignment across the direction.
    #[prop(optional, into)]
    align: Option<Responsive<Align>>,
    /// Alignment along the direction.
    #[prop(optional, into)]
    justify: Option<Responsive<Align>>,
    /// Whether items wrap.
    #[prop(optional, into)]
    wrap: Option<Responsive<bool>>,
    /// Padding, a space step.
    #[prop(optional, into)]
    p: Option<Responsive<u8>>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The items.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let props = FlexSettings {
        direction: Some(direction.unwrap_or(Responsive::new(Direction::Column))),
        gap: Some(gap.unwrap_or(Responsive::new(3))),
        align,
        justify,
        wrap,
        p,
        px: None,
        py: None,
    };
    flex("kiln-flex kiln-stack", props, as_, class, children)
}

/// A row of items, centered vertically, with a gap (default 2): buttons, a label and its icon.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Actions() -> impl IntoView {
///     view! { <HStack gap=2 justify=Align::End><Button>"Save"</Button></HStack> }
/// }
/// ```
#[component]
pub fn HStack(
    /// The element (default `<div>`).
    #[prop(optional)]
    as_: LayoutTag,
    /// Space between the items, a space step (default 2).
    #[prop(optional, into)]
    gap: Option<Responsive<u8>>,
    /// Vertical alignment (default center).
    #[prop(optional, into)]
    align: Option<Responsive<Align>>,
    /// Horizontal alignment.
    #[prop(optional, into)]
    justify: Option<Responsive<Align>>,
    /// Whether items wrap.
    #[prop(optional, into)]
    wrap: Option<Responsive<bool>>,
    /// Padding, a space step.
    #[prop(optional, into)]
    p: Option<Responsive<u8>>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The items.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let props = FlexSettings {
        direction: Some(Responsive::new(Direction::Row)),
        gap: Some(gap.unwrap_or(Responsive::new(2))),
        align: Some(align.unwrap_or(Responsive::new(Align::Center))),
        justify,
        wrap,
        p,
        px: None,
        py: None,
    };
    flex("kiln-flex kiln-hstack", props, as_, class, children)
}

/// A column of items with a gap (default 3).
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn List() -> impl IntoView {
///     view! { <VStack as_=LayoutTag::Ul gap=1><li>"One"</li><li>"Two"</li></VStack> }
/// }
/// ```
#[component]
pub fn VStack(
    /// The element (default `<div>`).
    #[prop(optional)]
    as_: LayoutTag,
    /// Space between the items, a space step (default 3).
    #[prop(optional, into)]
    gap: Option<Responsive<u8>>,
    /// Horizontal alignment (default stretch).
    #[prop(optional, into)]
    align: Option<Responsive<Align>>,
    /// Vertical alignment.
    #[prop(optional, into)]
    justify: Option<Responsive<Align>>,
    /// Padding, a space step.
    #[prop(optional, into)]
    p: Option<Responsive<u8>>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The items.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let props = FlexSettings {
        direction: Some(Responsive::new(Direction::Column)),
        gap: Some(gap.unwrap_or(Responsive::new(3))),
        align,
        justify,
        wrap: None,
        p,
        px: None,
        py: None,
    };
    flex("kiln-flex kiln-vstack", props, as_, class, children)
}
