//! Data display: badges, avatars, callouts, tables, data lists, lists, progress, spinners,
//! skeletons, icons, images and relative times.

use crate::focus::Orientation;
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
fn initials(name: &str) -> String {
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

/// A table of data, with [`TableHeader`], [`TableBody`], [`TableRow`], [`TableColumnHeader`],
/// [`TableRowHeader`] and [`TableCell`]: native table elements, so screen readers announce
/// each cell's headers.
///
/// Variants: ghost (rows only, the default) or surface (in a bordered panel). Sizes `S1` to
/// `S3`. It scrolls sideways when it is wider than its container.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn People() -> impl IntoView {
///     view! {
///         <Table variant=Variant::Surface caption="Team">
///             <TableHeader>
///                 <TableRow>
///                     <TableColumnHeader>"Name"</TableColumnHeader>
///                     <TableColumnHeader>"Role"</TableColumnHeader>
///                 </TableRow>
///             </TableHeader>
///             <TableBody>
///                 <TableRow>
///                     <TableRowHeader>"Ada"</TableRowHeader>
///                     <TableCell>"Engineer"</TableCell>
///                 </TableRow>
///             </TableBody>
///         </Table>
///     }
/// }
/// ```
#[component]
pub fn Table(
    /// Ghost (default) or surface.
    #[prop(default = Variant::Ghost)]
    variant: Variant,
    /// `S1` to `S3` (default `S2`).
    #[prop(optional)]
    size: Size,
    /// A caption: the table's accessible name, shown above it.
    #[prop(optional, into)]
    caption: Option<String>,
    /// Extra classes (on the `<table>`).
    #[prop(optional, into)]
    class: Option<String>,
    /// The header, body and rows.
    children: Children,
) -> impl IntoView {
    let variant = if variant == Variant::Surface {
        "surface"
    } else {
        "ghost"
    };
    view! {
        <div class="kiln-table-wrap" data-variant=variant>
            <table
                class=class_list("kiln-table", class.as_deref())
                data-variant=variant
                data-size=size.as_str()
            >
                {caption.map(|caption| view! { <caption class="kiln-table-caption">{caption}</caption> })}
                {children()}
            </table>
        </div>
    }
}

macro_rules! table_part {
    ($(#[$doc:meta])* $name:ident, $tag:ident, $class:literal $(, $attr:ident = $value:tt)?) => {
        $(#[$doc])*
        #[component]
        pub fn $name(
            /// Extra classes.
            #[prop(optional, into)]
            class: Option<String>,
            /// The content.
            children: Children,
        ) -> impl IntoView {
            view! {
                <$tag class=class_list($class, class.as_deref()) $($attr=$value)?>
                    {children()}
                </$tag>
            }
        }
    };
}

table_part!(
    /// A [`Table`]'s header rows: `<thead>`.
    ///
    /// ```
    /// use kiln_ui::prelude::*;
    /// #[component]
    /// fn Head() -> impl IntoView {
    ///     view! { <TableHeader><TableRow><TableColumnHeader>"Name"</TableColumnHeader></TableRow></TableHeader> }
    /// }
    /// ```
    TableHeader, thead, "kiln-table-header"
);
table_part!(
    /// A [`Table`]'s body: `<tbody>`.
    ///
    /// ```
    /// use kiln_ui::prelude::*;
    /// #[component]
    /// fn Body() -> impl IntoView {
    ///     view! { <TableBody><TableRow><TableCell>"Ada"</TableCell></TableRow></TableBody> }
    /// }
    /// ```
    TableBody, tbody, "kiln-table-body"
);
table_part!(
    /// A row of a [`Table`]: `<tr>`.
    ///
    /// ```
    /// use kiln_ui::prelude::*;
    /// #[component]
    /// fn Row() -> impl IntoView {
    ///     view! { <TableRow><TableRowHeader>"Ada"</TableRowHeader><TableCell>"36"</TableCell></TableRow> }
    /// }
    /// ```
    TableRow, tr, "kiln-table-row"
);
table_part!(
    /// A column's header cell: `<th scope="col">`.
    ///
    /// ```
    /// use kiln_ui::prelude::*;
    /// #[component]
    /// fn Head() -> impl IntoView {
    ///     view! { <TableColumnHeader>"Email"</TableColumnHeader> }
    /// }
    /// ```
    TableColumnHeader, th, "kiln-table-column-header", scope = "col"
);
table_part!(
    /// A row's header cell: `<th scope="row">`.
    ///
    /// ```
    /// use kiln_ui::prelude::*;
    /// #[component]
    /// fn Head() -> impl IntoView {
    ///     view! { <TableRowHeader>"Ada"</TableRowHeader> }
    /// }
    /// ```
    TableRowHeader, th, "kiln-table-row-header", scope = "row"
);
table_part!(
    /// A data cell: `<td>`.
    ///
    /// ```
    /// use kiln_ui::prelude::*;
    /// #[component]
    /// fn Cell() -> impl IntoView {
    ///     view! { <TableCell>"ada@example.com"</TableCell> }
    /// }
    /// ```
    TableCell, td, "kiln-table-cell"
);

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

/// How far `value` is along `0..=max`, in percent (0 to 100); `None` for no value
/// (indeterminate). A value out of range is clamped; a bad `max` counts as 100.
///
/// ```
/// use kiln_ui::progress_percent;
/// assert_eq!(progress_percent(Some(25.0), 50.0), Some(50.0));
/// assert_eq!(progress_percent(Some(150.0), 100.0), Some(100.0));
/// assert_eq!(progress_percent(None, 100.0), None);
/// ```
pub fn progress_percent(value: Option<f64>, max: f64) -> Option<f64> {
    let max = if max.is_finite() && max > 0.0 {
        max
    } else {
        100.0
    };
    let value = value.filter(|value| !value.is_nan())?;
    Some(value.clamp(0.0, max) / max * 100.0)
}

/// A progress bar (`role="progressbar"`): how much of a task is done, or, without a `value`,
/// that it is under way (indeterminate, an animated bar).
///
/// Variants: surface (default) or soft. Sizes `S1` to `S3`. `label` names it for screen
/// readers.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Upload() -> impl IntoView {
///     let done = RwSignal::new(40.0);
///     view! {
///         <Progress label="Uploading photo" value=done/>
///         <Progress label="Connecting" color=Color::Gray/>
///     }
/// }
/// ```
#[component]
pub fn Progress(
    /// The accessible name.
    #[prop(into)]
    label: String,
    /// How much is done, from 0 to `max`; none for indeterminate.
    #[prop(optional, into)]
    value: MaybeProp<f64>,
    /// The value when done (default 100).
    #[prop(default = 100.0)]
    max: f64,
    /// Surface (default) or soft.
    #[prop(default = Variant::Surface)]
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
) -> impl IntoView {
    let max = if max.is_finite() && max > 0.0 {
        max
    } else {
        100.0
    };
    let percent = move || progress_percent(value.get(), max);
    let now = move || {
        value
            .get()
            .filter(|value| !value.is_nan())
            .map(|value| value.clamp(0.0, max).to_string())
    };
    let variant = if variant == Variant::Soft {
        "soft"
    } else {
        "surface"
    };
    view! {
        <div
            class=class_list("kiln-progress", class.as_deref())
            role="progressbar"
            aria-label=label
            aria-valuemin="0"
            aria-valuemax=max.to_string()
            aria-valuenow=now
            data-state=move || if percent().is_some() { "determinate" } else { "indeterminate" }
            data-variant=variant
            data-size=size.as_str()
            data-accent=color.map(Color::as_str)
        >
            <div
                class="kiln-progress-indicator"
                style=move || percent().map(|percent| format!("width:{percent}%"))
            ></div>
        </div>
    }
}

/// A spinning indicator that something is loading (`role="status"`, named "Loading").
///
/// Sizes `S1` to `S3`.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Saving() -> impl IntoView {
///     view! { <Spinner size=Size::S1 label="Saving"/> }
/// }
/// ```
#[component]
pub fn Spinner(
    /// What is loading, for screen readers (default "Loading").
    #[prop(default = "Loading".into(), into)]
    label: String,
    /// `S1` to `S3` (default `S2`).
    #[prop(optional)]
    size: Size,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
) -> impl IntoView {
    view! {
        <span
            class=class_list("kiln-spinner", class.as_deref())
            role="status"
            aria-label=label
            data-size=size.as_str()
        ></span>
    }
}

/// A shimmering placeholder while content loads. Hidden from screen readers; once `loading`
/// turns false it shows its children.
///
/// With children, the placeholder takes their shape (they are laid out, invisible); without,
/// give it a `width` and `height`.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Profile() -> impl IntoView {
///     let loading = RwSignal::new(true);
///     view! {
///         <Skeleton loading=loading><Text>"Ada Lovelace"</Text></Skeleton>
///         <Skeleton width="4rem" height="4rem"/>
///     }
/// }
/// ```
#[component]
pub fn Skeleton(
    /// Whether to show the placeholder (default: always).
    #[prop(optional, into)]
    loading: MaybeProp<bool>,
    /// A CSS width, for a placeholder without children.
    #[prop(optional, into)]
    width: Option<String>,
    /// A CSS height, for a placeholder without children.
    #[prop(optional, into)]
    height: Option<String>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The content, shown once loaded.
    #[prop(optional)]
    children: Option<ChildrenFn>,
) -> impl IntoView {
    let class = class_list("kiln-skeleton", class.as_deref());
    let style = [("width", width), ("height", height)]
        .into_iter()
        .filter_map(|(name, value)| value.map(|value| format!("{name}:{}", css_value(&value))))
        .collect::<Vec<_>>()
        .join(";");
    let style = (!style.is_empty()).then_some(style);
    move || {
        let content = children.clone().map(|children| children());
        if loading.get().unwrap_or(true) {
            view! {
                <span class=class.clone() style=style.clone() aria-hidden="true" inert>
                    {content}
                </span>
            }
            .into_any()
        } else {
            content.into_any()
        }
    }
}

/// Keeps a CSS value from breaking out of its declaration.
fn css_value(value: &str) -> String {
    value
        .chars()
        .filter(|c| !matches!(c, ';' | '{' | '}' | '<' | '>' | '"' | '\''))
        .collect()
}

/// Sizes an icon (e.g. one from [`icons`](crate::icons), or a [`Glyph`]) and names it: with a
/// `label` it is an image (`role="img"`) with that name; without, it is decorative and hidden
/// from screen readers.
///
/// Sizes `S1` (12px) to `S4` (24px); 16px by default.
///
/// ```
/// use kiln_ui::prelude::*;
/// use kiln_ui::Glyph;
///
/// #[component]
/// fn Done() -> impl IntoView {
///     view! {
///         <Icon label="Done">{Glyph::Check.view()}</Icon>
///         <Icon size=Size::S4>{Glyph::Info.view()}</Icon>
///     }
/// }
/// ```
#[component]
pub fn Icon(
    /// The icon's name for screen readers; without one, it is decorative.
    #[prop(optional, into)]
    label: Option<String>,
    /// `S1` to `S4` (default `S2`).
    #[prop(optional)]
    size: Size,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The icon: an `<svg>` or an icon component.
    children: Children,
) -> impl IntoView {
    let hidden = label.is_none().then_some("true");
    let role = label.is_some().then_some("img");
    view! {
        <span
            class=class_list("kiln-icon", class.as_deref())
            data-size=size.as_str()
            role=role
            aria-label=label
            aria-hidden=hidden
        >
            {children()}
        </span>
    }
}

/// How an [`Image`] fills its box when its aspect ratio differs (CSS `object-fit`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ImageFit {
    /// Fill the box, cropping (the default).
    #[default]
    Cover,
    /// Fit inside the box, letterboxed.
    Contain,
    /// Stretch to the box.
    Fill,
    /// The image's own size.
    None,
    /// Its own size, or smaller to fit.
    ScaleDown,
}

impl ImageFit {
    /// The CSS `object-fit` value, also the value of `data-fit`.
    pub fn as_str(self) -> &'static str {
        match self {
            ImageFit::Cover => "cover",
            ImageFit::Contain => "contain",
            ImageFit::Fill => "fill",
            ImageFit::None => "none",
            ImageFit::ScaleDown => "scale-down",
        }
    }
}

/// An image: `<img>` with required alt text (`""` for a decorative one), loaded lazily unless
/// `eager`.
///
/// `width` and `height` (pixels) reserve its space before it loads; `aspect` (e.g. `"16/9"`)
/// sets its shape; `fit` how it fills that; `radius` its corners.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Hero() -> impl IntoView {
///     view! {
///         <Image src="/kiln.jpg" alt="A kiln at night" width=800 height=450 aspect="16/9"
///             radius=Radius::Large/>
///     }
/// }
/// ```
#[component]
pub fn Image(
    /// The image's URL.
    #[prop(into)]
    src: String,
    /// What it shows (`""` if it is decorative).
    #[prop(into)]
    alt: String,
    /// Its width in pixels.
    #[prop(optional)]
    width: Option<u32>,
    /// Its height in pixels.
    #[prop(optional)]
    height: Option<u32>,
    /// An aspect ratio, as CSS: `"16/9"`, `"1"`.
    #[prop(optional, into)]
    aspect: Option<String>,
    /// How it fills its box (default: cover).
    #[prop(optional)]
    fit: ImageFit,
    /// Corner radius (default: none).
    #[prop(optional)]
    radius: Option<Radius>,
    /// Load it right away rather than when it nears the viewport.
    #[prop(optional)]
    eager: bool,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
) -> impl IntoView {
    let aspect = aspect
        .map(|aspect| {
            aspect
                .chars()
                .filter(|c| c.is_ascii_digit() || matches!(c, '/' | '.' | ' '))
                .collect::<String>()
        })
        .filter(|aspect| !aspect.trim().is_empty())
        .map(|aspect| format!("aspect-ratio:{}", aspect.trim()));
    view! {
        <img
            class=class_list("kiln-image", class.as_deref())
            src=src
            alt=alt
            width=width
            height=height
            loading=if eager { "eager" } else { "lazy" }
            decoding="async"
            data-fit=fit.as_str()
            data-radius=radius.map(Radius::as_str)
            style=aspect
        />
    }
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The civil date (year, month, day) of a day count since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Parses an ISO 8601 / RFC 3339 time into unix seconds: `2024-05-01`, `2024-05-01T12:30`,
/// `2024-05-01T12:30:05.250Z`, `2024-05-01 12:30:05+02:00`. Without an offset, UTC.
/// `None` for anything else.
///
/// ```
/// use kiln_ui::parse_iso8601;
/// assert_eq!(parse_iso8601("1970-01-02T00:00:00Z"), Some(86_400));
/// assert_eq!(parse_iso8601("2024-05-01T14:00:00+02:00"), parse_iso8601("2024-05-01T12:00Z"));
/// assert_eq!(parse_iso8601("yesterday"), None);
/// // Out of range: `None`, never an overflow.
/// assert_eq!(parse_iso8601("99999999999999-01-01"), None);
/// assert_eq!(parse_iso8601("2024-01-01T00:00+9999999999999999"), None);
/// ```
pub fn parse_iso8601(text: &str) -> Option<i64> {
    let text = text.trim();
    let number = |part: &str| -> Option<i64> {
        (!part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse().ok())
            .flatten()
    };
    let (date, time) = match text.find(['T', 't', ' ']) {
        Some(at) => (&text[..at], Some(&text[at + 1..])),
        None => (text, None),
    };
    let mut date_parts = date.splitn(3, '-');
    let year = number(date_parts.next()?)?;
    let month = number(date_parts.next()?)?;
    let day = number(date_parts.next()?)?;
    // Four-digit years only: anything larger is not a date a page shows, and would overflow.
    if !(1..=9999).contains(&year) || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let mut seconds = days_from_civil(year, month, day) * 86_400;
    if let Some(time) = time {
        let (clock, offset) = if let Some(clock) = time.strip_suffix(['Z', 'z']) {
            (clock, 0)
        } else if let Some(at) = time.rfind(['+', '-']) {
            let sign = if time[at..].starts_with('-') { -1 } else { 1 };
            let zone = &time[at + 1..];
            let (hours, minutes) = match zone.split_once(':') {
                Some(parts) => parts,
                None if zone.len() == 4 && zone.is_char_boundary(2) => zone.split_at(2),
                None => (zone, "0"),
            };
            let (hours, minutes) = (number(hours)?, number(minutes)?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            (&time[..at], sign * (hours * 3600 + minutes * 60))
        } else {
            (time, 0)
        };
        let mut clock_parts = clock.splitn(3, ':');
        let hour = number(clock_parts.next()?)?;
        let minute = number(clock_parts.next()?)?;
        let second = match clock_parts.next() {
            Some(second) => number(second.split_once('.').map_or(second, |(whole, _)| whole))?,
            None => 0,
        };
        if hour > 23 || minute > 59 || second > 60 {
            return None;
        }
        seconds += hour * 3600 + minute * 60 + second - offset;
    }
    Some(seconds)
}

/// Formats unix seconds as an ISO 8601 UTC time: `2024-05-01T12:00:00Z`.
///
/// ```
/// use kiln_ui::format_iso8601;
/// assert_eq!(format_iso8601(0), "1970-01-01T00:00:00Z");
/// assert_eq!(format_iso8601(1_700_000_000), "2023-11-14T22:13:20Z");
/// ```
pub fn format_iso8601(seconds: i64) -> String {
    let (year, month, day) = civil_from_days(seconds.div_euclid(86_400));
    let time = seconds.rem_euclid(86_400);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        time / 3600,
        time / 60 % 60,
        time % 60
    )
}

/// How long before or after `now` the time `then` is (both unix seconds), in words:
/// "just now", "3 minutes ago", "in 2 days", "1 year ago".
///
/// ```
/// use kiln_ui::relative_time_text;
/// assert_eq!(relative_time_text(1_000, 1_000 + 180), "3 minutes ago");
/// assert_eq!(relative_time_text(1_000 + 2 * 86_400, 1_000), "in 2 days");
/// assert_eq!(relative_time_text(1_000, 1_010), "just now");
/// ```
pub fn relative_time_text(then: i64, now: i64) -> String {
    let delta = then.saturating_sub(now);
    let distance = delta.unsigned_abs();
    const MINUTE: u64 = 60;
    const HOUR: u64 = 60 * MINUTE;
    const DAY: u64 = 24 * HOUR;
    let round = |unit: f64| (distance as f64 / unit).round() as u64;
    let (count, unit) = match distance {
        d if d < 45 => return "just now".to_owned(),
        d if d < 45 * MINUTE => (round(MINUTE as f64), "minute"),
        d if d < 22 * HOUR => (round(HOUR as f64), "hour"),
        d if d < 26 * DAY => (round(DAY as f64), "day"),
        d if d < 320 * DAY => (round(30.44 * DAY as f64), "month"),
        _ => (round(365.25 * DAY as f64), "year"),
    };
    let count = count.max(1);
    let unit = if count == 1 {
        unit.to_owned()
    } else {
        format!("{unit}s")
    };
    if delta < 0 {
        format!("{count} {unit} ago")
    } else {
        format!("in {count} {unit}")
    }
}

/// The time now, in unix seconds.
fn now_seconds() -> i64 {
    #[cfg(all(feature = "hydrate", target_arch = "wasm32"))]
    {
        (js_sys::Date::now() / 1000.0) as i64
    }
    #[cfg(not(all(feature = "hydrate", target_arch = "wasm32")))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_secs() as i64)
    }
}

/// A time shown relative to now ("3 minutes ago", "in 2 days"), as `<time datetime=...>` with
/// the absolute time in its tooltip.
///
/// Give the time as `unix` seconds or as an `iso` 8601 string. The server renders it relative
/// to its clock; the browser keeps that text through hydration, then updates it every minute.
/// `now` pins the reference time instead (previews, tests).
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Posted() -> impl IntoView {
///     view! {
///         <p>"Posted " <RelativeTime unix=1_700_000_000/></p>
///         <p>"Due " <RelativeTime iso="2030-01-01T09:00:00Z"/></p>
///     }
/// }
/// ```
#[component]
pub fn RelativeTime(
    /// The time, in unix seconds.
    #[prop(optional)]
    unix: Option<i64>,
    /// The time, as ISO 8601 (used when `unix` is not given).
    #[prop(optional, into)]
    iso: Option<String>,
    /// The reference time in unix seconds (default: the clock, updated every minute).
    #[prop(optional)]
    now: Option<i64>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
) -> impl IntoView {
    let then = unix.or_else(|| iso.as_deref().and_then(parse_iso8601));
    // The server's clock, carried to the browser so that hydration renders the same text.
    let rendered_at = match now {
        Some(now) => now,
        None => SharedValue::new(now_seconds).into_inner(),
    };
    let current = RwSignal::new(rendered_at);
    if now.is_none() && then.is_some() {
        Effect::new(move |_| {
            current.set(now_seconds());
            if let Ok(handle) = set_interval_with_handle(
                move || current.set(now_seconds()),
                std::time::Duration::from_secs(60),
            ) {
                on_cleanup(move || handle.clear());
            }
        });
    }
    let datetime = then.map(format_iso8601);
    let title = then.map(|then| {
        let iso = format_iso8601(then);
        format!("{} {} UTC", &iso[..10], &iso[11..16])
    });
    let fallback = iso.unwrap_or_default();
    view! {
        <time class=class_list("kiln-relative-time", class.as_deref()) datetime=datetime title=title>
            {move || match then {
                Some(then) => relative_time_text(then, current.get()),
                None => fallback.clone(),
            }}
        </time>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_take_the_first_and_last_words() {
        assert_eq!(initials("Ada Lovelace"), "AL");
        assert_eq!(initials("Ada King Lovelace"), "AL");
        assert_eq!(initials("kiln"), "K");
        assert_eq!(initials("jd"), "JD");
        assert_eq!(initials("  "), "");
        assert_eq!(initials("émile zola"), "ÉZ");
    }

    #[test]
    fn civil_dates_round_trip() {
        for days in [-800_000, -1, 0, 1, 59, 365, 11_016, 19_844, 2_932_896] {
            let (year, month, day) = civil_from_days(days);
            assert_eq!(
                days_from_civil(year, month, day),
                days,
                "{year}-{month}-{day}"
            );
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }

    #[test]
    fn iso_times_parse_with_offsets_and_fractions() {
        assert_eq!(parse_iso8601("2023-11-14T22:13:20Z"), Some(1_700_000_000));
        assert_eq!(
            parse_iso8601("2023-11-14 22:13:20.999"),
            Some(1_700_000_000)
        );
        assert_eq!(
            parse_iso8601("2023-11-15T00:13:20+02:00"),
            Some(1_700_000_000)
        );
        assert_eq!(
            parse_iso8601("2023-11-14T17:13:20-0500"),
            Some(1_700_000_000)
        );
        assert_eq!(parse_iso8601("2023-11-14T23:13:20+01"), Some(1_700_000_000));
        assert_eq!(
            parse_iso8601("2023-11-14T17:13:20-05:00"),
            Some(1_700_000_000)
        );
        assert_eq!(parse_iso8601("2023-11-14"), Some(1_699_920_000));
        assert_eq!(parse_iso8601("2023-13-01"), None);
        assert_eq!(parse_iso8601("2023-11-14T25:00"), None);
        assert_eq!(parse_iso8601(""), None);
        assert_eq!(parse_iso8601("2023-11"), None);
        assert_eq!(parse_iso8601("2023-11-14T"), None);
    }

    #[test]
    fn iso_times_format_in_utc() {
        assert_eq!(format_iso8601(1_700_000_000), "2023-11-14T22:13:20Z");
        assert_eq!(format_iso8601(-1), "1969-12-31T23:59:59Z");
        let now = now_seconds();
        assert_eq!(parse_iso8601(&format_iso8601(now)), Some(now));
    }

    #[test]
    fn relative_times_read_naturally() {
        let now = 1_700_000_000;
        let cases = [
            (0, "just now"),
            (-44, "just now"),
            (-60, "1 minute ago"),
            (-180, "3 minutes ago"),
            (150, "in 3 minutes"),
            (-3600, "1 hour ago"),
            (5 * 3600, "in 5 hours"),
            (-86_400, "1 day ago"),
            (2 * 86_400, "in 2 days"),
            (-60 * 86_400, "2 months ago"),
            (-400 * 86_400, "1 year ago"),
            (3 * 365 * 86_400, "in 3 years"),
        ];
        for (offset, text) in cases {
            assert_eq!(relative_time_text(now + offset, now), text, "{offset}");
        }
    }

    #[test]
    fn progress_percent_handles_bad_input() {
        assert_eq!(progress_percent(Some(f64::NAN), 100.0), None);
        assert_eq!(progress_percent(Some(-5.0), 100.0), Some(0.0));
        assert_eq!(progress_percent(Some(5.0), 0.0), Some(5.0));
        assert_eq!(progress_percent(Some(5.0), f64::INFINITY), Some(5.0));
        assert_eq!(progress_percent(Some(3.0), 4.0), Some(75.0));
    }
}
