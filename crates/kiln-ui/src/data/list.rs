//! Lists: data lists (label and value pairs) and plain lists with markers.

use crate::focus::Orientation;
use crate::props::{Size, class_list};
use leptos::prelude::*;

/// A list of labels and values (`<dl>`): a record's fields.
///
/// Horizontal (label beside value, the default) or vertical (label above). Sizes `S1` to `S3`.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Profile() -> impl IntoView {
///     view! {
///         <DataList>
///             <DataListItem label="Name">"Ada Lovelace"</DataListItem>
///             <DataListItem label="Status"><Badge color=Color::Green>"Active"</Badge></DataListItem>
///         </DataList>
///     }
/// }
/// ```
#[component]
pub fn DataList(
    /// Label beside (horizontal, default) or above (vertical) its value.
    #[prop(default = Orientation::Horizontal)]
    orientation: Orientation,
    /// `S1` to `S3` (default `S2`).
    #[prop(optional)]
    size: Size,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The [`DataListItem`]s.
    children: Children,
) -> impl IntoView {
    let orientation = if orientation == Orientation::Vertical {
        "vertical"
    } else {
        "horizontal"
    };
    view! {
        <dl
            class=class_list("kiln-data-list", class.as_deref())
            data-orientation=orientation
            data-size=size.as_str()
        >
            {children()}
        </dl>
    }
}

/// One label and its value in a [`DataList`].
///
/// ```
/// use kiln_ui::prelude::*;
/// #[component]
/// fn Email() -> impl IntoView {
///     view! { <DataList><DataListItem label="Email">"ada@example.com"</DataListItem></DataList> }
/// }
/// ```
#[component]
pub fn DataListItem(
    /// The label (`<dt>`).
    #[prop(into)]
    label: String,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The value (`<dd>`).
    children: Children,
) -> impl IntoView {
    view! {
        <div class=class_list("kiln-data-list-item", class.as_deref())>
            <dt class="kiln-data-list-label">{label}</dt>
            <dd class="kiln-data-list-value">{children()}</dd>
        </div>
    }
}

/// The marker of a [`List`]'s items. The numbered ones render an `<ol>`, the others a `<ul>`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ListMarker {
    /// A filled dot: the default.
    #[default]
    Disc,
    /// A hollow circle.
    Circle,
    /// A square.
    Square,
    /// 1, 2, 3.
    Decimal,
    /// a, b, c.
    LowerAlpha,
    /// A, B, C.
    UpperAlpha,
    /// i, ii, iii.
    LowerRoman,
    /// I, II, III.
    UpperRoman,
    /// No marker.
    None,
}

impl ListMarker {
    /// The CSS `list-style-type`, also the value of `data-marker`.
    pub fn as_str(self) -> &'static str {
        match self {
            ListMarker::Disc => "disc",
            ListMarker::Circle => "circle",
            ListMarker::Square => "square",
            ListMarker::Decimal => "decimal",
            ListMarker::LowerAlpha => "lower-alpha",
            ListMarker::UpperAlpha => "upper-alpha",
            ListMarker::LowerRoman => "lower-roman",
            ListMarker::UpperRoman => "upper-roman",
            ListMarker::None => "none",
        }
    }

    /// Whether the items are numbered (an `<ol>`).
    pub fn is_ordered(self) -> bool {
        matches!(
            self,
            ListMarker::Decimal
                | ListMarker::LowerAlpha
                | ListMarker::UpperAlpha
                | ListMarker::LowerRoman
                | ListMarker::UpperRoman
        )
    }
}

/// A bulleted or numbered list of [`ListItem`]s: `<ul>`, or `<ol>` for numbered markers.
///
/// Sizes `S1` to `S3`.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Steps() -> impl IntoView {
///     view! {
///         <List marker=ListMarker::Decimal>
///             <ListItem>"Install"</ListItem>
///             <ListItem>"Run"</ListItem>
///         </List>
///     }
/// }
/// ```
#[component]
pub fn List(
    /// The marker (default: a disc); numbered markers make an `<ol>`.
    #[prop(optional)]
    marker: ListMarker,
    /// `S1` to `S3` (default `S2`).
    #[prop(optional)]
    size: Size,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The [`ListItem`]s.
    children: Children,
) -> impl IntoView {
    let class = class_list("kiln-list", class.as_deref());
    // Safari drops the list role of unstyled lists; give it back.
    let role = (marker == ListMarker::None).then_some("list");
    if marker.is_ordered() {
        view! {
            <ol class=class data-marker=marker.as_str() data-size=size.as_str()>
                {children()}
            </ol>
        }
        .into_any()
    } else {
        view! {
            <ul class=class data-marker=marker.as_str() data-size=size.as_str() role=role>
                {children()}
            </ul>
        }
        .into_any()
    }
}

/// An item of a [`List`]: `<li>`.
///
/// ```
/// use kiln_ui::prelude::*;
/// #[component]
/// fn Item() -> impl IntoView {
///     view! { <List><ListItem>"Milk"</ListItem></List> }
/// }
/// ```
#[component]
pub fn ListItem(
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The content.
    children: Children,
) -> impl IntoView {
    view! { <li class=class_list("kiln-list-item", class.as_deref())>{children()}</li> }
}
