use kiln::prelude::*;

use crate::code::PageMeta;

/// The page for every path no route matches; the response status is 404.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<kiln::leptos_axum::ResponseOptions>() {
        response.set_status(kiln::axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <PageMeta title="Page not found · Kiln" description="There is no page at this address."/>
        <h1>"Page not found"</h1>
        <p>"There is no page at this address. " <A href="/">"Go to the home page"</A>"."</p>
    }
}
