//! The middleware every request goes through: it reads the session cookie, checks the CSRF
//! token of posts, and sets the cookies a page needs.

use super::*;
use kiln_core::cache::{HoleFillers, PrivateRequest};

pub(super) fn jar_of(headers: &HeaderMap) -> CookieJar {
    let mut jar = CookieJar::new();
    for value in headers.get_all(header::COOKIE) {
        if let Ok(value) = value.to_str() {
            for cookie in Cookie::split_parse(value.to_owned()).flatten() {
                jar.add_original(cookie.into_owned());
            }
        }
    }
    jar
}

pub(super) async fn middleware(
    State(service): State<AuthService>,
    mut request: Request,
    next: Next,
) -> Response {
    let jar = jar_of(request.headers());
    let signed = jar.signed(&service.0.key);
    let session = signed.get(SESSION_COOKIE).map(|c| c.value().to_owned());
    let had_session = jar.get(SESSION_COOKIE).is_some();
    let known_csrf = jar
        .get(CSRF_COOKIE)
        .map(|c| c.value().to_owned())
        .filter(|value| is_token(value));
    let auth = RequestAuth {
        service: service.clone(),
        csrf: known_csrf.clone().unwrap_or_else(new_token),
        session,
        // The server's flash signer, which `carry_flash` put in front of every request.
        flash_signer: request.extensions().get::<Arc<FlashSigner>>().cloned(),
        // Who sent it, for throttling: the address the server's `client_address` middleware
        // found (behind a trusted proxy, the client it names).
        client: request
            .extensions()
            .get::<kiln_core::ClientAddress>()
            .map_or_else(|| "unknown".to_owned(), kiln_core::ClientAddress::limit_key),
        user_agent: request
            .headers()
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned(),
        user: Arc::default(),
    };
    if had_session {
        // A page for a signed-in visitor is theirs alone: the page cache keeps none of it.
        request.extensions_mut().insert(PrivateRequest);
    }
    // A page kept for every visitor has a hole where its forms' token goes: this visitor's,
    // masked afresh each time, fills it.
    let csrf = auth.csrf.clone();
    request
        .extensions_mut()
        .get_or_insert_default::<HoleFillers>()
        .add(CSRF_HOLE, identity_of(&csrf), move || masked_csrf(&csrf));
    request.extensions_mut().insert(auth.clone());
    let mut response = next.run(request).await;

    let headers = response.headers_mut();
    let is_page = kiln_core::is_page(headers);
    let sets_cookies = headers.contains_key(header::SET_COOKIE);
    if known_csrf.is_none() && is_page {
        headers.append(
            header::SET_COOKIE,
            set_cookie(&service.cookie(
                CSRF_COOKIE,
                auth.csrf.clone(),
                Some(Duration::from_secs(365 * 24 * 3600)),
            )),
        );
    }
    // A page for a signed-in visitor is nobody else's: no shared cache may keep it (a page
    // that says `no-store` already keeps its word).
    let no_store = headers
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("no-store"));
    if had_session && is_page && !no_store {
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    }
    // A cookie whose session is gone (expired, logged out elsewhere) is dropped.
    if had_session && !sets_cookies && matches!(auth.user.get(), Some(None)) {
        headers.append(header::SET_COOKIE, service.removal(SESSION_COOKIE));
    }
    response
}

/// A number that changes when `token` does, and tells nothing of it: what a kept page's
/// `ETag` varies with, so a browser whose token changed gets the page anew.
fn identity_of(token: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    token.hash(&mut hasher);
    hasher.finish()
}
