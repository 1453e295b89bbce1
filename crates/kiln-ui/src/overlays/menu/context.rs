//! [`ContextMenu`]: a menu that opens at the pointer, with the items of any menu.

use super::super::position::{Rect, Side};
use super::{MenuContext, menu_content, menu_context};
use crate::props::{Align, Size, class_list};
use leptos::prelude::*;

/// A menu that opens at the pointer on a right-click (the `contextmenu` event) inside its
/// [`ContextMenuTrigger`], or at the trigger on Shift+F10 or the context-menu key while it has
/// focus. Same items and keys as [`DropdownMenu`]; Escape returns focus to the trigger area.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Canvas() -> impl IntoView {
///     view! {
///         <ContextMenu>
///             <ContextMenuTrigger>"Right-click here"</ContextMenuTrigger>
///             <ContextMenuContent label="Canvas actions">
///                 <MenuItem>"Paste"</MenuItem>
///                 <MenuItem>"Select all"</MenuItem>
///             </ContextMenuContent>
///         </ContextMenu>
///     }
/// }
/// ```
#[component]
pub fn ContextMenu(
    /// Whether it is open: give a signal to control it (default: closed, its own state).
    #[prop(optional)]
    open: Option<RwSignal<bool>>,
    /// Called with the new state whenever it opens or closes.
    #[prop(optional, into)]
    on_open_change: Option<Callback<bool>>,
    /// The trigger area and content.
    children: Children,
) -> impl IntoView {
    MenuContext::new(
        "context-menu",
        open,
        on_open_change,
        Side::Bottom,
        Align::Start,
        true,
    );
    children()
}

/// The area a [`ContextMenu`] belongs to: focusable (so Shift+F10 reaches it), with a dashed
/// outline by default; put the content the menu acts on inside.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Photo() -> impl IntoView {
///     view! {
///         <ContextMenu>
///             <ContextMenuTrigger class="photo"><img src="/cat.jpg" alt="A cat"/></ContextMenuTrigger>
///             <ContextMenuContent label="Photo"><MenuItem>"Save"</MenuItem></ContextMenuContent>
///         </ContextMenu>
///     }
/// }
/// ```
#[component]
pub fn ContextMenuTrigger(
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// What it holds.
    children: Children,
) -> impl IntoView {
    let ctx = menu_context("ContextMenuTrigger");
    let (pointer, keys) = (ctx.clone(), ctx.clone());
    view! {
        <div
            class=class_list("kiln-context-menu-trigger", class.as_deref())
            id=ctx.as_ref().map(|c| c.trigger_id.to_string())
            tabindex="0"
            on:contextmenu=move |event: leptos::ev::MouseEvent| {
                let Some(ctx) = &pointer else { return };
                event.prevent_default();
                let (x, y) = (f64::from(event.client_x()), f64::from(event.client_y()));
                // A keyboard-made event has no pointer: open at the area instead.
                let at = (x != 0.0 || y != 0.0).then(|| Rect::new(x, y, 0.0, 0.0));
                open_context_menu(ctx, at);
            }
            on:keydown=move |event: leptos::ev::KeyboardEvent| {
                let Some(ctx) = &keys else { return };
                let key = event.key();
                if key == "ContextMenu" || (key == "F10" && event.shift_key()) {
                    event.prevent_default();
                    open_context_menu(ctx, None);
                }
            }
        >
            {children()}
        </div>
    }
}

/// Opens a context menu at `at` (or at its trigger), or moves it there when it is open.
fn open_context_menu(ctx: &MenuContext, at: Option<Rect>) {
    #[cfg(feature = "hydrate")]
    let at = at.or_else(|| {
        crate::dom::by_id(&ctx.trigger_id).map(|el| {
            let r = super::super::position::dom::rect_of(&el);
            Rect::new(r.x, r.y, 0.0, 0.0)
        })
    });
    ctx.anchor.set_value(at);
    // Already showing (perhaps just marked closed by the press that led here): move it.
    #[cfg(feature = "hydrate")]
    if crate::dom::popover_open(&ctx.content_id) {
        ctx.open.set(true);
        ctx.position();
        super::focus_edge(ctx);
        return;
    }
    ctx.open.set(true);
}

/// The menu of a [`ContextMenu`]; see [`DropdownMenuContent`]. Give it a `label`: its trigger
/// area is not a label.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Row() -> impl IntoView {
///     view! {
///         <ContextMenu>
///             <ContextMenuTrigger>"Row 1"</ContextMenuTrigger>
///             <ContextMenuContent label="Row actions">
///                 <MenuItem>"Duplicate"</MenuItem>
///                 <MenuItem color=Color::Red>"Delete"</MenuItem>
///             </ContextMenuContent>
///         </ContextMenu>
///     }
/// }
/// ```
#[component]
pub fn ContextMenuContent(
    /// Its accessible name.
    #[prop(optional, into)]
    label: Option<String>,
    /// Its items' size: `S1` to `S3`; default `S2`.
    #[prop(optional)]
    size: Size,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The items.
    children: Children,
) -> impl IntoView {
    menu_content("ContextMenuContent", label, size, class, children)
}
