//! [`Select`]: a styled native `<select>`, with [`SelectItem`]s and [`SelectGroup`]s.

use super::{ControlAria, Model, field_variant};
use crate::glyph::Glyph;
use crate::props::{Color, Size, Variant, class_list};
use leptos::context::Provider;
use leptos::prelude::*;

/// What a [`Select`] tells its items: the value chosen now.
#[derive(Clone, Copy)]
struct SelectContext {
    current: Signal<String>,
}

/// A choice of one among a list: a native `<select>`, styled. The keyboard works as the
/// platform's does (arrows, Home and End, type-ahead), as do screen readers and phones' pickers.
///
/// Its options are [`SelectItem`] children (grouped by [`SelectGroup`]s). With a `placeholder`,
/// a first, empty option shows it while nothing is chosen.
///
/// Variants: surface (default), soft, ghost. Sizes `S1`..`S3`.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Fruit() -> impl IntoView {
///     let fruit = RwSignal::new("apple".to_owned());
///     view! {
///         <Field label="Fruit">
///             <Select name="fruit" value=fruit on_change=move |v| fruit.set(v)>
///                 <SelectItem value="apple">"Apple"</SelectItem>
///                 <SelectItem value="banana">"Banana"</SelectItem>
///                 <SelectGroup label="Berries">
///                     <SelectItem value="blueberry">"Blueberry"</SelectItem>
///                     <SelectItem value="cherry" disabled=true>"Cherry (sold out)"</SelectItem>
///                 </SelectGroup>
///             </Select>
///         </Field>
///     }
/// }
/// ```
#[component]
pub fn Select(
    /// The chosen item's value (default: its own state, starting empty: the placeholder or the
    /// first item).
    #[prop(optional, into)]
    value: Option<Signal<String>>,
    /// Called with the chosen item's value.
    #[prop(optional, into)]
    on_change: Option<Callback<String>>,
    /// The form field's name.
    #[prop(optional, into)]
    name: Option<String>,
    /// The text of a first, empty option, shown while nothing is chosen.
    #[prop(optional, into)]
    placeholder: Option<String>,
    /// The accessible name, when not in a [`Field`](crate::Field).
    #[prop(optional, into)]
    label: Option<String>,
    /// The select's id outside a [`Field`](crate::Field); inside one the field's id wins, so
    /// the field's label names the control.
    #[prop(optional, into)]
    id: Option<String>,
    /// Required to submit (the placeholder does not count as a choice).
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
    /// [`SelectItem`]s and [`SelectGroup`]s.
    children: Children,
) -> impl IntoView {
    let model = Model::new(value, on_change, String::new());
    let aria = ControlAria::new(id);
    let context = SelectContext {
        current: Signal::derive(move || model.get()),
    };
    let placeholder = placeholder.map(|text| {
        view! {
            <option value="" disabled=required selected=move || model.get().is_empty()>
                {text}
            </option>
        }
    });
    view! {
        <div
            class=class_list("kiln-select", class.as_deref())
            data-variant=field_variant(variant)
            data-size=size.as_str()
            data-accent=color.map(Color::as_str)
        >
            <select
                class="kiln-select-input"
                id=aria.id.clone()
                name=name
                required=required
                aria-label=label
                aria-describedby=aria.described_by()
                aria-invalid=aria.invalid()
                disabled=move || disabled.get()
                on:change=move |event| model.set(event_target_value(&event))
            >
                {placeholder}
                <Provider value=context>{children()}</Provider>
            </select>
            <span class="kiln-select-icon">{Glyph::ChevronDown.view()}</span>
        </div>
    }
}

/// One option of a [`Select`]: its `value` and, as children, its text.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Sizes() -> impl IntoView {
///     view! {
///         <Select label="Size" name="size">
///             <SelectItem value="s">"Small"</SelectItem>
///             <SelectItem value="m">"Medium"</SelectItem>
///         </Select>
///     }
/// }
/// ```
#[component]
pub fn SelectItem(
    /// The value submitted and reported when chosen.
    #[prop(into)]
    value: String,
    /// Cannot be chosen.
    #[prop(optional, into)]
    disabled: Signal<bool>,
    /// Its text (plain text: a `<select>` shows nothing else).
    children: Children,
) -> impl IntoView {
    let current = use_context::<SelectContext>().map(|context| context.current);
    let selected = {
        let value = value.clone();
        move || current.is_some_and(|current| current.with(|current| *current == value))
    };
    view! {
        <option value=value disabled=move || disabled.get() selected=selected.clone() prop:selected=selected>
            {children()}
        </option>
    }
}

/// A labelled group of [`SelectItem`]s in a [`Select`] (`<optgroup>`).
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Zones() -> impl IntoView {
///     view! {
///         <Select label="Time zone">
///             <SelectGroup label="Europe">
///                 <SelectItem value="Europe/Paris">"Paris"</SelectItem>
///             </SelectGroup>
///         </Select>
///     }
/// }
/// ```
#[component]
pub fn SelectGroup(
    /// The group's heading.
    #[prop(into)]
    label: String,
    /// Its items.
    children: Children,
) -> impl IntoView {
    view! { <optgroup label=label>{children()}</optgroup> }
}
