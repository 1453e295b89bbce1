//! Overlays render closed into the server's HTML, with their roles, ids and aria pairings.

mod support;

use kiln_ui::prelude::*;
use kiln_ui::{Side, Toast, ToastLevel};
use support::{count, render};

/// The value of `attr` in the first tag of `html` that contains `from`.
fn attr<'a>(html: &'a str, from: &str, attr: &str) -> &'a str {
    let at = html
        .find(from)
        .unwrap_or_else(|| panic!("{from} not in {html}"));
    let start = html[..=at].rfind('<').unwrap_or(0);
    let end = at + html[at..].find('>').unwrap_or(html.len() - at);
    let tag = &html[start..end];
    let needle = format!(" {attr}=\"");
    let Some(found) = tag.find(&needle) else {
        panic!("no {attr} in the tag with {from}: {tag}")
    };
    let value = &tag[found + needle.len()..];
    &value[..value.find('"').unwrap_or(value.len())]
}

#[test]
fn dialog_is_a_closed_labelled_native_dialog() {
    let html = render(|| {
        view! {
            <Theme>
                <Dialog>
                    <DialogTrigger>"Edit"</DialogTrigger>
                    <DialogContent title="Edit profile" description="Change your name.">
                        <DialogClose>"Save"</DialogClose>
                    </DialogContent>
                </Dialog>
            </Theme>
        }
    });
    assert_eq!(count(&html, "<dialog"), 1, "{html}");
    assert!(!html.contains("<dialog open"), "rendered closed: {html}");
    let dialog_id = attr(&html, "<dialog", "id");
    assert_eq!(attr(&html, "<button", "aria-controls"), dialog_id);
    assert_eq!(attr(&html, "<button", "aria-haspopup"), "dialog");
    assert_eq!(attr(&html, "<button", "aria-expanded"), "false");
    let title_id = attr(&html, "<dialog", "aria-labelledby");
    assert!(
        html.contains(&format!(
            r#"id="{title_id}" class="kiln-dialog-title">Edit profile</h2>"#
        )),
        "{html}"
    );
    let description_id = attr(&html, "<dialog", "aria-describedby");
    assert!(
        html.contains(&format!(
            r#"id="{description_id}" class="kiln-dialog-description">Change your name.</p>"#
        )),
        "{html}"
    );
    assert!(html.contains(r#"aria-label="Close""#), "{html}");
    assert!(!html.contains("role=\"alertdialog\""));
}

#[test]
fn dialog_without_description_has_no_dangling_describedby() {
    let html = render(|| {
        view! { <Theme><Dialog><DialogContent title="Plain">"x"</DialogContent></Dialog></Theme> }
    });
    assert!(!html.contains("aria-describedby"), "{html}");
}

#[test]
fn dialog_ids_are_unique_between_dialogs() {
    let html = render(|| {
        view! {
            <Theme>
                <Dialog><DialogTrigger>"A"</DialogTrigger><DialogContent title="A">"a"</DialogContent></Dialog>
                <Dialog><DialogTrigger>"B"</DialogTrigger><DialogContent title="B">"b"</DialogContent></Dialog>
            </Theme>
        }
    });
    let first = attr(&html, "<dialog", "id");
    let second_at = html.rfind("<dialog").unwrap_or(0);
    let second = attr(&html[second_at..], "<dialog", "id");
    assert_ne!(first, second);
}

#[test]
fn alert_dialog_has_role_and_cancel_without_close_button() {
    let html = render(|| {
        view! {
            <Theme>
                <AlertDialog>
                    <AlertDialogTrigger color=Color::Red>"Delete project"</AlertDialogTrigger>
                    <AlertDialogContent title="Delete project?" description="Gone for good.">
                        <DialogActions>
                            <AlertDialogCancel>"Cancel"</AlertDialogCancel>
                            <AlertDialogAction color=Color::Red>"Delete"</AlertDialogAction>
                        </DialogActions>
                    </AlertDialogContent>
                </AlertDialog>
            </Theme>
        }
    });
    assert!(html.contains(r#"role="alertdialog""#), "{html}");
    assert!(
        !html.contains(r#"aria-label="Close""#),
        "no close button: {html}"
    );
    assert!(html.contains("data-kiln-cancel"), "{html}");
    assert_eq!(count(&html, "data-kiln-cancel"), 1);
    assert!(html.contains(r#"data-accent="red""#));
    assert!(html.contains("kiln-dialog-actions"));
}

#[test]
fn drawer_slides_from_its_side() {
    let html = render(|| {
        view! {
            <Theme>
                <Drawer side=Side::Left>
                    <DrawerTrigger>"Menu"</DrawerTrigger>
                    <DrawerContent title="Navigation">"links"</DrawerContent>
                </Drawer>
            </Theme>
        }
    });
    assert!(
        html.contains(r#"class="kiln-dialog kiln-drawer""#),
        "{html}"
    );
    assert!(html.contains(r#"data-side="left""#), "{html}");
    assert!(attr(&html, "<dialog", "id").starts_with("kiln-drawer-"));
}

#[test]
fn popover_is_a_closed_auto_popover_controlled_by_its_trigger() {
    let html = render(|| {
        view! {
            <Theme>
                <Popover>
                    <PopoverTrigger>"Share"</PopoverTrigger>
                    <PopoverContent>"Link" <PopoverClose>"Done"</PopoverClose></PopoverContent>
                </Popover>
            </Theme>
        }
    });
    let panel = attr(&html, "role=\"dialog\"", "id");
    assert_eq!(attr(&html, "<button", "popovertarget"), panel);
    assert_eq!(attr(&html, "<button", "aria-controls"), panel);
    assert_eq!(attr(&html, "<button", "aria-haspopup"), "dialog");
    assert_eq!(attr(&html, "<button", "aria-expanded"), "false");
    assert_eq!(attr(&html, "role=\"dialog\"", "popover"), "auto");
    assert_eq!(
        attr(&html, "role=\"dialog\"", "aria-labelledby"),
        attr(&html, "<button", "id")
    );
    assert!(html.contains(r#"popovertargetaction="hide""#), "{html}");
}

#[test]
fn hover_card_is_a_manual_popover_after_its_link() {
    let html = render(|| {
        view! {
            <Theme>
                <HoverCard>
                    <HoverCardTrigger href="/people/ada">"@ada"</HoverCardTrigger>
                    <HoverCardContent>"Ada"</HoverCardContent>
                </HoverCard>
            </Theme>
        }
    });
    assert!(html.contains(r#"href="/people/ada""#), "{html}");
    assert_eq!(attr(&html, "kiln-hover-card\"", "popover"), "manual");
    assert!(html.find("<a").unwrap_or(usize::MAX) < html.find("kiln-hover-card\"").unwrap_or(0));
}

#[test]
fn tooltip_describes_its_child() {
    let html = render(|| {
        view! {
            <Theme>
                <Tooltip content="Open settings">
                    <button aria-label="Settings">"S"</button>
                </Tooltip>
            </Theme>
        }
    });
    let tip_id = attr(&html, "role=\"tooltip\"", "id");
    assert!(
        html.contains(&format!(r#"aria-describedby="{tip_id}""#)),
        "the button is described by the tooltip: {html}"
    );
    assert!(html.contains(r#"role="tooltip""#));
    assert!(html.contains(r#"popover="manual""#));
    assert!(html.contains(">Open settings</span>"), "{html}");
}

#[test]
fn dropdown_menu_renders_a_closed_menu_with_items() {
    let html = render(|| {
        let wrap = RwSignal::new(true);
        view! {
            <Theme>
                <DropdownMenu>
                    <DropdownMenuTrigger>"Actions"</DropdownMenuTrigger>
                    <DropdownMenuContent>
                        <MenuLabel>"Edit"</MenuLabel>
                        <MenuItem>"Copy"</MenuItem>
                        <MenuItem disabled=true>"Paste"</MenuItem>
                        <MenuSeparator/>
                        <MenuCheckboxItem checked=wrap>"Wrap"</MenuCheckboxItem>
                        <MenuRadioGroup label="Size" value="m">
                            <MenuRadioItem value="s">"Small"</MenuRadioItem>
                            <MenuRadioItem value="m">"Medium"</MenuRadioItem>
                        </MenuRadioGroup>
                    </DropdownMenuContent>
                </DropdownMenu>
            </Theme>
        }
    });
    let menu_id = attr(&html, "role=\"menu\"", "id");
    assert_eq!(attr(&html, "<button", "aria-haspopup"), "menu");
    assert_eq!(attr(&html, "<button", "aria-controls"), menu_id);
    assert_eq!(attr(&html, "<button", "popovertarget"), menu_id);
    assert_eq!(attr(&html, "<button", "aria-expanded"), "false");
    assert_eq!(attr(&html, "role=\"menu\"", "popover"), "auto");
    assert_eq!(count(&html, r#"role="menuitem""#), 2, "{html}");
    assert_eq!(count(&html, r#"role="menuitemcheckbox""#), 1);
    assert_eq!(count(&html, r#"role="menuitemradio""#), 2);
    assert_eq!(count(&html, r#"role="separator""#), 1);
    assert_eq!(count(&html, r#"aria-disabled="true""#), 1);
    assert_eq!(
        count(&html, r#"tabindex="-1""#),
        5,
        "items are not in the tab order"
    );
    assert_eq!(
        count(&html, r#"aria-checked="true""#),
        2,
        "wrap and medium: {html}"
    );
    assert_eq!(count(&html, r#"aria-checked="false""#), 1, "small");
    assert!(html.contains(r#"role="group" aria-label="Size""#), "{html}");
}

#[test]
fn context_menu_has_a_focusable_area_and_a_labelled_menu() {
    let html = render(|| {
        view! {
            <Theme>
                <ContextMenu>
                    <ContextMenuTrigger>"Right-click"</ContextMenuTrigger>
                    <ContextMenuContent label="Canvas"><MenuItem>"Paste"</MenuItem></ContextMenuContent>
                </ContextMenu>
            </Theme>
        }
    });
    assert!(
        html.contains(r#"class="kiln-context-menu-trigger""#),
        "{html}"
    );
    assert_eq!(attr(&html, "kiln-context-menu-trigger", "tabindex"), "0");
    assert!(html.contains(r#"aria-label="Canvas""#), "{html}");
    assert!(
        !html.contains("aria-labelledby"),
        "named by its label only: {html}"
    );
    assert_eq!(
        attr(&html, "role=\"menu\"", "popover"),
        "manual",
        "closes itself: {html}"
    );
}

#[test]
fn toaster_is_a_polite_live_list_like_live_toasts() {
    let html = render(|| view! { <Theme><Toaster><p>"app"</p></Toaster></Theme> });
    assert!(html.contains("<p>app</p>"), "{html}");
    assert!(html.contains(r#"class="kiln-toasts""#), "{html}");
    assert!(html.contains(r#"aria-live="polite""#));
    assert!(html.contains(r#"aria-label="Notifications""#));
    assert_eq!(count(&html, "kiln-toast\""), 0, "no toast yet");
}

#[test]
fn shown_toasts_render_level_action_and_dismiss() {
    #[component]
    fn Shows() -> impl IntoView {
        let toaster = use_toaster();
        toaster.show(
            Toast::new("Saved")
                .description("All good.")
                .level(ToastLevel::Success),
        );
        toaster.show(
            Toast::new("Deleted")
                .level(ToastLevel::Error)
                .action("Undo", || ()),
        );
        view! { <span>{toaster.len()}</span> }
    }
    let html = render(|| view! { <Theme><Toaster><Shows/></Toaster></Theme> });
    assert!(html.contains("<span>2</span>"), "{html}");
    assert_eq!(count(&html, r#"class="kiln-toast""#), 2, "{html}");
    assert!(html.contains(r#"data-level="success""#));
    assert!(html.contains(r#"data-level="error""#));
    assert!(
        html.contains(">Saved</p>") && html.contains(">All good.</p>"),
        "{html}"
    );
    assert!(html.contains(">Undo</button>"), "{html}");
    assert_eq!(count(&html, r#"aria-label="Dismiss""#), 2);
}

#[test]
fn use_toaster_outside_a_toaster_does_not_panic() {
    let html = render(|| {
        let toaster = use_toaster();
        let id = toaster.show(Toast::new("nowhere"));
        toaster.dismiss(id);
        view! { <p>{toaster.is_empty()}</p> }
    });
    assert!(html.contains("<p>true</p>"), "{html}");
}

#[test]
fn toast_defaults() {
    let toast = Toast::new("Hi");
    assert_eq!(toast.level, ToastLevel::Info);
    assert_eq!(toast.duration, Some(Toast::DEFAULT_DURATION));
    assert!(Toast::new("x").sticky().duration.is_none());
    assert_eq!(ToastLevel::Warning.as_str(), "warning");
}

#[test]
fn toasts_with_an_action_stay_until_dismissed_unless_given_a_duration() {
    use std::time::Duration;
    // WCAG 2.2.1: the action must stay reachable, so no countdown by default.
    assert_eq!(Toast::new("Archived").action("Undo", || ()).duration, None);
    // An explicit duration wins, given before or after the action.
    let eight = Some(Duration::from_secs(8));
    let after = Toast::new("Archived")
        .action("Undo", || ())
        .duration(Duration::from_secs(8));
    assert_eq!(after.duration, eight);
    let before = Toast::new("Archived")
        .duration(Duration::from_secs(8))
        .action("Undo", || ());
    assert_eq!(before.duration, eight);
    let default_length = Toast::new("Archived")
        .duration(Toast::DEFAULT_DURATION)
        .action("Undo", || ());
    assert_eq!(default_length.duration, Some(Toast::DEFAULT_DURATION));
    // Without an action, the default countdown stays.
    assert_eq!(Toast::new("Saved").duration, Some(Toast::DEFAULT_DURATION));
}

#[test]
fn each_toast_is_marked_with_its_id() {
    #[component]
    fn Shows() -> impl IntoView {
        let toaster = use_toaster();
        let first = toaster.show(Toast::new("One"));
        let second = toaster.show(Toast::new("Two"));
        view! { <span>{format!("{first},{second}")}</span> }
    }
    let html = render(|| view! { <Theme><Toaster><Shows/></Toaster></Theme> });
    assert!(html.contains("<span>0,1</span>"), "{html}");
    assert_eq!(count(&html, r#"data-toast-id="0""#), 1, "{html}");
    assert_eq!(count(&html, r#"data-toast-id="1""#), 1, "{html}");
}

#[test]
fn the_stylesheet_styles_overlays_and_live_toasts() {
    let css = kiln_ui::STYLESHEET;
    for selector in [
        ".kiln-dialog",
        ".kiln-drawer",
        ".kiln-popover",
        ".kiln-tooltip",
        ".kiln-menu",
        ".kiln-menu-item",
        ".kiln-toasts",
        ".kiln-toast",
        "[data-level=\"error\"]",
        "[popover]",
    ] {
        assert!(css.contains(selector), "{selector} missing");
    }
}

#[test]
fn attributes_given_to_parts_land_on_their_elements() {
    let html = render(|| {
        view! {
            <Theme>
                <Dialog>
                    <DialogTrigger attr:data-testid="open">"Open"</DialogTrigger>
                    <DialogContent title="T" attr:data-testid="dialog">"x"</DialogContent>
                </Dialog>
                <DropdownMenu>
                    <DropdownMenuTrigger attr:data-testid="menu-trigger">"Menu"</DropdownMenuTrigger>
                    <DropdownMenuContent attr:data-testid="menu"><MenuItem>"A"</MenuItem></DropdownMenuContent>
                </DropdownMenu>
            </Theme>
        }
    });
    assert_eq!(
        attr(&html, "data-testid=\"open\"", "aria-haspopup"),
        "dialog",
        "{html}"
    );
    assert!(
        attr(&html, "data-testid=\"dialog\"", "id").starts_with("kiln-dialog-"),
        "{html}"
    );
    assert_eq!(
        attr(&html, "data-testid=\"menu-trigger\"", "aria-haspopup"),
        "menu"
    );
    assert_eq!(attr(&html, "data-testid=\"menu\"", "role"), "menu");
}
