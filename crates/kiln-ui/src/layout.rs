//! Layout components: boxes, flex and grid containers, stacks, containers, sections, cards and
//! the small pieces between them (spacers, separators, aspect ratios, scroll areas).
//!
//! Spacing props (`gap`, `p`, `px`, `py`) are steps of the space scale (`1` is 4px, `9` is
//! 64px, `0` none); every layout prop is [`Responsive`], so it can change per breakpoint.

use crate::focus::Orientation;
use crate::props::{Align, Color, Size};
use crate::responsive::{CssProperty, Responsive, StyleBuilder, space};
use leptos::prelude::*;

/// The element a layout component renders (`as_` prop): a plain `<div>` by default, or the
/// element that says what the content is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum LayoutTag {
    /// `<div>`, the default.
    #[default]
    Div,
    /// `<span>`, for inline content.
    Span,
    /// `<section>`.
    Section,
    /// `<article>`.
    Article,
    /// `<aside>`.
    Aside,
    /// `<header>`.
    Header,
    /// `<footer>`.
    Footer,
    /// `<main>`.
    Main,
    /// `<nav>`.
    Nav,
    /// `<ul>`: the children should be `<li>`s.
    Ul,
    /// `<ol>`: the children should be `<li>`s.
    Ol,
    /// `<li>`.
    Li,
}

/// The attributes of a layout element: class, style, and the data attributes of a card.
#[derive(Default)]
struct Attrs {
    class: String,
    style: Option<String>,
    variant: Option<&'static str>,
    size: Option<&'static str>,
}

impl From<&StyleBuilder> for Attrs {
    fn from(style: &StyleBuilder) -> Self {
        Attrs {
            class: style.class(),
            style: style
                .style_attr()
                .map(|style| style.trim_end_matches(';').to_owned()),
            ..Attrs::default()
        }
    }
}

/// Renders `tag` with its attributes and optional children.
fn element(tag: LayoutTag, attrs: Attrs, children: Option<Children>) -> AnyView {
    let children = children.map(|children| children());
    let Attrs {
        class,
        style,
        variant,
        size,
    } = attrs;
    macro_rules! tags {
        ($($variant:ident => $tag:ident),* $(,)?) => {
            match tag {
                $(LayoutTag::$variant => view! {
                    <$tag class=class style=style data-variant=variant data-size=size>{children}</$tag>
                }.into_any(),)*
            }
        };
    }
    tags!(
        Div => div, Span => span, Section => section, Article => article, Aside => aside,
        Header => header, Footer => footer, Main => main, Nav => nav, Ul => ul, Ol => ol, Li => li,
    )
}

/// The direction of a [`Flex`]'s items.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Left to right (in left-to-right text), the default.
    #[default]
    Row,
    /// Top to bottom.
    Column,
    /// Right to left.
    RowReverse,
    /// Bottom to top.
    ColumnReverse,
}

impl Direction {
    /// As a CSS `flex-direction` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Row => "row",
            Direction::Column => "column",
            Direction::RowReverse => "row-reverse",
            Direction::ColumnReverse => "column-reverse",
        }
    }
}

/// How a [`Box`](fn@Box) is displayed: mostly to hide or show it per breakpoint.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum BoxDisplay {
    /// `display: block`, the default.
    #[default]
    Block,
    /// `display: inline`.
    Inline,
    /// `display: inline-block`.
    InlineBlock,
    /// `display: none`: hidden (from screen readers too).
    None,
    /// `display: contents`: the box itself disappears from layout, its children stay.
    Contents,
}

impl BoxDisplay {
    /// As a CSS `display` value.
    pub fn as_str(self) -> &'static str {
        match self {
            BoxDisplay::Block => "block",
            BoxDisplay::Inline => "inline",
            BoxDisplay::InlineBlock => "inline-block",
            BoxDisplay::None => "none",
            BoxDisplay::Contents => "contents",
        }
    }
}

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

impl From<&str> for Responsive<String> {
    fn from(value: &str) -> Self {
        Responsive::new(value.to_owned())
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

/// Adds `p`, `px` and `py` (space steps) to `style`.
fn padding(
    style: &mut StyleBuilder,
    p: Option<&Responsive<u8>>,
    px: Option<&Responsive<u8>>,
    py: Option<&Responsive<u8>>,
) {
    style
        .set(CssProperty::Padding, p, space)
        .set(CssProperty::PaddingX, px, space)
        .set(CssProperty::PaddingY, py, space);
}

/// The flex props shared by [`Flex`], [`Stack`], [`HStack`] and [`VStack`].
struct FlexSettings {
    direction: Option<Responsive<Direction>>,
    gap: Option<Responsive<u8>>,
    align: Option<Responsive<Align>>,
    justify: Option<Responsive<Align>>,
    wrap: Option<Responsive<bool>>,
    p: Option<Responsive<u8>>,
    px: Option<Responsive<u8>>,
    py: Option<Responsive<u8>>,
}

fn flex(
    own: &str,
    props: FlexSettings,
    tag: LayoutTag,
    class: Option<String>,
    children: Option<Children>,
) -> AnyView {
    let mut style = StyleBuilder::new(own);
    style
        .set(CssProperty::Direction, props.direction.as_ref(), |d| {
            d.as_str().to_owned()
        })
        .set(CssProperty::Gap, props.gap.as_ref(), space)
        .set(CssProperty::Align, props.align.as_ref(), |a| {
            a.align_items().to_owned()
        })
        .set(CssProperty::Justify, props.justify.as_ref(), |a| {
            a.justify_content().to_owned()
        })
        .set(CssProperty::Wrap, props.wrap.as_ref(), |wrap| {
            if *wrap { "wrap" } else { "nowrap" }.to_owned()
        });
    padding(
        &mut style,
        props.p.as_ref(),
        props.px.as_ref(),
        props.py.as_ref(),
    );
    style.extra_class(class.as_deref());
    element(tag, (&style).into(), children)
}

/// A plain block: padding, size and display, each per breakpoint if need be.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Sidebar() -> impl IntoView {
///     view! {
///         // Hidden on phones, shown from 768px.
///         <Box as_=LayoutTag::Aside p=4 width="16rem"
///             display=Responsive::new(BoxDisplay::None).sm(BoxDisplay::Block)>
///             "Filters"
///         </Box>
///     }
/// }
/// ```
#[component]
pub fn Box(
    /// The element (default `<div>`).
    #[prop(optional)]
    as_: LayoutTag,
    /// Padding, a space step.
    #[prop(optional, into)]
    p: Option<Responsive<u8>>,
    /// Horizontal padding, a space step.
    #[prop(optional, into)]
    px: Option<Responsive<u8>>,
    /// Vertical padding, a space step.
    #[prop(optional, into)]
    py: Option<Responsive<u8>>,
    /// `display`, e.g. `BoxDisplay::None` to hide it.
    #[prop(optional, into)]
    display: Option<Responsive<BoxDisplay>>,
    /// `width`, as CSS (`"16rem"`, `"50%"`).
    #[prop(optional, into)]
    width: Option<Responsive<String>>,
    /// `max-width`, as CSS.
    #[prop(optional, into)]
    max_width: Option<Responsive<String>>,
    /// `height`, as CSS.
    #[prop(optional, into)]
    height: Option<Responsive<String>>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The content.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let css = |value: &String| value.replace([';', '{', '}'], " ");
    let mut style = StyleBuilder::new("kiln-box");
    style
        .set(CssProperty::Display, display.as_ref(), |d| {
            d.as_str().to_owned()
        })
        .set(CssProperty::Width, width.as_ref(), css)
        .set(CssProperty::MaxWidth, max_width.as_ref(), css)
        .set(CssProperty::Height, height.as_ref(), css);
    padding(&mut style, p.as_ref(), px.as_ref(), py.as_ref());
    style.extra_class(class.as_deref());
    element(as_, (&style).into(), children)
}

/// A flexbox: its children in a row or a column, with a gap, aligned and justified.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Toolbar() -> impl IntoView {
///     view! {
///         // A column on phones, a row from 768px.
///         <Flex direction=Responsive::new(Direction::Column).sm(Direction::Row)
///             gap=3 align=Align::Center justify=Align::Between wrap=true>
///             <span>"Left"</span>
///             <span>"Right"</span>
///         </Flex>
///     }
/// }
/// ```
#[component]
pub fn Flex(
    /// The element (default `<div>`).
    #[prop(optional)]
    as_: LayoutTag,
    /// Row (default) or column, or reversed.
    #[prop(optional, into)]
    direction: Option<Responsive<Direction>>,
    /// Space between the items, a space step.
    #[prop(optional, into)]
    gap: Option<Responsive<u8>>,
    /// Alignment across the direction (`align-items`; default stretch).
    #[prop(optional, into)]
    align: Option<Responsive<Align>>,
    /// Alignment along the direction (`justify-content`; default start).
    #[prop(optional, into)]
    justify: Option<Responsive<Align>>,
    /// Whether items wrap onto more lines (default no).
    #[prop(optional, into)]
    wrap: Option<Responsive<bool>>,
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
    /// The items.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let props = FlexSettings {
        direction,
        gap,
        align,
        justify,
        wrap,
        p,
        px,
        py,
    };
    flex("kiln-flex", props, as_, class, children)
}

/// A flex column with a gap (default 3): the usual way to space a form's fields or a page's
/// sections. Give `direction` to make it a row.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Fields() -> impl IntoView {
///     view! { <Stack gap=4><p>"One"</p><p>"Two"</p></Stack> }
/// }
/// ```
#[component]
pub fn Stack(
    /// The element (default `<div>`).
    #[prop(optional)]
    as_: LayoutTag,
    /// Column (default) or row, or reversed.
    #[prop(optional, into)]
    direction: Option<Responsive<Direction>>,
    /// Space between the items, a space step (default 3).
    #[prop(optional, into)]
    gap: Option<Responsive<u8>>,
    /// Alignment across the direction.
    #[prop(optional, into)]
    align: Option<Responsive<Align>>,
    /// Alignment along the direction.
    #[prop(optional, into)]
    justify: Option<Responsive<Align>>,
    /// Whether items wrap.
    #[prop(optional, into)]
    wrap: Option<Responsive<bool>>,
    /// Padding, a space step.
    #[prop(optional, into)]
    p: Option<Responsive<u8>>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The items.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let props = FlexSettings {
        direction: Some(direction.unwrap_or(Responsive::new(Direction::Column))),
        gap: Some(gap.unwrap_or(Responsive::new(3))),
        align,
        justify,
        wrap,
        p,
        px: None,
        py: None,
    };
    flex("kiln-flex kiln-stack", props, as_, class, children)
}

/// A row of items, centered vertically, with a gap (default 2): buttons, a label and its icon.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Actions() -> impl IntoView {
///     view! { <HStack gap=2 justify=Align::End><Button>"Save"</Button></HStack> }
/// }
/// ```
#[component]
pub fn HStack(
    /// The element (default `<div>`).
    #[prop(optional)]
    as_: LayoutTag,
    /// Space between the items, a space step (default 2).
    #[prop(optional, into)]
    gap: Option<Responsive<u8>>,
    /// Vertical alignment (default center).
    #[prop(optional, into)]
    align: Option<Responsive<Align>>,
    /// Horizontal alignment.
    #[prop(optional, into)]
    justify: Option<Responsive<Align>>,
    /// Whether items wrap.
    #[prop(optional, into)]
    wrap: Option<Responsive<bool>>,
    /// Padding, a space step.
    #[prop(optional, into)]
    p: Option<Responsive<u8>>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The items.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let props = FlexSettings {
        direction: Some(Responsive::new(Direction::Row)),
        gap: Some(gap.unwrap_or(Responsive::new(2))),
        align: Some(align.unwrap_or(Responsive::new(Align::Center))),
        justify,
        wrap,
        p,
        px: None,
        py: None,
    };
    flex("kiln-flex kiln-hstack", props, as_, class, children)
}

/// A column of items with a gap (default 3).
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn List() -> impl IntoView {
///     view! { <VStack as_=LayoutTag::Ul gap=1><li>"One"</li><li>"Two"</li></VStack> }
/// }
/// ```
#[component]
pub fn VStack(
    /// The element (default `<div>`).
    #[prop(optional)]
    as_: LayoutTag,
    /// Space between the items, a space step (default 3).
    #[prop(optional, into)]
    gap: Option<Responsive<u8>>,
    /// Horizontal alignment (default stretch).
    #[prop(optional, into)]
    align: Option<Responsive<Align>>,
    /// Vertical alignment.
    #[prop(optional, into)]
    justify: Option<Responsive<Align>>,
    /// Padding, a space step.
    #[prop(optional, into)]
    p: Option<Responsive<u8>>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The items.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let props = FlexSettings {
        direction: Some(Responsive::new(Direction::Column)),
        gap: Some(gap.unwrap_or(Responsive::new(3))),
        align,
        justify,
        wrap: None,
        p,
        px: None,
        py: None,
    };
    flex("kiln-flex kiln-vstack", props, as_, class, children)
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

/// Centers the page's content at a readable width, with side padding that grows on larger
/// screens. Sizes `S1` (448px) to `S4` (1136px, the default).
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Page() -> impl IntoView {
///     view! { <Container size=Size::S3><h1>"Settings"</h1></Container> }
/// }
/// ```
#[component]
pub fn Container(
    /// The maximum width: `S1` 448px, `S2` 688px, `S3` 880px, `S4` 1136px (default `S4`).
    #[prop(optional)]
    size: Option<Size>,
    /// Horizontal padding, a space step (default 4, and 6 from 768px).
    #[prop(optional, into)]
    px: Option<Responsive<u8>>,
    /// The element (default `<div>`; `LayoutTag::Main` for a page's main content).
    #[prop(optional)]
    as_: LayoutTag,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The content.
    children: Children,
) -> impl IntoView {
    let size = size.unwrap_or(Size::S4);
    let mut style = StyleBuilder::new("kiln-container");
    style.set(CssProperty::PaddingX, px.as_ref(), space);
    style.extra_class(class.as_deref());
    let inner: Children = std::boxed::Box::new(move || {
        view! { <div class="kiln-container-inner" data-size=size.as_str()>{children()}</div> }
            .into_any()
    });
    element(as_, (&style).into(), Some(inner))
}

/// A `<section>` of a page, with vertical padding by size: `S1` 24px, `S2` 40px (the default),
/// `S3` 64px, `S4` 96px.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Landing() -> impl IntoView {
///     view! {
///         <Section size=Size::S3><Container><h2>"Features"</h2></Container></Section>
///     }
/// }
/// ```
#[component]
pub fn Section(
    /// The vertical padding (default `S2`).
    #[prop(optional)]
    size: Size,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The content.
    children: Children,
) -> impl IntoView {
    view! {
        <section class=crate::class_list("kiln-section", class.as_deref()) data-size=size.as_str()>
            {children()}
        </section>
    }
}

/// Centers its content both ways.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Empty() -> impl IntoView {
///     view! { <Center class="tall"><p>"Nothing here yet"</p></Center> }
/// }
/// ```
#[component]
pub fn Center(
    /// Inline (`inline-flex`), to center inside a line of text.
    #[prop(optional)]
    inline: bool,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The content.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    view! {
        <div
            class=crate::class_list("kiln-center", class.as_deref())
            data-inline=inline.then_some("true")
        >
            {children.map(|children| children())}
        </div>
    }
}

/// Takes up the free space in a [`Flex`], pushing what follows to the end; or, with `size`, a
/// fixed space of that step.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Bar() -> impl IntoView {
///     view! { <Flex><span>"Logo"</span><Spacer/><span>"Account"</span></Flex> }
/// }
/// ```
#[component]
pub fn Spacer(
    /// A fixed space (a space step) instead of all the free space.
    #[prop(optional)]
    size: Option<u8>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
) -> impl IntoView {
    let style = size.map(|step| format!("flex:0 0 {}", space(&step)));
    view! {
        <div class=crate::class_list("kiln-spacer", class.as_deref()) style=style aria-hidden="true"></div>
    }
}

/// A line between content: `role="separator"` with its orientation, horizontal (default) or
/// vertical. Its length is the container's, or a size: `S1` 16px, `S2` 32px, `S3` 64px,
/// `S4` the full length.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Breadcrumbs() -> impl IntoView {
///     view! {
///         <p>"Above"</p>
///         <Separator/>
///         <HStack>"Docs"<Separator orientation=Orientation::Vertical size=Size::S1/>"API"</HStack>
///     }
/// }
/// ```
#[component]
pub fn Separator(
    /// Horizontal (default) or vertical; `Both` is horizontal.
    #[prop(optional)]
    orientation: Option<Orientation>,
    /// Its length (default: the full length).
    #[prop(optional)]
    size: Option<Size>,
    /// The color (default: the gray palette).
    #[prop(optional)]
    color: Option<Color>,
    /// Purely visual: hidden from assistive technology (`role="none"`).
    #[prop(optional)]
    decorative: bool,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
) -> impl IntoView {
    let vertical = orientation == Some(Orientation::Vertical);
    let orientation = if vertical { "vertical" } else { "horizontal" };
    view! {
        <div
            class=crate::class_list("kiln-separator", class.as_deref())
            role=if decorative { "none" } else { "separator" }
            aria-orientation=(!decorative).then_some(orientation)
            data-orientation=orientation
            data-size=size.unwrap_or(Size::S4).as_str()
            data-accent=color.map(Color::as_str)
        ></div>
    }
}

/// Keeps its content at a width-to-height ratio (e.g. `16.0 / 9.0`); an image or video inside
/// fills it.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Cover() -> impl IntoView {
///     view! {
///         <AspectRatio ratio=16.0 / 9.0>
///             <img src="/cover.jpg" alt="A kiln at dusk"/>
///         </AspectRatio>
///     }
/// }
/// ```
#[component]
pub fn AspectRatio(
    /// Width divided by height (default 1, a square). Not positive or not finite: 1.
    #[prop(optional)]
    ratio: Option<f64>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The content.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let ratio = ratio
        .filter(|ratio| ratio.is_finite() && *ratio > 0.0)
        .unwrap_or(1.0);
    view! {
        <div
            class=crate::class_list("kiln-aspect-ratio", class.as_deref())
            style=format!("aspect-ratio:{ratio}")
        >
            {children.map(|children| children())}
        </div>
    }
}

/// Which ways a [`ScrollArea`] scrolls.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Scrollbars {
    /// Up and down.
    Vertical,
    /// Sideways.
    Horizontal,
    /// Both ways, the default.
    #[default]
    Both,
}

impl Scrollbars {
    /// The value of `data-scrollbars`.
    pub fn as_str(self) -> &'static str {
        match self {
            Scrollbars::Vertical => "vertical",
            Scrollbars::Horizontal => "horizontal",
            Scrollbars::Both => "both",
        }
    }
}

/// A scrollable region with slim, themed scrollbars. It is a labelled `role="region"` that
/// takes focus (`tabindex="0"`), so keyboard users can scroll it too.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Terms() -> impl IntoView {
///     view! {
///         <ScrollArea label="Terms of service" height="12rem" scrollbars=Scrollbars::Vertical>
///             <p>"A long text..."</p>
///         </ScrollArea>
///     }
/// }
/// ```
#[component]
pub fn ScrollArea(
    /// The region's accessible name (`aria-label`): required, as the region takes focus.
    #[prop(into)]
    label: String,
    /// Which ways it scrolls (default both).
    #[prop(optional)]
    scrollbars: Scrollbars,
    /// Its maximum height, as CSS (e.g. `"12rem"`); without it, its parent must bound it.
    #[prop(optional, into)]
    height: Option<String>,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The content.
    children: Children,
) -> impl IntoView {
    let style = height.map(|height| format!("max-height:{}", height.replace([';', '{', '}'], " ")));
    view! {
        <div
            class=crate::class_list("kiln-scroll-area", class.as_deref())
            role="region"
            aria-label=label
            tabindex="0"
            data-scrollbars=scrollbars.as_str()
            style=style
        >
            {children()}
        </div>
    }
}

/// A [`Card`]'s look.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum CardVariant {
    /// A panel with a border, the default.
    #[default]
    Surface,
    /// A panel with a border and a shadow.
    Classic,
    /// No panel: only the padding (and a tint on hover when it is a link or button).
    Ghost,
}

impl CardVariant {
    /// The value of `data-variant`.
    pub fn as_str(self) -> &'static str {
        match self {
            CardVariant::Surface => "surface",
            CardVariant::Classic => "classic",
            CardVariant::Ghost => "ghost",
        }
    }
}

/// A panel that groups related content. With `href` it is a link (`<a>`), with `on_click` a
/// `<button>`: the whole card is then one control, which hovers and focuses as one.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Project() -> impl IntoView {
///     view! {
///         <Card variant=CardVariant::Classic size=Size::S3>
///             <Heading level=3 size=4>"Kiln"</Heading>
///             <Text as_=TextTag::P>"A full-stack framework."</Text>
///         </Card>
///         <Card href="/projects/kiln"><Text weight=FontWeight::Bold>"Open"</Text></Card>
///     }
/// }
/// ```
#[component]
pub fn Card(
    /// Surface (default), classic or ghost.
    #[prop(optional)]
    variant: CardVariant,
    /// Its padding: `S1` 12px, `S2` 16px (default), `S3` 24px, `S4` 32px.
    #[prop(optional)]
    size: Size,
    /// Makes the card a link to this address.
    #[prop(optional, into)]
    href: Option<String>,
    /// Makes the card a button (ignored with `href`).
    #[prop(optional, into)]
    on_click: Option<Callback<leptos::ev::MouseEvent>>,
    /// The element when the card is neither link nor button (default `<div>`).
    #[prop(optional)]
    as_: LayoutTag,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The content.
    children: Children,
) -> impl IntoView {
    let class = crate::class_list("kiln-card", class.as_deref());
    let (variant, size) = (variant.as_str(), size.as_str());
    if let Some(href) = href {
        return view! {
            <a class=class href=href data-variant=variant data-size=size data-interactive="true">
                {children()}
            </a>
        }
        .into_any();
    }
    if let Some(on_click) = on_click {
        return view! {
            <button
                type="button"
                class=class
                data-variant=variant
                data-size=size
                data-interactive="true"
                on:click=move |event| on_click.run(event)
            >
                {children()}
            </button>
        }
        .into_any();
    }
    let attrs = Attrs {
        class,
        style: None,
        variant: Some(variant),
        size: Some(size),
    };
    element(as_, attrs, Some(children))
}

/// Which edges of its [`Card`] an [`Inset`] reaches.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum InsetSide {
    /// Every edge, the default.
    #[default]
    All,
    /// The top, left and right edges: an image at the top of a card.
    Top,
    /// The bottom, left and right edges.
    Bottom,
    /// The left, top and bottom edges.
    Left,
    /// The right, top and bottom edges.
    Right,
    /// The left and right edges.
    X,
    /// The top and bottom edges.
    Y,
}

impl InsetSide {
    /// The value of `data-side`.
    pub fn as_str(self) -> &'static str {
        match self {
            InsetSide::All => "all",
            InsetSide::Top => "top",
            InsetSide::Bottom => "bottom",
            InsetSide::Left => "left",
            InsetSide::Right => "right",
            InsetSide::X => "x",
            InsetSide::Y => "y",
        }
    }
}

/// Bleeds its content (an image, a table) through a [`Card`]'s padding to the card's edges,
/// rounding the corners it reaches. Put it first in the card for `side=InsetSide::Top`.
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Photo() -> impl IntoView {
///     view! {
///         <Card>
///             <Inset side=InsetSide::Top>
///                 <img src="/kiln.jpg" alt="A kiln"/>
///             </Inset>
///             <Text as_=TextTag::P>"Fired at 1200°C."</Text>
///         </Card>
///     }
/// }
/// ```
#[component]
pub fn Inset(
    /// The edges it reaches (default all).
    #[prop(optional)]
    side: InsetSide,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    /// The content.
    children: Children,
) -> impl IntoView {
    view! {
        <div class=crate::class_list("kiln-inset", class.as_deref()) data-side=side.as_str()>
            {children()}
        </div>
    }
}
