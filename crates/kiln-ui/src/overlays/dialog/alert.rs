//! [`AlertDialog`]: a modal that asks to confirm something.

use super::{Kind, close_view, content_view, provide_modal, trigger_view};
use crate::props::{Color, Size, Variant};
use leptos::prelude::*;

/// A modal dialog that asks to confirm something, usually destructive: `role="alertdialog"`,
/// focus starts on [`AlertDialogCancel`], and a click on the backdrop does not close it (Escape
/// and Cancel do). [`AlertDialogAction`] runs its `on_click` and closes.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn DeleteProject() -> impl IntoView {
///     view! {
///         <AlertDialog>
///             <AlertDialogTrigger color=Color::Red>"Delete project"</AlertDialogTrigger>
///             <AlertDialogContent title="Delete project?" description="This cannot be undone.">
///                 <DialogActions>
///                     <AlertDialogCancel>"Cancel"</AlertDialogCancel>
///                     <AlertDialogAction color=Color::Red on_click=move |_| ()>"Delete"</AlertDialogAction>
///                 </DialogActions>
///             </AlertDialogContent>
///         </AlertDialog>
///     }
/// }
/// ```
#[component]
pub fn AlertDialog(
    /// Whether it is open: give a signal to control it (default: closed, its own state).
    #[prop(optional)]
    open: Option<RwSignal<bool>>,
    /// Called with the new state whenever it opens or closes.
    #[prop(optional, into)]
    on_open_change: Option<Callback<bool>>,
    /// The trigger and content.
    children: Children,
) -> impl IntoView {
    provide_modal(Kind::Alert, open, on_open_change);
    children()
}

/// The button that opens its [`AlertDialog`]; see [`DialogTrigger`].
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Reset() -> impl IntoView {
///     view! {
///         <AlertDialog>
///             <AlertDialogTrigger>"Reset"</AlertDialogTrigger>
///             <AlertDialogContent title="Reset?"><AlertDialogCancel>"No"</AlertDialogCancel></AlertDialogContent>
///         </AlertDialog>
///     }
/// }
/// ```
#[component]
pub fn AlertDialogTrigger(
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
    trigger_view("AlertDialogTrigger", variant, size, color, class, children)
}

/// The alert dialog itself (`role="alertdialog"`), labelled by `title` and described by
/// `description`; it has no close button: put an [`AlertDialogCancel`] in it.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Leave() -> impl IntoView {
///     view! {
///         <AlertDialog>
///             <AlertDialogTrigger>"Leave"</AlertDialogTrigger>
///             <AlertDialogContent title="Leave?" description="Unsaved changes are lost.">
///                 <AlertDialogCancel>"Stay"</AlertDialogCancel>
///                 <AlertDialogAction>"Leave"</AlertDialogAction>
///             </AlertDialogContent>
///         </AlertDialog>
///     }
/// }
/// ```
#[component]
pub fn AlertDialogContent(
    /// The heading, which names the dialog (`aria-labelledby`).
    #[prop(into)]
    title: String,
    /// What will happen (`aria-describedby`).
    #[prop(optional, into)]
    description: Option<String>,
    /// Its width: `S1` to `S4`; default `S2`.
    #[prop(optional)]
    size: Size,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The body and its buttons.
    children: Children,
) -> impl IntoView {
    content_view(
        "AlertDialogContent",
        title,
        description,
        size,
        class,
        children,
    )
}

/// The safe choice of an [`AlertDialog`]: it has focus when the dialog opens, and closes it.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Keep() -> impl IntoView {
///     view! {
///         <AlertDialog>
///             <AlertDialogContent title="Discard?"><AlertDialogCancel>"Keep"</AlertDialogCancel></AlertDialogContent>
///         </AlertDialog>
///     }
/// }
/// ```
#[component]
pub fn AlertDialogCancel(
    /// How filled it is (default soft).
    #[prop(default = Variant::Soft)]
    variant: Variant,
    /// Its size (default `S2`).
    #[prop(optional)]
    size: Size,
    /// Its accent palette (default the theme's gray).
    #[prop(default = Some(Color::Gray))]
    color: Option<Color>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// Its label.
    children: Children,
) -> impl IntoView {
    close_view(
        "AlertDialogCancel",
        variant,
        size,
        color,
        class,
        true,
        None,
        children,
    )
}

/// The confirming choice of an [`AlertDialog`]: runs `on_click`, then closes the dialog.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Confirm() -> impl IntoView {
///     view! {
///         <AlertDialog>
///             <AlertDialogContent title="Publish?">
///                 <AlertDialogAction on_click=move |_| leptos::logging::log!("published")>
///                     "Publish"
///                 </AlertDialogAction>
///             </AlertDialogContent>
///         </AlertDialog>
///     }
/// }
/// ```
#[component]
pub fn AlertDialogAction(
    /// How filled it is (default solid).
    #[prop(optional)]
    variant: Variant,
    /// Its size (default `S2`).
    #[prop(optional)]
    size: Size,
    /// Its accent palette (e.g. red for a deletion).
    #[prop(optional)]
    color: Option<Color>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// What the action does.
    #[prop(optional, into)]
    on_click: Option<Callback<()>>,
    /// Its label.
    children: Children,
) -> impl IntoView {
    close_view(
        "AlertDialogAction",
        variant,
        size,
        color,
        class,
        false,
        on_click,
        children,
    )
}
