//! The layout components render their props as classes, inline styles and ARIA.

mod support;

use kiln_ui::prelude::*;
use kiln_ui::{Breakpoint, STYLESHEET};
use support::{count, render};

#[test]
fn flex_renders_plain_props_as_inline_style() {
    let html = render(|| {
        view! {
            <Flex direction=Direction::Column gap=3 align=Align::Center justify=Align::Between wrap=true p=2 class="mine">
                <span>"a"</span>
            </Flex>
        }
    });
    assert!(html.starts_with(r#"<div class="kiln-flex mine""#), "{html}");
    for declaration in [
        "flex-direction:column;",
        "gap:var(--kiln-space-3);",
        "align-items:center;",
        "justify-content:space-between;",
        "flex-wrap:wrap;",
        "padding:var(--kiln-space-2);",
    ] {
        assert!(html.contains(declaration), "{declaration} in {html}");
    }
    assert!(html.contains("<span>a</span>"));
}

#[test]
fn flex_renders_responsive_props_as_custom_properties_and_classes() {
    let html = render(|| {
        view! {
            <Flex direction=Responsive::new(Direction::Column).sm(Direction::Row) gap=Responsive::new(2).lg(5)>
                "x"
            </Flex>
        }
    });
    assert!(html.contains("kiln-r-direction"), "{html}");
    assert!(html.contains("kiln-r-gap"), "{html}");
    assert!(html.contains("--kiln-r-direction:column;"), "{html}");
    assert!(html.contains("--kiln-r-direction-sm:row;"), "{html}");
    assert!(
        html.contains("--kiln-r-gap-lg:var(--kiln-space-5);"),
        "{html}"
    );
    // A breakpoint between two set ones holds the narrower value.
    assert!(
        html.contains("--kiln-r-gap-md:var(--kiln-space-2);"),
        "{html}"
    );
}

#[test]
fn flex_and_box_render_the_tag_asked_for() {
    let html = render(|| {
        view! {
            <Flex as_=LayoutTag::Ul gap=1><li>"one"</li></Flex>
            <Box as_=LayoutTag::Aside p=4>"side"</Box>
            <Box>"plain"</Box>
        }
    });
    assert!(
        html.contains(
            r#"<ul class="kiln-flex" style="gap:var(--kiln-space-1);"><li>one</li></ul>"#
        ),
        "{html}"
    );
    assert!(
        html.contains(
            r#"<aside class="kiln-box" style="padding:var(--kiln-space-4);">side</aside>"#
        ),
        "{html}"
    );
    assert!(!html.contains(";;"), "{html}");
    assert!(
        html.contains(r#"<div class="kiln-box">plain</div>"#),
        "{html}"
    );
}

#[test]
fn box_sets_display_and_sizes_per_breakpoint() {
    let html = render(|| {
        view! {
            <Box display=Responsive::new(BoxDisplay::None).sm(BoxDisplay::Block) width="16rem" max_width="100%;color:red">
                "x"
            </Box>
        }
    });
    assert!(html.contains("kiln-r-display"), "{html}");
    assert!(html.contains("--kiln-r-display:none;"), "{html}");
    assert!(html.contains("--kiln-r-display-sm:block;"), "{html}");
    assert!(html.contains("width:16rem;"), "{html}");
    // A value cannot add declarations of its own.
    assert!(!html.contains(";color:red"), "{html}");
}

#[test]
fn grid_takes_counts_templates_and_responsive_counts() {
    let html = render(|| view! { <Grid columns=3 rows="auto 1fr" gap=4>"x"</Grid> });
    assert!(
        html.contains("grid-template-columns:repeat(3,minmax(0,1fr));"),
        "{html}"
    );
    assert!(html.contains("grid-template-rows:auto 1fr;"), "{html}");
    assert!(html.contains("gap:var(--kiln-space-4);"), "{html}");

    let html = render(|| view! { <Grid columns=Responsive::new(1).md(3)>"x"</Grid> });
    assert!(
        html.contains(r#"class="kiln-grid kiln-r-columns""#),
        "{html}"
    );
    assert!(
        html.contains("--kiln-r-columns:repeat(1,minmax(0,1fr));"),
        "{html}"
    );
    assert!(
        html.contains("--kiln-r-columns-sm:repeat(1,minmax(0,1fr));"),
        "{html}"
    );
    assert!(
        html.contains("--kiln-r-columns-md:repeat(3,minmax(0,1fr));"),
        "{html}"
    );
}

#[test]
fn stacks_have_their_defaults() {
    let html = render(|| view! { <Stack>"a"</Stack> });
    assert!(html.contains(r#"class="kiln-flex kiln-stack""#), "{html}");
    assert!(
        html.contains("flex-direction:column;gap:var(--kiln-space-3);"),
        "{html}"
    );
    let html = render(|| view! { <HStack>"a"</HStack> });
    assert!(
        html.contains("flex-direction:row;gap:var(--kiln-space-2);align-items:center;"),
        "{html}"
    );
    let html = render(|| view! { <VStack gap=6>"a"</VStack> });
    assert!(
        html.contains("flex-direction:column;gap:var(--kiln-space-6);"),
        "{html}"
    );
}

#[test]
fn container_and_section_carry_their_size() {
    let html = render(|| view! { <Container>"c"</Container> });
    assert!(html.contains(r#"<div class="kiln-container"><div data-size="4" class="kiln-container-inner">c</div></div>"#), "{html}");
    let html =
        render(|| view! { <Container size=Size::S2 as_=LayoutTag::Main px=2>"c"</Container> });
    assert!(
        html.contains(
            r#"<main class="kiln-container" style="padding-inline:var(--kiln-space-2);">"#
        ),
        "{html}"
    );
    assert!(html.contains(r#"data-size="2""#), "{html}");
    let html = render(|| view! { <Section size=Size::S3>"s"</Section> });
    assert!(
        html.contains(r#"<section data-size="3" class="kiln-section">s</section>"#),
        "{html}"
    );
}

#[test]
fn center_and_spacer() {
    let html = render(|| view! { <Center inline=true>"c"</Center><Spacer/><Spacer size=4/> });
    assert!(
        html.contains(r#"<div data-inline="true" class="kiln-center">c</div>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<div aria-hidden="true" class="kiln-spacer"></div>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"style="flex:0 0 var(--kiln-space-4);""#),
        "{html}"
    );
}

#[test]
fn separators_are_separators_with_an_orientation() {
    let html = render(|| view! { <Separator/> });
    assert!(html.contains(r#"role="separator""#), "{html}");
    assert!(html.contains(r#"aria-orientation="horizontal""#), "{html}");
    assert!(html.contains(r#"data-size="4""#), "{html}");
    let html = render(|| {
        view! { <Separator orientation=Orientation::Vertical size=Size::S1 color=Color::Red/> }
    });
    assert!(html.contains(r#"aria-orientation="vertical""#), "{html}");
    assert!(html.contains(r#"data-orientation="vertical""#), "{html}");
    assert!(html.contains(r#"data-size="1""#), "{html}");
    assert!(html.contains(r#"data-accent="red""#), "{html}");
    let html = render(|| view! { <Separator decorative=true/> });
    assert!(html.contains(r#"role="none""#), "{html}");
    assert!(!html.contains("aria-orientation"), "{html}");
}

#[test]
fn aspect_ratio_is_sanitized() {
    let html = render(
        || view! { <AspectRatio ratio=16.0 / 9.0><img src="/a.png" alt="A"/></AspectRatio> },
    );
    assert!(html.contains("aspect-ratio:1.7777"), "{html}");
    assert!(html.contains(r#"<img src="/a.png" alt="A">"#), "{html}");
    for bad in [f64::NAN, -1.0, 0.0, f64::INFINITY] {
        let html = render(move || view! { <AspectRatio ratio=bad/> });
        assert!(html.contains("aspect-ratio:1;"), "{bad}: {html}");
    }
}

#[test]
fn scroll_areas_are_focusable_labelled_regions() {
    let html = render(|| {
        view! {
            <ScrollArea label="Release notes" height="10rem" scrollbars=Scrollbars::Vertical>
                <p>"Long"</p>
            </ScrollArea>
        }
    });
    assert!(html.contains(r#"role="region""#), "{html}");
    assert!(html.contains(r#"aria-label="Release notes""#), "{html}");
    assert!(html.contains(r#"tabindex="0""#), "{html}");
    assert!(html.contains(r#"data-scrollbars="vertical""#), "{html}");
    assert!(html.contains(r#"style="max-height:10rem;""#), "{html}");
}

#[test]
fn cards_are_divs_links_or_buttons() {
    let html = render(|| view! { <Card>"plain"</Card> });
    assert!(
        html.contains(r#"<div data-variant="surface" data-size="2" class="kiln-card">plain</div>"#),
        "{html}"
    );
    let html = render(|| {
        view! { <Card variant=CardVariant::Classic size=Size::S3 as_=LayoutTag::Article>"a"</Card> }
    });
    assert!(
        html.contains(r#"<article data-variant="classic" data-size="3" class="kiln-card">"#),
        "{html}"
    );
    let html = render(|| view! { <Card href="/x" variant=CardVariant::Ghost>"link"</Card> });
    assert!(html.starts_with("<a "), "{html}");
    assert!(html.contains(r#"href="/x""#), "{html}");
    assert!(html.contains(r#"data-variant="ghost""#), "{html}");
    assert!(html.contains(r#"data-interactive="true""#), "{html}");
    let html = render(|| view! { <Card on_click=|_| ()>"button"</Card> });
    assert!(html.starts_with(r#"<button type="button""#), "{html}");
    assert!(html.contains(r#"class="kiln-card""#), "{html}");
}

#[test]
fn inset_names_its_side() {
    let html = render(|| {
        view! { <Card><Inset side=InsetSide::Top><img src="/a.png" alt="A"/></Inset>"text"</Card> }
    });
    assert!(
        html.contains(r#"<div data-side="top" class="kiln-inset">"#),
        "{html}"
    );
    let html = render(|| view! { <Inset>"x"</Inset> });
    assert!(html.contains(r#"data-side="all""#), "{html}");
}

#[test]
fn children_are_optional() {
    let html = render(|| view! { <Flex/><Grid/><Box/><Center/> });
    assert_eq!(count(&html, "<div"), 4, "{html}");
}

#[test]
fn every_layout_class_has_css() {
    for class in [
        ".kiln-box",
        ".kiln-flex",
        ".kiln-grid",
        ".kiln-container",
        ".kiln-container-inner",
        ".kiln-section",
        ".kiln-center",
        ".kiln-spacer",
        ".kiln-separator",
        ".kiln-aspect-ratio",
        ".kiln-scroll-area",
        ".kiln-card",
        ".kiln-inset",
    ] {
        assert!(STYLESHEET.contains(class), "no CSS for {class}");
    }
    let _ = Breakpoint::Md;
}
