//! The few icons the components themselves draw (chevrons, checks, the color-mode glyphs), as
//! inline SVG in the Lucide style, so the kit needs no icon set compiled in. Apps use
//! [`crate::icons`] for the whole Lucide set.

use leptos::prelude::*;

/// An icon a component draws. Decorative: always `aria-hidden`, the component labels itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(missing_docs)] // The names are the pictures.
pub enum Glyph {
    Check,
    X,
    ChevronDown,
    ChevronUp,
    ChevronLeft,
    ChevronRight,
    Minus,
    Plus,
    Sun,
    Moon,
    Monitor,
    Calendar,
    Upload,
    Info,
    Alert,
    Menu,
    Ellipsis,
}

const CIRCLE_10: &str = "M22 12a10 10 0 1 1-20 0 10 10 0 1 1 20 0z";

impl Glyph {
    /// The SVG path data (24x24 viewBox, 2px round strokes).
    pub fn paths(self) -> &'static [&'static str] {
        match self {
            Glyph::Check => &["M20 6 9 17l-5-5"],
            Glyph::X => &["M18 6 6 18", "m6 6 12 12"],
            Glyph::ChevronDown => &["m6 9 6 6 6-6"],
            Glyph::ChevronUp => &["m18 15-6-6-6 6"],
            Glyph::ChevronLeft => &["m15 18-6-6 6-6"],
            Glyph::ChevronRight => &["m9 18 6-6-6-6"],
            Glyph::Minus => &["M5 12h14"],
            Glyph::Plus => &["M5 12h14", "M12 5v14"],
            Glyph::Sun => &[
                "M16 12a4 4 0 1 1-8 0 4 4 0 1 1 8 0z",
                "M12 2v2",
                "M12 20v2",
                "m4.93 4.93 1.41 1.41",
                "m17.66 17.66 1.41 1.41",
                "M2 12h2",
                "M20 12h2",
                "m6.34 17.66-1.41 1.41",
                "m19.07 4.93-1.41 1.41",
            ],
            Glyph::Moon => &["M12 3a6 6 0 0 0 9 9 9 9 0 1 1-9-9Z"],
            Glyph::Monitor => &[
                "M4 3h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z",
                "M8 21h8",
                "M12 17v4",
            ],
            Glyph::Calendar => &[
                "M8 2v4",
                "M16 2v4",
                "M5 4h14a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z",
                "M3 10h18",
            ],
            Glyph::Upload => &[
                "M21 15v4a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-4",
                "m17 8-5-5-5 5",
                "M12 3v12",
            ],
            Glyph::Info => &[CIRCLE_10, "M12 16v-4", "M12 8h.01"],
            Glyph::Alert => &[CIRCLE_10, "M12 8v4", "M12 16h.01"],
            Glyph::Menu => &["M4 6h16", "M4 12h16", "M4 18h16"],
            Glyph::Ellipsis => &[
                "M13 12a1 1 0 1 1-2 0 1 1 0 1 1 2 0z",
                "M20 12a1 1 0 1 1-2 0 1 1 0 1 1 2 0z",
                "M6 12a1 1 0 1 1-2 0 1 1 0 1 1 2 0z",
            ],
        }
    }

    /// The icon as an inline `<svg class="kiln-glyph">`, sized by the font (1em).
    pub fn view(self) -> impl IntoView {
        view! {
            <svg
                class="kiln-glyph"
                xmlns="http://www.w3.org/2000/svg"
                viewBox="0 0 24 24"
                fill="none"
                stroke="currentColor"
                stroke-width="2"
                stroke-linecap="round"
                stroke-linejoin="round"
                aria-hidden="true"
                focusable="false"
            >
                {self.paths().iter().map(|d| view! { <path d=*d/> }).collect_view()}
            </svg>
        }
    }
}
