//! [`Card`] and the [`Inset`] that bleeds through its padding.

use super::{Attrs, LayoutTag, element};
use crate::props::Size;
use leptos::prelude::*;

/// A [`Card`]'s look.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum CardVariant {
    /// A panel with a border, the default.
    #[default]
    Surface,
    /// A panel with a border and a shadow.
    Classic,
    /// No panel: only the padding (and a tint on hover when it is a link or button).
    Ghost,
}

impl CardVariant {
    /// The value of `data-variant`.
    pub fn as_str(self) -> &'static str {
        match self {
            CardVariant::Surface => "surface",
            CardVariant::Classic => "classic",
            CardVariant::Ghost => "ghost",
        }
    }
}

/// A panel that groups related content. With `href` it is a link (`<a>`), with `on_click` a
/// `<button>`: the whole card is then one control, which hovers and focuses as one.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Project() -> impl IntoView {
///     view! {
///         <Card variant=CardVariant::Classic size=Size::S3>
///             <Heading level=3 size=4>"Kiln"</Heading>
///             <Text as_=TextTag::P>"A full-stack framework."</Text>
///         </Card>
///         <Card href="/projects/kiln"><Text weight=FontWeight::Bold>"Open"</Text></Card>
///     }
/// }
/// ```
#[component]
pub fn Card(
    /// Surface (default), classic or ghost.
    #[prop(optional)]
    variant: CardVariant,
    /// Its padding: `S1` 12px, `S2` 16px (default), `S3` 24px, `S4` 32px.
    #[prop(optional)]
    size: Size,
    /// Makes the card a link to this address.
    #[prop(optional, into)]
    href: Option<String>,
    /// Makes the card a button (ignored with `href`).
    #[prop(optional, into)]
    on_click: Option<Callback<leptos::ev::MouseEvent>>,
    /// The element when the card is neither link nor button (default `<div>`).
    #[prop(optional)]
    as_: LayoutTag,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The content.
    children: Children,
) -> impl IntoView {
    let class = crate::class_list("kiln-card", class.as_deref());
    let (variant, size) = (variant.as_str(), size.as_str());
    if let Some(href) = href {
        return view! {
            <a class=class href=href data-variant=variant data-size=size data-interactive="true">
                {children()}
            </a>
        }
        .into_any();
    }
    if let Some(on_click) = on_click {
        return view! {
            <button
                type="button"
                class=class
                data-variant=variant
                data-size=size
                data-interactive="true"
                on:click=move |event| on_click.run(event)
            >
                {children()}
            </button>
        }
        .into_any();
    }
    let attrs = Attrs {
        class,
        style: None,
        variant: Some(variant),
        size: Some(size),
    };
    element(as_, attrs, Some(children))
}

/// Which edges of its [`Card`] an [`Inset`] reaches.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum InsetSide {
    /// Every edge, the default.
    #[default]
    All,
    /// The top, left and right edges: an image at the top of a card.
    Top,
    /// The bottom, left and right edges.
    Bottom,
    /// The left, top and bottom edges.
    Left,
    /// The right, top and bottom edges.
    Right,
    /// The left and right edges.
    X,
    /// The top and bottom edges.
    Y,
}

impl InsetSide {
    /// The value of `data-side`.
    pub fn as_str(self) -> &'static str {
        match self {
            InsetSide::All => "all",
            InsetSide::Top => "top",
            InsetSide::Bottom => "bottom",
            InsetSide::Left => "left",
            InsetSide::Right => "right",
            InsetSide::X => "x",
            InsetSide::Y => "y",
        }
    }
}

/// Bleeds its content (an image, a table) through a [`Card`]'s padding to the card's edges,
/// rounding the corners it reaches. Put it first in the card for `side=InsetSide::Top`.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Photo() -> impl IntoView {
///     view! {
///         <Card>
///             <Inset side=InsetSide::Top>
///                 <img src="/kiln.jpg" alt="A kiln"/>
///             </Inset>
///             <Text as_=TextTag::P>"Fired at 1200°C."</Text>
///         </Card>
///     }
/// }
/// ```
#[component]
pub fn Inset(
    /// The edges it reaches (default all).
    #[prop(optional)]
    side: InsetSide,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The content.
    children: Children,
) -> impl IntoView {
    view! {
        <div class=crate::class_list("kiln-inset", class.as_deref()) data-side=side.as_str()>
            {children()}
        </div>
    }
}
