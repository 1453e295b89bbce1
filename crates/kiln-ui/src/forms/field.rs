//! Forms and fields: [`Form`], [`Field`] (label, description and error around one control),
//! [`Label`], [`FieldDescription`], [`FieldError`].

use super::FieldContext;
use crate::props::{Size, class_list};
use leptos::context::Provider;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

/// A `<form>`. With `action` (and `method`) it posts natively, JavaScript or not; `on_submit`
/// sees the submit event first (call `event.prevent_default()` to handle it in the browser
/// instead).
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Search() -> impl IntoView {
///     view! {
///         <Form action="/search" method="get">
///             <Field label="Search">
///                 <TextField name="q" type_=TextFieldType::Search/>
///             </Field>
///             <Button type_=ButtonType::Submit>"Go"</Button>
///         </Form>
///     }
/// }
/// ```
#[component]
pub fn Form(
    /// Where it posts (default: the current page).
    #[prop(optional, into)]
    action: Option<String>,
    /// `get` or `post` (default: the browser's, `get`).
    #[prop(optional, into)]
    method: Option<String>,
    /// Skip the browser's own validation bubbles (the app shows errors in [`Field`]s).
    #[prop(optional)]
    novalidate: bool,
    /// Called with the submit event before the browser submits.
    #[prop(optional, into)]
    on_submit: Option<Callback<SubmitEvent>>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The fields and buttons.
    children: Children,
) -> impl IntoView {
    view! {
        <form
            class=class_list("kiln-form", class.as_deref())
            action=action
            method=method
            novalidate=novalidate
            on:submit=move |event| {
                if let Some(on_submit) = on_submit {
                    on_submit.run(event);
                }
            }
        >
            {children()}
        </form>
    }
}

/// One labelled control, with an optional description and error. It gives the control inside
/// (a [`TextField`](crate::TextField), [`TextArea`](crate::TextArea),
/// [`Select`](crate::Select), [`NumberField`](crate::NumberField),
/// [`DateField`](crate::DateField), [`Slider`](crate::Slider), [`Checkbox`](crate::Checkbox),
/// [`Switch`](crate::Switch)) its `id` (over any `id` the control was given), so the label
/// points at it, and sets the control's `aria-describedby` (description, then error) and `aria-invalid`
/// while `error` holds a message.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Email() -> impl IntoView {
///     let email = RwSignal::new(String::new());
///     let error = Signal::derive(move || {
///         (!email.get().contains('@')).then(|| "Enter an email address".to_owned())
///     });
///     view! {
///         <Field label="Email" description="We never share it." error=error>
///             <TextField type_=TextFieldType::Email name="email" value=email on_change=move |v| email.set(v)/>
///         </Field>
///     }
/// }
/// ```
#[component]
pub fn Field(
    /// The label's text.
    #[prop(into)]
    label: String,
    /// A hint under the control.
    #[prop(optional, into)]
    description: Option<String>,
    /// The error message, while there is one.
    #[prop(optional, into)]
    error: Signal<Option<String>>,
    /// The label's size (default `S2`).
    #[prop(optional)]
    size: Size,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The control.
    children: Children,
) -> impl IntoView {
    let id = crate::id::use_id("field");
    let context = FieldContext {
        id: id.clone(),
        description_id: description.as_ref().map(|_| format!("{id}-description")),
        error_id: format!("{id}-error"),
        error,
    };
    let description_id = context.description_id.clone();
    let error_id = context.error_id.clone();
    view! {
        <div
            class=class_list("kiln-field", class.as_deref())
            data-size=size.as_str()
            data-invalid=move || error.with(Option::is_some).then_some("true")
        >
            <label class="kiln-label" for=id>{label}</label>
            <Provider value=context>{children()}</Provider>
            {description.map(|text| view! { <FieldDescription id=description_id.unwrap_or_default()>{text}</FieldDescription> })}
            <FieldError id=error_id>{move || error.get()}</FieldError>
        </div>
    }
}

/// A form label. Inside a [`Field`] it points at the field's control unless given `for_`.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Named() -> impl IntoView {
///     view! {
///         <Label for_="nickname">"Nickname"</Label>
///         <input id="nickname" name="nickname"/>
///     }
/// }
/// ```
#[component]
pub fn Label(
    /// The id of the control it labels (default: the enclosing field's control).
    #[prop(optional, into)]
    for_: Option<String>,
    /// Its size (default `S2`).
    #[prop(optional)]
    size: Size,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The text.
    children: Children,
) -> impl IntoView {
    let target = for_.or_else(|| use_context::<FieldContext>().map(|field| field.id));
    view! {
        <label class=class_list("kiln-label", class.as_deref()) data-size=size.as_str() for=target>
            {children()}
        </label>
    }
}

/// A hint under a control, in the low-contrast gray. Point the control's `aria-describedby` at
/// its `id` ([`Field`] does this itself).
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Hint() -> impl IntoView {
///     view! { <FieldDescription id="pw-hint">"At least 12 characters."</FieldDescription> }
/// }
/// ```
#[component]
pub fn FieldDescription(
    /// Its id, for `aria-describedby`.
    #[prop(optional, into)]
    id: Option<String>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The text.
    children: Children,
) -> impl IntoView {
    view! {
        <p class=class_list("kiln-field-description", class.as_deref()) id=id>
            {children()}
        </p>
    }
}

/// An error message under a control, in red, in a polite live region: screen readers announce
/// it when it appears. Empty, it takes no space.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Problem() -> impl IntoView {
///     view! { <FieldError id="name-error">"Enter your name."</FieldError> }
/// }
/// ```
#[component]
pub fn FieldError(
    /// Its id, for `aria-describedby`.
    #[prop(optional, into)]
    id: Option<String>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The message.
    children: Children,
) -> impl IntoView {
    view! {
        <p
            class=class_list("kiln-field-error", class.as_deref())
            id=id
            data-accent="red"
            aria-live="polite"
        >
            {children()}
        </p>
    }
}
