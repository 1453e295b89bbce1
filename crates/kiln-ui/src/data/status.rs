//! Badges, avatars and callouts: small things that say what something is or how it stands.

use crate::glyph::Glyph;
use crate::props::{Color, Size, Variant, class_list};
use crate::theme::Radius;
use leptos::prelude::*;

/// A short label: a status, a count, a tag.
///
/// Variants: solid, soft (the default), surface, outline. Sizes `S1` to `S3`.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Status() -> impl IntoView {
///     view! {
///         <Badge color=Color::Green>"Active"</Badge>
///         <Badge variant=Variant::Solid color=Color::Red size=Size::S1>"3 errors"</Badge>
///     }
/// }
/// ```
#[component]
pub fn Badge(
    /// How it is filled: solid, soft (default), surface or outline.
    #[prop(default = Variant::Soft)]
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
    /// The label.
    children: Children,
) -> impl IntoView {
    view! {
        <span
            class=class_list("kiln-badge", class.as_deref())
            data-variant=variant.as_str()
            data-size=size.as_str()
            data-accent=color.map(Color::as_str)
        >
            {children()}
        </span>
    }
}

/// The initials of a name, at most two: "Ada Lovelace" gives "AL", "kiln" gives "K"; a name
/// of one or two characters is kept as it is, upper-cased.
pub(super) fn initials(name: &str) -> String {
    let name = name.trim();
    if name.chars().count() <= 2 {
        return name.to_uppercase();
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let first = words.first().and_then(|word| word.chars().next());
    let last = if words.len() > 1 {
        words.last().and_then(|word| word.chars().next())
    } else {
        None
    };
    first
        .into_iter()
        .chain(last)
        .flat_map(char::to_uppercase)
        .collect()
}

/// A person's (or a thing's) picture, falling back to initials when there is no picture or it
/// fails to load.
///
/// Sizes `S1` (24px) to `S4` (64px); `radius` [`Radius::Full`] makes it a circle (default:
/// the theme's radius). Variant solid or soft (the default) colors the fallback.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Author() -> impl IntoView {
///     view! {
///         <Avatar src="/ada.jpg" alt="Ada Lovelace" fallback="Ada Lovelace" radius=Radius::Full/>
///         // No picture: the initials "GH", named "Grace Hopper" for screen readers.
///         <Avatar fallback="Grace Hopper" color=Color::Indigo size=Size::S3/>
///     }
/// }
/// ```
#[component]
pub fn Avatar(
    /// The picture's URL.
    #[prop(optional, into)]
    src: Option<String>,
    /// Who it shows (the image's alt text; default: `fallback`).
    #[prop(optional, into)]
    alt: Option<String>,
    /// The name (or initials) shown when there is no picture: its initials are displayed.
    #[prop(into)]
    fallback: String,
    /// `S1` to `S4` (default `S2`).
    #[prop(optional)]
    size: Size,
    /// Solid or soft (default) fallback.
    #[prop(default = Variant::Soft)]
    variant: Variant,
    /// The fallback's palette (default: the theme's accent).
    #[prop(optional)]
    color: Option<Color>,
    /// Corner radius; `Radius::Full` for a circle (default: the theme's).
    #[prop(optional)]
    radius: Option<Radius>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
) -> impl IntoView {
    let name = alt.unwrap_or_else(|| fallback.clone());
    let letters = initials(&fallback);
    let failed = RwSignal::new(false);
    let image = NodeRef::<leptos::html::Img>::new();
    // An image that failed before hydration fired its error event with no one listening.
    Effect::new(move |_| {
        if let Some(img) = image.get()
            && img.complete()
            && img.natural_width() == 0
        {
            failed.set(true);
        }
    });
    let has_src = src.as_deref().is_some_and(|src| !src.trim().is_empty());
    let variant = if variant == Variant::Solid {
        "solid"
    } else {
        "soft"
    };
    view! {
        <span
            class=class_list("kiln-avatar", class.as_deref())
            data-size=size.as_str()
            data-variant=variant
            data-accent=color.map(Color::as_str)
            data-radius=radius.map(Radius::as_str)
        >
            {move || {
                if has_src && !failed.get() {
                    view! {
                        <img
                            class="kiln-avatar-image"
                            src=src.clone()
                            alt=name.clone()
                            node_ref=image
                            on:error=move |_| failed.set(true)
                        />
                    }
                        .into_any()
                } else {
                    view! {
                        <span class="kiln-avatar-fallback" role="img" aria-label=name.clone()>
                            {letters.clone()}
                        </span>
                    }
                        .into_any()
                }
            }}
        </span>
    }
}

/// What a [`Callout`] is to assistive technology.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum CalloutRole {
    /// A note beside the content (`role="note"`): the default.
    #[default]
    Note,
    /// A status message, read out politely when it appears (`role="status"`).
    Status,
    /// An urgent message read out at once (`role="alert"`): only for errors that need it.
    Alert,
}

impl CalloutRole {
    /// The `role` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            CalloutRole::Note => "note",
            CalloutRole::Status => "status",
            CalloutRole::Alert => "alert",
        }
    }
}

/// A highlighted message: a tip, a warning, an error.
///
/// Variants: soft (default), surface, outline. Sizes `S1` to `S3`. The icon defaults to an
/// "info" glyph (an "alert" glyph when `role` is [`CalloutRole::Alert`]).
///
/// ```
/// use kiln_ui::prelude::*;
/// use kiln_ui::Glyph;
///
/// #[component]
/// fn Messages() -> impl IntoView {
///     view! {
///         <Callout>"Drafts are saved as you type."</Callout>
///         <Callout color=Color::Red role=CalloutRole::Alert>"The payment failed."</Callout>
///         <Callout variant=Variant::Outline icon=|| Glyph::Check.view()>"Saved."</Callout>
///     }
/// }
/// ```
#[component]
pub fn Callout(
    /// Note (default), status, or alert (read out at once: only for errors that need it).
    #[prop(optional)]
    role: CalloutRole,
    /// Soft (default), surface or outline.
    #[prop(default = Variant::Soft)]
    variant: Variant,
    /// Its palette (default: the theme's accent).
    #[prop(optional)]
    color: Option<Color>,
    /// `S1` to `S3` (default `S2`).
    #[prop(optional)]
    size: Size,
    /// The icon (decorative: hide it from screen readers if it is not a [`Glyph`]).
    #[prop(optional, into)]
    icon: Option<ViewFn>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The message.
    children: Children,
) -> impl IntoView {
    let variant = match variant {
        Variant::Surface => "surface",
        Variant::Outline => "outline",
        _ => "soft",
    };
    let icon = match icon {
        Some(icon) => icon.run(),
        None if role == CalloutRole::Alert => Glyph::Alert.view().into_any(),
        None => Glyph::Info.view().into_any(),
    };
    view! {
        <div
            class=class_list("kiln-callout", class.as_deref())
            role=role.as_str()
            data-variant=variant
            data-size=size.as_str()
            data-accent=color.map(Color::as_str)
        >
            <span class="kiln-callout-icon" aria-hidden="true">{icon}</span>
            <div class="kiln-callout-text">{children()}</div>
        </div>
    }
}
