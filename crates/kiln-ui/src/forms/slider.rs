//! [`Slider`]: a styled native range input.

use super::{ControlAria, Model, clamp, format_number};
use crate::props::{Color, Size, class_list};
use leptos::prelude::*;

/// A number chosen by dragging a thumb along a track: a native `<input type="range">`, so the
/// arrow keys, Page Up/Down, Home and End move it, and screen readers announce it.
///
/// `value_text` turns the number into what a screen reader says (`aria-valuetext`), e.g.
/// `"20 °C"`. Sizes `S1`..`S3`; the filled part of the track is in the accent color.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Volume() -> impl IntoView {
///     let volume = RwSignal::new(40.0);
///     view! {
///         <Field label="Volume">
///             <Slider
///                 value=volume
///                 on_change=move |v| volume.set(v)
///                 max=100.0
///                 step=5.0
///                 value_text=|v: f64| format!("{v}%")
///             />
///         </Field>
///     }
/// }
/// ```
#[component]
pub fn Slider(
    /// The number (default: its own state, starting at `min`).
    #[prop(optional, into)]
    value: Option<Signal<f64>>,
    /// Called with the number as it moves.
    #[prop(optional, into)]
    on_change: Option<Callback<f64>>,
    /// The form field's name.
    #[prop(optional, into)]
    name: Option<String>,
    /// The smallest (default 0).
    #[prop(optional, into)]
    min: Option<f64>,
    /// The largest (default 100).
    #[prop(optional, into)]
    max: Option<f64>,
    /// The step between values (default 1).
    #[prop(optional, into)]
    step: Option<f64>,
    /// What a screen reader says for a value (`aria-valuetext`).
    #[prop(optional, into)]
    value_text: Option<Callback<f64, String>>,
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
    /// Its accent palette.
    #[prop(optional)]
    color: Option<Color>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
) -> impl IntoView {
    let min = min.filter(|min| min.is_finite()).unwrap_or(0.0);
    let max = max
        .filter(|max| max.is_finite() && *max >= min)
        .unwrap_or(min.max(100.0));
    let step = step
        .filter(|step| step.is_finite() && *step > 0.0)
        .unwrap_or(1.0);
    let model = Model::new(value, on_change, min);
    let aria = ControlAria::new(id);
    let shown = move || format_number(clamp(model.get(), Some(min), Some(max)));
    let fill = move || {
        let span = max - min;
        let part = if span > 0.0 {
            (clamp(model.get(), Some(min), Some(max)) - min) / span
        } else {
            0.0
        };
        format!("{}%", format_number(part * 100.0))
    };
    view! {
        <input
            class=class_list("kiln-slider", class.as_deref())
            type="range"
            data-size=size.as_str()
            data-accent=color.map(Color::as_str)
            style=move || format!("--kiln-slider-fill: {}", fill())
            id=aria.id.clone()
            name=name
            min=format_number(min)
            max=format_number(max)
            step=format_number(step)
            aria-label=label
            aria-describedby=aria.described_by()
            aria-valuetext=move || value_text.map(|text| text.run(model.get()))
            disabled=move || disabled.get()
            value=shown
            prop:value=shown
            on:input=move |event| {
                if let Ok(number) = event_target_value(&event).parse::<f64>()
                    && number.is_finite()
                {
                    model.set(number);
                }
            }
        />
    }
}
