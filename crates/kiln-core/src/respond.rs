//! The response the current render or server function makes: its status (the one place that
//! sets it) and the flash it leaves for the next page. Apps call these through `kiln::respond`,
//! which also turns a server function's errors into statuses.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use cookie::{Cookie, CookieJar, Key, SameSite};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

use crate::flash::{FLASH_COOKIE, Flash, IncomingFlash, MAX_FLASH_JSON};

/// The server's half of [`crate::set_status`].
pub(crate) fn set_status(status: StatusCode) {
    if let Some(response) = use_context::<ResponseOptions>() {
        response.set_status(status);
    }
}

/// Whether a response with these headers is an HTML page (what cookies, caches and the flash
/// care about), not a file, JSON or a redirect's empty body.
pub fn is_page(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"))
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

/// How long a flash waits for its page: long enough for a slow redirect, short enough that an
/// abandoned one does not greet a later visit.
const FLASH_LIFETIME: Duration = Duration::from_secs(300);

/// Signs, reads and clears the flash cookie. The server installs one with [`carry_flash`],
/// which puts it in every request's extensions for the handlers that leave a flash.
#[derive(Clone)]
pub struct FlashSigner {
    key: Key,
    secure: bool,
}

impl std::fmt::Debug for FlashSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FlashSigner")
            .field("secure", &self.secure)
            .finish_non_exhaustive()
    }
}

impl FlashSigner {
    /// A signer whose key is derived from `secret` (the server's cookie secret, 32 bytes or
    /// more); its cookies are `Secure` when `secure` (the site is served over HTTPS).
    pub fn new(secret: &[u8], secure: bool) -> Self {
        Self {
            key: Key::derive_from(secret),
            secure,
        }
    }

    /// The `Set-Cookie` value that leaves `flash` for the next page, its typed fields cut to
    /// fit a cookie ([`Flash::fitted`]).
    pub fn set_cookie(&self, flash: &Flash) -> HeaderValue {
        let value = URL_SAFE_NO_PAD.encode(flash.fitted(MAX_FLASH_JSON));
        let mut jar = CookieJar::new();
        jar.signed_mut(&self.key)
            .add(self.cookie(value, FLASH_LIFETIME));
        let cookie = jar.delta().next().cloned();
        cookie
            .and_then(|cookie| HeaderValue::from_str(&cookie.to_string()).ok())
            .unwrap_or_else(|| self.removal())
    }

    /// The `Set-Cookie` value that clears the flash.
    pub fn removal(&self) -> HeaderValue {
        let cookie = self.cookie(String::new(), Duration::ZERO);
        HeaderValue::from_str(&cookie.to_string())
            .unwrap_or_else(|_| HeaderValue::from_static("kiln_flash=; Path=/; Max-Age=0"))
    }

    /// The flash a request's cookies carry, if its signature holds.
    pub fn read(&self, headers: &HeaderMap) -> Option<Flash> {
        self.read_jar(&flash_jar(headers)?)
    }

    fn read_jar(&self, jar: &CookieJar) -> Option<Flash> {
        let cookie = jar.signed(&self.key).get(FLASH_COOKIE)?;
        let json = URL_SAFE_NO_PAD.decode(cookie.value()).ok()?;
        serde_json::from_slice(&json).ok()
    }

    fn cookie(&self, value: String, max_age: Duration) -> Cookie<'static> {
        Cookie::build((FLASH_COOKIE, value))
            .path("/")
            .http_only(true)
            .same_site(SameSite::Lax)
            .secure(self.secure)
            .max_age(cookie::time::Duration::seconds(
                i64::try_from(max_age.as_secs()).unwrap_or(i64::MAX),
            ))
            .build()
    }
}

/// The request's flash cookie alone, if it sent one.
fn flash_jar(headers: &HeaderMap) -> Option<CookieJar> {
    let mut jar = CookieJar::new();
    for value in headers.get_all(header::COOKIE) {
        // Most requests carry no flash: parse only a header that names one.
        let Ok(value) = value.to_str() else { continue };
        if !value.contains(FLASH_COOKIE) {
            continue;
        }
        for cookie in Cookie::split_parse(value).flatten() {
            if cookie.name() == FLASH_COOKIE {
                jar.add_original(cookie.into_owned());
            }
        }
    }
    jar.get(FLASH_COOKIE).is_some().then_some(jar)
}

/// The middleware that carries flashes: it gives every request the [`FlashSigner`] and the
/// flash its cookie carries, and clears the cookie once a page has been made with it (a
/// redirect passes it on). A page that shows a flash is the visitor's alone: no cache keeps it.
pub async fn carry_flash(
    State(signer): State<Arc<FlashSigner>>,
    mut request: Request,
    next: Next,
) -> Response {
    let jar = flash_jar(request.headers());
    let sent = jar.is_some();
    if let Some(flash) = jar.and_then(|jar| signer.read_jar(&jar)) {
        request.extensions_mut().insert(IncomingFlash(flash));
    }
    if sent {
        // The page shows this visitor's flash: the page cache gives them none of its own.
        request
            .extensions_mut()
            .insert(crate::cache::PrivateRequest);
    }
    request.extensions_mut().insert(signer.clone());
    let mut response = next.run(request).await;
    if sent && is_page(response.headers()) && !response.status().is_redirection() {
        let headers = response.headers_mut();
        headers.append(header::SET_COOKIE, signer.removal());
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    }
    response
}

/// Answers the server function being run with a redirect to `location` (302 Found) that
/// leaves `flash` for that page. Without a [`carry_flash`] in front of the server (a bare
/// router in a test), the redirect goes without the flash, and a warning says so.
pub fn redirect_with_flash(location: &str, flash: &Flash) {
    let signer = leptos::prelude::with_context::<axum::http::request::Parts, _>(|parts| {
        parts.extensions.get::<Arc<FlashSigner>>().cloned()
    })
    .flatten();
    match (signer, use_context::<ResponseOptions>()) {
        (Some(signer), Some(response)) => {
            response.append_header(header::SET_COOKIE, signer.set_cookie(flash));
        }
        _ => tracing::warn!(
            "a flash for {location} is dropped: the server has no carry_flash middleware"
        ),
    }
    leptos_axum::redirect(location);
}
