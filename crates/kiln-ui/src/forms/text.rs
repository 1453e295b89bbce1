//! Text inputs: [`TextField`], [`TextArea`], [`NumberField`], [`DateField`].

use super::{ControlAria, Model, clamp, field_variant, format_number};
use crate::glyph::Glyph;
use crate::props::{Color, Size, Variant, class_list};
use leptos::prelude::*;

/// The kind of text a [`TextField`] takes: its `<input type>`, which picks the phone keyboard,
/// autofill and the browser's own checks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TextFieldType {
    /// Any text (the default).
    #[default]
    Text,
    /// An email address.
    Email,
    /// A password: hidden as typed.
    Password,
    /// A search query (with a clear button in some browsers).
    Search,
    /// A URL.
    Url,
    /// A phone number.
    Tel,
}

impl TextFieldType {
    /// The value of the `type` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            TextFieldType::Text => "text",
            TextFieldType::Email => "email",
            TextFieldType::Password => "password",
            TextFieldType::Search => "search",
            TextFieldType::Url => "url",
            TextFieldType::Tel => "tel",
        }
    }
}

/// Which ways a [`TextArea`] can be resized by its corner handle.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TextAreaResize {
    /// Not at all.
    None,
    /// Taller or shorter (the default).
    #[default]
    Vertical,
    /// Wider or narrower.
    Horizontal,
    /// Both ways.
    Both,
}

impl TextAreaResize {
    /// The value of `data-resize` (and of CSS `resize`).
    pub fn as_str(self) -> &'static str {
        match self {
            TextAreaResize::None => "none",
            TextAreaResize::Vertical => "vertical",
            TextAreaResize::Horizontal => "horizontal",
            TextAreaResize::Both => "both",
        }
    }
}

/// A one-line text input (`<input type="text">`, or email, password, search, url, tel), with
/// optional `leading` and `trailing` slots (an icon, a unit, a button).
///
/// Variants: surface (default), soft, ghost. Sizes `S1`..`S3`. `on_change` fires on every
/// keystroke. Inside a [`Field`](crate::Field) it takes the field's id, description and error;
/// alone, give it a `label` (its `aria-label`).
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Find() -> impl IntoView {
///     let query = RwSignal::new(String::new());
///     view! {
///         <TextField
///             label="Search"
///             type_=TextFieldType::Search
///             placeholder="Search the docs"
///             leading=|| view! { <span aria-hidden="true">"⌕"</span> }
///             value=query
///             on_change=move |text| query.set(text)
///         />
///     }
/// }
/// ```
#[component]
pub fn TextField(
    /// The text (default: its own state, starting empty).
    #[prop(optional, into)]
    value: Option<Signal<String>>,
    /// Called with the text on every edit.
    #[prop(optional, into)]
    on_change: Option<Callback<String>>,
    /// The form field's name.
    #[prop(optional, into)]
    name: Option<String>,
    /// Which kind of text (default text).
    #[prop(optional)]
    type_: TextFieldType,
    /// Shown while empty (never instead of a label).
    #[prop(optional, into)]
    placeholder: Option<String>,
    /// The accessible name, when not in a [`Field`](crate::Field) or labelled otherwise.
    #[prop(optional, into)]
    label: Option<String>,
    /// The input's id outside a [`Field`](crate::Field); inside one the field's id wins, so
    /// the field's label names the control.
    #[prop(optional, into)]
    id: Option<String>,
    /// The browser's `autocomplete` hint (`"email"`, `"new-password"`...).
    #[prop(optional, into)]
    autocomplete: Option<String>,
    /// Required to submit.
    #[prop(optional)]
    required: bool,
    /// Shown before the text.
    #[prop(optional, into)]
    leading: Option<ViewFn>,
    /// Shown after the text.
    #[prop(optional, into)]
    trailing: Option<ViewFn>,
    /// Disabled.
    #[prop(optional, into)]
    disabled: Signal<bool>,
    /// Its size (default `S2`).
    #[prop(optional)]
    size: Size,
    /// Surface (default), soft or ghost.
    #[prop(optional)]
    variant: Option<Variant>,
    /// Its accent palette (focus ring, soft tint).
    #[prop(optional)]
    color: Option<Color>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
) -> impl IntoView {
    let model = Model::new(value, on_change, String::new());
    let aria = ControlAria::new(id);
    view! {
        <div
            class=class_list("kiln-text-field", class.as_deref())
            data-variant=field_variant(variant)
            data-size=size.as_str()
            data-accent=color.map(Color::as_str)
        >
            {leading.map(|slot| view! { <span class="kiln-text-field-slot">{slot.run()}</span> })}
            <input
                class="kiln-text-field-input"
                type=type_.as_str()
                id=aria.id.clone()
                name=name
                placeholder=placeholder
                autocomplete=autocomplete
                required=required
                aria-label=label
                aria-describedby=aria.described_by()
                aria-invalid=aria.invalid()
                disabled=move || disabled.get()
                value=move || model.get()
                prop:value=move || model.get()
                on:input=move |event| model.set(event_target_value(&event))
            />
            {trailing.map(|slot| view! { <span class="kiln-text-field-slot">{slot.run()}</span> })}
        </div>
    }
}

/// A multi-line text input (`<textarea>`).
///
/// Variants: surface (default), soft, ghost. Sizes `S1`..`S3`. `on_change` fires on every
/// keystroke. Inside a [`Field`](crate::Field) it takes the field's id, description and error.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Feedback() -> impl IntoView {
///     view! {
///         <Field label="Feedback">
///             <TextArea name="feedback" rows=5 resize=TextAreaResize::None placeholder="Tell us"/>
///         </Field>
///     }
/// }
/// ```
#[component]
pub fn TextArea(
    /// The text (default: its own state, starting empty).
    #[prop(optional, into)]
    value: Option<Signal<String>>,
    /// Called with the text on every edit.
    #[prop(optional, into)]
    on_change: Option<Callback<String>>,
    /// The form field's name.
    #[prop(optional, into)]
    name: Option<String>,
    /// Visible lines (default 3).
    #[prop(optional)]
    rows: Option<u32>,
    /// Which ways it can be resized (default vertically).
    #[prop(optional)]
    resize: TextAreaResize,
    /// Shown while empty.
    #[prop(optional, into)]
    placeholder: Option<String>,
    /// The accessible name, when not in a [`Field`](crate::Field).
    #[prop(optional, into)]
    label: Option<String>,
    /// The textarea's id outside a [`Field`](crate::Field); inside one the field's id wins, so
    /// the field's label names the control.
    #[prop(optional, into)]
    id: Option<String>,
    /// Required to submit.
    #[prop(optional)]
    required: bool,
    /// Disabled.
    #[prop(optional, into)]
    disabled: Signal<bool>,
    /// Its size (default `S2`).
    #[prop(optional)]
    size: Size,
    /// Surface (default), soft or ghost.
    #[prop(optional)]
    variant: Option<Variant>,
    /// Its accent palette.
    #[prop(optional)]
    color: Option<Color>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
) -> impl IntoView {
    let model = Model::new(value, on_change, String::new());
    let aria = ControlAria::new(id);
    let initial = model.get_untracked();
    view! {
        <textarea
            class=class_list("kiln-text-area", class.as_deref())
            data-variant=field_variant(variant)
            data-size=size.as_str()
            data-resize=resize.as_str()
            data-accent=color.map(Color::as_str)
            id=aria.id.clone()
            name=name
            rows=rows.unwrap_or(3)
            placeholder=placeholder
            required=required
            aria-label=label
            aria-describedby=aria.described_by()
            aria-invalid=aria.invalid()
            disabled=move || disabled.get()
            prop:value=move || model.get()
            on:input=move |event| model.set(event_target_value(&event))
            // The starting text as the element's content (what a form posts with JavaScript
            // off); no child nodes, so hydration has nothing to match inside a textarea.
            inner_html=escape_text(&initial)
        ></textarea>
    }
}

/// `text` as HTML text content.
fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A number input (`<input type="number">`) between a − and a + button ("Decrease",
/// "Increase"). Arrow keys step it natively; the buttons and a committed edit keep it within
/// `min..=max`.
///
/// Variants: surface (default), soft, ghost. Sizes `S1`..`S3`.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Guests() -> impl IntoView {
///     let guests = RwSignal::new(2.0);
///     view! {
///         <Field label="Guests">
///             <NumberField value=guests on_change=move |n| guests.set(n) min=1.0 max=8.0/>
///         </Field>
///     }
/// }
/// ```
#[component]
pub fn NumberField(
    /// The number (default: its own state, starting at `min` or 0).
    #[prop(optional, into)]
    value: Option<Signal<f64>>,
    /// Called with the number on every valid edit.
    #[prop(optional, into)]
    on_change: Option<Callback<f64>>,
    /// The form field's name.
    #[prop(optional, into)]
    name: Option<String>,
    /// The smallest allowed.
    #[prop(optional, into)]
    min: Option<f64>,
    /// The largest allowed.
    #[prop(optional, into)]
    max: Option<f64>,
    /// How much the arrows and buttons change it (default 1).
    #[prop(optional, into)]
    step: Option<f64>,
    /// The accessible name, when not in a [`Field`](crate::Field).
    #[prop(optional, into)]
    label: Option<String>,
    /// The input's id outside a [`Field`](crate::Field); inside one the field's id wins, so
    /// the field's label names the control.
    #[prop(optional, into)]
    id: Option<String>,
    /// Disabled.
    #[prop(optional, into)]
    disabled: Signal<bool>,
    /// Its size (default `S2`).
    #[prop(optional)]
    size: Size,
    /// Surface (default), soft or ghost.
    #[prop(optional)]
    variant: Option<Variant>,
    /// Its accent palette.
    #[prop(optional)]
    color: Option<Color>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
) -> impl IntoView {
    let step = step
        .filter(|step| step.is_finite() && *step > 0.0)
        .unwrap_or(1.0);
    let model = Model::new(value, on_change, clamp(0.0, min, max));
    let aria = ControlAria::new(id);
    let shown = move || format_number(model.get());
    let nudge = move |by: f64| {
        let next = clamp(model.get_untracked() + by, min, max);
        model.set((next * 1e9).round() / 1e9);
    };
    let at_min = move || min.is_some_and(|min| model.get() <= min);
    let at_max = move || max.is_some_and(|max| model.get() >= max);
    let input_ref = NodeRef::<leptos::html::Input>::new();
    // Shows a new number (a step, the app's `value`) in the input, but only when its text does
    // not already read as that number: writing on every keystroke would turn `1.0` into `1`
    // and `1.05` into `15`, and an unfinished `1.` must stay as typed.
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        let number = model.get();
        if let Some(input) = input_ref.get() {
            let text = input.value();
            if text.trim().parse::<f64>().ok() != Some(number) {
                input.set_value(&format_number(number));
            }
        }
    });
    view! {
        <div
            class=class_list("kiln-text-field kiln-number-field", class.as_deref())
            data-variant=field_variant(variant)
            data-size=size.as_str()
            data-accent=color.map(Color::as_str)
        >
            <button
                type="button"
                class="kiln-number-field-step"
                aria-label="Decrease"
                disabled=move || disabled.get() || at_min()
                on:click=move |_| nudge(-step)
            >
                {Glyph::Minus.view()}
            </button>
            <input
                class="kiln-text-field-input"
                type="number"
                inputmode="decimal"
                id=aria.id.clone()
                name=name
                min=min.map(format_number)
                max=max.map(format_number)
                step=format_number(step)
                aria-label=label
                aria-describedby=aria.described_by()
                aria-invalid=aria.invalid()
                disabled=move || disabled.get()
                value=shown
                node_ref=input_ref
                on:input=move |event| {
                    if let Ok(number) = event_target_value(&event).trim().parse::<f64>()
                        && number.is_finite()
                        && clamp(number, min, max) == number
                        && number != model.get_untracked()
                    {
                        model.set(number);
                    }
                }
                on:change=move |event| {
                    let typed = event_target_value(&event).trim().parse::<f64>();
                    let next = match typed {
                        Ok(number) if number.is_finite() => clamp(number, min, max),
                        _ => model.get_untracked(),
                    };
                    model.set(next);
                    // Show the clamped number even when the value did not change.
                    #[cfg(feature = "hydrate")]
                    {
                        use wasm_bindgen::JsCast;
                        if let Some(input) = event
                            .target()
                            .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
                        {
                            input.set_value(&format_number(next));
                        }
                    }
                }
            />
            <button
                type="button"
                class="kiln-number-field-step"
                aria-label="Increase"
                disabled=move || disabled.get() || at_max()
                on:click=move |_| nudge(step)
            >
                {Glyph::Plus.view()}
            </button>
        </div>
    }
}

/// A date input (`<input type="date">`): the browser's own date picker and keyboard entry.
/// The value is an ISO date, `"2026-11-22"`, or empty.
///
/// Variants: surface (default), soft, ghost. Sizes `S1`..`S3`.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Arrival() -> impl IntoView {
///     view! {
///         <Field label="Arrival">
///             <DateField name="arrival" min="2026-01-01" max="2026-12-31"/>
///         </Field>
///     }
/// }
/// ```
#[component]
pub fn DateField(
    /// The date, as `YYYY-MM-DD` (default: its own state, starting empty).
    #[prop(optional, into)]
    value: Option<Signal<String>>,
    /// Called with the date (or `""` when cleared) on every edit.
    #[prop(optional, into)]
    on_change: Option<Callback<String>>,
    /// The form field's name.
    #[prop(optional, into)]
    name: Option<String>,
    /// The earliest allowed date, `YYYY-MM-DD`.
    #[prop(optional, into)]
    min: Option<String>,
    /// The latest allowed date, `YYYY-MM-DD`.
    #[prop(optional, into)]
    max: Option<String>,
    /// The accessible name, when not in a [`Field`](crate::Field).
    #[prop(optional, into)]
    label: Option<String>,
    /// The input's id outside a [`Field`](crate::Field); inside one the field's id wins, so
    /// the field's label names the control.
    #[prop(optional, into)]
    id: Option<String>,
    /// Required to submit.
    #[prop(optional)]
    required: bool,
    /// Disabled.
    #[prop(optional, into)]
    disabled: Signal<bool>,
    /// Its size (default `S2`).
    #[prop(optional)]
    size: Size,
    /// Surface (default), soft or ghost.
    #[prop(optional)]
    variant: Option<Variant>,
    /// Its accent palette.
    #[prop(optional)]
    color: Option<Color>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
) -> impl IntoView {
    let model = Model::new(value, on_change, String::new());
    let aria = ControlAria::new(id);
    view! {
        <div
            class=class_list("kiln-text-field kiln-date-field", class.as_deref())
            data-variant=field_variant(variant)
            data-size=size.as_str()
            data-accent=color.map(Color::as_str)
        >
            <input
                class="kiln-text-field-input"
                type="date"
                id=aria.id.clone()
                name=name
                min=min
                max=max
                required=required
                aria-label=label
                aria-describedby=aria.described_by()
                aria-invalid=aria.invalid()
                disabled=move || disabled.get()
                value=move || model.get()
                prop:value=move || model.get()
                on:input=move |event| model.set(event_target_value(&event))
            />
        </div>
    }
}
