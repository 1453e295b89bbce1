//! On/off and one-of-many choices, all native `<input>`s: [`Checkbox`], [`CheckboxGroup`],
//! [`Switch`], [`RadioGroup`], [`SegmentedControl`].

use super::{ControlAria, Model, choice_variant};
use crate::focus::Orientation;
use crate::props::{Color, Size, Variant, class_list};
use leptos::context::Provider;
use leptos::prelude::*;

/// A checkbox with its label (the children): a native `<input type="checkbox">` inside a
/// `<label>`, so a click on the text toggles it and Space toggles it from the keyboard.
///
/// `indeterminate` shows the mixed state (a dash), e.g. for a "select all" over a partial
/// selection. Variants: surface (default), soft. Sizes `S1`..`S3`.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Terms() -> impl IntoView {
///     let agreed = RwSignal::new(false);
///     view! {
///         <Checkbox name="terms" value=agreed on_change=move |on| agreed.set(on)>
///             "I agree to the terms"
///         </Checkbox>
///     }
/// }
/// ```
#[component]
pub fn Checkbox(
    /// Checked (default: its own state, starting unchecked).
    #[prop(optional, into)]
    value: Option<Signal<bool>>,
    /// Called with the new state.
    #[prop(optional, into)]
    on_change: Option<Callback<bool>>,
    /// The form field's name.
    #[prop(optional, into)]
    name: Option<String>,
    /// What it submits when checked (default the browser's, `"on"`).
    #[prop(optional, into)]
    form_value: Option<String>,
    /// Shows the mixed state, whatever `value` is.
    #[prop(optional, into)]
    indeterminate: Signal<bool>,
    /// Required to submit.
    #[prop(optional)]
    required: bool,
    /// Disabled.
    #[prop(optional, into)]
    disabled: Signal<bool>,
    /// Its size (default `S2`).
    #[prop(optional)]
    size: Size,
    /// Surface (default) or soft.
    #[prop(optional)]
    variant: Option<Variant>,
    /// Its accent palette.
    #[prop(optional)]
    color: Option<Color>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The label.
    children: Children,
) -> impl IntoView {
    let model = Model::new(value, on_change, false);
    let aria = ControlAria::new(None);
    view! {
        <label
            class=class_list("kiln-checkbox", class.as_deref())
            data-variant=choice_variant(variant)
            data-size=size.as_str()
            data-accent=color.map(Color::as_str)
            data-disabled=move || disabled.get().then_some("true")
        >
            <input
                class="kiln-checkbox-input"
                type="checkbox"
                id=aria.id.clone()
                aria-describedby=aria.described_by()
                aria-invalid=aria.invalid()
                name=name
                value=form_value
                required=required
                disabled=move || disabled.get()
                checked=move || model.get()
                prop:checked=move || model.get()
                data-indeterminate=move || indeterminate.get().then_some("true")
                prop:indeterminate=move || indeterminate.get()
                on:change=move |event| model.set(event_target_checked(&event))
            />
            <span class="kiln-checkbox-label">{children()}</span>
        </label>
    }
}

/// A switch: an on/off setting that applies at once. A native checkbox with `role="switch"`
/// (and `aria-checked`) inside a `<label>`, drawn as a track and thumb.
///
/// Sizes `S1`..`S3`.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Notifications() -> impl IntoView {
///     let on = RwSignal::new(true);
///     view! { <Switch value=on on_change=move |v| on.set(v)>"Email me"</Switch> }
/// }
/// ```
#[component]
pub fn Switch(
    /// On (default: its own state, starting off).
    #[prop(optional, into)]
    value: Option<Signal<bool>>,
    /// Called with the new state.
    #[prop(optional, into)]
    on_change: Option<Callback<bool>>,
    /// The form field's name (submits `"on"` when on).
    #[prop(optional, into)]
    name: Option<String>,
    /// Disabled.
    #[prop(optional, into)]
    disabled: Signal<bool>,
    /// Its size (default `S2`).
    #[prop(optional)]
    size: Size,
    /// Its accent palette.
    #[prop(optional)]
    color: Option<Color>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The label.
    children: Children,
) -> impl IntoView {
    let model = Model::new(value, on_change, false);
    let aria = ControlAria::new(None);
    view! {
        <label
            class=class_list("kiln-switch", class.as_deref())
            data-size=size.as_str()
            data-accent=color.map(Color::as_str)
            data-disabled=move || disabled.get().then_some("true")
        >
            <input
                class="kiln-switch-input"
                type="checkbox"
                role="switch"
                id=aria.id.clone()
                aria-describedby=aria.described_by()
                aria-invalid=aria.invalid()
                name=name
                disabled=move || disabled.get()
                checked=move || model.get()
                prop:checked=move || model.get()
                aria-checked=move || model.get().to_string()
                on:change=move |event| model.set(event_target_checked(&event))
            />
            <span class="kiln-switch-label">{children()}</span>
        </label>
    }
}

/// What a [`CheckboxGroup`] tells its items.
#[derive(Clone)]
struct CheckboxGroupContext {
    model: Model<Vec<String>>,
    name: Option<String>,
    disabled: Signal<bool>,
}

/// A set of checkboxes under one heading (a `<fieldset>` and `<legend>`), whose value is the
/// list of the checked items' values, in the items' order. Each item posts under `name`.
///
/// Sizes `S1`..`S3`; `orientation` vertical (default) or horizontal.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Toppings() -> impl IntoView {
///     let chosen = RwSignal::new(vec!["cheese".to_owned()]);
///     view! {
///         <CheckboxGroup legend="Toppings" name="toppings" value=chosen on_change=move |v| chosen.set(v)>
///             <CheckboxGroupItem value="cheese">"Cheese"</CheckboxGroupItem>
///             <CheckboxGroupItem value="olives">"Olives"</CheckboxGroupItem>
///         </CheckboxGroup>
///     }
/// }
/// ```
#[component]
pub fn CheckboxGroup(
    /// The group's heading.
    #[prop(into)]
    legend: String,
    /// The checked items' values (default: its own state, starting with none).
    #[prop(optional, into)]
    value: Option<Signal<Vec<String>>>,
    /// Called with the checked items' values.
    #[prop(optional, into)]
    on_change: Option<Callback<Vec<String>>>,
    /// The form field's name, shared by every item.
    #[prop(optional, into)]
    name: Option<String>,
    /// Vertical (default) or horizontal.
    #[prop(optional)]
    orientation: Option<Orientation>,
    /// Disables every item.
    #[prop(optional, into)]
    disabled: Signal<bool>,
    /// Its size (default `S2`).
    #[prop(optional)]
    size: Size,
    /// Its accent palette.
    #[prop(optional)]
    color: Option<Color>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// [`CheckboxGroupItem`]s.
    children: Children,
) -> impl IntoView {
    let context = CheckboxGroupContext {
        model: Model::new(value, on_change, Vec::new()),
        name,
        disabled,
    };
    view! {
        <fieldset
            class=class_list("kiln-choice-group kiln-checkbox-group", class.as_deref())
            data-size=size.as_str()
            data-orientation=orientation_name(orientation)
            data-accent=color.map(Color::as_str)
            disabled=move || disabled.get()
        >
            <legend class="kiln-choice-group-legend">{legend}</legend>
            <div class="kiln-choice-group-items">
                <Provider value=context>{children()}</Provider>
            </div>
        </fieldset>
    }
}

/// One checkbox of a [`CheckboxGroup`]: its `value` and, as children, its label.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Days() -> impl IntoView {
///     view! {
///         <CheckboxGroup legend="Days">
///             <CheckboxGroupItem value="mon">"Monday"</CheckboxGroupItem>
///             <CheckboxGroupItem value="sun" disabled=true>"Sunday"</CheckboxGroupItem>
///         </CheckboxGroup>
///     }
/// }
/// ```
#[component]
pub fn CheckboxGroupItem(
    /// What it adds to the group's value, and posts, when checked.
    #[prop(into)]
    value: String,
    /// Disabled.
    #[prop(optional, into)]
    disabled: Signal<bool>,
    /// The label.
    children: Children,
) -> impl IntoView {
    let context = use_context::<CheckboxGroupContext>().unwrap_or_else(|| CheckboxGroupContext {
        model: Model::new(None, None, Vec::new()),
        name: None,
        disabled: Signal::default(),
    });
    let model = context.model;
    let group_disabled = context.disabled;
    let checked = {
        let value = value.clone();
        move || model.get().contains(&value)
    };
    let toggle = {
        let value = value.clone();
        move |on: bool| {
            let mut chosen = model.get_untracked();
            chosen.retain(|item| *item != value);
            if on {
                chosen.push(value.clone());
            }
            model.set(chosen);
        }
    };
    view! {
        <label
            class="kiln-checkbox"
            data-disabled=move || (disabled.get() || group_disabled.get()).then_some("true")
        >
            <input
                class="kiln-checkbox-input"
                type="checkbox"
                name=context.name
                value=value
                disabled=move || disabled.get()
                checked=checked.clone()
                prop:checked=checked
                on:change=move |event| toggle(event_target_checked(&event))
            />
            <span class="kiln-checkbox-label">{children()}</span>
        </label>
    }
}

/// `data-orientation` of a group: vertical unless horizontal.
fn orientation_name(orientation: Option<Orientation>) -> &'static str {
    match orientation {
        Some(Orientation::Horizontal) => "horizontal",
        _ => "vertical",
    }
}

/// What a [`RadioGroup`] or [`SegmentedControl`] tells its items.
#[derive(Clone)]
struct RadioContext {
    model: Model<String>,
    name: String,
    disabled: Signal<bool>,
    /// `kiln-radio` or `kiln-segment`.
    item_class: &'static str,
}

impl RadioContext {
    fn orphan(item_class: &'static str) -> Self {
        RadioContext {
            model: Model::new(None, None, String::new()),
            name: crate::id::use_id("radio"),
            disabled: Signal::default(),
            item_class,
        }
    }
}

/// One of many: native radio buttons sharing a `name`, under a `<fieldset>` and `<legend>`
/// (`role="radiogroup"`). Tab enters the group at the chosen item; the arrow keys move the
/// choice, natively.
///
/// Sizes `S1`..`S3`; `orientation` vertical (default) or horizontal; variants surface (default)
/// and soft.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Plan() -> impl IntoView {
///     let plan = RwSignal::new("free".to_owned());
///     view! {
///         <RadioGroup legend="Plan" name="plan" value=plan on_change=move |v| plan.set(v)>
///             <RadioGroupItem value="free">"Free"</RadioGroupItem>
///             <RadioGroupItem value="pro">"Pro"</RadioGroupItem>
///         </RadioGroup>
///     }
/// }
/// ```
#[component]
pub fn RadioGroup(
    /// The group's heading.
    #[prop(into)]
    legend: String,
    /// The chosen item's value (default: its own state, starting with none).
    #[prop(optional, into)]
    value: Option<Signal<String>>,
    /// Called with the chosen item's value.
    #[prop(optional, into)]
    on_change: Option<Callback<String>>,
    /// The form field's name, shared by every radio (default: a generated one).
    #[prop(optional, into)]
    name: Option<String>,
    /// Vertical (default) or horizontal.
    #[prop(optional)]
    orientation: Option<Orientation>,
    /// Disables every item.
    #[prop(optional, into)]
    disabled: Signal<bool>,
    /// Its size (default `S2`).
    #[prop(optional)]
    size: Size,
    /// Surface (default) or soft.
    #[prop(optional)]
    variant: Option<Variant>,
    /// Its accent palette.
    #[prop(optional)]
    color: Option<Color>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// [`RadioGroupItem`]s.
    children: Children,
) -> impl IntoView {
    let id = crate::id::use_id("radio-group");
    let legend_id = format!("{id}-legend");
    let labelled_by = legend_id.clone();
    let context = RadioContext {
        model: Model::new(value, on_change, String::new()),
        name: name.unwrap_or(id),
        disabled,
        item_class: "kiln-radio",
    };
    view! {
        <fieldset
            class=class_list("kiln-choice-group kiln-radio-group", class.as_deref())
            role="radiogroup"
            aria-labelledby=labelled_by
            data-variant=choice_variant(variant)
            data-size=size.as_str()
            data-orientation=orientation_name(orientation)
            data-accent=color.map(Color::as_str)
            disabled=move || disabled.get()
        >
            <legend class="kiln-choice-group-legend" id=legend_id>{legend}</legend>
            <div class="kiln-choice-group-items">
                <Provider value=context>{children()}</Provider>
            </div>
        </fieldset>
    }
}

/// One radio of a [`RadioGroup`]: its `value` and, as children, its label.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Speed() -> impl IntoView {
///     view! {
///         <RadioGroup legend="Delivery">
///             <RadioGroupItem value="standard">"Standard"</RadioGroupItem>
///             <RadioGroupItem value="express" disabled=true>"Express"</RadioGroupItem>
///         </RadioGroup>
///     }
/// }
/// ```
#[component]
pub fn RadioGroupItem(
    /// What the group's value becomes, and what posts, when it is chosen.
    #[prop(into)]
    value: String,
    /// Disabled: skipped by the arrow keys.
    #[prop(optional, into)]
    disabled: Signal<bool>,
    /// The label.
    children: Children,
) -> impl IntoView {
    let context =
        use_context::<RadioContext>().unwrap_or_else(|| RadioContext::orphan("kiln-radio"));
    radio_item(context, value, disabled, children)
}

/// A radio (or segment) in its label.
fn radio_item(
    context: RadioContext,
    value: String,
    disabled: Signal<bool>,
    children: Children,
) -> impl IntoView {
    let model = context.model;
    let group_disabled = context.disabled;
    let checked = {
        let value = value.clone();
        move || model.with(|current| *current == value)
    };
    let choose = value.clone();
    view! {
        <label
            class=context.item_class
            data-disabled=move || (disabled.get() || group_disabled.get()).then_some("true")
        >
            <input
                class=format!("{}-input", context.item_class)
                type="radio"
                name=context.name
                value=value
                disabled=move || disabled.get()
                checked=checked.clone()
                prop:checked=checked
                on:change=move |_| model.set(choose.clone())
            />
            <span class=format!("{}-label", context.item_class)>{children()}</span>
        </label>
    }
}

/// A row of segments, one chosen: a radio group drawn as a segmented button bar. Native radios
/// underneath, so a form posts the choice, and the arrow keys move it.
///
/// Sizes `S1`..`S3`. `label` names the group for screen readers.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn View() -> impl IntoView {
///     let view = RwSignal::new("list".to_owned());
///     view! {
///         <SegmentedControl label="View" value=view on_change=move |v| view.set(v)>
///             <SegmentedControlItem value="list">"List"</SegmentedControlItem>
///             <SegmentedControlItem value="grid">"Grid"</SegmentedControlItem>
///         </SegmentedControl>
///     }
/// }
/// ```
#[component]
pub fn SegmentedControl(
    /// The accessible name of the group.
    #[prop(into)]
    label: String,
    /// The chosen segment's value (default: its own state, starting with none).
    #[prop(optional, into)]
    value: Option<Signal<String>>,
    /// Called with the chosen segment's value.
    #[prop(optional, into)]
    on_change: Option<Callback<String>>,
    /// The form field's name (default: a generated one).
    #[prop(optional, into)]
    name: Option<String>,
    /// Disables every segment.
    #[prop(optional, into)]
    disabled: Signal<bool>,
    /// Its size (default `S2`).
    #[prop(optional)]
    size: Size,
    /// Its accent palette.
    #[prop(optional)]
    color: Option<Color>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// [`SegmentedControlItem`]s.
    children: Children,
) -> impl IntoView {
    let id = crate::id::use_id("segmented");
    let context = RadioContext {
        model: Model::new(value, on_change, String::new()),
        name: name.unwrap_or(id),
        disabled,
        item_class: "kiln-segment",
    };
    view! {
        <fieldset
            class=class_list("kiln-segmented-control", class.as_deref())
            role="radiogroup"
            aria-label=label
            data-size=size.as_str()
            data-accent=color.map(Color::as_str)
            disabled=move || disabled.get()
        >
            <Provider value=context>{children()}</Provider>
        </fieldset>
    }
}

/// One segment of a [`SegmentedControl`]: its `value` and, as children, its label.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Range() -> impl IntoView {
///     view! {
///         <SegmentedControl label="Range">
///             <SegmentedControlItem value="day">"Day"</SegmentedControlItem>
///             <SegmentedControlItem value="week">"Week"</SegmentedControlItem>
///         </SegmentedControl>
///     }
/// }
/// ```
#[component]
pub fn SegmentedControlItem(
    /// What the control's value becomes, and what posts, when it is chosen.
    #[prop(into)]
    value: String,
    /// Disabled.
    #[prop(optional, into)]
    disabled: Signal<bool>,
    /// The label.
    children: Children,
) -> impl IntoView {
    let context =
        use_context::<RadioContext>().unwrap_or_else(|| RadioContext::orphan("kiln-segment"));
    radio_item(context, value, disabled, children)
}
