//! Auth end to end through a real Kiln server (in-process router) on a SQLite file and on
//! PostgreSQL: the forms' posts, cookies, guards during server rendering, and every way in that
//! must stay shut (forged forms, cross-origin posts, planted sessions, guessing, used links).
#![cfg(feature = "ssr")]
#![recursion_limit = "256"]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use axum::Router;
use http::{StatusCode, header};
use kiln::auth::{
    Auth, ChangePasswordForm, EmailVerification, ForgotPasswordForm, LogInForm, RequireRole,
    RequireUser, ResetPasswordForm, SignUpForm, provide_auth, use_auth, use_user,
};
use kiln::prelude::*;
use kiln::testing::{Browser, Reply, TestServer};

const SITE: &str = "http://app.test";
const PASSWORD: &str = "correct horse battery";

#[component]
fn App() -> impl IntoView {
    provide_auth();
    view! {
        <Router>
            <Routes fallback=|| "not found">
                <Route path=path!("/") view=Home/>
                <Route path=path!("/login") view=LogInForm/>
                <Route path=path!("/signup") view=SignUpForm/>
                <Route path=path!("/forgot-password") view=ForgotPasswordForm/>
                <Route path=path!("/reset-password") view=ResetPasswordForm/>
                <Route path=path!("/account") view=ChangePasswordForm/>
                <Route path=path!("/private") view=Private/>
                <Route path=path!("/admin") view=Admin/>
            </Routes>
        </Router>
    }
}

#[component]
fn Home() -> impl IntoView {
    let auth = use_auth();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match auth.await.ok().and_then(|state| state.user) {
                    Some(user) => format!("signed in as {}", user.email),
                    None => "anonymous".to_owned(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Private() -> impl IntoView {
    view! {
        <RequireUser>
            <p>{use_user().map(|user| format!("secret content for {}", user.email))}</p>
        </RequireUser>
    }
}

#[component]
fn Admin() -> impl IntoView {
    view! { <RequireRole role="admin"><p>"admin area"</p></RequireRole> }
}

fn shell(options: LeptosOptions) -> impl IntoView {
    view! { <Document options><App/></Document> }
}

/// A server function that acts for the signed-in user.
#[server(prefix = "/api", endpoint = "whoami")]
async fn whoami() -> Result<String, ServerFnError> {
    Ok(kiln::auth::require_user().await?.email)
}

/// A live state whose event acts for the signed-in user.
#[derive(LiveState, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct WhoIsHere {
    pub email: String,
}

#[live_events]
impl WhoIsHere {
    /// Shows who sent it, if anyone signed in did.
    pub async fn check(&mut self, ctx: &mut Ctx<Self>) -> Result<(), kiln::auth::AuthError> {
        self.email = ctx.require_user().await?.email;
        Ok(())
    }
}

/// A Kiln server with auth and a live state on a fresh database.
struct Site(TestServer);

impl std::ops::Deref for Site {
    type Target = TestServer;
    fn deref(&self) -> &TestServer {
        &self.0
    }
}

impl Site {
    async fn start(database_url: Option<&str>, auth: Auth) -> Self {
        let mut vars = vec![("KILN_PUBLIC_URL", SITE.to_owned())];
        if let Some(url) = database_url {
            vars.push(("DATABASE_URL", url.to_owned()));
        }
        let server = kiln::Server::new(App, shell)
            .live(Live::new().state::<WhoIsHere>())
            .auth(auth);
        Self(TestServer::start_with(server, vars).await)
    }

    /// The newest message in the development outbox addressed to `to`, once there is one
    /// besides `seen` of them (reset mail goes out behind the response).
    async fn mail_to(&self, to: &str, seen: usize) -> String {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        loop {
            let mut messages = messages_to(&self.outbox(), to);
            if messages.len() > seen {
                messages.sort();
                let newest = messages.pop().expect("one message");
                return std::fs::read_to_string(newest).expect("readable mail");
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "no mail to {to} in {}",
                self.outbox().display()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

fn messages_to(outbox: &Path, to: &str) -> Vec<PathBuf> {
    std::fs::read_dir(outbox)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|path| {
                    std::fs::read_to_string(path)
                        .is_ok_and(|text| text.contains(&format!("To: {to}")))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The reset link's token in a mail.
fn token_in(mail: &str) -> String {
    let at = mail.find("token=").expect("a link with a token") + "token=".len();
    mail[at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

/// What these tests do as a visitor, on top of [`Browser`]'s requests.
trait Visitor {
    /// Posts `fields` as a same-site HTML form would, with this browser's form token.
    async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Reply;
    /// The form token, as the page's hidden field holds it (a first page view sets it).
    async fn csrf(&mut self) -> String;
    async fn sign_up(&mut self, email: &str, password: &str) -> Reply;
    async fn log_in(&mut self, email: &str, password: &str) -> Reply;
    /// Who the home page says is signed in (`""` for a visitor).
    async fn home(&mut self) -> String;
    /// The message the last action left, as `page` shows it.
    async fn message_on(&mut self, page: &str) -> String;
}

impl Visitor for Browser {
    async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let token = self.csrf().await;
        let mut fields = fields.to_vec();
        fields.push(("_csrf", &token));
        self.post_form(path, &fields).await
    }

    async fn csrf(&mut self) -> String {
        if self.cookie("kiln_csrf").is_none() {
            let page = self.get("/login").await;
            assert!(page.body.contains("name=\"_csrf\""), "{}", page.body);
        }
        self.cookies()["kiln_csrf"].clone()
    }

    async fn sign_up(&mut self, email: &str, password: &str) -> Reply {
        self.post(
            "/_kiln/auth/signup",
            &[
                ("email", email),
                ("password", password),
                ("password_confirm", password),
            ],
        )
        .await
    }

    async fn log_in(&mut self, email: &str, password: &str) -> Reply {
        self.post(
            "/_kiln/auth/login",
            &[("email", email), ("password", password)],
        )
        .await
    }

    async fn home(&mut self) -> String {
        let page = self.get("/").await;
        assert_eq!(page.status, StatusCode::OK);
        if page.body.contains("signed in as ") {
            let at = page.body.find("signed in as ").expect("found") + "signed in as ".len();
            page.body[at..]
                .split('<')
                .next()
                .unwrap_or_default()
                .to_owned()
        } else {
            assert!(page.body.contains("anonymous"), "{}", page.body);
            String::new()
        }
    }

    async fn message_on(&mut self, page: &str) -> String {
        let page = self.get(page).await;
        let at = page
            .body
            .find("kiln-callout-text\">")
            .map(|at| at + "kiln-callout-text\">".len());
        at.map(|at| {
            page.body[at..]
                .split('<')
                .next()
                .unwrap_or_default()
                .to_owned()
        })
        .unwrap_or_default()
    }
}

/// Sign-up, pages and server functions as the user, log-out, log-in, on one database.
async fn session_lifecycle(site: &Site) {
    let mut browser = site.browser();
    assert_eq!(browser.home().await, "", "a new visitor is anonymous");

    let signed_up = browser.sign_up("Ada@Example.com", PASSWORD).await;
    assert_eq!(signed_up.status, StatusCode::SEE_OTHER);
    assert_eq!(signed_up.location(), "/");
    let cookie = signed_up
        .set_cookie("kiln_session")
        .expect("a session cookie");
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(attribute), "{cookie} lacks {attribute}");
    }
    assert!(!cookie.contains("Secure"), "plain http: no Secure flag");
    assert_eq!(browser.home().await, "ada@example.com");

    let private = browser.get("/private").await;
    assert_eq!(private.status, StatusCode::OK);
    assert!(private.body.contains("secret content for ada@example.com"));
    let whoami = browser.call("/api/whoami", &[]).await;
    assert_eq!(whoami.status, StatusCode::OK, "{}", whoami.body);
    assert!(whoami.body.contains("ada@example.com"));

    // Log out: the cookie goes, and the session is gone on the server too.
    let stolen = browser.clone();
    let logged_out = browser.post("/_kiln/auth/logout", &[]).await;
    assert_eq!(logged_out.status, StatusCode::SEE_OTHER);
    assert_eq!(logged_out.location(), "/login");
    assert!(browser.cookie("kiln_session").is_none());
    assert_eq!(browser.message_on("/login").await, "You are logged out.");
    let mut stolen = stolen;
    assert_eq!(
        stolen.home().await,
        "",
        "a logged-out session is dead everywhere"
    );

    // Back in, with the address typed differently.
    let logged_in = browser.log_in(" ADA@example.COM ", PASSWORD).await;
    assert_eq!(logged_in.location(), "/");
    assert_eq!(browser.home().await, "ada@example.com");

    // An expired session is a logged-out one, and its cookie is dropped.
    sqlx::query("UPDATE kiln_sessions SET expires_at = 0")
        .execute(site.db().pool())
        .await
        .expect("expire");
    assert_eq!(browser.home().await, "");
    assert!(browser.cookie("kiln_session").is_none());
}

#[tokio::test]
async fn a_session_lives_from_sign_up_to_log_out_on_sqlite() {
    let site = Site::start(None, Auth::new()).await;
    session_lifecycle(&site).await;
}

#[tokio::test]
async fn a_session_lives_from_sign_up_to_log_out_on_postgres() {
    let Some(schema) = kiln::testing::PostgresSchema::create("kiln_auth_test").await else {
        return;
    };
    let site = Site::start(Some(&schema.url), Auth::new()).await;
    session_lifecycle(&site).await;
    // Kiln's own migrations are recorded apart from the app's.
    let (applied,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM _kiln_migrations")
        .fetch_one(site.db().pool())
        .await
        .expect("Kiln's migration table");
    assert!(applied >= 1);
    drop(site);
    schema.drop().await;
}

#[tokio::test]
async fn a_protected_page_redirects_a_stranger_and_shows_them_nothing() {
    let site = Site::start(None, Auth::new()).await;
    let mut stranger = site.browser();
    let page = stranger.get("/private?tab=2").await;
    assert!(page.status.is_redirection(), "{}", page.status);
    assert_eq!(page.location(), "/login?next=%2Fprivate%3Ftab%3D2");
    assert!(!page.body.contains("secret content"));

    // A server function acting for a user refuses a stranger.
    let whoami = stranger.call("/api/whoami", &[]).await;
    assert_ne!(whoami.status, StatusCode::OK);
    assert!(
        whoami.body.contains("log in to continue"),
        "{}",
        whoami.body
    );

    // After log-in the form sends them on to where they were going, and only to this site.
    let mut user = site.browser();
    user.sign_up("grace@example.com", PASSWORD).await;
    user.post("/_kiln/auth/logout", &[]).await;
    let back = user
        .post(
            "/_kiln/auth/login",
            &[
                ("email", "grace@example.com"),
                ("password", PASSWORD),
                ("next", "/private?tab=2"),
            ],
        )
        .await;
    assert_eq!(back.location(), "/private?tab=2");
    user.post("/_kiln/auth/logout", &[]).await;
    let elsewhere = user
        .post(
            "/_kiln/auth/login",
            &[
                ("email", "grace@example.com"),
                ("password", PASSWORD),
                ("next", "//evil.example/"),
            ],
        )
        .await;
    assert_eq!(elsewhere.location(), "/");
}

#[tokio::test]
async fn roles_guard_pages() {
    let site = Site::start(None, Auth::new()).await;
    let mut user = site.browser();
    user.sign_up("lin@example.com", PASSWORD).await;
    let refused = user.get("/admin").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(!refused.body.contains("admin area"));
    assert!(refused.body.contains("this needs the admin role"));

    let (id,): (i64,) = sqlx::query_as("SELECT id FROM kiln_users WHERE email = 'lin@example.com'")
        .fetch_one(site.db().pool())
        .await
        .expect("the user");
    kiln::auth::grant_role(site.db(), id, "admin")
        .await
        .expect("granted");
    // A new privilege ends the old sessions: the role comes with a new session id.
    let before = user.cookies()["kiln_session"].clone();
    assert_eq!(user.home().await, "", "logged out by the grant");
    user.log_in("lin@example.com", PASSWORD).await;
    assert_ne!(user.cookies()["kiln_session"], before);
    let admitted = user.get("/admin").await;
    assert_eq!(admitted.status, StatusCode::OK);
    assert!(admitted.body.contains("admin area"));
    kiln::auth::revoke_role(site.db(), id, "admin")
        .await
        .expect("revoked");
    assert_eq!(user.get("/admin").await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn forged_and_cross_origin_forms_are_refused() {
    let site = Site::start(None, Auth::new()).await;
    let mut victim = site.browser();
    victim.sign_up("vic@example.com", PASSWORD).await;
    victim.post("/_kiln/auth/logout", &[]).await;

    // No token, or another browser's: no session, and the form says why.
    for token in ["", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"] {
        let forged = victim
            .post_form_from(
                SITE,
                "/_kiln/auth/login",
                &[
                    ("email", "vic@example.com"),
                    ("password", PASSWORD),
                    ("_csrf", token),
                ],
            )
            .await;
        assert_eq!(forged.status, StatusCode::SEE_OTHER);
        assert!(forged.set_cookie("kiln_session").is_none());
        assert_eq!(
            victim.message_on("/login").await,
            "this form has expired: reload the page and try again"
        );
    }

    // A post from another site is refused before any handler runs.
    let token = victim.csrf().await;
    let cross = victim
        .post_form_from(
            "https://evil.example",
            "/_kiln/auth/login",
            &[
                ("email", "vic@example.com"),
                ("password", PASSWORD),
                ("_csrf", &token),
            ],
        )
        .await;
    assert_eq!(cross.status, StatusCode::FORBIDDEN);
    assert!(cross.set_cookie("kiln_session").is_none());
    assert_eq!(victim.home().await, "");
}

#[tokio::test]
async fn a_session_planted_before_log_in_is_not_the_one_after() {
    let site = Site::start(None, Auth::new()).await;
    let mut attacker = site.browser();
    attacker.sign_up("mallory@example.com", PASSWORD).await;
    let planted = attacker.cookies()["kiln_session"].clone();

    // The victim's browser carries the attacker's session, then the victim logs in.
    let mut victim = site.browser();
    victim.sign_up("victim@example.com", PASSWORD).await;
    victim.post("/_kiln/auth/logout", &[]).await;
    victim.insert_cookie("kiln_session", &planted);
    assert_eq!(victim.home().await, "mallory@example.com");
    victim.log_in("victim@example.com", PASSWORD).await;
    let after = victim.cookies()["kiln_session"].clone();
    assert_ne!(after, planted, "log-in issues a new session");
    assert_eq!(victim.home().await, "victim@example.com");
    // The planted session ended: the attacker is not in the victim's account, nor their own.
    assert_eq!(attacker.home().await, "");

    // A cookie that is not signed by the server is nobody's.
    let mut forger = site.browser();
    let unsigned = after.get(44..).unwrap_or(&after).to_owned();
    forger.insert_cookie("kiln_session", &unsigned);
    assert_eq!(forger.home().await, "");
}

#[tokio::test]
async fn the_sixth_wrong_password_in_a_row_is_refused_and_nothing_tells_accounts_apart() {
    let site = Site::start(None, Auth::new()).await;
    let mut owner = site.browser();
    owner.sign_up("kim@example.com", PASSWORD).await;
    owner.post("/_kiln/auth/logout", &[]).await;

    let mut guesser = site.browser();
    let wrong = "that e-mail and password do not match an account";
    for _ in 0..5 {
        guesser.log_in("kim@example.com", "guess guess").await;
        assert_eq!(guesser.message_on("/login").await, wrong);
    }
    // The right password now does not help: the account is locked for a while.
    let locked = guesser.log_in("kim@example.com", PASSWORD).await;
    assert!(locked.set_cookie("kiln_session").is_none());
    let message = guesser.message_on("/login").await;
    assert!(
        message.starts_with("too many failed log-ins: try again in 15 minutes"),
        "{message}"
    );

    // An unknown address reads exactly like a wrong password.
    let mut prober = site.browser();
    prober.log_in("nobody@example.com", "guess guess").await;
    assert_eq!(prober.message_on("/login").await, wrong);
    // So does asking for a reset link.
    let known = prober
        .post("/_kiln/auth/forgot", &[("email", "kim@example.com")])
        .await;
    let known_message = prober.message_on("/forgot-password").await;
    let unknown = prober
        .post("/_kiln/auth/forgot", &[("email", "nobody@example.com")])
        .await;
    assert_eq!(
        (known.status, known.location()),
        (unknown.status, unknown.location())
    );
    assert_eq!(prober.message_on("/forgot-password").await, known_message);
    assert!(known_message.starts_with("If an account uses that address"));
}

#[tokio::test]
async fn a_reset_link_works_once_and_logs_out_every_device() {
    let site = Site::start(None, Auth::new().email_verification(EmailVerification::Off)).await;
    let mut laptop = site.browser();
    laptop.sign_up("joan@example.com", PASSWORD).await;
    assert_eq!(laptop.home().await, "joan@example.com");

    let mut phone = site.browser();
    phone
        .post("/_kiln/auth/forgot", &[("email", "joan@example.com")])
        .await;
    let mail = site.mail_to("joan@example.com", 0).await;
    assert!(
        mail.contains(&format!("{SITE}/reset-password?token=")),
        "{mail}"
    );
    let token = token_in(&mail);

    // A typo in the confirmation costs nothing: the link still works.
    let typo = phone
        .post(
            "/_kiln/auth/reset",
            &[
                ("token", &token),
                ("password", "new password 1"),
                ("password_confirm", "new password 2"),
            ],
        )
        .await;
    assert_eq!(typo.location(), format!("/reset-password?token={token}"));
    let reset = phone
        .post(
            "/_kiln/auth/reset",
            &[
                ("token", &token),
                ("password", "new password 1"),
                ("password_confirm", "new password 1"),
            ],
        )
        .await;
    assert_eq!(reset.location(), "/login");
    assert_eq!(
        phone.message_on("/login").await,
        "Your password is reset: log in with the new one."
    );
    // Used once, never again.
    phone
        .post(
            "/_kiln/auth/reset",
            &[
                ("token", &token),
                ("password", "new password 3"),
                ("password_confirm", "new password 3"),
            ],
        )
        .await;
    assert_eq!(
        phone.message_on("/reset-password").await,
        "this link has expired or was already used: ask for a new one"
    );
    assert_eq!(laptop.home().await, "", "the reset logged out every device");
    phone.log_in("joan@example.com", PASSWORD).await;
    assert_eq!(phone.home().await, "", "the old password is dead");
    phone.log_in("joan@example.com", "new password 1").await;
    assert_eq!(phone.home().await, "joan@example.com");
}

#[tokio::test]
async fn a_password_change_keeps_this_device_under_a_new_session_and_ends_the_others() {
    let site = Site::start(None, Auth::new()).await;
    let mut laptop = site.browser();
    laptop.sign_up("sam@example.com", PASSWORD).await;
    let mut phone = site.browser();
    phone.log_in("sam@example.com", PASSWORD).await;
    assert_eq!(phone.home().await, "sam@example.com");

    let before = laptop.cookies()["kiln_session"].clone();
    let wrong = laptop
        .post(
            "/_kiln/auth/password",
            &[
                ("current_password", "not it at all"),
                ("password", "a new secret"),
                ("password_confirm", "a new secret"),
            ],
        )
        .await;
    assert_eq!(wrong.location(), "/account");
    assert_eq!(
        laptop.message_on("/login").await,
        "",
        "the message is for the account page"
    );
    let changed = laptop
        .post(
            "/_kiln/auth/password",
            &[
                ("current_password", PASSWORD),
                ("password", "a new secret"),
                ("password_confirm", "a new secret"),
            ],
        )
        .await;
    assert_eq!(changed.location(), "/account");
    assert_ne!(laptop.cookies()["kiln_session"], before, "a new session id");
    assert_eq!(laptop.home().await, "sam@example.com");
    assert_eq!(phone.home().await, "", "other devices are logged out");
}

#[tokio::test]
async fn a_required_verification_holds_log_in_until_the_link_is_followed() {
    let site = Site::start(
        None,
        Auth::new().email_verification(EmailVerification::Required),
    )
    .await;
    let mut browser = site.browser();
    let signed_up = browser.sign_up("eve@example.com", PASSWORD).await;
    assert_eq!(signed_up.location(), "/login");
    assert!(signed_up.set_cookie("kiln_session").is_none());
    browser.log_in("eve@example.com", PASSWORD).await;
    assert_eq!(
        browser.message_on("/login").await,
        "confirm your e-mail address first: follow the link we sent you"
    );
    let mail = site.mail_to("eve@example.com", 0).await;
    let token = token_in(&mail);
    let verified = browser
        .get(&format!("/_kiln/auth/verify?token={token}"))
        .await;
    assert_eq!(verified.location(), "/login");
    assert_eq!(
        browser.message_on("/login").await,
        "Your e-mail address is confirmed."
    );
    browser.log_in("eve@example.com", PASSWORD).await;
    assert_eq!(browser.home().await, "eve@example.com");
}

#[tokio::test]
async fn bad_sign_ups_say_what_to_fix_and_keep_the_address() {
    let site = Site::start(None, Auth::new()).await;
    let mut browser = site.browser();
    for (email, password, confirm, message) in [
        (
            "not an address",
            PASSWORD,
            PASSWORD,
            "enter an e-mail address, like name@example.com",
        ),
        (
            "ok@example.com",
            "short",
            "short",
            "a password needs at least 8 characters",
        ),
        (
            "ok@example.com",
            PASSWORD,
            "something else",
            "the two passwords differ",
        ),
    ] {
        browser
            .post(
                "/_kiln/auth/signup",
                &[
                    ("email", email),
                    ("password", password),
                    ("password_confirm", confirm),
                ],
            )
            .await;
        let page = browser.get("/signup").await;
        assert!(page.body.contains(message), "{message}: {}", page.body);
        assert!(
            page.body.contains(&format!("value=\"{email}\"")),
            "the address is kept"
        );
    }
    browser.sign_up("taken@example.com", PASSWORD).await;
    let mut other = site.browser();
    other.sign_up("taken@example.com", "another password").await;
    assert!(
        other
            .message_on("/signup")
            .await
            .starts_with("no account can be made with this e-mail")
    );
    assert_eq!(other.home().await, "");
}

/// The live socket over real TCP, opened with `cookies`; returns the frame that answers a
/// `check` event.
async fn live_check(router: Router, cookies: &BTreeMap<String, String>) -> serde_json::Value {
    live_check_from(router, cookies, None)
        .await
        .expect("the handshake is accepted")
}

/// Like [`live_check`], with the handshake's `Origin`; `Err` with the status when the server
/// refuses the handshake.
async fn live_check_from(
    router: Router,
    cookies: &BTreeMap<String, String>,
    origin: Option<&str>,
) -> Result<serde_json::Value, u16> {
    use futures::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::Message;
    use tokio_tungstenite::tungstenite::client::IntoClientRequest;

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port");
    let addr = listener.local_addr().expect("an address");
    let service = router.into_make_service_with_connect_info::<std::net::SocketAddr>();
    let server = tokio::spawn(async move { axum::serve(listener, service).await });
    let mut request = format!("ws://{addr}/_kiln/live")
        .into_client_request()
        .expect("a request");
    let cookie = cookies
        .iter()
        .map(|(name, value)| format!("{name}={value}"))
        .collect::<Vec<_>>()
        .join("; ");
    if !cookie.is_empty() {
        request
            .headers_mut()
            .insert(header::COOKIE, cookie.parse().expect("a header"));
    }
    // As a reverse proxy forwards it: under the site's public name (other hosts get 421).
    request
        .headers_mut()
        .insert(header::HOST, "app.test".parse().expect("a header"));
    if let Some(origin) = origin {
        request
            .headers_mut()
            .insert(header::ORIGIN, origin.parse().expect("a header"));
    }
    let mut socket = match tokio_tungstenite::connect_async(request).await {
        Ok((socket, _)) => socket,
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
            server.abort();
            return Err(response.status().as_u16());
        }
        Err(err) => panic!("cannot connect: {err}"),
    };
    let mut send = async |frame: serde_json::Value| {
        socket
            .send(Message::text(frame.to_string()))
            .await
            .expect("sent");
    };
    send(serde_json::json!({"t": "hello", "proto": 1})).await;
    send(serde_json::json!({"t": "join", "s": "who_is_here", "v": 0})).await;
    send(serde_json::json!({"t": "ev", "seq": 1, "s": "who_is_here", "e": {"check": {}}})).await;
    let answer = loop {
        let Some(Ok(Message::Text(text))) = socket.next().await else {
            panic!("the socket closed before answering");
        };
        let frame: serde_json::Value = serde_json::from_str(text.as_str()).expect("JSON");
        if frame["t"] == "delta" || (frame["t"] == "err" && frame["seq"] == 1) {
            break frame;
        }
    };
    server.abort();
    Ok(answer)
}

#[tokio::test]
async fn live_events_know_the_signed_in_user_and_refuse_strangers() {
    let site = Site::start(None, Auth::new()).await;
    let mut user = site.browser();
    user.sign_up("liv@example.com", PASSWORD).await;
    let delta = live_check(site.router(), user.cookies()).await;
    assert_eq!(delta["d"]["email"], "liv@example.com", "{delta}");

    let stranger = site.browser();
    let refused = live_check(site.router(), stranger.cookies()).await;
    assert_eq!(refused["t"], "err", "{refused}");
    assert!(
        refused["msg"]
            .as_str()
            .unwrap_or_default()
            .contains("log in to continue"),
        "{refused}"
    );

    // A page of another site (another port is another origin) cannot open the user's socket.
    let hijack =
        live_check_from(site.router(), user.cookies(), Some("http://127.0.0.1:9999")).await;
    assert_eq!(hijack, Err(403));

    // A log-out counts at once, even for a socket that was opened signed in.
    let stale = user.cookies().clone();
    user.post("/_kiln/auth/logout", &[]).await;
    let after = live_check(site.router(), &stale).await;
    assert_eq!(after["t"], "err", "{after}");
}

#[tokio::test]
async fn guesses_sent_all_at_once_are_counted_before_any_is_checked() {
    let site = Site::start(None, Auth::new()).await;
    let mut owner = site.browser();
    owner.sign_up("par@example.com", PASSWORD).await;
    let mut guesser = site.browser();
    guesser.csrf().await;
    let guesses = (0..12).map(|_| {
        let mut guesser = guesser.clone();
        async move {
            guesser.log_in("par@example.com", "guess guess").await;
            guesser.message_on("/login").await
        }
    });
    let messages = futures::future::join_all(guesses).await;
    let checked = messages
        .iter()
        .filter(|m| m.as_str() == "that e-mail and password do not match an account")
        .count();
    let refused = messages
        .iter()
        .filter(|m| m.starts_with("too many failed log-ins"))
        .count();
    assert_eq!((checked, refused), (5, 7), "{messages:?}");
}

#[tokio::test]
async fn with_verification_required_sign_up_tells_nobody_who_has_an_account() {
    let site = Site::start(
        None,
        Auth::new().email_verification(EmailVerification::Required),
    )
    .await;
    let mut owner = site.browser();
    let first = owner.sign_up("own@example.com", PASSWORD).await;
    let mut prober = site.browser();
    let second = prober.sign_up("own@example.com", "another password").await;
    assert_eq!(first.location(), second.location());
    assert_eq!(
        owner.message_on("/login").await,
        prober.message_on("/login").await
    );
    // The owner hears of it; the prober learns nothing.
    let mail = site.mail_to("own@example.com", 1).await;
    assert!(
        mail.contains("Someone tried to make a new account"),
        "{mail}"
    );
}

#[tokio::test]
async fn a_password_change_kills_open_reset_links_and_pages_are_private() {
    let site = Site::start(None, Auth::new()).await;
    let mut browser = site.browser();
    browser.sign_up("kit@example.com", PASSWORD).await;
    let page = browser.get("/").await;
    assert_eq!(
        page.headers
            .get(header::CACHE_CONTROL)
            .map(|v| v.to_str().unwrap_or_default()),
        Some("private, no-store"),
        "a signed-in page is nobody else's"
    );
    browser
        .post("/_kiln/auth/forgot", &[("email", "kit@example.com")])
        .await;
    let mail = site.mail_to("kit@example.com", 1).await;
    let token = token_in(&mail);
    browser
        .post(
            "/_kiln/auth/password",
            &[
                ("current_password", PASSWORD),
                ("password", "changed secret"),
                ("password_confirm", "changed secret"),
            ],
        )
        .await;
    browser
        .post(
            "/_kiln/auth/reset",
            &[
                ("token", &token),
                ("password", "hijacked pw"),
                ("password_confirm", "hijacked pw"),
            ],
        )
        .await;
    assert_eq!(
        browser.message_on("/reset-password").await,
        "this link has expired or was already used: ask for a new one"
    );
}
