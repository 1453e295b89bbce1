//! [`Drawer`]: a modal panel that slides in from a side of the viewport.

use super::super::position::Side;
use super::{Kind, content_view, provide_modal, trigger_view};
use crate::props::{Color, Size, Variant};
use leptos::prelude::*;

/// A modal panel that slides in from a `side` of the viewport (default the right): a dialog in
/// every other respect (see [`Dialog`]). Compose it from [`DrawerTrigger`], [`DrawerContent`]
/// and [`DialogClose`].
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Filters() -> impl IntoView {
///     view! {
///         <Drawer side=Side::Left>
///             <DrawerTrigger>"Filters"</DrawerTrigger>
///             <DrawerContent title="Filters">"Only open issues."</DrawerContent>
///         </Drawer>
///     }
/// }
/// ```
#[component]
pub fn Drawer(
    /// The side it slides in from (default right).
    #[prop(default = Side::Right)]
    side: Side,
    /// Whether it is open: give a signal to control it (default: closed, its own state).
    #[prop(optional)]
    open: Option<RwSignal<bool>>,
    /// Called with the new state whenever it opens or closes.
    #[prop(optional, into)]
    on_open_change: Option<Callback<bool>>,
    /// The trigger and content.
    children: Children,
) -> impl IntoView {
    provide_modal(Kind::Drawer(side), open, on_open_change);
    children()
}

/// The button that opens its [`Drawer`]; see [`DialogTrigger`].
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Cart() -> impl IntoView {
///     view! {
///         <Drawer>
///             <DrawerTrigger variant=Variant::Soft>"Cart"</DrawerTrigger>
///             <DrawerContent title="Cart">"Empty."</DrawerContent>
///         </Drawer>
///     }
/// }
/// ```
#[component]
pub fn DrawerTrigger(
    /// How filled it is (default solid).
    #[prop(optional)]
    variant: Variant,
    /// Its size (default `S2`).
    #[prop(optional)]
    size: Size,
    /// Its accent palette.
    #[prop(optional)]
    color: Option<Color>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// Its label.
    children: Children,
) -> impl IntoView {
    trigger_view("DrawerTrigger", variant, size, color, class, children)
}

/// The drawer's panel: a `<dialog>` as tall (or wide) as the viewport on its [`Drawer`]'s
/// side, labelled by `title`, with a close button.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Nav() -> impl IntoView {
///     view! {
///         <Drawer side=Side::Left>
///             <DrawerTrigger>"Menu"</DrawerTrigger>
///             <DrawerContent title="Menu" size=Size::S1><a href="/">"Home"</a></DrawerContent>
///         </Drawer>
///     }
/// }
/// ```
#[component]
pub fn DrawerContent(
    /// The heading, which names the drawer (`aria-labelledby`).
    #[prop(into)]
    title: String,
    /// A sentence that describes it (`aria-describedby`).
    #[prop(optional, into)]
    description: Option<String>,
    /// Its width (or height, from the top or bottom): `S1` to `S4`; default `S2`.
    #[prop(optional)]
    size: Size,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The body.
    children: Children,
) -> impl IntoView {
    content_view("DrawerContent", title, description, size, class, children)
}
