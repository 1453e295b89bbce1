//! Testing a Kiln app in process, as a browser would use it: [`TestServer`] runs the app's
//! [`Server`] on a fresh SQLite file with no socket, [`Browser`] keeps cookies and posts forms
//! with their CSRF token, and the live test client drives live states ([`TestClient`]).
//! [`PostgresSchema`] gives a test a PostgreSQL schema of its own.
//!
//! ```no_run
//! # use kiln::prelude::*;
//! # #[component] fn App() -> impl IntoView { "hello" }
//! # fn shell(options: LeptosOptions) -> impl IntoView { view! { <Document options><App/></Document> } }
//! use kiln::testing::TestServer;
//!
//! # async fn test() {
//! let server = TestServer::start(kiln::Server::new(App, shell)).await;
//! let mut browser = server.browser();
//! let page = browser.get("/").await;
//! assert_eq!(page.status, http::StatusCode::OK);
//! assert!(page.body.contains("hello"));
//! # }
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use axum::Router;
use axum::body::{Body, to_bytes};
use http::{HeaderMap, Request, StatusCode, header};
use leptos::config::LeptosOptions;
use leptos::prelude::IntoView;
use tempfile::TempDir;
use tower::ServiceExt;

use crate::{Config, Db, Server};
pub use kiln_core::testing::{PostgresSchema, redis_url};
#[cfg(feature = "live")]
pub use kiln_live::testing::{TestClient, render_page};

/// What a browser sends when it navigates, or posts a plain form.
pub const ACCEPT_HTML: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
/// What a hydrated page sends when it calls a server function.
pub const ACCEPT_JSON: &str = "application/json";

/// The largest response body a test reads.
const MAX_BODY: usize = 16 << 20;

/// An app's server in process: requests go to its router directly. It runs on a SQLite file in
/// a temporary directory of its own (with an empty built site and a data directory for the
/// generated secret and the mail outbox), removed when the server is dropped.
pub struct TestServer {
    router: Router,
    db: Db,
    host: String,
    origin: String,
    dir: TempDir,
}

impl TestServer {
    /// Starts `server` with the test configuration (see [`start_with`](Self::start_with)).
    ///
    /// # Panics
    /// When the server cannot start: a test wants to stop there.
    pub async fn start<A, AppView, S, ShellView>(server: Server<A, S>) -> Self
    where
        A: Fn() -> AppView + Clone + Send + Sync + 'static,
        AppView: IntoView + 'static,
        S: Fn(LeptosOptions) -> ShellView + Clone + Send + Sync + 'static,
        ShellView: IntoView + 'static,
    {
        Self::start_with(server, []).await
    }

    /// Starts `server` with the test configuration and `vars` on top: `LEPTOS_SITE_ROOT` an
    /// empty site, `LEPTOS_OUTPUT_NAME` `app`, `DATABASE_URL` a fresh SQLite file, `KILN_SECRET`
    /// a test secret and `KILN_DATA_DIR` a directory of its own, all in the server's temporary
    /// directory. Browsers talk to the host of `KILN_PUBLIC_URL` (`127.0.0.1:3000` unless set).
    ///
    /// # Panics
    /// When the configuration is invalid or the server cannot start.
    pub async fn start_with<A, AppView, S, ShellView>(
        server: Server<A, S>,
        vars: impl IntoIterator<Item = (&'static str, String)>,
    ) -> Self
    where
        A: Fn() -> AppView + Clone + Send + Sync + 'static,
        AppView: IntoView + 'static,
        S: Fn(LeptosOptions) -> ShellView + Clone + Send + Sync + 'static,
        ShellView: IntoView + 'static,
    {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("pkg")).expect("the site's pkg directory");
        let data = dir.path().join("data");
        let defaults = [
            ("LEPTOS_SITE_ROOT", site.display().to_string()),
            ("LEPTOS_OUTPUT_NAME", "app".to_owned()),
            (
                "DATABASE_URL",
                format!("sqlite://{}", data.join("app.db").display()),
            ),
            (
                "KILN_SECRET",
                "a test secret that is long enough to sign cookies".to_owned(),
            ),
            ("KILN_DATA_DIR", data.display().to_string()),
        ];
        let config =
            Config::from_vars(defaults.into_iter().chain(vars)).expect("a valid configuration");
        let origin = config.public_url.trim_end_matches('/').to_owned();
        let host = origin
            .split_once("://")
            .map_or(origin.as_str(), |(_, host)| host)
            .to_owned();
        let (router, db) = server
            .config(config)
            .router()
            .await
            .expect("the server starts");
        Self {
            router,
            db,
            host,
            origin,
            dir,
        }
    }

    /// The server's router, for requests of a test's own.
    pub fn router(&self) -> Router {
        self.router.clone()
    }

    /// The server's database.
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// The server's temporary directory: `site/` (the built site) and `data/` (the database,
    /// the generated secret, the development mail outbox in `data/mail`).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The development mail outbox.
    pub fn outbox(&self) -> PathBuf {
        self.dir.path().join("data/mail")
    }

    /// The site's origin, as pages served by it send it: `http://127.0.0.1:3000` unless
    /// `KILN_PUBLIC_URL` says otherwise.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// A browser with no cookies yet.
    pub fn browser(&self) -> Browser {
        Browser {
            router: self.router.clone(),
            host: self.host.clone(),
            origin: self.origin.clone(),
            cookies: BTreeMap::new(),
        }
    }

    /// Sends `request` as it is (no cookies, no `Host` added) and reads the response whole.
    pub async fn send(&self, request: Request<Body>) -> Reply {
        Reply::read(
            self.router
                .clone()
                .oneshot(request)
                .await
                .expect("infallible"),
        )
        .await
    }

    /// `GET path`, with no cookies.
    pub async fn get(&self, path: &str) -> Reply {
        self.send(
            Request::get(path)
                .header(header::HOST, &self.host)
                .body(Body::empty())
                .expect("a request"),
        )
        .await
    }
}

/// A browser on a [`TestServer`]: it keeps the cookies the server sets and sends them back,
/// and sends its pages' `Origin` with every post. Clone it to have a second tab (or a stolen
/// cookie jar).
#[derive(Clone)]
pub struct Browser {
    router: Router,
    host: String,
    origin: String,
    cookies: BTreeMap<String, String>,
}

impl Browser {
    /// Sends `request` with this browser's `Host` and cookies, keeps the cookies the response
    /// sets (and forgets those it removes), and reads the response whole.
    pub async fn send(&mut self, request: http::request::Builder, body: impl Into<Body>) -> Reply {
        let mut request = request.header(header::HOST, &self.host);
        if !self.cookies.is_empty() {
            let cookie = self
                .cookies
                .iter()
                .map(|(name, value)| format!("{name}={value}"))
                .collect::<Vec<_>>()
                .join("; ");
            request = request.header(header::COOKIE, cookie);
        }
        let request = request.body(body.into()).expect("a request");
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("infallible");
        self.keep_cookies(response.headers());
        Reply::read(response).await
    }

    fn keep_cookies(&mut self, headers: &HeaderMap) {
        for set in headers.get_all(header::SET_COOKIE) {
            let Ok(set) = set.to_str() else { continue };
            let pair = set.split(';').next().unwrap_or_default();
            let Some((name, value)) = pair.split_once('=') else {
                continue;
            };
            let removed = value.trim().is_empty()
                || set
                    .split(';')
                    .any(|attribute| attribute.trim().eq_ignore_ascii_case("Max-Age=0"));
            if removed {
                self.cookies.remove(name.trim());
            } else {
                self.cookies
                    .insert(name.trim().to_owned(), value.trim().to_owned());
            }
        }
    }

    /// Navigates to `path`.
    pub async fn get(&mut self, path: &str) -> Reply {
        self.send(
            Request::get(path).header(header::ACCEPT, ACCEPT_HTML),
            Body::empty(),
        )
        .await
    }

    /// Posts `fields` as a plain HTML form of this site would (JavaScript off), as they are:
    /// no CSRF token is added (see [`submit`](Self::submit)).
    pub async fn post_form(&mut self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let origin = self.origin.clone();
        self.post_form_from(&origin, path, fields).await
    }

    /// Posts `fields` as a form on a page of `origin` would: another site's, to test that it
    /// is refused.
    pub async fn post_form_from(
        &mut self,
        origin: &str,
        path: &str,
        fields: &[(&str, &str)],
    ) -> Reply {
        self.send(
            Request::post(path)
                .header(header::ORIGIN, origin)
                .header(header::ACCEPT, ACCEPT_HTML)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded"),
            encode(fields),
        )
        .await
    }

    /// Opens `page` and submits its form to `action` with `fields` and the form's CSRF token
    /// (its hidden `_csrf` input), as a visitor with JavaScript off does.
    ///
    /// # Panics
    /// When `page` does not answer 200 or has no `_csrf` input.
    pub async fn submit(&mut self, page: &str, action: &str, fields: &[(&str, &str)]) -> Reply {
        let html = self.get(page).await;
        assert_eq!(html.status, StatusCode::OK, "{page}: {}", html.body);
        let token = hidden_value(&html.body, "_csrf")
            .unwrap_or_else(|| panic!("{page} has no _csrf input: {}", html.body));
        let mut fields = fields.to_vec();
        fields.push(("_csrf", &token));
        self.post_form(action, &fields).await
    }

    /// Calls a server function as a hydrated page of this site does: `fields` form-encoded,
    /// JSON back.
    pub async fn call(&mut self, endpoint: &str, fields: &[(&str, &str)]) -> Reply {
        self.send(
            Request::post(endpoint)
                .header(header::ORIGIN, &self.origin)
                .header(header::ACCEPT, ACCEPT_JSON)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded"),
            encode(fields),
        )
        .await
    }

    /// The value of the cookie `name`, if the browser holds it.
    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.cookies.get(name).map(String::as_str)
    }

    /// Every cookie the browser holds.
    pub fn cookies(&self) -> &BTreeMap<String, String> {
        &self.cookies
    }

    /// Sets the cookie `name` to `value`, as a script or an attacker could.
    pub fn insert_cookie(&mut self, name: &str, value: &str) {
        self.cookies.insert(name.to_owned(), value.to_owned());
    }

    /// Forgets the cookie `name`, as if it had expired.
    pub fn forget_cookie(&mut self, name: &str) {
        self.cookies.remove(name);
    }
}

fn encode(fields: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish()
}

/// A response, read whole.
#[derive(Debug)]
pub struct Reply {
    /// Its status.
    pub status: StatusCode,
    /// Its headers.
    pub headers: HeaderMap,
    /// Its body, as text.
    pub body: String,
}

impl Reply {
    async fn read(response: http::Response<Body>) -> Self {
        let (parts, body) = response.into_parts();
        let bytes = to_bytes(body, MAX_BODY).await.expect("a body");
        Self {
            status: parts.status,
            headers: parts.headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// The header `name`, or `""`.
    pub fn header(&self, name: impl header::AsHeaderName) -> &str {
        self.headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
    }

    /// Where a redirect goes (`Location`), or `""`.
    pub fn location(&self) -> &str {
        self.header(header::LOCATION)
    }

    /// The `Set-Cookie` header that sets (or removes) the cookie `name`.
    pub fn set_cookie(&self, name: &str) -> Option<&str> {
        let prefix = format!("{name}=");
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .find(|value| value.starts_with(&prefix))
    }

    /// The body, decoded from JSON.
    ///
    /// # Panics
    /// When the body is not the JSON of a `T`.
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|err| panic!("not the JSON expected ({err}): {}", self.body))
    }
}

/// The `value` of the first input named `name` in `html` (a form's hidden `_csrf`, say).
///
/// ```
/// let html = r#"<form><input type="hidden" name="_csrf" value="abc123"></form>"#;
/// assert_eq!(kiln::testing::hidden_value(html, "_csrf").as_deref(), Some("abc123"));
/// assert_eq!(kiln::testing::hidden_value(html, "next"), None);
/// ```
pub fn hidden_value(html: &str, name: &str) -> Option<String> {
    let at = html.find(&format!(r#"name="{name}""#))?;
    let start = html[..at].rfind('<')?;
    let end = at + html[at..].find('>')?;
    let tag = &html[start..end];
    let value = tag.find(r#"value=""#)? + r#"value=""#.len();
    let len = tag[value..].find('"')?;
    Some(tag[value..value + len].to_owned())
}
