//! The small pieces between blocks: spacers, separators, aspect ratios, scroll areas.

use crate::focus::Orientation;
use crate::props::{Color, Size};
use crate::responsive::space;
use leptos::prelude::*;

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
