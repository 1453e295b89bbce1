//! # Kiln's component kit
//!
//! Accessible, themed components for Kiln apps: rendered on the server (every component's
//! first HTML is complete, most work with JavaScript off), then hydrated. Apps use them through
//! `kiln::prelude::*` (or `kiln_ui::prelude::*`); the stylesheet ships with the framework, so an
//! app needs no CSS, Node, Tailwind or Sass to look good.
//!
//! ```
//! use kiln_ui::prelude::*;
//!
//! #[component]
//! fn SignUp() -> impl IntoView {
//!     view! {
//!         <Theme accent=Color::Indigo>
//!             <Card>
//!                 <Flex direction=Direction::Column gap=3>
//!                     <Heading>"Sign up"</Heading>
//!                     <Field label="Email"><TextField type_=TextFieldType::Email name="email"/></Field>
//!                     <Button>"Create account"</Button>
//!                 </Flex>
//!             </Card>
//!         </Theme>
//!     }
//! }
//! ```
//!
//! (The README shows this example; keep the two the same.)
//!
//! ## Conventions
//!
//! Every component follows these, so that one learned is all learned:
//!
//! - **Props mean the same everywhere.** `size` is a [`Size`] (`S1`..`S4`, default `S2`);
//!   `variant` a [`Variant`] (solid, soft, surface, outline, ghost); `color` a [`Color`]
//!   (renders `data-accent`, switching the accent palette for the component and its children);
//!   `disabled` a `Signal<bool>`; `class` extra classes appended to the component's own.
//! - **Values are signals in, callbacks out.** An input takes `value` (anything that converts
//!   into a `Signal<T>`: a plain value, a signal, a memo, a closure, a live-state field) and
//!   reports edits through `on_change`. Without `value` it keeps its own state. So binding a
//!   component to a live-state field is `value=todos.draft on_change=move |v| todos.set_draft(v)`.
//!   Inputs also take `name`, and render native form controls, so a `<form>` posts them with
//!   JavaScript off.
//! - **Native elements first.** Dialogs are `<dialog>` (focus trap, Escape, top layer, focus
//!   returned on close); menus, popovers and tooltips use the `popover` attribute (top layer,
//!   light dismiss); checkboxes, radios and sliders are real `<input>`s. JavaScript adds
//!   keyboard navigation and positioning, never the basics.
//! - **Accessible per the WAI-ARIA Authoring Practices**: roles, `aria-*`, and full keyboard use
//!   (Tab; arrows, Home and End in menus, tabs, radio groups, selects; Escape closes overlays).
//! - **Styled by design tokens.** Classes are `kiln-NAME` and `kiln-NAME-PART`; variants are
//!   data attributes (`data-variant`, `data-size`, `data-accent`); every color, space, radius
//!   and font size is a `--kiln-*` custom property from the theme (see [`Theme`]), so an app
//!   restyles the kit by overriding tokens, in its own stylesheet, with no build step.
//! - **Responsive props** take a [`Responsive`] value: one value, or one per breakpoint,
//!   rendered as CSS.
//!
//! ## Theme
//!
//! [`Theme`] sets the accent palette (16 of them, see [`Color`]), gray palette, radius,
//! scaling and appearance (light, dark, system). The appearance a visitor picks with
//! [`ColorModeToggle`] is kept in a cookie the server reads, so the first HTML is already in
//! that mode: no flash. [`ThemePanel`] changes every setting live.

#![warn(missing_docs)]
#![cfg_attr(not(feature = "hydrate"), allow(unused))]

mod data;
mod disclosure;
#[cfg(feature = "hydrate")]
mod dom;
mod focus;
mod forms;
mod glyph;
mod id;
mod layout;
mod overlays;
mod props;
mod responsive;
mod theme;
mod typography;

pub use data::*;
pub use disclosure::*;
pub use focus::{Orientation, roving_index, typeahead_index};
pub use forms::*;
pub use glyph::Glyph;
pub use id::{IdScope, use_id};
pub use layout::*;
pub use overlays::*;
pub use props::{Align, Color, Size, Variant, class_list};
pub use responsive::{Breakpoint, CssProperty, Responsive, StyleBuilder, space};
pub use theme::{
    APPEARANCE_COOKIE, APPEARANCE_PATH, Appearance, ColorModeToggle, GrayColor, Radius, Scaling,
    Theme, ThemePanel, ThemeSettings, appearance_cookie, use_theme,
};
pub use typography::*;

/// The Lucide icon set, one component per icon (`icons::Check`, `icons::Rocket`...), from the
/// `lucide-leptos` crate. Its icons are grouped in cargo features by category; enable the ones
/// an app uses on its own `lucide-leptos` dependency (e.g. `features = ["arrows", "text"]`).
/// Wrap one in [`Icon`] to size and label it.
pub mod icons {
    // Empty until some category feature is enabled, hence the allow.
    #[allow(unused_imports)]
    pub use lucide_leptos::*;
}

/// The kit's whole stylesheet: design tokens, palettes, base styles and every component's CSS.
/// Kiln's server serves it (as the framework stylesheet) under a content-hashed URL.
pub const STYLESHEET: &str = concat!(
    include_str!("../style/tokens.css"),
    include_str!("../style/palettes.css"),
    include_str!("../style/base.css"),
    include_str!("../style/layout.css"),
    include_str!("../style/typography.css"),
    include_str!("../style/forms.css"),
    include_str!("../style/overlays.css"),
    include_str!("../style/data.css"),
    include_str!("../style/disclosure.css"),
    // Last: responsive props override the components' defaults.
    include_str!("../style/responsive.css"),
);

/// What the kit's macros' generated code uses. Not part of the API.
#[doc(hidden)]
pub mod __private {
    #[cfg(feature = "ssr")]
    pub use inventory;
}

/// The components, their prop types, and Leptos's prelude: `use kiln_ui::prelude::*;`.
pub mod prelude {
    pub use crate::data::*;
    pub use crate::disclosure::*;
    pub use crate::forms::*;
    pub use crate::icons;
    pub use crate::layout::*;
    pub use crate::overlays::*;
    pub use crate::typography::*;
    pub use crate::{
        Align, Appearance, Breakpoint, Color, ColorModeToggle, Glyph, GrayColor, Orientation,
        Radius, Responsive, Scaling, Size, Theme, ThemePanel, ThemeSettings, Variant, source,
        use_theme,
    };
    pub use leptos::prelude::*;
}
