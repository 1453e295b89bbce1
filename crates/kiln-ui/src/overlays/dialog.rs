//! Modal dialogs: `Dialog`, `AlertDialog` and `Drawer`, all on the native `<dialog>` element.

use super::position::Side;
use crate::glyph::Glyph;
use crate::id::use_id;
use crate::props::{Color, Size, Variant, class_list};
use leptos::prelude::*;
use std::sync::Arc;

mod alert;
mod drawer;

pub use alert::{
    AlertDialog, AlertDialogAction, AlertDialogCancel, AlertDialogContent, AlertDialogTrigger,
};
pub use drawer::{Drawer, DrawerContent, DrawerTrigger};

/// Which kind of modal a context belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Dialog,
    Alert,
    Drawer(Side),
}

/// Shared by a modal's trigger, content and close buttons.
#[derive(Clone)]
struct ModalContext {
    open: RwSignal<bool>,
    kind: Kind,
    trigger_id: Arc<str>,
    content_id: Arc<str>,
    title_id: Arc<str>,
    description_id: Arc<str>,
    focus_return: FocusReturn,
}

/// The element that had focus when a modal opened, focused again when it closes.
#[derive(Clone, Copy)]
struct FocusReturn {
    #[cfg(feature = "hydrate")]
    element: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>,
}

impl FocusReturn {
    fn new() -> Self {
        FocusReturn {
            #[cfg(feature = "hydrate")]
            element: StoredValue::new_local(None),
        }
    }

    #[cfg(feature = "hydrate")]
    fn remember(self) {
        self.element.set_value(crate::dom::active_element());
    }

    /// Focuses the remembered element, or `fallback` (the trigger's id) when there is none.
    #[cfg(feature = "hydrate")]
    fn restore(self, fallback: &str) {
        match self.element.try_get_value().flatten() {
            Some(el) if el.is_connected() => {
                let _ = el.focus();
            }
            _ => crate::dom::focus_id(fallback),
        }
        self.element.set_value(None);
    }
}

fn provide_modal(
    kind: Kind,
    open: Option<RwSignal<bool>>,
    on_open_change: Option<Callback<bool>>,
) -> ModalContext {
    let prefix = match kind {
        Kind::Dialog => "dialog",
        Kind::Alert => "alert-dialog",
        Kind::Drawer(_) => "drawer",
    };
    let (trigger_id, content_id) = super::trigger_and_content_ids(prefix);
    let ctx = ModalContext {
        open: open.unwrap_or_else(|| RwSignal::new(false)),
        kind,
        trigger_id,
        content_id,
        title_id: use_id(&format!("{prefix}-title")).into(),
        description_id: use_id(&format!("{prefix}-description")).into(),
        focus_return: FocusReturn::new(),
    };
    let open = ctx.open;
    #[cfg(feature = "hydrate")]
    let sync = ctx.clone();
    Effect::new(move |previous: Option<bool>| {
        let now = open.get();
        #[cfg(feature = "hydrate")]
        sync_dialog(&sync, now);
        if let (Some(previous), Some(callback)) = (previous, on_open_change)
            && previous != now
        {
            callback.run(now);
        }
        now
    });
    provide_context(ctx.clone());
    ctx
}

/// Opens (`showModal()`) or closes the `<dialog>` to match `open`.
#[cfg(feature = "hydrate")]
fn sync_dialog(ctx: &ModalContext, open: bool) {
    use wasm_bindgen::JsCast;
    let Some(dialog) = crate::dom::by_id(&ctx.content_id)
        .and_then(|el| el.dyn_into::<web_sys::HtmlDialogElement>().ok())
    else {
        return;
    };
    if open && !dialog.open() {
        ctx.focus_return.remember();
        if dialog.show_modal().is_err() {
            return;
        }
        // An alert dialog starts on its least destructive action.
        if ctx.kind == Kind::Alert
            && let Some(cancel) = dialog
                .query_selector("[data-kiln-cancel]")
                .ok()
                .flatten()
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = cancel.focus();
        }
    } else if !open && dialog.open() {
        dialog.close();
    }
}

/// Keeps Tab and Shift+Tab cycling inside the dialog (the page behind is inert already; this
/// wraps around instead of leaving for the browser's own controls).
#[cfg(feature = "hydrate")]
fn cycle_tab(dialog_id: &str, event: &leptos::ev::KeyboardEvent) {
    const FOCUSABLE: &str = "a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), \
        select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";
    let Some(dialog) = crate::dom::by_id(dialog_id) else {
        return;
    };
    let focusable = crate::dom::descendants(&dialog, &|el| el.matches(FOCUSABLE).unwrap_or(false));
    let focusable: Vec<_> = focusable
        .into_iter()
        .filter(|el| el.offset_width() > 0 || el.offset_height() > 0)
        .collect();
    let (Some(first), Some(last)) = (focusable.first(), focusable.last()) else {
        event.prevent_default();
        return;
    };
    let active = crate::dom::active_element();
    let inside = active.as_ref().is_some_and(|a| focusable.contains(a));
    let backwards = event.shift_key();
    if backwards && (!inside || active.as_ref() == Some(first)) {
        event.prevent_default();
        let _ = last.focus();
    } else if !backwards && (!inside || active.as_ref() == Some(last)) {
        event.prevent_default();
        let _ = first.focus();
    }
}

fn modal_context(component: &str) -> Option<ModalContext> {
    super::part_context(component, "its <Dialog>, <AlertDialog> or <Drawer>")
}

fn trigger_view(
    component: &str,
    variant: Variant,
    size: Size,
    color: Option<Color>,
    class: Option<String>,
    children: Children,
) -> impl IntoView {
    let ctx = modal_context(component);
    let open = ctx.as_ref().map(|c| c.open);
    view! {
        <button
            type="button"
            class=class_list("kiln-button", class.as_deref())
            data-variant=variant.as_str()
            data-size=size.as_str()
            data-accent=color.map(Color::as_str)
            id=ctx.as_ref().map(|c| c.trigger_id.to_string())
            aria-haspopup="dialog"
            aria-expanded=move || open.is_some_and(|o| o.get()).to_string()
            aria-controls=ctx.as_ref().map(|c| c.content_id.to_string())
            on:click=move |_| {
                if let Some(open) = open {
                    open.set(true);
                }
            }
        >
            {children()}
        </button>
    }
}

fn content_view(
    component: &str,
    title: String,
    description: Option<String>,
    size: Size,
    class: Option<String>,
    children: Children,
) -> impl IntoView {
    let ctx = modal_context(component);
    let (kind, side) = match ctx.as_ref().map(|c| c.kind) {
        Some(Kind::Alert) => ("alert", None),
        Some(Kind::Drawer(side)) => ("drawer", Some(side.as_str())),
        _ => ("dialog", None),
    };
    let own = match kind {
        "drawer" => "kiln-dialog kiln-drawer",
        _ => "kiln-dialog",
    };
    let id = |f: fn(&ModalContext) -> &Arc<str>| ctx.as_ref().map(|c| f(c).to_string());
    let described = description.is_some();
    let open = ctx.as_ref().map(|c| c.open);
    let on_close = {
        #[cfg(feature = "hydrate")]
        let ctx = ctx.clone();
        move |_| {
            if let Some(open) = open
                && open.get_untracked()
            {
                open.set(false);
            }
            #[cfg(feature = "hydrate")]
            if let Some(ctx) = &ctx {
                ctx.focus_return.restore(&ctx.trigger_id);
            }
        }
    };
    // A press and release on the <dialog> itself, not on its panel, is a click on the backdrop
    // (a text selection dragged out of the panel is not).
    let pressed_backdrop = StoredValue::new(false);
    #[cfg(feature = "hydrate")]
    let on_backdrop = {
        let content_id = id(|c| &c.content_id).unwrap_or_default();
        move |event: &web_sys::Event| {
            crate::dom::target_element(event).is_some_and(|el| el.id() == content_id)
        }
    };
    #[cfg(feature = "hydrate")]
    let on_backdrop2 = on_backdrop.clone();
    let on_pointerdown = move |_event: leptos::ev::PointerEvent| {
        #[cfg(feature = "hydrate")]
        pressed_backdrop.set_value(on_backdrop(&_event));
    };
    let on_click = move |_event: leptos::ev::MouseEvent| {
        #[cfg(feature = "hydrate")]
        if kind != "alert"
            && pressed_backdrop.get_value()
            && on_backdrop2(&_event)
            && let Some(open) = open
        {
            open.set(false);
        }
        pressed_backdrop.set_value(false);
    };
    let on_keydown = {
        #[cfg(feature = "hydrate")]
        let content_id = id(|c| &c.content_id).unwrap_or_default();
        move |_event: leptos::ev::KeyboardEvent| {
            #[cfg(feature = "hydrate")]
            if _event.key() == "Tab" {
                cycle_tab(&content_id, &_event);
            }
        }
    };
    view! {
        <dialog
            id=id(|c| &c.content_id)
            class=class_list(own, class.as_deref())
            role=(kind == "alert").then_some("alertdialog")
            data-size=size.as_str()
            data-side=side
            aria-labelledby=id(|c| &c.title_id)
            aria-describedby=if described { id(|c| &c.description_id) } else { None }
            on:close=on_close
            on:pointerdown=on_pointerdown
            on:click=on_click
            on:keydown=on_keydown
        >
            <div class="kiln-dialog-panel">
                <h2 class="kiln-dialog-title" id=id(|c| &c.title_id)>{title}</h2>
                {description.map(|description| {
                    view! {
                        <p class="kiln-dialog-description" id=id(|c| &c.description_id)>
                            {description}
                        </p>
                    }
                })}
                {children()}
                {(kind != "alert").then(|| {
                    view! {
                        <button
                            type="button"
                            class="kiln-icon-button kiln-dialog-close"
                            data-variant="ghost"
                            data-size="1"
                            aria-label="Close"
                            on:click=move |_| {
                                if let Some(open) = open {
                                    open.set(false);
                                }
                            }
                        >
                            {Glyph::X.view()}
                        </button>
                    }
                })}
            </div>
        </dialog>
    }
}

#[allow(clippy::too_many_arguments)]
fn close_view(
    component: &str,
    variant: Variant,
    size: Size,
    color: Option<Color>,
    class: Option<String>,
    cancel: bool,
    on_click: Option<Callback<()>>,
    children: Children,
) -> impl IntoView {
    let open = modal_context(component).map(|c| c.open);
    view! {
        <button
            type="button"
            class=class_list("kiln-button", class.as_deref())
            data-variant=variant.as_str()
            data-size=size.as_str()
            data-accent=color.map(Color::as_str)
            data-kiln-cancel=cancel.then_some("")
            on:click=move |_| {
                if let Some(callback) = on_click {
                    callback.run(());
                }
                if let Some(open) = open {
                    open.set(false);
                }
            }
        >
            {children()}
        </button>
    }
}

/// A modal dialog: a `<dialog>` opened with `showModal()`, so the rest of the page is inert
/// (focus stays inside), Escape and a click on the backdrop close it, and focus returns to
/// whatever had it (usually the [`DialogTrigger`]).
///
/// Compose it from [`DialogTrigger`], [`DialogContent`] (its `title` labels the dialog, its
/// `description` describes it) and [`DialogClose`] buttons. Pass `open` to control it from
/// outside (then the trigger is optional); `on_open_change` reports every open and close.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Rename() -> impl IntoView {
///     view! {
///         <Dialog>
///             <DialogTrigger>"Rename"</DialogTrigger>
///             <DialogContent title="Rename project" description="Letters and digits only.">
///                 <label for="name">"Name"</label>
///                 <input id="name"/>
///                 <DialogActions>
///                     <DialogClose variant=Variant::Soft>"Cancel"</DialogClose>
///                     <DialogClose>"Save"</DialogClose>
///                 </DialogActions>
///             </DialogContent>
///         </Dialog>
///     }
/// }
/// ```
#[component]
pub fn Dialog(
    /// Whether it is open: give a signal to control it (default: closed, its own state).
    #[prop(optional)]
    open: Option<RwSignal<bool>>,
    /// Called with the new state whenever it opens or closes.
    #[prop(optional, into)]
    on_open_change: Option<Callback<bool>>,
    /// The trigger and content.
    children: Children,
) -> impl IntoView {
    provide_modal(Kind::Dialog, open, on_open_change);
    children()
}

/// The button that opens its [`Dialog`]: `aria-haspopup="dialog"`, `aria-expanded`,
/// `aria-controls`. Styled as a kit button (`variant`, `size`, `color`).
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Help() -> impl IntoView {
///     view! {
///         <Dialog>
///             <DialogTrigger variant=Variant::Outline>"Help"</DialogTrigger>
///             <DialogContent title="Help">"Ask away."</DialogContent>
///         </Dialog>
///     }
/// }
/// ```
#[component]
pub fn DialogTrigger(
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
    trigger_view("DialogTrigger", variant, size, color, class, children)
}

/// The dialog itself: a closed `<dialog>` in the page's HTML, labelled by its `title` (an
/// `<h2>`) and described by its `description`, with a close button (labelled "Close").
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn About() -> impl IntoView {
///     view! {
///         <Dialog>
///             <DialogTrigger>"About"</DialogTrigger>
///             <DialogContent title="About Kiln" size=Size::S3>"A web framework."</DialogContent>
///         </Dialog>
///     }
/// }
/// ```
#[component]
pub fn DialogContent(
    /// The heading, which names the dialog (`aria-labelledby`).
    #[prop(into)]
    title: String,
    /// A sentence that describes it (`aria-describedby`).
    #[prop(optional, into)]
    description: Option<String>,
    /// Its width: `S1` (small) to `S4` (wide); default `S2`.
    #[prop(optional)]
    size: Size,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The body.
    children: Children,
) -> impl IntoView {
    content_view("DialogContent", title, description, size, class, children)
}

/// A button that closes its [`Dialog`] or [`Drawer`], after running `on_click`.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Done() -> impl IntoView {
///     view! {
///         <Dialog>
///             <DialogTrigger>"Open"</DialogTrigger>
///             <DialogContent title="Done">
///                 <DialogClose on_click=move |_| leptos::logging::log!("ok")>"OK"</DialogClose>
///             </DialogContent>
///         </Dialog>
///     }
/// }
/// ```
#[component]
pub fn DialogClose(
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
    /// Runs before the dialog closes.
    #[prop(optional, into)]
    on_click: Option<Callback<()>>,
    /// Its label.
    children: Children,
) -> impl IntoView {
    close_view(
        "DialogClose",
        variant,
        size,
        color,
        class,
        false,
        on_click,
        children,
    )
}

/// A row of a dialog's buttons, at its end.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Footer() -> impl IntoView {
///     view! { <DialogActions><button>"OK"</button></DialogActions> }
/// }
/// ```
#[component]
pub fn DialogActions(
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The buttons.
    children: Children,
) -> impl IntoView {
    view! { <div class=class_list("kiln-dialog-actions", class.as_deref())>{children()}</div> }
}
