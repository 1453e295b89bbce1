//! Media: icons and images.

use crate::props::{Size, class_list};
use crate::theme::Radius;
use leptos::prelude::*;

/// Sizes an icon (e.g. one from [`icons`](crate::icons), or a [`Glyph`]) and names it: with a
/// `label` it is an image (`role="img"`) with that name; without, it is decorative and hidden
/// from screen readers.
///
/// Sizes `S1` (12px) to `S4` (24px); 16px by default.
///
/// ```
/// use kiln_ui::prelude::*;
/// use kiln_ui::Glyph;
///
/// #[component]
/// fn Done() -> impl IntoView {
///     view! {
///         <Icon label="Done">{Glyph::Check.view()}</Icon>
///         <Icon size=Size::S4>{Glyph::Info.view()}</Icon>
///     }
/// }
/// ```
#[component]
pub fn Icon(
    /// The icon's name for screen readers; without one, it is decorative.
    #[prop(optional, into)]
    label: Option<String>,
    /// `S1` to `S4` (default `S2`).
    #[prop(optional)]
    size: Size,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The icon: an `<svg>` or an icon component.
    children: Children,
) -> impl IntoView {
    let hidden = label.is_none().then_some("true");
    let role = label.is_some().then_some("img");
    view! {
        <span
            class=class_list("kiln-icon", class.as_deref())
            data-size=size.as_str()
            role=role
            aria-label=label
            aria-hidden=hidden
        >
            {children()}
        </span>
    }
}

/// How an [`Image`] fills its box when its aspect ratio differs (CSS `object-fit`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ImageFit {
    /// Fill the box, cropping (the default).
    #[default]
    Cover,
    /// Fit inside the box, letterboxed.
    Contain,
    /// Stretch to the box.
    Fill,
    /// The image's own size.
    None,
    /// Its own size, or smaller to fit.
    ScaleDown,
}

impl ImageFit {
    /// The CSS `object-fit` value, also the value of `data-fit`.
    pub fn as_str(self) -> &'static str {
        match self {
            ImageFit::Cover => "cover",
            ImageFit::Contain => "contain",
            ImageFit::Fill => "fill",
            ImageFit::None => "none",
            ImageFit::ScaleDown => "scale-down",
        }
    }
}

/// An image: `<img>` with required alt text (`""` for a decorative one), loaded lazily unless
/// `eager`.
///
/// `width` and `height` (pixels) reserve its space before it loads; `aspect` (e.g. `"16/9"`)
/// sets its shape; `fit` how it fills that; `radius` its corners.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Hero() -> impl IntoView {
///     view! {
///         <Image src="/kiln.jpg" alt="A kiln at night" width=800 height=450 aspect="16/9"
///             radius=Radius::Large/>
///     }
/// }
/// ```
#[component]
pub fn Image(
    /// The image's URL.
    #[prop(into)]
    src: String,
    /// What it shows (`""` if it is decorative).
    #[prop(into)]
    alt: String,
    /// Its width in pixels.
    #[prop(optional)]
    width: Option<u32>,
    /// Its height in pixels.
    #[prop(optional)]
    height: Option<u32>,
    /// An aspect ratio, as CSS: `"16/9"`, `"1"`.
    #[prop(optional, into)]
    aspect: Option<String>,
    /// How it fills its box (default: cover).
    #[prop(optional)]
    fit: ImageFit,
    /// Corner radius (default: none).
    #[prop(optional)]
    radius: Option<Radius>,
    /// Load it right away rather than when it nears the viewport.
    #[prop(optional)]
    eager: bool,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
) -> impl IntoView {
    let aspect = aspect
        .map(|aspect| {
            aspect
                .chars()
                .filter(|c| c.is_ascii_digit() || matches!(c, '/' | '.' | ' '))
                .collect::<String>()
        })
        .filter(|aspect| !aspect.trim().is_empty())
        .map(|aspect| format!("aspect-ratio:{}", aspect.trim()));
    view! {
        <img
            class=class_list("kiln-image", class.as_deref())
            src=src
            alt=alt
            width=width
            height=height
            loading=if eager { "eager" } else { "lazy" }
            decoding="async"
            data-fit=fit.as_str()
            data-radius=radius.map(Radius::as_str)
            style=aspect
        />
    }
}
