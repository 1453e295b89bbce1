//! Where a floating panel (popover, menu, tooltip, hover card) goes: beside its anchor, flipped
//! to the other side when there is no room, shifted along the side to stay in the viewport.

use crate::props::Align;

/// A rectangle in viewport coordinates (CSS pixels), as `getBoundingClientRect` gives.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

impl Rect {
    /// A rectangle from its left, top, width and height.
    pub fn new(x: f64, y: f64, width: f64, height: f64) -> Self {
        Rect {
            x,
            y,
            width,
            height,
        }
    }

    fn right(self) -> f64 {
        self.x + self.width
    }

    fn bottom(self) -> f64 {
        self.y + self.height
    }
}

/// A side of an anchor (where a floating panel goes) or of the viewport (where a drawer slides
/// in from).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Side {
    /// Above.
    Top,
    /// To the right.
    Right,
    /// Below: the default.
    #[default]
    Bottom,
    /// To the left.
    Left,
}

impl Side {
    /// The value of the `data-side` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Top => "top",
            Side::Right => "right",
            Side::Bottom => "bottom",
            Side::Left => "left",
        }
    }

    /// The side across.
    pub fn opposite(self) -> Side {
        match self {
            Side::Top => Side::Bottom,
            Side::Right => Side::Left,
            Side::Bottom => Side::Top,
            Side::Left => Side::Right,
        }
    }

    fn vertical(self) -> bool {
        matches!(self, Side::Top | Side::Bottom)
    }
}

/// Where [`place`] put a floating panel: its top-left corner and the side it ended up on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placement {
    /// Left edge (CSS `left` of a `position: fixed` panel).
    pub x: f64,
    /// Top edge (CSS `top`).
    pub y: f64,
    /// The side of the anchor it is on: the asked one, or its opposite after a flip.
    pub side: Side,
}

/// The space kept between a panel and the viewport's edges.
pub const VIEWPORT_MARGIN: f64 = 8.0;

/// Places a `floating` panel (width, height) on `side` of `anchor`, `offset` pixels away, aligned
/// to the anchor's start, center or end (`Align::Start`, `Center`, `End`; the other alignments
/// count as `Center`), inside a `viewport` (width, height).
///
/// When the panel does not fit on `side` it flips to the opposite side if that has more room;
/// then it is shifted along the side (and across, if it fits on neither) to stay
/// [`VIEWPORT_MARGIN`] inside the viewport. Inputs that are not finite count as zero.
///
/// ```
/// use kiln_ui::{Align, Rect, Side, place};
/// // A 100x40 button at the bottom of an 800x600 viewport: a 200x300 menu flips above it.
/// let at = place(Rect::new(10.0, 540.0, 100.0, 40.0), (200.0, 300.0), (800.0, 600.0),
///                Side::Bottom, Align::Start, 4.0);
/// assert_eq!(at.side, Side::Top);
/// assert_eq!((at.x, at.y), (10.0, 236.0));
/// ```
pub fn place(
    anchor: Rect,
    floating: (f64, f64),
    viewport: (f64, f64),
    side: Side,
    align: Align,
    offset: f64,
) -> Placement {
    let finite = |v: f64| if v.is_finite() { v } else { 0.0 };
    let anchor = Rect::new(
        finite(anchor.x),
        finite(anchor.y),
        finite(anchor.width).max(0.0),
        finite(anchor.height).max(0.0),
    );
    let (width, height) = (finite(floating.0).max(0.0), finite(floating.1).max(0.0));
    let (vw, vh) = (finite(viewport.0).max(0.0), finite(viewport.1).max(0.0));
    let offset = finite(offset);

    // The room on each side of the anchor, and what the panel needs there.
    let room = |side: Side| match side {
        Side::Top => anchor.y - offset - VIEWPORT_MARGIN,
        Side::Bottom => vh - anchor.bottom() - offset - VIEWPORT_MARGIN,
        Side::Left => anchor.x - offset - VIEWPORT_MARGIN,
        Side::Right => vw - anchor.right() - offset - VIEWPORT_MARGIN,
    };
    let need = if side.vertical() { height } else { width };
    let side = if room(side) < need && room(side.opposite()) > room(side) {
        side.opposite()
    } else {
        side
    };

    let main = match side {
        Side::Top => anchor.y - offset - height,
        Side::Bottom => anchor.bottom() + offset,
        Side::Left => anchor.x - offset - width,
        Side::Right => anchor.right() + offset,
    };
    let (start, length, size) = if side.vertical() {
        (anchor.x, anchor.width, width)
    } else {
        (anchor.y, anchor.height, height)
    };
    let cross = match align {
        Align::Start => start,
        Align::End => start + length - size,
        _ => start + (length - size) / 2.0,
    };
    let clamp =
        |v: f64, size: f64, limit: f64| v.min(limit - size - VIEWPORT_MARGIN).max(VIEWPORT_MARGIN);
    let (x, y) = if side.vertical() {
        (clamp(cross, width, vw), clamp(main, height, vh))
    } else {
        (clamp(main, width, vw), clamp(cross, height, vh))
    };
    Placement { x, y, side }
}

/// The browser side: measures an anchor and its panel and applies [`place`].
#[cfg(feature = "hydrate")]
pub(crate) mod dom {
    use super::*;

    /// The viewport's size without scrollbars.
    fn viewport() -> (f64, f64) {
        match leptos::prelude::document().document_element() {
            Some(root) => (
                f64::from(root.client_width()),
                f64::from(root.client_height()),
            ),
            None => (0.0, 0.0),
        }
    }

    /// An element's box.
    pub(crate) fn rect_of(element: &web_sys::Element) -> Rect {
        let r = element.get_bounding_client_rect();
        Rect::new(r.x(), r.y(), r.width(), r.height())
    }

    /// Positions the element with id `floating` (fixed) next to `anchor`.
    pub(crate) fn position_at(anchor: Rect, floating: &str, side: Side, align: Align, offset: f64) {
        let Some(panel) = crate::dom::html_by_id(floating) else {
            return;
        };
        let size = (
            f64::from(panel.offset_width()),
            f64::from(panel.offset_height()),
        );
        let at = place(anchor, size, viewport(), side, align, offset);
        let _ = panel.set_attribute("style", &format!("left:{}px;top:{}px", at.x, at.y));
        let _ = panel.set_attribute("data-side", at.side.as_str());
    }

    /// Positions the element with id `floating` next to the element with id `anchor`.
    pub(crate) fn position(anchor: &str, floating: &str, side: Side, align: Align, offset: f64) {
        if let Some(anchor) = crate::dom::by_id(anchor) {
            position_at(rect_of(&anchor), floating, side, align, offset);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VIEW: (f64, f64) = (800.0, 600.0);

    #[test]
    fn below_the_anchor_when_there_is_room() {
        let at = place(
            Rect::new(100.0, 100.0, 80.0, 30.0),
            (200.0, 100.0),
            VIEW,
            Side::Bottom,
            Align::Start,
            4.0,
        );
        assert_eq!(
            at,
            Placement {
                x: 100.0,
                y: 134.0,
                side: Side::Bottom
            }
        );
    }

    #[test]
    fn centered_and_end_alignment() {
        let anchor = Rect::new(300.0, 100.0, 100.0, 30.0);
        let center = place(anchor, (50.0, 20.0), VIEW, Side::Bottom, Align::Center, 0.0);
        assert_eq!(center.x, 325.0);
        let end = place(anchor, (50.0, 20.0), VIEW, Side::Bottom, Align::End, 0.0);
        assert_eq!(end.x, 350.0);
        let right = place(anchor, (50.0, 20.0), VIEW, Side::Right, Align::Center, 6.0);
        assert_eq!((right.x, right.y, right.side), (406.0, 105.0, Side::Right));
    }

    #[test]
    fn flips_to_the_opposite_side_without_room() {
        let top = place(
            Rect::new(100.0, 10.0, 80.0, 30.0),
            (100.0, 50.0),
            VIEW,
            Side::Top,
            Align::Start,
            4.0,
        );
        assert_eq!((top.side, top.y), (Side::Bottom, 44.0));
        let left = place(
            Rect::new(20.0, 200.0, 40.0, 40.0),
            (100.0, 50.0),
            VIEW,
            Side::Left,
            Align::Start,
            4.0,
        );
        assert_eq!((left.side, left.x), (Side::Right, 64.0));
    }

    #[test]
    fn stays_put_when_neither_side_has_more_room() {
        // A tall panel fits neither above nor below: the side with more room wins.
        let at = place(
            Rect::new(100.0, 400.0, 80.0, 30.0),
            (100.0, 500.0),
            VIEW,
            Side::Bottom,
            Align::Start,
            0.0,
        );
        assert_eq!(at.side, Side::Top);
        assert_eq!(at.y, VIEWPORT_MARGIN, "shifted into the viewport");
    }

    #[test]
    fn shifts_along_the_side_to_stay_inside() {
        let at = place(
            Rect::new(750.0, 100.0, 40.0, 30.0),
            (200.0, 100.0),
            VIEW,
            Side::Bottom,
            Align::Start,
            4.0,
        );
        assert_eq!(at.x, 800.0 - 200.0 - VIEWPORT_MARGIN);
        let at = place(
            Rect::new(-30.0, 100.0, 40.0, 30.0),
            (200.0, 100.0),
            VIEW,
            Side::Bottom,
            Align::End,
            4.0,
        );
        assert_eq!(at.x, VIEWPORT_MARGIN);
    }

    #[test]
    fn nonsense_input_does_not_panic() {
        let at = place(
            Rect::new(f64::NAN, f64::INFINITY, -5.0, 0.0),
            (f64::NAN, 10.0),
            (0.0, 0.0),
            Side::Right,
            Align::Stretch,
            f64::NAN,
        );
        assert!(at.x.is_finite() && at.y.is_finite());
    }
}
