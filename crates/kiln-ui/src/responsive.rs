//! Values per breakpoint, rendered as CSS: no JavaScript decides a layout.

use std::fmt::Write;

/// The breakpoints, as minimum viewport widths. A [`Responsive`] value set at one breakpoint
/// holds at that width and above, until a larger breakpoint sets another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Breakpoint {
    /// Every width (the value given to [`Responsive::new`]).
    Initial,
    /// 520px and up: large phones.
    Xs,
    /// 768px and up: tablets.
    Sm,
    /// 1024px and up: laptops.
    Md,
    /// 1280px and up: desktops.
    Lg,
    /// 1640px and up: wide screens.
    Xl,
}

impl Breakpoint {
    /// All breakpoints, narrowest first.
    pub const ALL: [Breakpoint; 6] = [
        Breakpoint::Initial,
        Breakpoint::Xs,
        Breakpoint::Sm,
        Breakpoint::Md,
        Breakpoint::Lg,
        Breakpoint::Xl,
    ];

    /// The suffix of the custom properties a responsive value renders for this breakpoint.
    fn suffix(self) -> &'static str {
        match self {
            Breakpoint::Initial => "",
            Breakpoint::Xs => "-xs",
            Breakpoint::Sm => "-sm",
            Breakpoint::Md => "-md",
            Breakpoint::Lg => "-lg",
            Breakpoint::Xl => "-xl",
        }
    }
}

/// A prop's value, either the same at every width or different per [`Breakpoint`].
///
/// Any value converts into a `Responsive` that holds at every width, so a prop typed
/// `Responsive<T>` takes a plain `T` too:
///
/// ```
/// use kiln_ui::prelude::*;
///
/// #[component]
/// fn Cards() -> impl IntoView {
///     view! {
///         // One column on phones, two from 768px, four from 1280px; gap 3, then 5 from 768px.
///         <Grid columns=Responsive::new(1).sm(2).lg(4) gap=Responsive::new(3).sm(5)>
///             <Card>"One"</Card><Card>"Two"</Card><Card>"Three"</Card><Card>"Four"</Card>
///         </Grid>
///         <Flex gap=2>"The same gap everywhere"</Flex>
///     }
/// }
/// ```
///
/// It renders as CSS: a plain value as an inline style, a value per breakpoint as custom
/// properties for each breakpoint and a class whose media queries pick the right one, so the
/// server's HTML is already laid out for every screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Responsive<T> {
    values: Vec<(Breakpoint, T)>,
}

impl<T> Responsive<T> {
    /// `value` at every width (until a breakpoint overrides it).
    pub fn new(value: T) -> Self {
        Self {
            values: vec![(Breakpoint::Initial, value)],
        }
    }

    /// Sets the value from `breakpoint` up.
    pub fn at(mut self, breakpoint: Breakpoint, value: T) -> Self {
        self.values.retain(|(at, _)| *at != breakpoint);
        self.values.push((breakpoint, value));
        self.values.sort_by_key(|(at, _)| *at);
        self
    }

    /// Sets the value from 520px up.
    pub fn xs(self, value: T) -> Self {
        self.at(Breakpoint::Xs, value)
    }

    /// Sets the value from 768px up.
    pub fn sm(self, value: T) -> Self {
        self.at(Breakpoint::Sm, value)
    }

    /// Sets the value from 1024px up.
    pub fn md(self, value: T) -> Self {
        self.at(Breakpoint::Md, value)
    }

    /// Sets the value from 1280px up.
    pub fn lg(self, value: T) -> Self {
        self.at(Breakpoint::Lg, value)
    }

    /// Sets the value from 1640px up.
    pub fn xl(self, value: T) -> Self {
        self.at(Breakpoint::Xl, value)
    }

    /// The value in force at `breakpoint`: the one set there or at the nearest narrower one.
    pub fn get(&self, breakpoint: Breakpoint) -> Option<&T> {
        self.values
            .iter()
            .rev()
            .find(|(at, _)| *at <= breakpoint)
            .map(|(_, value)| value)
    }

    fn is_plain(&self) -> bool {
        matches!(self.values.as_slice(), [(Breakpoint::Initial, _)])
    }
}

impl<T> From<T> for Responsive<T> {
    fn from(value: T) -> Self {
        Responsive::new(value)
    }
}

/// The CSS properties a responsive prop can set. Each has a class `kiln-r-NAME` in the
/// stylesheet whose media queries read the custom properties `--kiln-r-NAME`,
/// `--kiln-r-NAME-xs`, ... `--kiln-r-NAME-xl`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CssProperty {
    /// `display`.
    Display,
    /// `flex-direction`.
    Direction,
    /// `flex-wrap`.
    Wrap,
    /// `align-items`.
    Align,
    /// `justify-content`.
    Justify,
    /// `gap`.
    Gap,
    /// `padding`.
    Padding,
    /// `padding-inline`.
    PaddingX,
    /// `padding-block`.
    PaddingY,
    /// `width`.
    Width,
    /// `max-width`.
    MaxWidth,
    /// `height`.
    Height,
    /// `grid-template-columns`.
    Columns,
    /// `grid-template-rows`.
    Rows,
}

impl CssProperty {
    fn names(self) -> (&'static str, &'static str) {
        match self {
            CssProperty::Display => ("display", "display"),
            CssProperty::Direction => ("direction", "flex-direction"),
            CssProperty::Wrap => ("wrap", "flex-wrap"),
            CssProperty::Align => ("align", "align-items"),
            CssProperty::Justify => ("justify", "justify-content"),
            CssProperty::Gap => ("gap", "gap"),
            CssProperty::Padding => ("p", "padding"),
            CssProperty::PaddingX => ("px", "padding-inline"),
            CssProperty::PaddingY => ("py", "padding-block"),
            CssProperty::Width => ("width", "width"),
            CssProperty::MaxWidth => ("max-width", "max-width"),
            CssProperty::Height => ("height", "height"),
            CssProperty::Columns => ("columns", "grid-template-columns"),
            CssProperty::Rows => ("rows", "grid-template-rows"),
        }
    }
}

/// Collects a component's classes and inline style from its props.
///
/// ```
/// use kiln_ui::{CssProperty, Responsive, StyleBuilder};
///
/// let mut style = StyleBuilder::new("kiln-flex");
/// style.set(CssProperty::Gap, Some(&Responsive::new(3u8)), |step| format!("var(--kiln-space-{step})"));
/// assert_eq!(style.class(), "kiln-flex");
/// assert_eq!(style.style(), "gap:var(--kiln-space-3);");
///
/// let mut style = StyleBuilder::new("kiln-grid");
/// style.set(CssProperty::Columns, Some(&Responsive::new(1u16).md(3)), |n| format!("repeat({n},minmax(0,1fr))"));
/// assert_eq!(style.class(), "kiln-grid kiln-r-columns");
/// assert!(style.style().starts_with("--kiln-r-columns:repeat(1,minmax(0,1fr));"));
/// assert!(style.style().contains("--kiln-r-columns-md:repeat(3,minmax(0,1fr));"));
/// ```
#[derive(Clone, Debug, Default)]
pub struct StyleBuilder {
    class: String,
    style: String,
}

impl StyleBuilder {
    /// Starts with the component's own class(es).
    pub fn new(class: &str) -> Self {
        Self {
            class: class.to_owned(),
            style: String::new(),
        }
    }

    /// Renders `value` (if any) for `property`, each value through `css`.
    ///
    /// A plain value becomes `property:css(value);`. A value per breakpoint becomes the class
    /// `kiln-r-NAME` and a custom property for every breakpoint, each holding the value in force
    /// there, so no breakpoint's value leaks from an ancestor.
    pub fn set<T>(
        &mut self,
        property: CssProperty,
        value: Option<&Responsive<T>>,
        css: impl Fn(&T) -> String,
    ) -> &mut Self {
        let Some(value) = value else { return self };
        let (name, css_name) = property.names();
        if value.is_plain() {
            if let Some(plain) = value.get(Breakpoint::Initial) {
                let _ = write!(self.style, "{css_name}:{};", css(plain));
            }
            return self;
        }
        let _ = write!(self.class, " kiln-r-{name}");
        for breakpoint in Breakpoint::ALL {
            if let Some(at) = value.get(breakpoint) {
                let _ = write!(
                    self.style,
                    "--kiln-r-{name}{}:{};",
                    breakpoint.suffix(),
                    css(at)
                );
            }
        }
        self
    }

    /// Adds a plain declaration, e.g. `("aspect-ratio", "16 / 9")`.
    pub fn declare(&mut self, css_name: &str, value: &str) -> &mut Self {
        let _ = write!(self.style, "{css_name}:{value};");
        self
    }

    /// Adds the app's own classes, if any.
    pub fn extra_class(&mut self, class: Option<&str>) -> &mut Self {
        if let Some(class) = class.map(str::trim).filter(|class| !class.is_empty()) {
            self.class.push(' ');
            self.class.push_str(class);
        }
        self
    }

    /// The `class` attribute.
    pub fn class(&self) -> String {
        self.class.clone()
    }

    /// The `style` attribute (empty when nothing was set).
    pub fn style(&self) -> String {
        self.style.clone()
    }

    /// The `style` attribute, or `None` when there is none to render.
    pub fn style_attr(&self) -> Option<String> {
        (!self.style.is_empty()).then(|| self.style.clone())
    }
}

/// The CSS for a space step: `3` is `var(--kiln-space-3)`; `0` is `0`. Steps above 9 are 9.
pub fn space(step: &u8) -> String {
    match step {
        0 => "0".to_owned(),
        step => format!("var(--kiln-space-{})", (*step).min(9)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_breakpoints_inherit_the_nearest_narrower_value() {
        let columns = Responsive::new(1).md(3).xs(2);
        assert_eq!(columns.get(Breakpoint::Initial), Some(&1));
        assert_eq!(columns.get(Breakpoint::Xs), Some(&2));
        assert_eq!(columns.get(Breakpoint::Sm), Some(&2));
        assert_eq!(columns.get(Breakpoint::Md), Some(&3));
        assert_eq!(columns.get(Breakpoint::Xl), Some(&3));
    }

    #[test]
    fn every_breakpoint_is_written_so_ancestors_never_leak() {
        let mut style = StyleBuilder::new("kiln-flex");
        style.set(CssProperty::Gap, Some(&Responsive::new(2u8).lg(4)), space);
        assert_eq!(style.class(), "kiln-flex kiln-r-gap");
        assert_eq!(
            style.style(),
            "--kiln-r-gap:var(--kiln-space-2);--kiln-r-gap-xs:var(--kiln-space-2);\
             --kiln-r-gap-sm:var(--kiln-space-2);--kiln-r-gap-md:var(--kiln-space-2);\
             --kiln-r-gap-lg:var(--kiln-space-4);--kiln-r-gap-xl:var(--kiln-space-4);"
        );
    }

    #[test]
    fn every_responsive_class_has_its_media_queries() {
        use CssProperty::*;
        let css = crate::STYLESHEET;
        for property in [
            Display, Direction, Wrap, Align, Justify, Gap, Padding, PaddingX, PaddingY, Width,
            MaxWidth, Height, Columns, Rows,
        ] {
            let (name, css_name) = property.names();
            for breakpoint in Breakpoint::ALL {
                let rule = format!(
                    ".kiln-r-{name} {{ {css_name}: var(--kiln-r-{name}{}); }}",
                    breakpoint.suffix()
                );
                assert!(css.contains(&rule), "missing: {rule}");
            }
        }
    }
}
