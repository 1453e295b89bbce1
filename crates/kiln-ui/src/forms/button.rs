//! Buttons: [`Button`] and the square, icon-only [`IconButton`].

use crate::props::{Color, Size, Variant, class_list};
use leptos::prelude::*;

/// What a button does in a form: the `type` attribute.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ButtonType {
    /// Nothing by itself (the default): the app handles `on:click`.
    #[default]
    Button,
    /// Submits its form.
    Submit,
    /// Resets its form's controls.
    Reset,
}

impl ButtonType {
    /// The value of the `type` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            ButtonType::Button => "button",
            ButtonType::Submit => "submit",
            ButtonType::Reset => "reset",
        }
    }
}

/// A button: a native `<button>`, so Enter and Space press it and a form submits with it.
///
/// Variants: all five (default solid). Sizes `S1`..`S4`. `on:click` goes straight to the
/// `<button>`. While `loading`, it shows a spinner, sets `aria-busy` and is disabled.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Actions() -> impl IntoView {
///     let saving = RwSignal::new(false);
///     view! {
///         <Button on:click=move |_| saving.set(true) loading=saving>"Save"</Button>
///         <Button variant=Variant::Soft color=Color::Red size=Size::S1>"Delete"</Button>
///         <Button type_=ButtonType::Submit variant=Variant::Outline>"Send"</Button>
///     }
/// }
/// ```
#[component]
pub fn Button(
    /// How filled it is (default solid).
    #[prop(optional)]
    variant: Variant,
    /// Its size (default `S2`).
    #[prop(optional)]
    size: Size,
    /// Its accent palette (default: the theme's).
    #[prop(optional)]
    color: Option<Color>,
    /// Disabled: not focusable by a click, skipped by forms.
    #[prop(optional, into)]
    disabled: Signal<bool>,
    /// Busy: a spinner, `aria-busy="true"`, disabled.
    #[prop(optional, into)]
    loading: Signal<bool>,
    /// `button` (default), `submit` or `reset`.
    #[prop(optional)]
    type_: ButtonType,
    /// The name it submits under, with `value` (when it is the submitter).
    #[prop(optional, into)]
    name: Option<String>,
    /// The value it submits.
    #[prop(optional, into)]
    value: Option<String>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// Its label (text, an icon and text...).
    children: Children,
) -> impl IntoView {
    view! {
        <button
            type=type_.as_str()
            class=class_list("kiln-button", class.as_deref())
            data-variant=variant.as_str()
            data-size=size.as_str()
            data-accent=color.map(Color::as_str)
            name=name
            value=value
            disabled=move || disabled.get() || loading.get()
            aria-busy=move || loading.get().then_some("true")
        >
            {move || loading.get().then(|| view! { <span class="kiln-button-spinner" aria-hidden="true"></span> })}
            {children()}
        </button>
    }
}

/// A square button holding only an icon. It must be named for screen readers: `label` becomes
/// its `aria-label` (and its tooltip `title`).
///
/// Variants and sizes as [`Button`] (default solid).
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Close() -> impl IntoView {
///     view! {
///         <IconButton label="Close" variant=Variant::Ghost on:click=|_| ()>
///             <span aria-hidden="true">"×"</span>
///         </IconButton>
///     }
/// }
/// ```
#[component]
pub fn IconButton(
    /// The accessible name (required: the icon says nothing to a screen reader).
    #[prop(into)]
    label: String,
    /// How filled it is (default solid).
    #[prop(optional)]
    variant: Variant,
    /// Its size (default `S2`).
    #[prop(optional)]
    size: Size,
    /// Its accent palette (default: the theme's).
    #[prop(optional)]
    color: Option<Color>,
    /// Disabled.
    #[prop(optional, into)]
    disabled: Signal<bool>,
    /// `button` (default), `submit` or `reset`.
    #[prop(optional)]
    type_: ButtonType,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The icon.
    children: Children,
) -> impl IntoView {
    view! {
        <button
            type=type_.as_str()
            class=class_list("kiln-icon-button", class.as_deref())
            data-variant=variant.as_str()
            data-size=size.as_str()
            data-accent=color.map(Color::as_str)
            aria-label=label.clone()
            title=label
            disabled=move || disabled.get()
        >
            {children()}
        </button>
    }
}
