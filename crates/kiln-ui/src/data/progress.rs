//! Progress: bars, spinners and skeletons while something loads.

use crate::props::{Color, Size, Variant, class_list};
use leptos::prelude::*;

/// How far `value` is along `0..=max`, in percent (0 to 100); `None` for no value
/// (indeterminate). A value out of range is clamped; a bad `max` counts as 100.
///
/// ```
/// use kiln_ui::progress_percent;
/// assert_eq!(progress_percent(Some(25.0), 50.0), Some(50.0));
/// assert_eq!(progress_percent(Some(150.0), 100.0), Some(100.0));
/// assert_eq!(progress_percent(None, 100.0), None);
/// ```
pub fn progress_percent(value: Option<f64>, max: f64) -> Option<f64> {
    let max = if max.is_finite() && max > 0.0 {
        max
    } else {
        100.0
    };
    let value = value.filter(|value| !value.is_nan())?;
    Some(value.clamp(0.0, max) / max * 100.0)
}

/// A progress bar (`role="progressbar"`): how much of a task is done, or, without a `value`,
/// that it is under way (indeterminate, an animated bar).
///
/// Variants: surface (default) or soft. Sizes `S1` to `S3`. `label` names it for screen
/// readers.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Upload() -> impl IntoView {
///     let done = RwSignal::new(40.0);
///     view! {
///         <Progress label="Uploading photo" value=done/>
///         <Progress label="Connecting" color=Color::Gray/>
///     }
/// }
/// ```
#[component]
pub fn Progress(
    /// The accessible name.
    #[prop(into)]
    label: String,
    /// How much is done, from 0 to `max`; none for indeterminate.
    #[prop(optional, into)]
    value: MaybeProp<f64>,
    /// The value when done (default 100).
    #[prop(default = 100.0)]
    max: f64,
    /// Surface (default) or soft.
    #[prop(default = Variant::Surface)]
    variant: Variant,
    /// Its palette (default: the theme's accent).
    #[prop(optional)]
    color: Option<Color>,
    /// `S1` to `S3` (default `S2`).
    #[prop(optional)]
    size: Size,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
) -> impl IntoView {
    let max = if max.is_finite() && max > 0.0 {
        max
    } else {
        100.0
    };
    let percent = move || progress_percent(value.get(), max);
    let now = move || {
        value
            .get()
            .filter(|value| !value.is_nan())
            .map(|value| value.clamp(0.0, max).to_string())
    };
    let variant = if variant == Variant::Soft {
        "soft"
    } else {
        "surface"
    };
    view! {
        <div
            class=class_list("kiln-progress", class.as_deref())
            role="progressbar"
            aria-label=label
            aria-valuemin="0"
            aria-valuemax=max.to_string()
            aria-valuenow=now
            data-state=move || if percent().is_some() { "determinate" } else { "indeterminate" }
            data-variant=variant
            data-size=size.as_str()
            data-accent=color.map(Color::as_str)
        >
            <div
                class="kiln-progress-indicator"
                style=move || percent().map(|percent| format!("width:{percent}%"))
            ></div>
        </div>
    }
}

/// A spinning indicator that something is loading (`role="status"`, named "Loading").
///
/// Sizes `S1` to `S3`.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Saving() -> impl IntoView {
///     view! { <Spinner size=Size::S1 label="Saving"/> }
/// }
/// ```
#[component]
pub fn Spinner(
    /// What is loading, for screen readers (default "Loading").
    #[prop(default = "Loading".into(), into)]
    label: String,
    /// `S1` to `S3` (default `S2`).
    #[prop(optional)]
    size: Size,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
) -> impl IntoView {
    view! {
        <span
            class=class_list("kiln-spinner", class.as_deref())
            role="status"
            aria-label=label
            data-size=size.as_str()
        ></span>
    }
}

/// A shimmering placeholder while content loads. Hidden from screen readers; once `loading`
/// turns false it shows its children.
///
/// With children, the placeholder takes their shape (they are laid out, invisible); without,
/// give it a `width` and `height`.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Profile() -> impl IntoView {
///     let loading = RwSignal::new(true);
///     view! {
///         <Skeleton loading=loading><Text>"Ada Lovelace"</Text></Skeleton>
///         <Skeleton width="4rem" height="4rem"/>
///     }
/// }
/// ```
#[component]
pub fn Skeleton(
    /// Whether to show the placeholder (default: always).
    #[prop(optional, into)]
    loading: MaybeProp<bool>,
    /// A CSS width, for a placeholder without children.
    #[prop(optional, into)]
    width: Option<String>,
    /// A CSS height, for a placeholder without children.
    #[prop(optional, into)]
    height: Option<String>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The content, shown once loaded.
    #[prop(optional)]
    children: Option<ChildrenFn>,
) -> impl IntoView {
    let class = class_list("kiln-skeleton", class.as_deref());
    let style = [("width", width), ("height", height)]
        .into_iter()
        .filter_map(|(name, value)| value.map(|value| format!("{name}:{}", css_value(&value))))
        .collect::<Vec<_>>()
        .join(";");
    let style = (!style.is_empty()).then_some(style);
    move || {
        let content = children.clone().map(|children| children());
        if loading.get().unwrap_or(true) {
            view! {
                <span class=class.clone() style=style.clone() aria-hidden="true" inert>
                    {content}
                </span>
            }
            .into_any()
        } else {
            content.into_any()
        }
    }
}

/// Keeps a CSS value from breaking out of its declaration.
pub(super) fn css_value(value: &str) -> String {
    value
        .chars()
        .filter(|c| !matches!(c, ';' | '{' | '}' | '<' | '>' | '"' | '\''))
        .collect()
}
