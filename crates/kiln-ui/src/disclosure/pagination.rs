//! [`Pagination`] and the page numbers it shows ([`pagination_range`]).

use crate::glyph::Glyph;
use crate::props::{Size, class_list};
use leptos::prelude::*;

/// An entry of a [`pagination_range`]: a page number, or a gap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PageItem {
    /// The page with this number (from 1).
    Page(usize),
    /// Pages left out ("…").
    Ellipsis,
}

/// The most siblings and boundaries a pagination shows.
const MAX_SHOWN: usize = 100;

/// The page numbers a [`Pagination`] shows: the first and last `boundaries` pages, `siblings`
/// pages either side of `current`, and ellipses for the gaps (a gap of one page shows that
/// page instead). Pages count from 1; `current` is clamped to `1..=total`. The entries are as
/// many wherever `current` is, so the links do not jump around. `siblings` and `boundaries`
/// count at most 100.
///
/// ```
/// use kiln_ui::{PageItem::{Ellipsis, Page}, pagination_range};
/// assert_eq!(pagination_range(5, 10, 1, 1), [Page(1), Ellipsis, Page(4), Page(5), Page(6), Ellipsis, Page(10)]);
/// assert_eq!(pagination_range(1, 10, 1, 1), [Page(1), Page(2), Page(3), Page(4), Page(5), Ellipsis, Page(10)]);
/// assert_eq!(pagination_range(2, 3, 1, 1), [Page(1), Page(2), Page(3)]);
/// ```
pub fn pagination_range(
    current: usize,
    total: usize,
    siblings: usize,
    boundaries: usize,
) -> Vec<PageItem> {
    if total == 0 {
        return Vec::new();
    }
    // Signed arithmetic: the formulas go below zero for short ranges.
    let total = total.min(i64::MAX as usize / 4) as i64;
    let current = (current as i64).clamp(1, total);
    let siblings = siblings.min(MAX_SHOWN) as i64;
    let boundaries = boundaries.min(MAX_SHOWN) as i64;
    let end_first = (total - boundaries + 1).max(boundaries + 1);
    let siblings_start = (current - siblings)
        .min(total - boundaries - siblings * 2 - 1)
        .max(boundaries + 2);
    let siblings_end =
        (current + siblings)
            .max(boundaries + siblings * 2 + 2)
            .min(if end_first <= total {
                end_first - 2
            } else {
                total - 1
            });
    let mut pages: Vec<Option<i64>> = (1..=boundaries.min(total)).map(Some).collect();
    if siblings_start > boundaries + 2 {
        pages.push(None);
    } else if boundaries + 1 < total - boundaries {
        pages.push(Some(boundaries + 1));
    }
    pages.extend((siblings_start..=siblings_end).map(Some));
    if siblings_end < total - boundaries - 1 {
        pages.push(None);
    } else if total - boundaries > boundaries {
        pages.push(Some(total - boundaries));
    }
    pages.extend((end_first..=total).map(Some));
    // Rebuilt from the pages alone, so that it is increasing and every gap is one ellipsis.
    let mut items = Vec::with_capacity(pages.len() + 2);
    let mut last = 0;
    for page in pages.into_iter().flatten() {
        if page <= last || page > total {
            continue;
        }
        if page > last + 1 {
            items.push(PageItem::Ellipsis);
        }
        items.push(PageItem::Page(page as usize));
        last = page;
    }
    if items.is_empty() {
        items.push(PageItem::Page(current as usize));
        last = current;
    }
    if last < total {
        items.push(PageItem::Ellipsis);
    }
    items
}

/// Links to the pages of a long list: previous, page numbers with ellipses for long ranges,
/// next (`<nav aria-label="Pagination">`). The current page has `aria-current="page"`.
///
/// Every link is a real `href` (from `href`), so it works without JavaScript and can be opened
/// in a new tab; with `on_change`, a plain click calls it instead of following the link.
/// Sizes `S1` to `S3`.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Results() -> impl IntoView {
///     view! { <Pagination page=3 total=12 href=|page: usize| format!("/search?page={page}")/> }
/// }
/// ```
#[component]
pub fn Pagination(
    /// The current page, from 1.
    #[prop(into)]
    page: Signal<usize>,
    /// How many pages there are.
    #[prop(into)]
    total: Signal<usize>,
    /// Each page's URL.
    #[prop(into)]
    href: Callback<usize, String>,
    /// Called with a page when a link to it is clicked (instead of following the link).
    #[prop(optional, into)]
    on_change: Option<Callback<usize>>,
    /// How many pages to show either side of the current one (default 1).
    #[prop(default = 1)]
    siblings: usize,
    /// How many pages to show at each end (default 1).
    #[prop(default = 1)]
    boundaries: usize,
    /// The navigation's name (default "Pagination").
    #[prop(default = "Pagination".into(), into)]
    label: String,
    /// `S1` to `S3` (default `S2`).
    #[prop(optional)]
    size: Size,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
) -> impl IntoView {
    let go = move |target: usize| {
        move |ev: leptos::ev::MouseEvent| {
            let plain = ev.button() == 0
                && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key());
            if let Some(on_change) = on_change
                && plain
            {
                ev.prevent_default();
                on_change.run(target);
            }
        }
    };
    let edge = move |target: Option<usize>,
                     rel: &'static str,
                     label: &'static str,
                     glyph: Glyph| {
        match target {
        Some(target) => view! {
            <a
                class="kiln-pagination-link"
                data-edge=""
                href=href.run(target)
                aria-label=label
                rel=rel
                on:click=go(target)
            >
                {glyph.view()}
            </a>
        }
        .into_any(),
        None => view! {
            <a class="kiln-pagination-link" data-edge="" role="link" aria-disabled="true" aria-label=label>
                {glyph.view()}
            </a>
        }
        .into_any(),
    }
    };
    let items = move || {
        let total = total.get();
        let current = page.get().clamp(1, total.max(1));
        let previous = (current > 1).then(|| current - 1);
        let next = (current < total).then(|| current + 1);
        let numbers = pagination_range(current, total, siblings, boundaries)
            .into_iter()
            .map(|item| match item {
                PageItem::Page(number) => {
                    let here = number == current;
                    view! {
                        <li>
                            <a
                                class="kiln-pagination-link"
                                href=href.run(number)
                                aria-current=here.then_some("page")
                                aria-label=format!("Page {number}")
                                on:click=go(number)
                            >
                                {number}
                            </a>
                        </li>
                    }
                    .into_any()
                }
                PageItem::Ellipsis => view! {
                    <li><span class="kiln-pagination-ellipsis" aria-hidden="true">"…"</span></li>
                }
                .into_any(),
            })
            .collect_view();
        view! {
            <li>{edge(previous, "prev", "Previous page", Glyph::ChevronLeft)}</li>
            {numbers}
            <li>{edge(next, "next", "Next page", Glyph::ChevronRight)}</li>
        }
    };
    view! {
        <nav
            class=class_list("kiln-pagination", class.as_deref())
            aria-label=label
            data-size=size.as_str()
        >
            <ul class="kiln-pagination-list">{items}</ul>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::PageItem::{Ellipsis, Page};
    use super::*;

    fn pages(items: &[PageItem]) -> String {
        items
            .iter()
            .map(|item| match item {
                Page(n) => n.to_string(),
                Ellipsis => "…".to_owned(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn short_ranges_show_every_page() {
        assert_eq!(pages(&pagination_range(1, 1, 1, 1)), "1");
        assert_eq!(pages(&pagination_range(1, 2, 1, 1)), "1 2");
        assert_eq!(pages(&pagination_range(4, 7, 1, 1)), "1 2 3 4 5 6 7");
        assert!(pagination_range(1, 0, 1, 1).is_empty());
    }

    #[test]
    fn long_ranges_keep_the_same_length() {
        let expected = [
            (1, "1 2 3 4 5 … 20"),
            (3, "1 2 3 4 5 … 20"),
            (4, "1 2 3 4 5 … 20"),
            (5, "1 … 4 5 6 … 20"),
            (16, "1 … 15 16 17 … 20"),
            (17, "1 … 16 17 18 19 20"),
            (20, "1 … 16 17 18 19 20"),
        ];
        for (current, text) in expected {
            let range = pagination_range(current, 20, 1, 1);
            assert_eq!(pages(&range), text, "page {current}");
            assert_eq!(range.len(), 7);
        }
    }

    #[test]
    fn siblings_and_boundaries_widen_the_range() {
        assert_eq!(
            pages(&pagination_range(10, 20, 2, 2)),
            "1 2 … 8 9 10 11 12 … 19 20"
        );
        assert_eq!(pages(&pagination_range(10, 20, 0, 0)), "… 10 …");
        assert_eq!(pages(&pagination_range(1, 20, 0, 1)), "1 2 3 … 20");
    }

    #[test]
    fn bad_input_is_clamped() {
        assert_eq!(pages(&pagination_range(0, 5, 1, 1)), "1 2 3 4 5");
        assert_eq!(pages(&pagination_range(99, 20, 1, 1)), "1 … 16 17 18 19 20");
        let huge = pagination_range(usize::MAX, usize::MAX, usize::MAX, usize::MAX);
        assert!(!huge.is_empty());
    }
}
