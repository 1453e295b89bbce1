//! The data display components render the right elements, roles and data attributes.

mod support;

use kiln_ui::prelude::*;
use kiln_ui::{Glyph, Orientation};
use support::{count, render};

#[test]
fn badge_renders_its_variant_size_and_color() {
    let html = render(|| {
        view! { <Badge variant=Variant::Outline color=Color::Green size=Size::S1>"Active"</Badge> }
    });
    assert!(
        html.starts_with("<span ") && html.contains(r#"class="kiln-badge""#),
        "{html}"
    );
    assert!(html.contains(r#"data-variant="outline""#), "{html}");
    assert!(html.contains(r#"data-size="1""#), "{html}");
    assert!(html.contains(r#"data-accent="green""#), "{html}");
    assert!(html.contains(">Active</span>"), "{html}");

    let plain = render(|| view! { <Badge class="tag">"New"</Badge> });
    assert!(plain.contains(r#"class="kiln-badge tag""#), "{plain}");
    assert!(plain.contains(r#"data-variant="soft""#), "{plain}");
    assert!(!plain.contains("data-accent"), "{plain}");
}

#[test]
fn avatar_shows_the_image_with_alt_text() {
    let html = render(|| {
        view! { <Avatar src="/ada.png" fallback="Ada Lovelace" radius=Radius::Full size=Size::S3/> }
    });
    assert!(
        html.contains(r#"<img src="/ada.png" alt="Ada Lovelace" class="kiln-avatar-image">"#),
        "{html}"
    );
    assert!(html.contains(r#"data-radius="full""#), "{html}");
    assert!(html.contains(r#"data-size="3""#), "{html}");
    assert!(!html.contains("kiln-avatar-fallback"), "{html}");
}

#[test]
fn avatar_without_a_picture_shows_named_initials() {
    let html = render(|| view! { <Avatar fallback="Grace Hopper" color=Color::Indigo/> });
    assert!(!html.contains("<img"), "{html}");
    assert!(
        html.contains(
            r#"<span role="img" aria-label="Grace Hopper" class="kiln-avatar-fallback">GH</span>"#
        ),
        "{html}"
    );
    assert!(html.contains(r#"data-accent="indigo""#), "{html}");

    let named = render(|| view! { <Avatar src="" alt="Team Kiln" fallback="K"/> });
    assert!(
        !named.contains("<img"),
        "an empty src is no picture: {named}"
    );
    assert!(
        named.contains(r#"aria-label="Team Kiln" class="kiln-avatar-fallback">K</span>"#),
        "{named}"
    );
}

#[test]
fn callout_roles_are_note_status_or_alert() {
    let note = render(|| view! { <Callout>"Tip"</Callout> });
    assert!(note.contains(r#"role="note""#), "{note}");
    assert!(note.contains(r#"data-variant="soft""#), "{note}");
    assert!(
        note.contains(r#"<span aria-hidden="true" class="kiln-callout-icon"><svg"#),
        "{note}"
    );
    assert!(
        note.contains(r#"<div class="kiln-callout-text">Tip</div>"#),
        "{note}"
    );

    let alert = render(|| {
        view! { <Callout role=CalloutRole::Alert color=Color::Red variant=Variant::Outline>"Failed"</Callout> }
    });
    assert!(alert.contains(r#"role="alert""#), "{alert}");
    assert!(alert.contains(r#"data-accent="red""#), "{alert}");
    assert!(alert.contains(r#"data-variant="outline""#), "{alert}");

    let status = render(
        || view! { <Callout role=CalloutRole::Status variant=Variant::Solid>"Saved"</Callout> },
    );
    assert!(status.contains(r#"role="status""#), "{status}");
    assert!(
        status.contains(r#"data-variant="soft""#),
        "solid falls back to soft: {status}"
    );
    assert!(!status.contains("role=\"alert\""), "{status}");
}

#[test]
fn callout_takes_a_custom_icon() {
    let html = render(|| view! { <Callout icon=|| Glyph::Check.view()>"Done"</Callout> });
    assert!(
        html.contains("M20 6 9 17l-5-5"),
        "the check glyph's path: {html}"
    );
}

#[test]
fn table_uses_native_elements_and_header_scopes() {
    let html = render(|| {
        view! {
            <Table variant=Variant::Surface size=Size::S1 caption="Team">
                <TableHeader>
                    <TableRow>
                        <TableColumnHeader>"Name"</TableColumnHeader>
                        <TableColumnHeader>"Role"</TableColumnHeader>
                    </TableRow>
                </TableHeader>
                <TableBody>
                    <TableRow>
                        <TableRowHeader>"Ada"</TableRowHeader>
                        <TableCell class="num">"Engineer"</TableCell>
                    </TableRow>
                </TableBody>
            </Table>
        }
    });
    assert!(
        html.contains(r#"<table data-variant="surface" data-size="1" class="kiln-table">"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<caption class="kiln-table-caption">Team</caption>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<thead class="kiln-table-header">"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<tbody class="kiln-table-body">"#),
        "{html}"
    );
    assert_eq!(count(&html, r#"scope="col""#), 2, "{html}");
    assert!(
        html.contains(r#"<th scope="row" class="kiln-table-row-header">Ada</th>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<td class="kiln-table-cell num">Engineer</td>"#),
        "{html}"
    );
    assert_eq!(count(&html, "<tr class=\"kiln-table-row\">"), 2);

    let ghost = render(|| view! { <Table><TableBody>""</TableBody></Table> });
    assert!(ghost.contains(r#"data-variant="ghost""#), "{ghost}");
    assert!(!ghost.contains("<caption"), "{ghost}");
}

#[test]
fn data_list_pairs_labels_and_values() {
    let html = render(|| {
        view! {
            <DataList orientation=Orientation::Vertical>
                <DataListItem label="Name">"Ada"</DataListItem>
                <DataListItem label="Email">"ada@example.com"</DataListItem>
            </DataList>
        }
    });
    assert!(
        html.starts_with(
            r#"<dl data-orientation="vertical" data-size="2" class="kiln-data-list">"#
        ),
        "{html}"
    );
    assert!(
        html.contains(r#"<div class="kiln-data-list-item"><dt class="kiln-data-list-label">Name</dt><dd class="kiln-data-list-value">Ada</dd></div>"#),
        "{html}"
    );
    assert_eq!(count(&html, "<dt"), 2);
    let horizontal =
        render(|| view! { <DataList><DataListItem label="A">"1"</DataListItem></DataList> });
    assert!(
        horizontal.contains(r#"data-orientation="horizontal""#),
        "{horizontal}"
    );
}

#[test]
fn list_markers_pick_ul_or_ol() {
    let bullets = render(|| view! { <List><ListItem>"Milk"</ListItem></List> });
    assert!(
        bullets.starts_with(r#"<ul data-marker="disc" data-size="2" class="kiln-list">"#),
        "{bullets}"
    );
    assert!(
        bullets.contains(r#"<li class="kiln-list-item">Milk</li>"#),
        "{bullets}"
    );
    assert!(!bullets.contains("role="), "{bullets}");

    let numbered = render(|| {
        view! { <List marker=ListMarker::UpperRoman><ListItem>"One"</ListItem><ListItem>"Two"</ListItem></List> }
    });
    assert!(
        numbered.starts_with(r#"<ol data-marker="upper-roman""#),
        "{numbered}"
    );
    assert_eq!(count(&numbered, "<li"), 2);

    let plain = render(|| view! { <List marker=ListMarker::None><ListItem>"x"</ListItem></List> });
    assert!(
        plain.contains(r#"<ul data-marker="none" data-size="2" role="list" class="kiln-list">"#),
        "{plain}"
    );
}

#[test]
fn progress_reports_its_value_and_name() {
    let html =
        render(|| view! { <Progress label="Uploading" value=40.0 max=80.0 color=Color::Teal/> });
    assert!(html.contains(r#"role="progressbar""#), "{html}");
    assert!(html.contains(r#"aria-label="Uploading""#), "{html}");
    assert!(html.contains(r#"aria-valuemin="0""#), "{html}");
    assert!(html.contains(r#"aria-valuemax="80""#), "{html}");
    assert!(html.contains(r#"aria-valuenow="40""#), "{html}");
    assert!(html.contains(r#"data-state="determinate""#), "{html}");
    assert!(html.contains(r#"style="width:50%;""#), "{html}");
    assert!(html.contains(r#"data-accent="teal""#), "{html}");

    let clamped = render(|| view! { <Progress label="Over" value=250.0/> });
    assert!(clamped.contains(r#"aria-valuenow="100""#), "{clamped}");
}

#[test]
fn indeterminate_progress_has_no_value() {
    let html = render(|| view! { <Progress label="Connecting"/> });
    assert!(html.contains(r#"role="progressbar""#), "{html}");
    assert!(!html.contains("aria-valuenow"), "{html}");
    assert!(html.contains(r#"data-state="indeterminate""#), "{html}");
    assert!(!html.contains("width:"), "{html}");

    let signal = render(|| {
        let value = RwSignal::new(None::<f64>);
        view! { <Progress label="Later" value=value/> }
    });
    assert!(!signal.contains("aria-valuenow"), "{signal}");
}

#[test]
fn spinner_is_a_named_status() {
    let html = render(|| view! { <Spinner size=Size::S3/> });
    assert!(html.contains(r#"role="status""#), "{html}");
    assert!(html.contains(r#"aria-label="Loading""#), "{html}");
    assert!(html.contains(r#"data-size="3""#), "{html}");
    let named = render(|| view! { <Spinner label="Saving"/> });
    assert!(named.contains(r#"aria-label="Saving""#), "{named}");
}

#[test]
fn skeleton_hides_its_placeholder_until_loaded() {
    let loading = render(|| view! { <Skeleton><p>"Ada"</p></Skeleton> });
    assert!(loading.contains(r#"class="kiln-skeleton""#), "{loading}");
    assert!(loading.contains(r#"aria-hidden="true""#), "{loading}");
    assert!(loading.contains("inert"), "{loading}");

    let loaded = render(|| {
        let loading = RwSignal::new(false);
        view! { <Skeleton loading=loading><p>"Ada"</p></Skeleton> }
    });
    assert!(!loaded.contains("kiln-skeleton"), "{loaded}");
    assert!(loaded.contains("<p>Ada</p>"), "{loaded}");

    let sized = render(|| view! { <Skeleton width="4rem" height="1em;color:red"/> });
    assert!(
        sized.contains(r#"style="width:4rem;height:1emcolor:red;""#),
        "{sized}"
    );
}

#[test]
fn icon_is_hidden_unless_labelled() {
    let decorative = render(|| view! { <Icon size=Size::S4>{Glyph::Info.view()}</Icon> });
    assert!(decorative.contains(r#"aria-hidden="true""#), "{decorative}");
    assert!(!decorative.contains("role=\"img\""), "{decorative}");
    assert!(decorative.contains(r#"data-size="4""#), "{decorative}");

    let labelled = render(|| view! { <Icon label="Done">{Glyph::Check.view()}</Icon> });
    assert!(
        labelled.contains(r#"role="img" aria-label="Done""#),
        "{labelled}"
    );
    assert_eq!(
        count(&labelled, "aria-hidden"),
        1,
        "only the inner svg: {labelled}"
    );
}

#[test]
fn image_is_lazy_with_alt_text() {
    let html = render(|| {
        view! {
            <Image src="/a.jpg" alt="A kiln" width=800 height=450 aspect="16/9; x" fit=ImageFit::Contain radius=Radius::Large/>
        }
    });
    assert!(html.contains(r#"src="/a.jpg""#), "{html}");
    assert!(html.contains(r#"alt="A kiln""#), "{html}");
    assert!(
        html.contains(r#"width="800""#) && html.contains(r#"height="450""#),
        "{html}"
    );
    assert!(html.contains(r#"loading="lazy""#), "{html}");
    assert!(html.contains(r#"data-fit="contain""#), "{html}");
    assert!(html.contains(r#"data-radius="large""#), "{html}");
    assert!(html.contains(r#"style="aspect-ratio:16/9;""#), "{html}");

    let eager = render(|| view! { <Image src="/b.jpg" alt="" eager=true/> });
    assert!(eager.contains(r#"alt="""#), "{eager}");
    assert!(eager.contains(r#"loading="eager""#), "{eager}");
    assert!(!eager.contains("width="), "{eager}");
}

#[test]
fn relative_time_renders_a_time_element() {
    let html = render(|| view! { <RelativeTime unix=1_700_000_000 now=1_700_000_180/> });
    assert!(
        html.contains(r#"datetime="2023-11-14T22:13:20Z""#),
        "{html}"
    );
    assert!(html.contains(r#"title="2023-11-14 22:13 UTC""#), "{html}");
    assert!(html.contains(">3 minutes ago</time>"), "{html}");

    let future = render(|| view! { <RelativeTime iso="2023-11-16T22:13:20Z" now=1_700_000_000/> });
    assert!(future.contains(">in 2 days</time>"), "{future}");

    let bad = render(|| view! { <RelativeTime iso="someday"/> });
    assert!(bad.contains(">someday</time>"), "{bad}");
    assert!(!bad.contains("datetime="), "{bad}");
}

#[test]
fn relative_time_uses_the_clock_by_default() {
    let html = render(|| view! { <RelativeTime iso="2000-01-01T00:00:00Z"/> });
    assert!(html.contains(" years ago</time>"), "{html}");
}

#[test]
fn the_stylesheet_styles_every_data_component() {
    for class in [
        ".kiln-badge",
        ".kiln-avatar",
        ".kiln-callout",
        ".kiln-table",
        ".kiln-data-list",
        ".kiln-list",
        ".kiln-progress",
        ".kiln-spinner",
        ".kiln-skeleton",
        ".kiln-icon",
        ".kiln-image",
    ] {
        assert!(kiln_ui::STYLESHEET.contains(class), "{class} has no CSS");
    }
}
