//! A page's frame: [`Container`], [`Section`], [`Center`].

use super::{LayoutTag, element};
use crate::props::Size;
use crate::responsive::{CssProperty, Responsive, StyleBuilder, space};
use leptos::prelude::*;

/// Centers the page's content at a readable width, with side padding that grows on larger
/// screens. Sizes `S1` (448px) to `S4` (1136px, the default).
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Page() -> impl IntoView {
///     view! { <Container size=Size::S3><h1>"Settings"</h1></Container> }
/// }
/// ```
#[component]
pub fn Container(
    /// The maximum width: `S1` 448px, `S2` 688px, `S3` 880px, `S4` 1136px (default `S4`).
    #[prop(optional)]
    size: Option<Size>,
    /// Horizontal padding, a space step (default 4, and 6 from 768px).
    #[prop(optional, into)]
    px: Option<Responsive<u8>>,
    /// The element (default `<div>`; `LayoutTag::Main` for a page's main content).
    #[prop(optional)]
    as_: LayoutTag,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The content.
    children: Children,
) -> impl IntoView {
    let size = size.unwrap_or(Size::S4);
    let mut style = StyleBuilder::new("kiln-container");
    style.set(CssProperty::PaddingX, px.as_ref(), space);
    style.extra_class(class.as_deref());
    let inner: Children = std::boxed::Box::new(move || {
        view! { <div class="kiln-container-inner" data-size=size.as_str()>{children()}</div> }
            .into_any()
    });
    element(as_, (&style).into(), Some(inner))
}

/// A `<section>` of a page, with vertical padding by size: `S1` 24px, `S2` 40px (the default),
/// `S3` 64px, `S4` 96px.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Landing() -> impl IntoView {
///     view! {
///         <Section size=Size::S3><Container><h2>"Features"</h2></Container></Section>
///     }
/// }
/// ```
#[component]
pub fn Section(
    /// The vertical padding (default `S2`).
    #[prop(optional)]
    size: Size,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The content.
    children: Children,
) -> impl IntoView {
    view! {
        <section class=crate::class_list("kiln-section", class.as_deref()) data-size=size.as_str()>
            {children()}
        </section>
    }
}

/// Centers its content both ways.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Empty() -> impl IntoView {
///     view! { <Center class="tall"><p>"Nothing here yet"</p></Center> }
/// }
/// ```
#[component]
pub fn Center(
    /// Inline (`inline-flex`), to center inside a line of text.
    #[prop(optional)]
    inline: bool,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The content.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    view! {
        <div
            class=crate::class_list("kiln-center", class.as_deref())
            data-inline=inline.then_some("true")
        >
            {children.map(|children| children())}
        </div>
    }
}
