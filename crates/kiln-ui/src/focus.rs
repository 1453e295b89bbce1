//! Keyboard navigation shared by every composite widget (menus, tabs, radio groups, selects,
//! segmented controls, listboxes): which item a key moves to.

/// Which arrow keys move between a widget's items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Orientation {
    /// Left and right (tabs, segmented controls, menubars).
    Horizontal,
    /// Up and down (menus, listboxes).
    Vertical,
    /// All four arrows (radio groups).
    Both,
}

/// The item `key` moves to, among `len` items where `current` has focus; `None` when the key
/// does not navigate (the caller then leaves the event alone). Arrows wrap around; Home and End
/// go to the first and last item. `disabled(i)` items are skipped.
///
/// ```
/// use kiln_ui::{Orientation, roving_index};
/// let none_disabled = |_| false;
/// assert_eq!(roving_index("ArrowDown", Some(2), 3, Orientation::Vertical, none_disabled), Some(0));
/// assert_eq!(roving_index("ArrowLeft", Some(0), 3, Orientation::Horizontal, none_disabled), Some(2));
/// assert_eq!(roving_index("End", None, 3, Orientation::Vertical, none_disabled), Some(2));
/// assert_eq!(roving_index("ArrowRight", Some(0), 3, Orientation::Vertical, none_disabled), None);
/// assert_eq!(roving_index("ArrowDown", Some(0), 3, Orientation::Vertical, |i| i == 1), Some(2));
/// ```
pub fn roving_index(
    key: &str,
    current: Option<usize>,
    len: usize,
    orientation: Orientation,
    disabled: impl Fn(usize) -> bool,
) -> Option<usize> {
    if len == 0 {
        return None;
    }
    let horizontal = orientation != Orientation::Vertical;
    let vertical = orientation != Orientation::Horizontal;
    let step: isize = match key {
        "ArrowDown" if vertical => 1,
        "ArrowUp" if vertical => -1,
        "ArrowRight" if horizontal => 1,
        "ArrowLeft" if horizontal => -1,
        "Home" => return (0..len).find(|&i| !disabled(i)),
        "End" => return (0..len).rev().find(|&i| !disabled(i)),
        _ => return None,
    };
    let start = match current {
        Some(current) => current as isize,
        None if step > 0 => -1,
        None => len as isize,
    };
    (1..=len as isize)
        .map(|offset| (start + step * offset).rem_euclid(len as isize) as usize)
        .find(|&i| !disabled(i))
}

/// The first item after `current` (wrapping) whose label starts with the typed character,
/// case-insensitively: type-ahead in menus and listboxes.
///
/// ```
/// use kiln_ui::typeahead_index;
/// let labels = ["Apple", "Banana", "Blueberry"];
/// assert_eq!(typeahead_index("b", Some(1), &labels), Some(2));
/// assert_eq!(typeahead_index("B", Some(2), &labels), Some(1));
/// assert_eq!(typeahead_index("z", Some(0), &labels), None);
/// ```
pub fn typeahead_index<S: AsRef<str>>(
    typed: &str,
    current: Option<usize>,
    labels: &[S],
) -> Option<usize> {
    let typed = typed.to_lowercase();
    if typed.chars().count() != 1 {
        return None;
    }
    let len = labels.len();
    let start = current.map_or(0, |current| current + 1);
    (0..len)
        .map(|offset| (start + offset) % len)
        .find(|&i| labels[i].as_ref().to_lowercase().starts_with(&typed))
}
