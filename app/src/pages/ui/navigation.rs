//! The gallery's navigation page.

use super::{CATEGORIES, Demo, GalleryPage};
use kiln::leptos_router::hooks::use_query_map;
use kiln::prelude::*;
use kiln::ui::Orientation;

const SOURCE: Source = source!("navigation.rs");

/// The demos' layout: a column.
const STACK: &str = "display:flex;flex-direction:column;gap:var(--kiln-space-4)";

/// The disclosure and navigation components, live.
#[component]
pub fn NavigationPage() -> impl IntoView {
    let category = &CATEGORIES[5];
    view! {
        <GalleryPage title=category.title description=category.description>
            <Demo title="Tabs" code=SOURCE.item("TabsDemo")><TabsDemo/></Demo>
            <Demo title="Vertical tabs" code=SOURCE.item("VerticalTabsDemo")>
                <VerticalTabsDemo/>
            </Demo>
            <Demo title="Accordion" code=SOURCE.item("AccordionDemo")><AccordionDemo/></Demo>
            <Demo title="Collapsible" code=SOURCE.item("CollapsibleDemo")>
                <CollapsibleDemo/>
            </Demo>
            <Demo title="Breadcrumb" code=SOURCE.item("BreadcrumbDemo")><BreadcrumbDemo/></Demo>
            <Demo title="Pagination" code=SOURCE.item("PaginationDemo")><PaginationDemo/></Demo>
            <Demo title="Navbar" code=SOURCE.item("NavbarDemo")><NavbarDemo/></Demo>
            <Demo title="Sidebar" code=SOURCE.item("SidebarDemo")><SidebarDemo/></Demo>
        </GalleryPage>
    }
    .into_any()
}

#[component]
fn TabsDemo() -> impl IntoView {
    let picked = RwSignal::new("account".to_owned());
    view! {
        <div data-testid="tabs-demo">
            <Tabs default_value="account" on_change=move |value: String| picked.set(value)>
                <TabList label="Account settings">
                    <Tab value="account">"Account"</Tab>
                    <Tab value="password">"Password"</Tab>
                    <Tab value="notifications">"Notifications"</Tab>
                </TabList>
                <TabPanel value="account">"Change your name and email address."</TabPanel>
                <TabPanel value="password">"Change your password and two-factor settings."</TabPanel>
                <TabPanel value="notifications">"Choose which emails you get."</TabPanel>
            </Tabs>
            <p class="muted" data-testid="tabs-picked">"Selected: " {move || picked.get()}</p>
        </div>
    }
}

#[component]
fn VerticalTabsDemo() -> impl IntoView {
    view! {
        <Tabs orientation=Orientation::Vertical>
            <TabList label="Documentation" size=Size::S1>
                <Tab value="intro">"Introduction"</Tab>
                <Tab value="install">"Installation"</Tab>
                <Tab value="legacy" disabled=true>"Legacy (disabled)"</Tab>
                <Tab value="deploy">"Deploying"</Tab>
            </TabList>
            <TabPanel value="intro">"Kiln is a full-stack framework."</TabPanel>
            <TabPanel value="install">"cargo install kiln"</TabPanel>
            <TabPanel value="legacy">"Gone."</TabPanel>
            <TabPanel value="deploy">"One binary, one database file."</TabPanel>
        </Tabs>
    }
}

#[component]
fn AccordionDemo() -> impl IntoView {
    view! {
        <div style=STACK>
            <div data-testid="accordion-demo">
                <Accordion>
                    <AccordionItem title="Is it accessible?">
                        "Yes: each item is a native details element, opened with Enter or Space."
                    </AccordionItem>
                    <AccordionItem title="Does it work without JavaScript?">
                        "Yes, and only one item is open at a time."
                    </AccordionItem>
                    <AccordionItem title="Can it be styled?">"With the theme's tokens."</AccordionItem>
                </Accordion>
            </div>
            <Accordion multiple=true>
                <AccordionItem title="Several open at once" open=true>"This one starts open."</AccordionItem>
                <AccordionItem title="Another" open=true>"So does this one."</AccordionItem>
            </Accordion>
        </div>
    }
}

#[component]
fn CollapsibleDemo() -> impl IntoView {
    let opened = RwSignal::new(0);
    view! {
        <Collapsible trigger="Show the details" on_change=move |open: bool| if open { opened.update(|n| *n += 1) }>
            <p>"Three build steps ran; none failed."</p>
        </Collapsible>
        <p class="muted">"Opened " {move || opened.get()} " times."</p>
    }
}

#[component]
fn BreadcrumbDemo() -> impl IntoView {
    view! {
        <Breadcrumb>
            <BreadcrumbItem href="/">"Home"</BreadcrumbItem>
            <BreadcrumbItem href="/ui">"Components"</BreadcrumbItem>
            <BreadcrumbItem>"Disclosure and navigation"</BreadcrumbItem>
        </Breadcrumb>
    }
}

#[component]
fn PaginationDemo() -> impl IntoView {
    // The page is in the URL, so the links work without JavaScript too.
    let query = use_query_map();
    let page = Signal::derive(move || {
        query
            .read()
            .get("page")
            .and_then(|page| page.parse().ok())
            .unwrap_or(5)
    });
    // This one keeps its page in a signal instead.
    let compact = RwSignal::new(1);
    view! {
        <div style=STACK>
            <div data-testid="pagination-demo">
                <Pagination
                    page=page
                    total=20
                    href=|page: usize| format!("/ui/navigation?page={page}#pagination")
                />
            </div>
            <div data-testid="pagination-compact">
                <Pagination
                    label="Compact pagination"
                    size=Size::S1
                    page=compact
                    total=50
                    siblings=2
                    href=|page: usize| format!("?compact={page}")
                    on_change=move |page: usize| compact.set(page)
                />
            </div>
        </div>
    }
}

#[component]
fn NavbarDemo() -> impl IntoView {
    view! {
        <div data-testid="navbar-demo">
            <Navbar
                label="Demo site"
                brand=|| view! { <a href="/">"Kiln"</a> }
                actions=|| view! { <button type="button">"Sign in"</button> }
            >
                <NavLink href="/ui/navigation" current=true>"Components"</NavLink>
                <NavLink href="/live/counter">"Live"</NavLink>
                <NavLink href="/guestbook">"Guestbook"</NavLink>
            </Navbar>
        </div>
    }
}

#[component]
fn SidebarDemo() -> impl IntoView {
    view! {
        <Sidebar label="Guide sections">
            <SidebarSection title="Getting started">
                <SidebarLink href="/ui/navigation" current=true>"Navigation"</SidebarLink>
                <SidebarLink href="/ui/data">"Data display"</SidebarLink>
            </SidebarSection>
            <SidebarSection title="Building">
                <SidebarLink href="/ui/forms">"Forms"</SidebarLink>
                <SidebarLink href="/ui/overlays">"Overlays"</SidebarLink>
            </SidebarSection>
        </Sidebar>
    }
}
