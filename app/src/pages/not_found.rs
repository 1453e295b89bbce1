use kiln::prelude::*;

use crate::code::PageMeta;

/// The page for every path no route matches; the response status is 404.
#[component]
pub fn NotFound() -> impl IntoView {
    kiln::respond::set_status(kiln::respond::StatusCode::NOT_FOUND);
    view! {
        <PageMeta title="Page not found · Kiln" description="There is no page at this address."/>
        <h1>"Page not found"</h1>
        <p>"There is no page at this address. " <A href="/">"Go to the home page"</A>"."</p>
    }
}
