//! The prop types shared by every component, so that `size`, `variant` and `color` mean the same
//! thing everywhere.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A component's size, from the smallest (`S1`) to the largest (`S4`). Each component documents
/// which sizes it has; the default is `S2`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Size {
    /// The smallest.
    S1,
    /// The default.
    #[default]
    S2,
    /// Larger.
    S3,
    /// The largest.
    S4,
}

impl Size {
    /// The value of the `data-size` attribute: `"1"` to `"4"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Size::S1 => "1",
            Size::S2 => "2",
            Size::S3 => "3",
            Size::S4 => "4",
        }
    }
}

/// How strongly a component is filled with its color.
///
/// Components that have only some of these document which; the others render as the nearest.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Variant {
    /// Filled with the solid color (step 9), contrasting text.
    #[default]
    Solid,
    /// A tinted background (step 3), colored text.
    Soft,
    /// A tinted background with a border.
    Surface,
    /// A border and colored text, no fill.
    Outline,
    /// Colored text only; a tint on hover.
    Ghost,
}

impl Variant {
    /// The value of the `data-variant` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Variant::Solid => "solid",
            Variant::Soft => "soft",
            Variant::Surface => "surface",
            Variant::Outline => "outline",
            Variant::Ghost => "ghost",
        }
    }
}

/// A color palette: one of the accent colors, or the theme's gray.
///
/// Given as a component's `color`, it renders `data-accent="..."`, which switches the
/// `--kiln-accent-*` custom properties for that component and everything inside it. Red is the
/// usual choice for destructive actions and errors, green for success, amber for warnings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Color {
    /// Tomato.
    Tomato,
    /// Red.
    Red,
    /// Crimson.
    Crimson,
    /// Pink.
    Pink,
    /// Purple.
    Purple,
    /// Violet.
    Violet,
    /// Indigo.
    Indigo,
    /// Blue.
    Blue,
    /// Cyan.
    Cyan,
    /// Teal.
    Teal,
    /// Green.
    Green,
    /// Grass.
    Grass,
    /// Lime.
    Lime,
    /// Amber.
    Amber,
    /// Orange: Kiln's own.
    #[default]
    Orange,
    /// Brown.
    Brown,
    /// The theme's gray palette used as the accent.
    Gray,
}

impl Color {
    /// Every accent palette, in the order a picker shows them (gray last).
    pub const ALL: [Color; 17] = [
        Color::Tomato,
        Color::Red,
        Color::Crimson,
        Color::Pink,
        Color::Purple,
        Color::Violet,
        Color::Indigo,
        Color::Blue,
        Color::Cyan,
        Color::Teal,
        Color::Green,
        Color::Grass,
        Color::Lime,
        Color::Amber,
        Color::Orange,
        Color::Brown,
        Color::Gray,
    ];

    /// The value of the `data-accent` attribute, which is also the palette's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Color::Tomato => "tomato",
            Color::Red => "red",
            Color::Crimson => "crimson",
            Color::Pink => "pink",
            Color::Purple => "purple",
            Color::Violet => "violet",
            Color::Indigo => "indigo",
            Color::Blue => "blue",
            Color::Cyan => "cyan",
            Color::Teal => "teal",
            Color::Green => "green",
            Color::Grass => "grass",
            Color::Lime => "lime",
            Color::Amber => "amber",
            Color::Orange => "orange",
            Color::Brown => "brown",
            Color::Gray => "gray",
        }
    }

    /// The palette named `name`, as [`Color::as_str`] spells it.
    pub fn from_name(name: &str) -> Option<Color> {
        Color::ALL.into_iter().find(|color| color.as_str() == name)
    }
}

impl fmt::Display for Color {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Alignment along an axis: `align` and `justify` of the layout components.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Align {
    /// At the start.
    Start,
    /// Centered.
    Center,
    /// At the end.
    End,
    /// Stretched to fill (for `align`); spread with space between (for `justify`).
    Stretch,
    /// Along the text's baseline (for `align`).
    Baseline,
    /// Space between the items (for `justify`).
    Between,
}

impl Align {
    /// As a CSS `align-items` value.
    pub fn align_items(self) -> &'static str {
        match self {
            Align::Start => "flex-start",
            Align::Center => "center",
            Align::End => "flex-end",
            Align::Stretch | Align::Between => "stretch",
            Align::Baseline => "baseline",
        }
    }

    /// As a CSS `justify-content` value.
    pub fn justify_content(self) -> &'static str {
        match self {
            Align::Start | Align::Baseline => "flex-start",
            Align::Center => "center",
            Align::End => "flex-end",
            Align::Stretch | Align::Between => "space-between",
        }
    }
}

/// Builds a component's `class` attribute: its own classes, then the app's.
///
/// ```
/// use kiln_ui::class_list;
/// assert_eq!(class_list("kiln-card", Some("wide")), "kiln-card wide");
/// assert_eq!(class_list("kiln-card", None), "kiln-card");
/// ```
pub fn class_list(own: &str, extra: Option<&str>) -> String {
    match extra {
        Some(extra) if !extra.trim().is_empty() => format!("{own} {}", extra.trim()),
        _ => own.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn color_names_round_trip() {
        for color in Color::ALL {
            assert_eq!(Color::from_name(color.as_str()), Some(color));
        }
        assert_eq!(Color::from_name("chartreuse"), None);
    }

    #[test]
    fn every_accent_palette_has_css() {
        let css = crate::STYLESHEET;
        for color in Color::ALL {
            if color == Color::Gray {
                continue;
            }
            let selector = format!("[data-accent=\"{}\"]", color.as_str());
            assert!(css.contains(&selector), "no palette for {selector}");
        }
    }
}
