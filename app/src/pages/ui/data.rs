//! The gallery's data page.

use super::{CATEGORIES, Demo, GalleryPage};
use kiln::prelude::*;
use kiln::ui::{Glyph, Orientation};

const SOURCE: Source = source!("data.rs");

/// The demos' layouts: a wrapping row, and a column.
const ROW: &str = "display:flex;flex-wrap:wrap;align-items:center;gap:var(--kiln-space-3)";
const STACK: &str = "display:flex;flex-direction:column;gap:var(--kiln-space-4)";

/// A small picture for the demos, inline so the gallery needs no image files.
const PHOTO: &str = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='160' \
    height='90' viewBox='0 0 160 90'%3E%3Cdefs%3E%3ClinearGradient id='g' x2='1' y2='1'%3E%3Cstop \
    stop-color='rgb(255,140,60)'/%3E%3Cstop offset='1' stop-color='rgb(120,40,160)'/%3E\
    %3C/linearGradient%3E%3C/defs%3E%3Crect width='160' height='90' fill='url(%23g)'/%3E%3Ccircle \
    cx='120' cy='30' r='14' fill='rgb(255,230,180)'/%3E%3Cpath d='M0 90 50 40l30 30 20-15 60 35z' \
    fill='rgb(40,20,60)'/%3E%3C/svg%3E";

/// Bytes that are no image: the avatar falls back to its initials.
const BROKEN: &str = "data:image/png;base64,AA==";

/// The data components, live.
#[component]
pub fn DataPage() -> impl IntoView {
    let category = &CATEGORIES[4];
    view! {
        <GalleryPage title=category.title description=category.description>
            <Demo title="Badge" code=SOURCE.item("BadgeDemo")><BadgeDemo/></Demo>
            <Demo title="Avatar" code=SOURCE.item("AvatarDemo")><AvatarDemo/></Demo>
            <Demo title="Callout" code=SOURCE.item("CalloutDemo")><CalloutDemo/></Demo>
            <Demo title="Table" code=SOURCE.item("TableDemo")><TableDemo/></Demo>
            <Demo title="Data list" code=SOURCE.item("DataListDemo")><DataListDemo/></Demo>
            <Demo title="List" code=SOURCE.item("ListDemo")><ListDemo/></Demo>
            <Demo title="Progress" code=SOURCE.item("ProgressDemo")><ProgressDemo/></Demo>
            <Demo title="Spinner" code=SOURCE.item("SpinnerDemo")><SpinnerDemo/></Demo>
            <Demo title="Skeleton" code=SOURCE.item("SkeletonDemo")><SkeletonDemo/></Demo>
            <Demo title="Icon" code=SOURCE.item("IconDemo")><IconDemo/></Demo>
            <Demo title="Image" code=SOURCE.item("ImageDemo")><ImageDemo/></Demo>
            <Demo title="Relative time" code=SOURCE.item("RelativeTimeDemo")>
                <RelativeTimeDemo/>
            </Demo>
        </GalleryPage>
    }
    .into_any()
}

#[component]
fn BadgeDemo() -> impl IntoView {
    let variants = [
        Variant::Solid,
        Variant::Soft,
        Variant::Surface,
        Variant::Outline,
    ];
    let colors = [
        Color::Orange,
        Color::Green,
        Color::Red,
        Color::Blue,
        Color::Gray,
    ];
    view! {
        <div style=STACK>
            {variants
                .into_iter()
                .map(|variant| {
                    view! {
                        <div style=ROW>
                            {colors
                                .into_iter()
                                .map(|color| {
                                    view! { <Badge variant=variant color=color>{color.as_str()}</Badge> }
                                })
                                .collect_view()}
                        </div>
                    }
                })
                .collect_view()}
            <div style=ROW>
                <Badge size=Size::S1>"Size 1"</Badge>
                <Badge size=Size::S2>"Size 2"</Badge>
                <Badge size=Size::S3>"Size 3"</Badge>
            </div>
        </div>
    }
}

#[component]
fn AvatarDemo() -> impl IntoView {
    view! {
        <div style=STACK>
            <div style=ROW>
                <Avatar src=PHOTO alt="A sunset over hills" fallback="Sunset" size=Size::S1/>
                <Avatar src=PHOTO alt="A sunset over hills" fallback="Sunset" size=Size::S2/>
                <Avatar src=PHOTO alt="A sunset over hills" fallback="Sunset" size=Size::S3/>
                <Avatar src=PHOTO alt="A sunset over hills" fallback="Sunset" size=Size::S4 radius=Radius::Full/>
            </div>
            <div style=ROW>
                <Avatar fallback="Ada Lovelace" color=Color::Indigo/>
                <Avatar fallback="Grace Hopper" color=Color::Green variant=Variant::Solid/>
                <Avatar fallback="Alan Turing" color=Color::Crimson radius=Radius::Full size=Size::S3/>
                // The picture fails to load: the initials take its place.
                <span data-testid="avatar-broken">
                    <Avatar src=BROKEN fallback="Katherine Johnson" color=Color::Amber size=Size::S3/>
                </span>
            </div>
        </div>
    }
}

#[component]
fn CalloutDemo() -> impl IntoView {
    view! {
        <div style=STACK>
            <Callout>"Drafts are saved as you type."</Callout>
            <Callout role=CalloutRole::Status color=Color::Green variant=Variant::Surface icon=|| Glyph::Check.view()>
                "Your changes were published."
            </Callout>
            <Callout color=Color::Amber variant=Variant::Outline>"Your trial ends in 3 days."</Callout>
            <Callout role=CalloutRole::Alert color=Color::Red>"The payment failed. Check the card number."</Callout>
            <Callout size=Size::S1 color=Color::Gray>"A small note."</Callout>
        </div>
    }
}

#[component]
fn TableDemo() -> impl IntoView {
    let people = [
        ("Ada Lovelace", "ada@example.com", "Admin"),
        ("Grace Hopper", "grace@example.com", "Editor"),
        ("Alan Turing", "alan@example.com", "Viewer"),
    ];
    let rows = move || {
        people
            .into_iter()
            .map(|(name, email, role)| {
                view! {
                    <TableRow>
                        <TableRowHeader>{name}</TableRowHeader>
                        <TableCell>{email}</TableCell>
                        <TableCell><Badge>{role}</Badge></TableCell>
                    </TableRow>
                }
            })
            .collect_view()
    };
    view! {
        <div style=STACK>
            <Table variant=Variant::Surface caption="Team members">
                <TableHeader>
                    <TableRow>
                        <TableColumnHeader>"Name"</TableColumnHeader>
                        <TableColumnHeader>"Email"</TableColumnHeader>
                        <TableColumnHeader>"Role"</TableColumnHeader>
                    </TableRow>
                </TableHeader>
                <TableBody>{rows()}</TableBody>
            </Table>
            <Table size=Size::S1 caption="Compact, ghost">
                <TableHeader>
                    <TableRow>
                        <TableColumnHeader>"Name"</TableColumnHeader>
                        <TableColumnHeader>"Email"</TableColumnHeader>
                        <TableColumnHeader>"Role"</TableColumnHeader>
                    </TableRow>
                </TableHeader>
                <TableBody>{rows()}</TableBody>
            </Table>
        </div>
    }
}

#[component]
fn DataListDemo() -> impl IntoView {
    view! {
        <div style=STACK>
            <DataList>
                <DataListItem label="Status"><Badge color=Color::Green>"Active"</Badge></DataListItem>
                <DataListItem label="Name">"Ada Lovelace"</DataListItem>
                <DataListItem label="Email">"ada@example.com"</DataListItem>
            </DataList>
            <DataList orientation=Orientation::Vertical size=Size::S1>
                <DataListItem label="Plan">"Team"</DataListItem>
                <DataListItem label="Renews">"1 March"</DataListItem>
            </DataList>
        </div>
    }
}

#[component]
fn ListDemo() -> impl IntoView {
    view! {
        <div style=ROW>
            <List>
                <ListItem>"Flour"</ListItem>
                <ListItem>"Water"</ListItem>
                <ListItem>"Salt"</ListItem>
            </List>
            <List marker=ListMarker::Decimal>
                <ListItem>"Mix"</ListItem>
                <ListItem>"Knead"</ListItem>
                <ListItem>"Bake"</ListItem>
            </List>
            <List marker=ListMarker::LowerRoman size=Size::S1>
                <ListItem>"First"</ListItem>
                <ListItem>"Second"</ListItem>
            </List>
            <List marker=ListMarker::None>
                <ListItem>"No"</ListItem>
                <ListItem>"Markers"</ListItem>
            </List>
        </div>
    }
}

#[component]
fn ProgressDemo() -> impl IntoView {
    let done = RwSignal::new(40.0);
    view! {
        <div style=STACK>
            <div data-testid="progress-live">
                <Progress label="Upload" value=done/>
            </div>
            <div style=ROW>
                <button type="button" data-testid="progress-less" on:click=move |_| done.update(|d| *d = (*d - 20.0).max(0.0))>
                    "Less"
                </button>
                <button type="button" data-testid="progress-more" on:click=move |_| done.update(|d| *d = (*d + 20.0).min(100.0))>
                    "More"
                </button>
            </div>
            <Progress label="Size 1" value=25.0 size=Size::S1 color=Color::Green/>
            <Progress label="Size 3" value=75.0 size=Size::S3 variant=Variant::Soft color=Color::Blue/>
            <Progress label="Connecting"/>
        </div>
    }
}

#[component]
fn SpinnerDemo() -> impl IntoView {
    view! {
        <div style=ROW>
            <Spinner size=Size::S1/>
            <Spinner/>
            <Spinner size=Size::S3 label="Saving"/>
        </div>
    }
}

#[component]
fn SkeletonDemo() -> impl IntoView {
    let loading = RwSignal::new(true);
    view! {
        <div style=STACK>
            <div style=ROW>
                <Skeleton loading=loading width="3rem" height="3rem"/>
                <Skeleton loading=loading>
                    <span data-testid="skeleton-content">"Ada Lovelace, engineer"</span>
                </Skeleton>
            </div>
            <button
                type="button"
                data-testid="skeleton-toggle"
                on:click=move |_| loading.update(|loading| *loading = !*loading)
            >
                {move || if loading.get() { "Finish loading" } else { "Load again" }}
            </button>
        </div>
    }
}

#[component]
fn IconDemo() -> impl IntoView {
    view! {
        <div style=ROW>
            <Icon size=Size::S1>{Glyph::Info.view()}</Icon>
            <Icon size=Size::S2>{Glyph::Info.view()}</Icon>
            <Icon size=Size::S3>{Glyph::Info.view()}</Icon>
            <Icon size=Size::S4 label="Done">{Glyph::Check.view()}</Icon>
            <Icon size=Size::S4 label="Calendar">{Glyph::Calendar.view()}</Icon>
        </div>
        // The Lucide set: this app turns on lucide-leptos's "mail" category in its Cargo.toml.
        <div style=ROW>
            <Icon size=Size::S3 label="Mail"><icons::Mail/></Icon>
            <Icon size=Size::S3 label="Opened"><icons::MailOpen/></Icon>
            <Icon size=Size::S3 label="Archive"><icons::Archive/></Icon>
            <Icon size=Size::S4><icons::MailPlus/></Icon>
        </div>
    }
}

#[component]
fn ImageDemo() -> impl IntoView {
    view! {
        <div style=ROW>
            <Image src=PHOTO alt="A sunset over hills" width=240 height=135 radius=Radius::Medium/>
            <Image src=PHOTO alt="The same sunset, cropped square" width=135 height=135 aspect="1" radius=Radius::Full/>
            <Image src=PHOTO alt="" width=160 height=135 fit=ImageFit::Contain/>
        </div>
    }
}

#[component]
fn RelativeTimeDemo() -> impl IntoView {
    view! {
        <List marker=ListMarker::None>
            <ListItem>"Kiln's first commit: " <RelativeTime iso="2024-01-15T09:30:00Z"/></ListItem>
            <ListItem>"A distant launch: " <RelativeTime iso="2040-06-01T12:00:00Z"/></ListItem>
            <ListItem>
                "Pinned to a reference time: "
                <RelativeTime unix=1_700_000_000 now=1_700_000_180/>
            </ListItem>
        </List>
    }
}
