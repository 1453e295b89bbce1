//! The theme: accent and gray palettes, radius, scaling, and light/dark appearance.

use crate::glyph::Glyph;
use crate::props::Color;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The cookie that keeps a visitor's chosen appearance, so the server renders it into the first
/// HTML and the page never flashes the other mode.
pub const APPEARANCE_COOKIE: &str = "kiln-appearance";

/// Where a [`ColorModeToggle`] posts its choice when no WASM runs on the page (JavaScript off,
/// or a route that does not hydrate): Kiln's server sets the [`APPEARANCE_COOKIE`] and sends
/// the visitor back to the page, now in the chosen mode.
pub const APPEARANCE_PATH: &str = "/_kiln/appearance";

/// The `Set-Cookie` (or `document.cookie`) value that keeps `appearance` for a year.
///
/// ```
/// use kiln_ui::{Appearance, appearance_cookie};
/// assert_eq!(
///     appearance_cookie(Appearance::Dark),
///     "kiln-appearance=dark; Path=/; Max-Age=31536000; SameSite=Lax"
/// );
/// ```
pub fn appearance_cookie(appearance: Appearance) -> String {
    format!(
        "{APPEARANCE_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        appearance.as_str()
    )
}

/// Light, dark, or whatever the visitor's system prefers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Appearance {
    /// Always light.
    Light,
    /// Always dark.
    Dark,
    /// The system's preference (`prefers-color-scheme`), applied by CSS alone.
    #[default]
    System,
}

impl Appearance {
    /// The value of `data-appearance` and of the cookie.
    pub fn as_str(self) -> &'static str {
        match self {
            Appearance::Light => "light",
            Appearance::Dark => "dark",
            Appearance::System => "system",
        }
    }

    /// Parses [`Appearance::as_str`]'s spelling.
    pub fn from_name(name: &str) -> Option<Self> {
        [Appearance::Light, Appearance::Dark, Appearance::System]
            .into_iter()
            .find(|appearance| appearance.as_str() == name)
    }
}

/// The gray palette: neutral, or tinted towards a hue to go with the accent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum GrayColor {
    /// Pure gray.
    #[default]
    Gray,
    /// Tinted purple: goes with tomato, red, crimson, pink, plum, purple, violet.
    Mauve,
    /// Tinted blue: goes with indigo, blue, cyan.
    Slate,
    /// Tinted green: goes with teal, green.
    Sage,
    /// Tinted lime: goes with grass, lime.
    Olive,
    /// Tinted yellow: goes with amber, orange, brown.
    Sand,
}

impl GrayColor {
    /// Every gray palette.
    pub const ALL: [GrayColor; 6] = [
        GrayColor::Gray,
        GrayColor::Mauve,
        GrayColor::Slate,
        GrayColor::Sage,
        GrayColor::Olive,
        GrayColor::Sand,
    ];

    /// The value of `data-gray`.
    pub fn as_str(self) -> &'static str {
        match self {
            GrayColor::Gray => "gray",
            GrayColor::Mauve => "mauve",
            GrayColor::Slate => "slate",
            GrayColor::Sage => "sage",
            GrayColor::Olive => "olive",
            GrayColor::Sand => "sand",
        }
    }
}

/// How round corners are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Radius {
    /// Square corners.
    None,
    /// Slightly rounded.
    Small,
    /// The default.
    #[default]
    Medium,
    /// Rounder.
    Large,
    /// Pills: buttons, badges and fields fully rounded.
    Full,
}

impl Radius {
    /// Every radius.
    pub const ALL: [Radius; 5] = [
        Radius::None,
        Radius::Small,
        Radius::Medium,
        Radius::Large,
        Radius::Full,
    ];

    /// The value of `data-radius`.
    pub fn as_str(self) -> &'static str {
        match self {
            Radius::None => "none",
            Radius::Small => "small",
            Radius::Medium => "medium",
            Radius::Large => "large",
            Radius::Full => "full",
        }
    }
}

/// The size of everything: spacing, type, radius.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scaling {
    /// 90%.
    S90,
    /// 95%.
    S95,
    /// 100%, the default.
    #[default]
    S100,
    /// 105%.
    S105,
    /// 110%.
    S110,
}

impl Scaling {
    /// Every scaling.
    pub const ALL: [Scaling; 5] = [
        Scaling::S90,
        Scaling::S95,
        Scaling::S100,
        Scaling::S105,
        Scaling::S110,
    ];

    /// The value of `data-scaling`: `"90%"` to `"110%"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Scaling::S90 => "90%",
            Scaling::S95 => "95%",
            Scaling::S100 => "100%",
            Scaling::S105 => "105%",
            Scaling::S110 => "110%",
        }
    }
}

/// A theme's settings, each a signal: change one and every component under the [`Theme`]
/// follows. [`use_theme`] returns the nearest one.
#[derive(Clone, Copy, Debug)]
pub struct ThemeSettings {
    /// The accent palette.
    pub accent: RwSignal<Color>,
    /// The gray palette.
    pub gray: RwSignal<GrayColor>,
    /// Corner radius.
    pub radius: RwSignal<Radius>,
    /// Scaling.
    pub scaling: RwSignal<Scaling>,
    /// Light, dark or system; a change is kept in the [`APPEARANCE_COOKIE`].
    pub appearance: RwSignal<Appearance>,
}

/// The settings of the nearest enclosing [`Theme`].
///
/// # Panics
/// Outside a `<Theme>`: wrap the app in one (usually right inside the `<Router>`).
pub fn use_theme() -> ThemeSettings {
    use_context::<ThemeSettings>()
        .expect("use_theme() and the theme controls need an enclosing <Theme>")
}

/// Themes everything inside it: palettes, radius, scaling and appearance, as CSS custom
/// properties that every Kiln component reads.
///
/// The appearance is the visitor's choice if they made one (kept in a cookie the server reads,
/// so the first HTML is already in the right mode), else `appearance`, else the system's.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn App() -> impl IntoView {
///     view! {
///         <Theme accent=Color::Indigo gray=GrayColor::Slate radius=Radius::Large>
///             <ColorModeToggle/>
///             <Button>"Themed"</Button>
///         </Theme>
///     }
/// }
/// ```
#[component]
pub fn Theme(
    /// The accent palette (default: the enclosing theme's, or orange).
    #[prop(optional)]
    accent: Option<Color>,
    /// The gray palette (default: the enclosing theme's, or gray).
    #[prop(optional)]
    gray: Option<GrayColor>,
    /// Corner radius (default: the enclosing theme's, or medium).
    #[prop(optional)]
    radius: Option<Radius>,
    /// Scaling (default: the enclosing theme's, or 100%).
    #[prop(optional)]
    scaling: Option<Scaling>,
    /// The appearance when the visitor has not chosen one (default: the system's).
    #[prop(optional)]
    appearance: Option<Appearance>,
    /// Extra classes for the theme's root element.
    #[prop(optional, into)]
    class: Option<String>,
    /// What the theme applies to.
    children: Children,
) -> impl IntoView {
    let parent = use_context::<ThemeSettings>();
    let settings = ThemeSettings {
        accent: RwSignal::new(inherit(accent, parent.map(|p| p.accent.get_untracked()))),
        gray: RwSignal::new(inherit(gray, parent.map(|p| p.gray.get_untracked()))),
        radius: RwSignal::new(inherit(radius, parent.map(|p| p.radius.get_untracked()))),
        scaling: RwSignal::new(inherit(scaling, parent.map(|p| p.scaling.get_untracked()))),
        appearance: RwSignal::new(
            chosen_appearance()
                .or(appearance)
                .or(parent.map(|p| p.appearance.get_untracked()))
                .unwrap_or_default(),
        ),
    };
    provide_context(settings);
    if parent.is_none() {
        crate::id::provide_id_source();
    }
    remember_appearance(settings.appearance);
    view! {
        <div
            class=crate::class_list("kiln-theme", class.as_deref())
            data-accent=move || settings.accent.get().as_str()
            data-gray=move || settings.gray.get().as_str()
            data-radius=move || settings.radius.get().as_str()
            data-scaling=move || settings.scaling.get().as_str()
            data-appearance=move || settings.appearance.get().as_str()
        >
            {children()}
        </div>
    }
}

/// A theme setting: the theme's own, else its parent's, else the default.
fn inherit<T: Default>(own: Option<T>, parent: Option<T>) -> T {
    own.or(parent).unwrap_or_default()
}

/// The appearance the visitor chose, from the request's cookie on the server and from
/// `document.cookie` in the browser (the same cookie, so hydration agrees).
fn chosen_appearance() -> Option<Appearance> {
    let cookies = request_cookies()?;
    cookies
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == APPEARANCE_COOKIE)
        .and_then(|(_, value)| Appearance::from_name(value.trim()))
}

#[cfg(feature = "ssr")]
fn request_cookies() -> Option<String> {
    // Read in place: `use_context` would clone the request's headers on every render.
    with_context::<http::request::Parts, _>(|parts| {
        let cookies: Vec<&str> = parts
            .headers
            .get_all(http::header::COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .collect();
        cookies.join("; ")
    })
}

#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
fn request_cookies() -> Option<String> {
    use wasm_bindgen::JsCast;
    document()
        .dyn_into::<web_sys::HtmlDocument>()
        .ok()?
        .cookie()
        .ok()
}

#[cfg(not(any(feature = "ssr", feature = "hydrate")))]
fn request_cookies() -> Option<String> {
    None
}

/// Writes the appearance to the cookie whenever the visitor changes it (not on the first run,
/// so an app's default is never pinned for a visitor who chose nothing).
fn remember_appearance(appearance: RwSignal<Appearance>) {
    Effect::new(move |previous: Option<Appearance>| {
        let now = appearance.get();
        if previous.is_some_and(|previous| previous != now) {
            write_appearance_cookie(now);
        }
        now
    });
}

#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
fn write_appearance_cookie(appearance: Appearance) {
    use wasm_bindgen::JsCast;
    if let Ok(document) = document().dyn_into::<web_sys::HtmlDocument>() {
        // Only fails in a document without cookies (e.g. a sandboxed iframe): nothing to keep.
        let _ = document.set_cookie(&appearance_cookie(appearance));
    }
}

#[cfg(not(all(feature = "hydrate", not(feature = "ssr"))))]
fn write_appearance_cookie(_appearance: Appearance) {}

/// A button that switches the page between light and dark: to the mode the visitor does not
/// see now. While the theme follows the system, that depends on the system's mode, which only
/// the browser knows: the toggle then renders a button for each, and the kit's stylesheet shows
/// the one that matches (`prefers-color-scheme`), so the first press always changes what the
/// visitor sees. ([`ThemePanel`] also offers "system".)
///
/// Its label says what a press does. It is a form's button: on a hydrated page the switch
/// happens in place; without the WASM (JavaScript off, or a route with `hydrate=false`) the
/// browser posts the form to [`APPEARANCE_PATH`] and comes back in the chosen mode.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Header() -> impl IntoView {
///     view! { <Theme><nav><ColorModeToggle/></nav></Theme> }
/// }
/// ```
#[component]
pub fn ColorModeToggle(
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
) -> impl IntoView {
    let theme = use_theme();
    let class = crate::class_list("kiln-icon-button kiln-color-mode-toggle", class.as_deref());
    // One button: switches to `to`; `system` names the system mode it is shown in, if any.
    let button = move |to: Appearance, system: Option<&'static str>| {
        let label = format!("Switch to {} mode", to.as_str());
        // The glyph shows the mode the visitor sees now.
        let glyph = match to {
            Appearance::Dark => Glyph::Sun,
            _ => Glyph::Moon,
        };
        view! {
            <button
                type="submit"
                name="appearance"
                value=to.as_str()
                class=class.clone()
                data-variant="ghost"
                data-size="2"
                data-system=system
                data-appearance=move || theme.appearance.get().as_str()
                aria-label=label.clone()
                title=label
                on:click=move |event| {
                    event.prevent_default();
                    theme.appearance.set(to);
                }
            >
                {glyph.view()}
            </button>
        }
    };
    view! {
        <form method="post" action=APPEARANCE_PATH class="kiln-color-mode-form">
            {move || match theme.appearance.get() {
                Appearance::Light => button(Appearance::Dark, None).into_any(),
                Appearance::Dark => button(Appearance::Light, None).into_any(),
                Appearance::System => {
                    view! {
                        {button(Appearance::Dark, Some("light"))}
                        {button(Appearance::Light, Some("dark"))}
                    }
                        .into_any()
                }
            }}
        </form>
    }
}

/// A panel of the theme's settings (accent, gray, radius, scaling, appearance) that changes
/// them live: put it on a page while choosing a theme, as Radix's theme panel.
#[component]
pub fn ThemePanel() -> impl IntoView {
    let theme = use_theme();
    let names = |all: &[&'static str]| all.iter().map(|name| name.to_string()).collect::<Vec<_>>();
    view! {
        <section class="kiln-theme-panel" aria-label="Theme">
            <PanelSelect
                label="Accent"
                options=names(&Color::ALL.map(Color::as_str))
                value=Signal::derive(move || theme.accent.get().as_str().to_owned())
                set=move |name: String| {
                    if let Some(color) = Color::from_name(&name) {
                        theme.accent.set(color);
                    }
                }
            />
            <PanelSelect
                label="Gray"
                options=names(&GrayColor::ALL.map(GrayColor::as_str))
                value=Signal::derive(move || theme.gray.get().as_str().to_owned())
                set=move |name: String| {
                    if let Some(gray) = GrayColor::ALL.into_iter().find(|g| g.as_str() == name) {
                        theme.gray.set(gray);
                    }
                }
            />
            <PanelSelect
                label="Radius"
                options=names(&Radius::ALL.map(Radius::as_str))
                value=Signal::derive(move || theme.radius.get().as_str().to_owned())
                set=move |name: String| {
                    if let Some(radius) = Radius::ALL.into_iter().find(|r| r.as_str() == name) {
                        theme.radius.set(radius);
                    }
                }
            />
            <PanelSelect
                label="Scaling"
                options=names(&Scaling::ALL.map(Scaling::as_str))
                value=Signal::derive(move || theme.scaling.get().as_str().to_owned())
                set=move |name: String| {
                    if let Some(scaling) = Scaling::ALL.into_iter().find(|s| s.as_str() == name) {
                        theme.scaling.set(scaling);
                    }
                }
            />
            <PanelSelect
                label="Appearance"
                options=names(&["system", "light", "dark"])
                value=Signal::derive(move || theme.appearance.get().as_str().to_owned())
                set=move |name: String| {
                    if let Some(appearance) = Appearance::from_name(&name) {
                        theme.appearance.set(appearance);
                    }
                }
            />
        </section>
    }
}

/// One labelled native `<select>` of the theme panel.
#[component]
fn PanelSelect(
    label: &'static str,
    options: Vec<String>,
    value: Signal<String>,
    set: impl Fn(String) + Send + Sync + 'static,
) -> impl IntoView {
    let id = crate::id::use_id("theme");
    view! {
        <div class="kiln-theme-panel-field">
            <label for=id.clone()>{label}</label>
            <select id=id on:change=move |event| set(event_target_value(&event))>
                {options
                    .into_iter()
                    .map(|option| {
                        let is = |option: String| move || value.get() == option;
                        // The attribute for the first HTML; the property once the visitor has
                        // used the select (from then on the attribute no longer moves it).
                        view! {
                            <option
                                value=option.clone()
                                selected=is(option.clone())
                                prop:selected=is(option.clone())
                            >
                                {option.clone()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_appearance_reads_back_from_its_name() {
        for appearance in [Appearance::Light, Appearance::Dark, Appearance::System] {
            assert_eq!(Appearance::from_name(appearance.as_str()), Some(appearance));
        }
        assert_eq!(Appearance::from_name("sepia"), None);
    }

    #[test]
    fn the_toggle_offers_the_mode_the_visitor_does_not_see() {
        // The toggle's buttons, each as (the mode it switches to, the system mode it is for).
        let buttons = |appearance: Appearance| {
            let owner = Owner::new();
            let html = owner.with(|| {
                provide_context(ThemeSettings {
                    accent: RwSignal::new(Default::default()),
                    gray: RwSignal::new(Default::default()),
                    radius: RwSignal::new(Default::default()),
                    scaling: RwSignal::new(Default::default()),
                    appearance: RwSignal::new(appearance),
                });
                view! { <ColorModeToggle/> }.to_html()
            });
            let attribute = |tag: &str, name: &str| {
                let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
                Some(tag[start..].split('"').next()?.to_owned())
            };
            html.split("<button")
                .skip(1)
                .map(|tag| (attribute(tag, "value"), attribute(tag, "data-system")))
                .collect::<Vec<_>>()
        };
        let some = |value: &str| Some(value.to_owned());
        assert_eq!(buttons(Appearance::Light), [(some("dark"), None)]);
        assert_eq!(buttons(Appearance::Dark), [(some("light"), None)]);
        // Following the system: one button per system mode, each switching to the other.
        assert_eq!(
            buttons(Appearance::System),
            [(some("dark"), some("light")), (some("light"), some("dark"))]
        );
    }
}
