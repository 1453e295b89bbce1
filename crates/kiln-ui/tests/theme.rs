//! The theme renders its settings, and the appearance, into the first HTML.

mod support;

use kiln_ui::prelude::*;
use support::render;

#[test]
fn theme_renders_every_setting_as_data_attributes() {
    let html = render(|| {
        view! {
            <Theme accent=Color::Indigo gray=GrayColor::Slate radius=Radius::Full scaling=Scaling::S110 appearance=Appearance::Dark>
                "inside"
            </Theme>
        }
    });
    for attribute in [
        r#"data-accent="indigo""#,
        r#"data-gray="slate""#,
        r#"data-radius="full""#,
        r#"data-scaling="110%""#,
        r#"data-appearance="dark""#,
    ] {
        assert!(html.contains(attribute), "{attribute} missing in {html}");
    }
    assert!(html.contains("inside"));
}

#[test]
fn nested_themes_inherit_what_they_do_not_set() {
    let html = render(|| {
        view! {
            <Theme accent=Color::Teal radius=Radius::None>
                <Theme accent=Color::Red>"inner"</Theme>
            </Theme>
        }
    });
    assert_eq!(html.matches(r#"data-radius="none""#).count(), 2, "{html}");
    assert!(html.contains(r#"data-accent="red""#), "{html}");
}

#[test]
fn the_color_mode_toggle_says_what_it_does() {
    let html = render(|| view! { <Theme appearance=Appearance::Light><ColorModeToggle/></Theme> });
    assert!(
        html.contains(r#"aria-label="Switch to dark mode""#),
        "{html}"
    );
    // A form's button: without the WASM the browser posts the other mode to the server.
    assert!(html.contains(r#"type="submit""#), "{html}");
    assert!(
        html.contains(r#"<form method="post" action="/_kiln/appearance""#),
        "{html}"
    );
    assert!(html.contains(r#"name="appearance" value="dark""#), "{html}");
}

#[test]
fn the_theme_panel_labels_every_control() {
    let html = render(|| view! { <Theme><ThemePanel/></Theme> });
    for label in ["Accent", "Gray", "Radius", "Scaling", "Appearance"] {
        assert!(
            html.contains(&format!(">{label}</label>")),
            "{label} in {html}"
        );
    }
    assert_eq!(html.matches("<select").count(), 5);
    assert!(
        html.contains(r#"<option value="orange" selected"#),
        "{html}"
    );
}
