//! The page cache through a real Kiln server (in-process router, SQLite file): a page whose
//! route opts in is rendered once and given to every visitor without a session, each with
//! their own CSRF token and script nonce; a signed-in visitor, a flash and a live page are
//! never given anybody else's page; tags invalidate, stale pages refresh in the background,
//! and a browser's copy is answered with 304.
#![cfg(feature = "ssr")]
#![recursion_limit = "256"]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use http::{StatusCode, header};
use kiln::auth::{Auth, LogInForm, provide_auth, use_auth};
use kiln::cache::CACHE_STATUS_HEADER;
use kiln::prelude::*;
use kiln::testing::{Browser, Reply, TestServer, hidden_value};
use serde::{Deserialize, Serialize};

const SITE: &str = "http://app.test";
const PASSWORD: &str = "correct horse battery";

/// Every render of a page takes the next number: a page with the number of an earlier
/// response was not rendered again.
static RENDERS: AtomicUsize = AtomicUsize::new(0);

#[component]
fn App() -> impl IntoView {
    provide_auth();
    let minute = Duration::from_secs(60);
    view! {
        <Router>
            <Routes fallback=|| "not found">
                <Route path=path!("/news") view=News
                    cache=CachePolicy::max_age(minute).tag("news")/>
                <Route path=path!("/always-stale") view=News
                    cache=CachePolicy::max_age(Duration::ZERO).stale_while_revalidate(minute)/>
                <Route path=path!("/live") view=LivePage cache=CachePolicy::max_age(minute)/>
                <Route path=path!("/uncached") view=News/>
            </Routes>
        </Router>
    }
}

/// A page with a render number, who is signed in, and a form with its CSRF token.
#[component]
fn News() -> impl IntoView {
    let render = RENDERS.fetch_add(1, Ordering::SeqCst);
    let auth = use_auth();
    view! {
        <p>{format!("render #{render}.")}</p>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match auth.await.ok().and_then(|state| state.user) {
                    Some(user) => format!("signed in as {}.", user.email),
                    None => "anonymous.".to_owned(),
                }
            })}
        </Suspense>
        <LogInForm/>
    }
}

#[derive(LiveState, Clone, Default, Serialize, Deserialize)]
pub struct Tally {
    pub count: i64,
}

#[live_events]
impl Tally {
    /// Counts one.
    pub fn add(&mut self) {
        self.count += 1;
    }
}

/// A page that shows its tab's own live state.
#[component]
fn LivePage() -> impl IntoView {
    let render = RENDERS.fetch_add(1, Ordering::SeqCst);
    view! {
        <p>{format!("render #{render}.")}</p>
        {live_view(|tally: TallyLive| view! { <p>{move || format!("tally {}", tally.count.get())}</p> })}
    }
}

fn shell(options: LeptosOptions) -> impl IntoView {
    view! { <Document options><App/></Document> }
}

/// Drops the news pages: what a server function does after the news changed.
#[server(prefix = "/api", endpoint = "publish")]
async fn publish() -> Result<usize, ServerFnError> {
    Ok(kiln::cache::invalidate("news"))
}

async fn start() -> TestServer {
    let server = kiln::Server::new(App, shell)
        .live(Live::new().state::<Tally>())
        .auth(Auth::new());
    TestServer::start_with(server, vec![("KILN_PUBLIC_URL", SITE.to_owned())]).await
}

/// The render number a page shows.
fn render_of(page: &Reply) -> usize {
    let at = page.body.find("render #").expect("a render number") + "render #".len();
    page.body[at..]
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .and_then(|number| number.parse().ok())
        .unwrap_or_else(|| panic!("a render number in {}", page.body))
}

/// The page's `X-Kiln-Cache`: `hit`, `stale`, `miss`, or `""` when the cache had no part.
fn cache_status(page: &Reply) -> &str {
    page.header(CACHE_STATUS_HEADER)
}

/// The nonce the page's Content-Security-Policy admits.
fn csp_nonce(page: &Reply) -> String {
    let csp = page.header(header::CONTENT_SECURITY_POLICY);
    let at = csp.find("'nonce-").expect("a nonce in the policy") + "'nonce-".len();
    csp[at..].split('\'').next().unwrap_or_default().to_owned()
}

/// Every `nonce="..."` of the page's scripts.
fn page_nonces(page: &Reply) -> Vec<String> {
    page.body
        .split("nonce=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap_or_default().to_owned())
        .collect()
}

/// Logs `browser` in with a new account.
async fn sign_in(browser: &mut Browser, email: &str) {
    let page = browser.get("/uncached").await;
    let token = hidden_value(&page.body, "_csrf").expect("a form token");
    let signed_up = browser
        .post_form(
            "/_kiln/auth/signup",
            &[
                ("email", email),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
                ("_csrf", &token),
            ],
        )
        .await;
    assert_eq!(
        signed_up.status,
        StatusCode::SEE_OTHER,
        "{}",
        signed_up.body
    );
    assert!(browser.cookie("kiln_session").is_some());
}

#[tokio::test]
async fn a_kept_page_is_rendered_once_and_each_visitor_gets_their_own_token_and_nonce() {
    let site = start().await;
    // The first request learns that the route opts in; the second renders the page for all.
    let first = site.browser().get("/news").await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(cache_status(&first), "");
    let kept = site.browser().get("/news").await;
    assert_eq!(cache_status(&kept), "miss");
    assert_ne!(render_of(&kept), render_of(&first));

    let mut visitors = Vec::new();
    for _ in 0..3 {
        let mut browser = site.browser();
        let page = browser.get("/news").await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(cache_status(&page), "hit");
        assert_eq!(render_of(&page), render_of(&kept), "not rendered again");
        assert!(page.body.contains("anonymous."));
        assert_eq!(page.header(header::CACHE_CONTROL), "private, no-cache");
        // The scripts carry this response's nonce, the one its policy admits.
        let nonces = page_nonces(&page);
        assert!(!nonces.is_empty(), "the page has scripts: {}", page.body);
        let nonce = csp_nonce(&page);
        assert!(
            nonces.iter().all(|seen| *seen == nonce),
            "{nonces:?} vs {nonce}"
        );
        visitors.push((browser, page, nonce));
    }
    let nonces: Vec<&String> = visitors.iter().map(|(_, _, nonce)| nonce).collect();
    assert_ne!(nonces[0], nonces[1], "a nonce per response");
    let tokens: Vec<String> = visitors
        .iter()
        .map(|(_, page, _)| hidden_value(&page.body, "_csrf").expect("a form token"))
        .collect();
    assert_ne!(tokens[0], tokens[1], "a token per visitor");

    // Each visitor's form works with the token their page carried, and only theirs: the
    // form's answer (a flash on its page) says why a log-in failed.
    let (mut first_visitor, ..) = visitors.remove(0);
    let mut log_in_with = async |token: &str| {
        let fields = [
            ("email", "nobody@example.com"),
            ("password", PASSWORD),
            ("_csrf", token),
        ];
        first_visitor.post_form("/_kiln/auth/login", &fields).await;
        first_visitor.get("/uncached").await.body
    };
    let answer = log_in_with(&tokens[1]).await;
    assert!(answer.contains("this form has expired"), "{answer}");
    let answer = log_in_with(&tokens[0]).await;
    assert!(answer.contains("do not match an account"), "{answer}");

    // A page never opted in is never kept.
    let uncached = site.browser().get("/uncached").await;
    let again = site.browser().get("/uncached").await;
    assert_eq!(cache_status(&again), "");
    assert_ne!(render_of(&uncached), render_of(&again));
}

#[tokio::test]
async fn a_signed_in_visitor_gets_their_own_page_and_nobody_gets_theirs() {
    let site = start().await;
    let mut ada = site.browser();
    sign_in(&mut ada, "ada@example.com").await;
    // Warm the cache with anonymous pages, then visit as Ada, twice.
    site.browser().get("/news").await;
    let anonymous = site.browser().get("/news").await;
    assert_eq!(cache_status(&anonymous), "miss");
    for _ in 0..2 {
        let page = ada.get("/news").await;
        assert_eq!(
            cache_status(&page),
            "",
            "rendered for Ada, not from the cache"
        );
        assert!(
            page.body.contains("signed in as ada@example.com."),
            "{}",
            page.body
        );
        assert_eq!(page.header(header::CACHE_CONTROL), "private, no-store");
    }
    // Her page was kept for nobody: strangers still get the anonymous one.
    let stranger = site.browser().get("/news").await;
    assert_eq!(cache_status(&stranger), "hit");
    assert!(stranger.body.contains("anonymous."));
    assert!(!stranger.body.contains("ada@example.com"));
}

#[tokio::test]
async fn a_visitor_with_a_flash_gets_a_page_of_their_own() {
    let site = start().await;
    site.browser().get("/news").await;
    site.browser().get("/news").await;
    let mut visitor = site.browser();
    let page = visitor.get("/news").await;
    let token = hidden_value(&page.body, "_csrf").expect("a form token");
    // A failed log-in leaves a flash for the form's page.
    let failed = visitor
        .post_form(
            "/_kiln/auth/login",
            &[
                ("email", "nobody@example.com"),
                ("password", "wrong password"),
                ("_csrf", &token),
            ],
        )
        .await;
    assert!(visitor.cookie("kiln_flash").is_some(), "{failed:?}");
    let with_flash = visitor.get("/news").await;
    assert_eq!(cache_status(&with_flash), "");
    assert!(
        with_flash.body.contains("do not match an account"),
        "the flash is shown: {}",
        with_flash.body
    );
    let stranger = site.browser().get("/news").await;
    assert_eq!(cache_status(&stranger), "hit");
    assert!(!stranger.body.contains("do not match an account"));
}

#[tokio::test]
async fn a_live_page_is_never_kept_whatever_its_route_says() {
    let site = start().await;
    let mut renders = Vec::new();
    for _ in 0..3 {
        let page = site.browser().get("/live").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("tally 0"), "{}", page.body);
        assert_eq!(cache_status(&page), "");
        renders.push(render_of(&page));
    }
    renders.dedup();
    assert_eq!(renders.len(), 3, "rendered for each visitor: {renders:?}");
}

#[tokio::test]
async fn invalidating_a_tag_drops_its_pages_at_once() {
    let site = start().await;
    site.browser().get("/news").await;
    let kept = site.browser().get("/news").await;
    assert_eq!(cache_status(&site.browser().get("/news").await), "hit");

    let mut editor = site.browser();
    let published = editor.call("/api/publish", &[]).await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.body);
    assert_eq!(published.body, "1", "one page dropped");

    let fresh = site.browser().get("/news").await;
    assert_eq!(cache_status(&fresh), "miss");
    assert_ne!(render_of(&fresh), render_of(&kept));
    let next = site.browser().get("/news").await;
    assert_eq!(cache_status(&next), "hit");
    assert_eq!(render_of(&next), render_of(&fresh));
}

#[tokio::test]
async fn a_stale_page_is_served_at_once_and_rendered_anew_behind_it() {
    let site = start().await;
    site.browser().get("/always-stale").await;
    let kept = site.browser().get("/always-stale").await;
    assert_eq!(cache_status(&kept), "miss");
    let stale = site.browser().get("/always-stale").await;
    assert_eq!(cache_status(&stale), "stale");
    assert_eq!(render_of(&stale), render_of(&kept));
    // The render the stale answer started replaces the page, without a visitor waiting on it.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let page = site.browser().get("/always-stale").await;
        assert_eq!(cache_status(&page), "stale");
        if render_of(&page) != render_of(&kept) {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "never rendered anew"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test]
async fn a_browser_that_kept_the_page_is_told_it_has_not_changed() {
    let site = start().await;
    let mut browser = site.browser();
    browser.get("/news").await;
    let page = browser.get("/news").await;
    let etag = page.header(header::ETAG).to_owned();
    assert!(etag.starts_with("W/\""), "{etag}");

    let again = browser
        .send(
            http::Request::get("/news").header(header::IF_NONE_MATCH, &etag),
            axum::body::Body::empty(),
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());
    assert_eq!(again.header(header::ETAG), etag);
    // No new policy: the browser's copy keeps the nonce its scripts carry.
    assert_eq!(again.header(header::CONTENT_SECURITY_POLICY), "");

    // Another visitor's copy is not this one: their token differs.
    let mut other = site.browser();
    let theirs = other
        .send(
            http::Request::get("/news").header(header::IF_NONE_MATCH, &etag),
            axum::body::Body::empty(),
        )
        .await;
    assert_eq!(theirs.status, StatusCode::OK);
    assert_ne!(theirs.header(header::ETAG), etag);
}
