//! The gallery's overlays page.

use super::{CATEGORIES, Demo, GalleryPage};
use kiln::prelude::*;
use kiln::ui::Glyph;

const SOURCE: Source = source!("overlays.rs");

/// The overlays components, live.
#[component]
pub fn OverlaysPage() -> impl IntoView {
    let category = &CATEGORIES[3];
    view! {
        <GalleryPage title=category.title description=category.description>
            <Demo title="Dialog" code=SOURCE.item("DialogDemo")><DialogDemo/></Demo>
            <Demo title="Alert dialog" code=SOURCE.item("AlertDialogDemo")><AlertDialogDemo/></Demo>
            <Demo title="Drawer" code=SOURCE.item("DrawerDemo")><DrawerDemo/></Demo>
            <Demo title="Popover" code=SOURCE.item("PopoverDemo")><PopoverDemo/></Demo>
            <Demo title="Hover card" code=SOURCE.item("HoverCardDemo")><HoverCardDemo/></Demo>
            <Demo title="Tooltip" code=SOURCE.item("TooltipDemo")><TooltipDemo/></Demo>
            <Demo title="Dropdown menu" code=SOURCE.item("DropdownMenuDemo")><DropdownMenuDemo/></Demo>
            <Demo title="Context menu" code=SOURCE.item("ContextMenuDemo")><ContextMenuDemo/></Demo>
            <Demo title="Toaster" code=SOURCE.item("ToasterDemo")><ToasterDemo/></Demo>
        </GalleryPage>
    }
    .into_any()
}

#[component]
fn DialogDemo() -> impl IntoView {
    let draft = RwSignal::new("Kiln".to_owned());
    let saved = RwSignal::new("Kiln".to_owned());
    view! {
        <Dialog>
            <DialogTrigger attr:data-testid="dialog-trigger">"Rename project"</DialogTrigger>
            <DialogContent
                title="Rename project"
                description="The name shows on the dashboard."
                attr:data-testid="dialog-content"
            >
                <label for="project-name">"Project name"</label>
                <input
                    id="project-name"
                    data-testid="dialog-input"
                    prop:value=move || draft.get()
                    on:input=move |event| draft.set(event_target_value(&event))
                />
                <DialogActions>
                    <DialogClose variant=Variant::Soft color=Color::Gray>"Cancel"</DialogClose>
                    <DialogClose on_click=move |_| saved.set(draft.get_untracked())>"Save"</DialogClose>
                </DialogActions>
            </DialogContent>
        </Dialog>
        <p data-testid="dialog-result">"Project: " {move || saved.get()}</p>
    }
}

#[component]
fn AlertDialogDemo() -> impl IntoView {
    let deleted = RwSignal::new(false);
    view! {
        <AlertDialog>
            <AlertDialogTrigger color=Color::Red attr:data-testid="alert-dialog-trigger">
                "Delete project"
            </AlertDialogTrigger>
            <AlertDialogContent
                title="Delete project?"
                description="Its pages, data and deployments are deleted for good."
                attr:data-testid="alert-dialog-content"
            >
                <DialogActions>
                    <AlertDialogCancel>"Cancel"</AlertDialogCancel>
                    <AlertDialogAction color=Color::Red on_click=move |_| deleted.set(true)>
                        "Delete project"
                    </AlertDialogAction>
                </DialogActions>
            </AlertDialogContent>
        </AlertDialog>
        <p data-testid="alert-dialog-result">
            {move || if deleted.get() { "The project is deleted." } else { "The project exists." }}
        </p>
    }
}

#[component]
fn DrawerDemo() -> impl IntoView {
    view! {
        <div style="display: flex; flex-wrap: wrap; gap: var(--kiln-space-3)">
            <Drawer>
                <DrawerTrigger variant=Variant::Soft attr:data-testid="drawer-trigger">"Open drawer"</DrawerTrigger>
                <DrawerContent
                    title="Filters"
                    description="Narrow the list down."
                    attr:data-testid="drawer-content"
                >
                    <label><input type="checkbox"/>" Only open issues"</label>
                    <label><input type="checkbox"/>" Assigned to me"</label>
                    <DialogActions><DialogClose>"Apply"</DialogClose></DialogActions>
                </DrawerContent>
            </Drawer>
            <Drawer side=Side::Left>
                <DrawerTrigger variant=Variant::Outline>"From the left"</DrawerTrigger>
                <DrawerContent title="Navigation" size=Size::S1>
                    <nav aria-label="Drawer">
                        <a href="/ui/layout">"Layout"</a>
                        " · "
                        <a href="/ui/forms">"Forms"</a>
                    </nav>
                </DrawerContent>
            </Drawer>
        </div>
    }
}

#[component]
fn PopoverDemo() -> impl IntoView {
    view! {
        <Popover>
            <PopoverTrigger variant=Variant::Outline attr:data-testid="popover-trigger">
                "Share"
            </PopoverTrigger>
            <PopoverContent attr:data-testid="popover-content">
                <p>"Anyone with the link can view this page."</p>
                <PopoverClose>"Done"</PopoverClose>
            </PopoverContent>
        </Popover>
    }
}

#[component]
fn HoverCardDemo() -> impl IntoView {
    view! {
        <div>
            "Built with "
            <HoverCard>
                <HoverCardTrigger href="/ui/typography" attr:data-testid="hover-card-trigger">
                    "Kiln's typography"
                </HoverCardTrigger>
                <HoverCardContent attr:data-testid="hover-card-content">
                    <strong>"Typography"</strong>
                    <p>"Headings, text, links, code and markdown, all themed."</p>
                </HoverCardContent>
            </HoverCard>
            "."
        </div>
    }
}

#[component]
fn TooltipDemo() -> impl IntoView {
    view! {
        <Tooltip content="Add a new item">
            <button
                type="button"
                class="kiln-icon-button"
                data-variant="soft"
                data-size="2"
                aria-label="Add"
                data-testid="tooltip-trigger"
            >
                {Glyph::Plus.view()}
            </button>
        </Tooltip>
    }
}

#[component]
fn DropdownMenuDemo() -> impl IntoView {
    let last = RwSignal::new("nothing yet".to_owned());
    let hidden_files = RwSignal::new(false);
    let pick = move |what: &'static str| move |_| last.set(what.to_owned());
    view! {
        <DropdownMenu>
            <DropdownMenuTrigger variant=Variant::Soft attr:data-testid="menu-trigger">
                "File"
            </DropdownMenuTrigger>
            <DropdownMenuContent attr:data-testid="menu-content">
                <MenuLabel>"Project"</MenuLabel>
                <MenuItem on_select=pick("New file")>"New file"</MenuItem>
                <MenuItem on_select=pick("Open")>"Open"</MenuItem>
                <MenuItem on_select=pick("Rename")>"Rename"</MenuItem>
                <MenuItem on_select=pick("Duplicate")>"Duplicate"</MenuItem>
                <MenuItem disabled=true>"Archive"</MenuItem>
                <MenuSeparator/>
                <MenuCheckboxItem checked=hidden_files on_change=move |on| hidden_files.set(on)>
                    "Show hidden files"
                </MenuCheckboxItem>
            </DropdownMenuContent>
        </DropdownMenu>
        <p data-testid="menu-result">
            "Last action: " {move || last.get()}
            {move || if hidden_files.get() { " (hidden files shown)" } else { "" }}
        </p>
    }
}

#[component]
fn ContextMenuDemo() -> impl IntoView {
    let last = RwSignal::new("nothing yet".to_owned());
    let zoom = RwSignal::new("100%".to_owned());
    view! {
        <ContextMenu>
            <ContextMenuTrigger attr:data-testid="context-menu-trigger">
                "Right-click here (or focus and press Shift+F10)"
            </ContextMenuTrigger>
            <ContextMenuContent label="Canvas" attr:data-testid="context-menu-content">
                <MenuItem on_select=move |_| last.set("Paste".into())>"Paste"</MenuItem>
                <MenuItem on_select=move |_| last.set("Select all".into())>"Select all"</MenuItem>
                <MenuSeparator/>
                <MenuRadioGroup label="Zoom" value=zoom on_change=move |v: String| zoom.set(v)>
                    <MenuRadioItem value="50%">"Zoom 50%"</MenuRadioItem>
                    <MenuRadioItem value="100%">"Zoom 100%"</MenuRadioItem>
                    <MenuRadioItem value="200%">"Zoom 200%"</MenuRadioItem>
                </MenuRadioGroup>
                <MenuSeparator/>
                <MenuItem color=Color::Red on_select=move |_| last.set("Clear".into())>"Clear canvas"</MenuItem>
            </ContextMenuContent>
        </ContextMenu>
        <p data-testid="context-menu-result">
            "Last action: " {move || last.get()} ", zoom " {move || zoom.get()}
        </p>
    }
}

#[component]
fn ToasterDemo() -> impl IntoView {
    view! {
        <Toaster>
            <ToastButtons/>
        </Toaster>
    }
}

#[component]
fn ToastButtons() -> impl IntoView {
    let toaster = use_toaster();
    let undone = RwSignal::new(false);
    let show = move |level: ToastLevel, title: &'static str| {
        move |_| {
            toaster.show(Toast::new(title).level(level));
        }
    };
    view! {
        <div style="display: flex; flex-wrap: wrap; gap: var(--kiln-space-3)">
            <button type="button" class="kiln-button" data-variant="soft" data-testid="toast-info"
                on:click=show(ToastLevel::Info, "A new version is available.")>"Info"</button>
            <button type="button" class="kiln-button" data-variant="soft" data-testid="toast-success"
                on:click=show(ToastLevel::Success, "Project saved.")>"Success"</button>
            <button type="button" class="kiln-button" data-variant="soft" data-testid="toast-warning"
                on:click=show(ToastLevel::Warning, "Your trial ends in 3 days.")>"Warning"</button>
            <button type="button" class="kiln-button" data-variant="soft" data-testid="toast-error"
                on:click=show(ToastLevel::Error, "The upload failed.")>"Error"</button>
            <button
                type="button"
                class="kiln-button"
                data-testid="toast-action"
                on:click=move |_| {
                    undone.set(false);
                    toaster.show(
                        Toast::new("Message archived.")
                            .description("It is in the archive folder.")
                            .action("Undo", move || undone.set(true)),
                    );
                }
            >
                "With an action"
            </button>
        </div>
        <p data-testid="toast-result">{move || if undone.get() { "Undone." } else { "" }}</p>
    }
}
