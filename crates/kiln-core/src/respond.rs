//! The status of the response the current render or server function makes: the one place
//! that sets it. Apps call it through `kiln::respond`, which also turns a server function's
//! errors into statuses.

use axum::http::{HeaderValue, StatusCode, header};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

/// Sets the status of the response being made: a page's, while the server renders it (a
/// guard's 403, a missing page's 404), or a server function's (its error's 4xx or 5xx). It
/// must be decided before the first byte leaves, so in a page it belongs to a route that
/// renders in order or whole. Outside a render or a server function it does nothing.
pub fn set_status(status: StatusCode) {
    if let Some(response) = use_context::<ResponseOptions>() {
        response.set_status(status);
    }
}

/// Answers the page being rendered with a redirect to `location` (302 Found), decided before
/// any content: every client follows it, browser or not, JavaScript or not. A `location` that
/// is not a valid header value is refused (nothing is set, and `false` says so).
pub fn redirect_before_content(location: &str) -> bool {
    let (Some(response), Ok(location)) = (
        use_context::<ResponseOptions>(),
        HeaderValue::from_str(location),
    ) else {
        return false;
    };
    response.set_status(StatusCode::FOUND);
    response.insert_header(header::LOCATION, location);
    true
}
