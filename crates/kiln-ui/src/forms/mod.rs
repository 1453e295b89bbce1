//! Form components: buttons, text fields, selects, checkboxes, radios, switches, sliders, file
//! drop zones, and the [`Field`] that labels and describes any of them.
//!
//! Every control is a native form control underneath, styled by the kit: a `<form>` posts it
//! with JavaScript off, and the keyboard and screen readers work as they do natively.

mod button;
mod choice;
mod field;
mod file;
mod select;
mod slider;
mod text;

pub use button::{Button, ButtonType, IconButton};
pub use choice::{
    Checkbox, CheckboxGroup, CheckboxGroupItem, RadioGroup, RadioGroupItem, SegmentedControl,
    SegmentedControlItem, Switch,
};
pub use field::{Field, FieldDescription, FieldError, Form, Label};
pub use file::{FileDropZone, FileInfo};
pub use select::{Select, SelectGroup, SelectItem};
pub use slider::Slider;
pub use text::{DateField, NumberField, TextArea, TextAreaResize, TextField, TextFieldType};

use crate::props::Variant;
use leptos::prelude::*;

/// A control's value: it starts at the app's `value` (when given, else at `initial`), follows
/// the visitor's edits, and follows every later change of `value`; every edit also goes to
/// `on_change`. So `value=true` is a starting value, and `value=signal` with
/// `on_change=move |v| signal.set(v)` binds the control to the signal.
pub(crate) struct Model<T: Send + Sync + 'static> {
    own: RwSignal<T>,
    on_change: Option<Callback<T>>,
}

impl<T: Send + Sync + 'static> Clone for Model<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Model<T> {}

impl<T: Clone + Send + Sync + 'static> Model<T> {
    /// A model over `value` (when given) starting from `initial` otherwise.
    pub(crate) fn new(
        value: Option<Signal<T>>,
        on_change: Option<Callback<T>>,
        initial: T,
    ) -> Self {
        let start = value.map_or(initial, |value| value.get_untracked());
        let own = RwSignal::new(start);
        if let Some(value) = value {
            // In the browser only: the first HTML already shows the starting value.
            Effect::new(move |first_run: Option<()>| {
                let next = value.get();
                if first_run.is_some() {
                    own.set(next);
                }
            });
        }
        Model { own, on_change }
    }

    /// The current value (tracked).
    pub(crate) fn get(&self) -> T {
        self.own.get()
    }

    /// Reads the current value without cloning it (tracked).
    pub(crate) fn with<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        self.own.with(f)
    }

    /// The current value, untracked.
    pub(crate) fn get_untracked(&self) -> T {
        self.own.get_untracked()
    }

    /// An edit: kept, and reported through `on_change`.
    pub(crate) fn set(&self, next: T) {
        self.own.set(next.clone());
        if let Some(on_change) = self.on_change {
            on_change.run(next);
        }
    }
}

/// What a [`Field`] tells the control inside it: the id its label points at, and the ids of its
/// description and error.
#[derive(Clone)]
pub(crate) struct FieldContext {
    pub(crate) id: String,
    pub(crate) description_id: Option<String>,
    pub(crate) error_id: String,
    pub(crate) error: Signal<Option<String>>,
}

/// The `id`, `aria-describedby` and `aria-invalid` of a control. Inside a [`Field`] the id is
/// always the field's, so the field's label (`for`) names the control; the control's own `id`
/// prop applies only outside a field.
#[derive(Clone)]
pub(crate) struct ControlAria {
    pub(crate) id: Option<String>,
    field: Option<FieldContext>,
}

impl ControlAria {
    pub(crate) fn new(own_id: Option<String>) -> Self {
        let field = use_context::<FieldContext>();
        // The field's id wins: its `<label for>` is already rendered with it.
        let id = field.as_ref().map(|field| field.id.clone()).or(own_id);
        ControlAria { id, field }
    }

    /// The description's id, then the error's while there is one.
    pub(crate) fn described_by(&self) -> impl Fn() -> Option<String> + Send + Sync + use<> {
        let field = self.field.clone();
        move || {
            let field = field.as_ref()?;
            let ids: Vec<&str> = field
                .description_id
                .as_deref()
                .into_iter()
                .chain(
                    field
                        .error
                        .with(Option::is_some)
                        .then_some(field.error_id.as_str()),
                )
                .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    }

    /// `"true"` while the field has an error.
    pub(crate) fn invalid(&self) -> impl Fn() -> Option<&'static str> + Send + Sync + use<> {
        let error = self.field.as_ref().map(|field| field.error);
        move || error.and_then(|error| error.with(Option::is_some).then_some("true"))
    }
}

/// The variants text inputs and selects have: surface (default), soft and ghost; the others
/// render as surface.
pub(crate) fn field_variant(variant: Option<Variant>) -> &'static str {
    match variant {
        Some(Variant::Soft) => "soft",
        Some(Variant::Ghost) => "ghost",
        _ => "surface",
    }
}

/// The `data-variant` of a checkbox or radio group: soft, else surface (the default).
pub(crate) fn choice_variant(variant: Option<Variant>) -> &'static str {
    match variant {
        Some(Variant::Soft) => "soft",
        _ => "surface",
    }
}

/// A number as an `<input>` shows it: no trailing `.0`, no float noise (`0.30000000000000004`).
pub(crate) fn format_number(value: f64) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let rounded = (value * 1e9).round() / 1e9;
    format!("{rounded}")
}

/// `value` kept within `min..=max` (either may be absent).
pub(crate) fn clamp(value: f64, min: Option<f64>, max: Option<f64>) -> f64 {
    let value = min.map_or(value, |min| value.max(min));
    max.map_or(value, |max| value.min(max))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_format_without_noise() {
        assert_eq!(format_number(3.0), "3");
        assert_eq!(format_number(0.1 + 0.2), "0.3");
        assert_eq!(format_number(-2.5), "-2.5");
        assert_eq!(format_number(f64::NAN), "");
    }

    #[test]
    fn clamping_respects_either_bound() {
        assert_eq!(clamp(12.0, Some(0.0), Some(10.0)), 10.0);
        assert_eq!(clamp(-1.0, Some(0.0), None), 0.0);
        assert_eq!(clamp(5.0, None, None), 5.0);
    }

    #[test]
    fn a_model_without_value_keeps_its_own_state() {
        let owner = Owner::new();
        owner.with(|| {
            let seen = RwSignal::new(String::new());
            let model = Model::new(
                None,
                Some(Callback::new(move |v: String| seen.set(v))),
                "a".to_owned(),
            );
            assert_eq!(model.get_untracked(), "a");
            model.set("b".to_owned());
            assert_eq!(model.get_untracked(), "b");
            assert_eq!(seen.get_untracked(), "b");
        });
    }
}
