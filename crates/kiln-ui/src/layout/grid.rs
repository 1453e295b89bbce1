//! [`Grid`] and its tracks.

use super::{LayoutTag, element, padding};
use crate::props::Align;
use crate::responsive::{CssProperty, Responsive, StyleBuilder, space};
use leptos::prelude::*;

/// The tracks of a [`Grid`]'s `columns` or `rows`: a number of equal tracks, or a CSS template.
///
/// `columns=3` is three equal columns; `columns="200px 1fr"` is a template, as CSS writes it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum GridTracks {
    /// This many equal tracks (`repeat(n, minmax(0, 1fr))`); `0` is none.
    Count(u16),
    /// A `grid-template-columns` / `grid-template-rows` value, e.g. `"200px 1fr"`.
    Template(String),
}

impl GridTracks {
    /// As a CSS `grid-template-*` value.
    pub fn to_css(&self) -> String {
        match self {
            GridTracks::Count(0) => "none".to_owned(),
            GridTracks::Count(n) => format!("repeat({n},minmax(0,1fr))"),
            // A template is CSS, but never more than one declaration.
            GridTracks::Template(template) => template.replace([';', '{', '}'], " "),
        }
    }
}

impl From<u16> for GridTracks {
    fn from(count: u16) -> Self {
        GridTracks::Count(count)
    }
}

impl From<&str> for GridTracks {
    fn from(template: &str) -> Self {
        GridTracks::Template(template.to_owned())
    }
}

impl From<String> for GridTracks {
    fn from(template: String) -> Self {
        GridTracks::Template(template)
    }
}

impl From<u16> for Responsive<GridTracks> {
    fn from(count: u16) -> Self {
        Responsive::new(GridTracks::Count(count))
    }
}

impl From<&str> for Responsive<GridTracks> {
    fn from(template: &str) -> Self {
        Responsive::new(GridTracks::from(template))
    }
}

impl From<Responsive<u16>> for Responsive<GridTracks> {
    fn from(counts: Responsive<u16>) -> Self {
        counts.map(GridTracks::Count, GridTracks::Count(1))
    }
}

impl From<Responsive<&str>> for Responsive<GridTracks> {
    fn from(templates: Responsive<&str>) -> Self {
        templates.map(GridTracks::from, GridTracks::Count(1))
    }
}

impl<T: Clone> Responsive<T> {
    /// The same breakpoints, each value converted by `f`; `fallback` only if `self` had no
    /// value at all (it always has one).
    fn map<U>(self, f: impl Fn(T) -> U, fallback: U) -> Responsive<U> {
        use crate::responsive::Breakpoint;
        let initial = self.get(Breakpoint::Initial).cloned().map(&f);
        let mut out = Responsive::new(initial.unwrap_or(fallback));
        for at in Breakpoint::ALL.into_iter().skip(1) {
            if let Some(value) = self.get(at) {
                out = out.at(at, f(value.clone()));
            }
        }
        out
    }
}

/// A CSS grid: equal columns (`columns=3`) or a template (`columns="200px 1fr"`), per breakpoint.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Gallery() -> impl IntoView {
///     view! {
///         // One column on phones, three from 1024px.
///         <Grid columns=Responsive::new(1).md(3) gap=4>
///             <Card>"A"</Card><Card>"B"</Card><Card>"C"</Card>
///         </Grid>
///         <Grid columns="12rem 1fr" gap=3><nav>"Menu"</nav><main>"Page"</main></Grid>
///     }
/// }
/// ```
#[component]
pub fn Grid(
    /// The element (default `<div>`).
    #[prop(optional)]
    as_: LayoutTag,
    /// The columns: a count of equal ones, or a template.
    #[prop(optional, into)]
    columns: Option<Responsive<GridTracks>>,
    /// The rows: a count of equal ones, or a template (default: as many as the items need).
    #[prop(optional, into)]
    rows: Option<Responsive<GridTracks>>,
    /// Space between cells, a space step.
    #[prop(optional, into)]
    gap: Option<Responsive<u8>>,
    /// Alignment of the items in their cells, vertically (`align-items`).
    #[prop(optional, into)]
    align: Option<Responsive<Align>>,
    /// Distribution of the tracks along the row (`justify-content`).
    #[prop(optional, into)]
    justify: Option<Responsive<Align>>,
    /// Padding, a space step.
    #[prop(optional, into)]
    p: Option<Responsive<u8>>,
    /// Horizontal padding, a space step.
    #[prop(optional, into)]
    px: Option<Responsive<u8>>,
    /// Vertical padding, a space step.
    #[prop(optional, into)]
    py: Option<Responsive<u8>>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The cells.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let mut style = StyleBuilder::new("kiln-grid");
    style
        .set(CssProperty::Columns, columns.as_ref(), GridTracks::to_css)
        .set(CssProperty::Rows, rows.as_ref(), GridTracks::to_css)
        .set(CssProperty::Gap, gap.as_ref(), space)
        .set(CssProperty::Align, align.as_ref(), |a| {
            a.align_items().to_owned()
        })
        .set(CssProperty::Justify, justify.as_ref(), |a| {
            a.justify_content().to_owned()
        });
    padding(&mut style, p.as_ref(), px.as_ref(), py.as_ref());
    style.extra_class(class.as_deref());
    element(as_, (&style).into(), children)
}
