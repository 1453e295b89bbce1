//! The showcase's accounts, notes and admin pages, driven in-process through the server's Axum
//! router like a browser would: pages fetched with cookies, the real auth forms posted with
//! their `_csrf` token, server functions called with the session cookie.

mod common;

use app::pages::accounts::notes::{Note, NotesError};
use app::pages::accounts::users::{UserRow, UsersError};
use http::{Request, StatusCode, header};
use kiln::auth::AuthError;
use kiln::listing::{ListingError, Page};
use kiln::testing::{ACCEPT_HTML as HTML, ACCEPT_JSON as JSON, Browser, Reply, TestServer};

/// The showcase's origin, as its pages send it (the server's default public address).
const ORIGIN: &str = "http://127.0.0.1:3000";
const EVIL: &str = "https://evil.example";
const PASSWORD: &str = "correct horse battery";

/// The showcase's server, on a fresh SQLite file or on `database_url`.
async fn showcase(database_url: Option<String>) -> TestServer {
    let vars = database_url.map(|url| ("DATABASE_URL", url));
    common::showcase(vars.into_iter().collect()).await
}

async fn count(server: &TestServer, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(server.db().pool())
        .await
        .expect("count")
}

/// What these tests do as a visitor, on top of [`Browser`]'s requests.
trait Visitor {
    /// A form post from `origin`, accepting `accept`.
    async fn post(
        &mut self,
        path: &str,
        origin: &str,
        accept: &str,
        fields: &[(&str, &str)],
    ) -> Reply;
    async fn sign_up(&mut self, email: &str);
    async fn log_in(&mut self, email: &str);
    async fn notes(&mut self) -> Vec<Note>;
    async fn add_note(&mut self, body: &str) -> Note;
}

impl Visitor for Browser {
    async fn post(
        &mut self,
        path: &str,
        origin: &str,
        accept: &str,
        fields: &[(&str, &str)],
    ) -> Reply {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        self.send(
            Request::post(path)
                .header(header::ORIGIN, origin)
                .header(header::ACCEPT, accept)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded"),
            body,
        )
        .await
    }

    async fn sign_up(&mut self, email: &str) {
        let reply = self
            .submit(
                "/signup",
                "/_kiln/auth/signup",
                &[
                    ("email", email),
                    ("password", PASSWORD),
                    ("password_confirm", PASSWORD),
                ],
            )
            .await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER);
        assert_eq!(reply.location(), "/", "sign-up refused: {email}");
        assert!(self.cookie("kiln_session").is_some(), "not signed in");
    }

    async fn log_in(&mut self, email: &str) {
        let reply = self
            .submit(
                "/login",
                "/_kiln/auth/login",
                &[("email", email), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER);
        assert_eq!(reply.location(), "/", "log-in refused: {email}");
        assert!(self.cookie("kiln_session").is_some(), "not signed in");
    }

    async fn notes(&mut self) -> Vec<Note> {
        let reply = self.call("/api/notes/list", &[]).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        reply.json()
    }

    async fn add_note(&mut self, body: &str) -> Note {
        let reply = self.call("/api/notes/add", &[("body", body)]).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        reply.json()
    }
}

/// The `value` of the hidden input named `name` in `html`.
fn hidden_value(html: &str, name: &str) -> String {
    kiln::testing::hidden_value(html, name).unwrap_or_else(|| panic!("no {name} input in the page"))
}

#[tokio::test]
async fn one_user_cannot_list_or_delete_anothers_notes() {
    let server = showcase(None).await;
    let mut ada = server.browser();
    ada.sign_up("ada@example.com").await;
    let secret = ada.add_note("Ada's secret plan").await;
    assert_eq!(ada.notes().await, std::slice::from_ref(&secret));

    let mut bob = server.browser();
    bob.sign_up("bob@example.com").await;
    assert_eq!(bob.notes().await, [], "Bob sees no one's notes but his");
    let page = bob.get("/notes").await;
    assert_eq!(
        page.status,
        StatusCode::OK,
        "{} {:?}",
        page.location(),
        bob.cookies()
    );
    assert!(!page.body.contains("Ada&#x27;s secret plan") && !page.body.contains("secret plan"));

    // Deleting Ada's note by its id: "not found", as if it did not exist.
    let id = secret.id.to_string();
    let refused = bob.call("/api/notes/delete", &[("id", &id)]).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND, "{}", refused.body);
    assert_eq!(refused.json::<NotesError>(), NotesError::NotFound);
    // ...also as a plain form post: back to the page, the error in its flash.
    let refused = bob
        .post("/api/notes/delete", ORIGIN, HTML, &[("id", &id)])
        .await;
    assert_eq!(refused.status, StatusCode::FOUND);
    assert_eq!(refused.location(), "/notes");
    assert!(refused.set_cookie("kiln_flash").is_some(), "no flash left");
    let shown = bob.get(refused.location()).await;
    assert!(shown.body.contains(r#"form-error">You have no such note."#));

    // A user id in the arguments is not how the owner is chosen.
    let ada_id = count(
        &server,
        "SELECT id FROM kiln_users WHERE email = 'ada@example.com'",
    )
    .await
    .to_string();
    let _ = bob
        .call(
            "/api/notes/add",
            &[("body", "Bob's note"), ("user_id", &ada_id)],
        )
        .await;
    let _ = bob.call("/api/notes/list", &[("user_id", &ada_id)]).await;
    assert_eq!(
        ada.notes().await,
        std::slice::from_ref(&secret),
        "Ada's notes are untouched"
    );
    assert!(
        bob.notes()
            .await
            .iter()
            .all(|note| note.body != secret.body),
        "Bob never gets Ada's note"
    );

    // Ada can delete her own note, once.
    let deleted = ada.call("/api/notes/delete", &[("id", &id)]).await;
    assert_eq!(deleted.status, StatusCode::OK, "{}", deleted.body);
    assert_eq!(ada.notes().await, []);
    let again = ada.call("/api/notes/delete", &[("id", &id)]).await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn notes_server_functions_need_a_session() {
    let server = showcase(None).await;
    let mut stranger = server.browser();
    for endpoint in ["/api/notes/list", "/api/notes/add", "/api/notes/delete"] {
        let reply = stranger
            .call(endpoint, &[("body", "anonymous"), ("id", "1")])
            .await;
        assert_eq!(
            reply.status,
            StatusCode::UNAUTHORIZED,
            "{endpoint}: {}",
            reply.body
        );
        assert_eq!(
            reply.json::<NotesError>(),
            NotesError::Auth(AuthError::NotSignedIn),
            "{endpoint}"
        );
    }
    // A plain form post without a session goes to the log-in page, and back here after.
    let reply = stranger
        .post("/api/notes/add", ORIGIN, HTML, &[("body", "anonymous")])
        .await;
    assert_eq!(reply.status, StatusCode::FOUND);
    assert_eq!(reply.location(), "/login?next=%2Fnotes");
    assert_eq!(count(&server, "SELECT COUNT(*) FROM notes").await, 0);
}

#[tokio::test]
async fn notes_are_validated_with_typed_errors_with_and_without_javascript() {
    let server = showcase(None).await;
    let mut ada = server.browser();
    ada.sign_up("ada@example.com").await;
    let empty = ada.call("/api/notes/add", &[("body", " \n ")]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(empty.json::<NotesError>(), NotesError::Empty);
    let long = "x".repeat(2001);
    let too_long = ada.call("/api/notes/add", &[("body", &long)]).await;
    assert_eq!(too_long.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(too_long.json::<NotesError>(), NotesError::TooLong);
    assert_eq!(
        ada.add_note(&"é".repeat(2000)).await.body.chars().count(),
        2000
    );

    // Without JavaScript: a redirect back, with the error and what was typed.
    let added = ada
        .post("/api/notes/add", ORIGIN, HTML, &[("body", "No JS needed")])
        .await;
    assert_eq!(added.status, StatusCode::FOUND);
    assert_eq!(added.location(), "/notes");
    assert!(ada.get("/notes").await.body.contains("No JS needed"));
    let refused = ada
        .post("/api/notes/add", ORIGIN, HTML, &[("body", "   ")])
        .await;
    assert_eq!(refused.status, StatusCode::FOUND);
    assert_eq!(refused.location(), "/notes");
    let page = ada.get(refused.location()).await;
    assert!(page.body.contains(r#"form-error">Write something first."#));
    // What was typed comes back (three spaces, in the textarea).
    assert!(page.body.contains(">   </textarea>"), "typed text lost");
    assert_eq!(count(&server, "SELECT COUNT(*) FROM notes").await, 2);
}

#[tokio::test]
async fn a_script_in_a_note_is_shown_as_text() {
    let server = showcase(None).await;
    let mut ada = server.browser();
    ada.sign_up("ada@example.com").await;
    ada.add_note("<script>alert(1)</script>").await;
    let page = ada.get("/notes").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the note is on the page, escaped"
    );
    assert!(
        !page.body.contains("<script>alert(1)"),
        "the raw tag is not in the HTML"
    );
}

#[tokio::test]
async fn visitors_are_sent_from_notes_to_log_in_and_back() {
    let server = showcase(None).await;
    let mut ada = server.browser();
    ada.sign_up("ada@example.com").await;
    ada.add_note("Only Ada may read this").await;

    let mut stranger = server.browser();
    let page = stranger.get("/notes").await;
    assert_eq!(page.status, StatusCode::FOUND);
    assert_eq!(page.location(), "/login?next=%2Fnotes");
    assert!(!page.body.contains("Only Ada may read this"));
    assert!(
        !page.body.contains("<textarea"),
        "none of the guarded page is rendered"
    );

    // The log-in form carries `next`, and the log-in goes there.
    let login = stranger.get(page.location()).await;
    assert_eq!(hidden_value(&login.body, "next"), "/notes");
    let csrf = hidden_value(&login.body, "_csrf");
    let reply = stranger
        .post(
            "/_kiln/auth/login",
            ORIGIN,
            HTML,
            &[
                ("email", "ada@example.com"),
                ("password", PASSWORD),
                ("next", "/notes"),
                ("_csrf", &csrf),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.location(), "/notes");
    let page = stranger.get("/notes").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Only Ada may read this"));
    // The navbar knows who is signed in.
    assert!(page.body.contains("ada@example.com"));
    assert!(
        !page.body.contains(r#"href="/admin/users""#),
        "no admin link for Ada"
    );

    // Log-out lands on the log-in page, and the notes are locked again.
    let csrf = hidden_value(&page.body, "_csrf");
    let out = stranger
        .post("/_kiln/auth/logout", ORIGIN, HTML, &[("_csrf", &csrf)])
        .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(out.location(), "/login");
    assert!(
        stranger
            .get("/login")
            .await
            .body
            .contains("You are logged out.")
    );
    assert_eq!(stranger.get("/notes").await.status, StatusCode::FOUND);
}

#[tokio::test]
async fn the_users_list_is_for_admins_only() {
    let server = showcase(None).await;
    let mut bob = server.browser();
    bob.sign_up("bob@example.com").await;
    let admin_id = kiln::auth::create_user(server.db(), "root@example.com", PASSWORD)
        .await
        .expect("admin made");
    kiln::auth::create_user(server.db(), "carol@example.com", PASSWORD)
        .await
        .expect("user made");

    let page = bob.get("/admin/users").await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(page.body.contains("this needs the admin role"));
    for other in ["root@example.com", "carol@example.com"] {
        assert!(!page.body.contains(other), "{other} leaked to a non-admin");
    }
    assert!(!page.body.contains("<table"), "no table for a non-admin");
    let call = json_call(&mut bob, r#"{"query":{}}"#).await;
    assert_eq!(call.status, StatusCode::FORBIDDEN, "{}", call.body);
    assert_eq!(
        call.json::<UsersError>(),
        UsersError::Auth(AuthError::Forbidden("admin".into()))
    );
    let anonymous = json_call(&mut server.browser(), r#"{"query":{}}"#).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);

    kiln::auth::grant_role(server.db(), admin_id, "admin")
        .await
        .expect("granted");
    let mut root = server.browser();
    root.log_in("root@example.com").await;
    let page = root.get("/admin/users").await;
    assert_eq!(page.status, StatusCode::OK);
    for email in ["root@example.com", "carol@example.com", "bob@example.com"] {
        assert!(page.body.contains(email), "{email} missing");
    }
    assert!(
        page.body.contains(r#"href="/admin/users""#),
        "the navbar links admins here"
    );
    assert!(page.body.contains("1–3 of 3"));

    // Sorted, filtered and paged through the query string; the server function says the same.
    let sorted = root.get("/admin/users?sort=email&dir=asc").await;
    let table = &sorted.body[sorted.body.find("<table").expect("a table")..];
    let (bob_at, carol_at, root_at) = (
        table.find(">bob@example.com<").expect("bob"),
        table.find(">carol@example.com<").expect("carol"),
        table.find(">root@example.com<").expect("root"),
    );
    assert!(bob_at < carol_at && carol_at < root_at, "sorted by e-mail");
    let filtered = root.get("/admin/users?email=CAR").await;
    assert!(filtered.body.contains("carol@example.com"));
    assert!(!filtered.body.contains(">bob@example.com<"));
    let page: Page<UserRow> = json_call(
        &mut root,
        r#"{"query":{"per_page":"2","sort":"email","dir":"desc"}}"#,
    )
    .await
    .json();
    assert_eq!((page.total, page.total_pages, page.items.len()), (3, 2, 2));
    assert_eq!(page.items[0].email, "root@example.com");
    assert_eq!(page.items[0].roles, ["admin"]);
    assert_eq!(page.items[1].roles, Vec::<String>::new());
}

#[tokio::test]
async fn guards_decide_the_status_before_the_first_byte_every_time() {
    let server = showcase(None).await;
    let mut bob = server.browser();
    bob.sign_up("bob@example.com").await;
    for attempt in 0..30 {
        let page = bob.get("/admin/users").await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "try {attempt}");
    }
    // The session ends elsewhere: the cookie is still signed, but names no session. Looking
    // that up takes the database a moment, which is when a streamed page used to send 200.
    sqlx::query("DELETE FROM kiln_sessions")
        .execute(server.db().pool())
        .await
        .expect("sessions ended");
    let stale = bob.clone();
    for attempt in 0..30 {
        // The server clears the dead cookie; a browser with it cached sends it again.
        bob = stale.clone();
        let page = bob.get("/account").await;
        assert_eq!(
            page.status,
            StatusCode::FOUND,
            "try {attempt}: {}",
            page.body
        );
        assert_eq!(page.location(), "/login?next=%2Faccount", "try {attempt}");
        bob = stale.clone();
        let page = bob.get("/admin/users").await;
        assert_eq!(page.status, StatusCode::FOUND, "try {attempt}");
    }
}

/// Calls the users' listing (a JSON-encoded server function) as the WASM client does.
async fn json_call(browser: &mut Browser, json: &str) -> Reply {
    browser
        .send(
            Request::post("/api/admin/users")
                .header(header::ORIGIN, ORIGIN)
                .header(header::ACCEPT, JSON)
                .header(header::CONTENT_TYPE, JSON),
            json.to_owned(),
        )
        .await
}

#[tokio::test]
async fn posts_from_other_sites_are_refused() {
    let server = showcase(None).await;
    let mut bob = server.browser();
    bob.sign_up("bob@example.com").await;
    for accept in [JSON, HTML] {
        let reply = bob
            .post(
                "/api/notes/add",
                EVIL,
                accept,
                &[("body", "planted by evil.example")],
            )
            .await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", reply.body);
    }
    // A Referer from elsewhere, without Origin, is refused too.
    let reply = bob
        .send(
            Request::post("/api/notes/add")
                .header(header::REFERER, "https://evil.example/page")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded"),
            "body=planted".to_owned(),
        )
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(bob.notes().await, [], "nothing was added");
    assert_eq!(count(&server, "SELECT COUNT(*) FROM notes").await, 0);

    // The auth forms too: a log-out from another site does not log Bob out.
    let reply = bob.post("/_kiln/auth/logout", EVIL, HTML, &[]).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(bob.get("/notes").await.status, StatusCode::OK);
}

/// A browser signed in as `root@example.com`, who has the admin role.
async fn signed_in_admin(server: &TestServer) -> Browser {
    let admin_id = kiln::auth::create_user(server.db(), "root@example.com", PASSWORD)
        .await
        .expect("admin made");
    kiln::auth::grant_role(server.db(), admin_id, "admin")
        .await
        .expect("granted");
    let mut root = server.browser();
    root.log_in("root@example.com").await;
    root
}

#[tokio::test]
async fn sql_in_the_users_list_query_is_harmless() {
    let server = showcase(None).await;
    let mut root = signed_in_admin(&server).await;
    root.add_note("still here").await;

    // Names that are not on the allow-list are refused with a clear message.
    for (query, says) in [
        (
            "sort=email%3B%20DROP%20TABLE%20kiln_users%3B--",
            "cannot sort by",
        ),
        (
            "sort=email&dir=asc%3B%20DELETE%20FROM%20kiln_users",
            "is not a sort direction",
        ),
        (
            "email%27)%3B%20DROP%20TABLE%20notes%3B--=x",
            "cannot filter by",
        ),
        (
            "sort=(SELECT%20password_hash%20FROM%20kiln_users)",
            "cannot sort by",
        ),
        ("page=1%20OR%201%3D1", "is not a whole number"),
    ] {
        let page = root.get(&format!("/admin/users?{query}")).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{query}");
        assert!(page.body.contains(says), "{query}: no clear error");
        assert!(!page.body.contains("$argon2"), "{query}");
    }
    // Values are bound: they match text, nothing more.
    for value in ["%27%20OR%20%271%27%3D%271", "%25", "_", "%5C", "root%27--"] {
        let page = root.get(&format!("/admin/users?email={value}")).await;
        assert_eq!(page.status, StatusCode::OK, "{value}");
        assert!(
            page.body.contains(">No users match.</p>"),
            "{value} matched something"
        );
    }
    let refused = json_call(
        &mut root,
        r#"{"query":{"sort":"email; DROP TABLE kiln_users"}}"#,
    )
    .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(matches!(
        refused.json::<UsersError>(),
        UsersError::Listing(ListingError::UnknownSort { .. })
    ));

    // The tables are intact.
    assert_eq!(count(&server, "SELECT COUNT(*) FROM kiln_users").await, 1);
    assert_eq!(count(&server, "SELECT COUNT(*) FROM notes").await, 1);
    let page = root.get("/admin/users").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("root@example.com"));
}

#[tokio::test]
async fn the_auth_pages_render_their_forms_without_javascript() {
    let server = showcase(None).await;
    let mut visitor = server.browser();
    for (path, action) in [
        ("/login", "/_kiln/auth/login"),
        ("/signup", "/_kiln/auth/signup"),
        ("/forgot-password", "/_kiln/auth/forgot"),
        ("/reset-password?token=abc", "/_kiln/auth/reset"),
    ] {
        let page = visitor.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(
            page.body.contains(&format!(r#"action="{action}""#)),
            "{path}: the form is in the first HTML"
        );
        assert!(page.body.contains(r#"href="/login""#), "{path}: navbar");
    }
    assert_eq!(
        visitor.get("/account").await.location(),
        "/login?next=%2Faccount"
    );

    // The navbar's account links are in the first HTML of every page (no JavaScript needed).
    let pages = [
        "/",
        "/counter",
        "/table",
        "/guestbook",
        "/ui",
        "/live/todos",
    ];
    for path in pages {
        let page = visitor.get(path).await;
        assert!(
            page.body.contains(r#"href="/signup""#),
            "{path}: no sign-up link"
        );
    }

    visitor.sign_up("ada@example.com").await;
    for path in pages {
        let page = visitor.get(path).await;
        assert!(
            page.body
                .contains(r#"data-testid="account-link">ada@example.com"#),
            "{path}: the navbar does not show who is signed in"
        );
        assert!(
            page.body.contains(r#"action="/_kiln/auth/logout""#),
            "{path}"
        );
    }
    let account = visitor.get("/account").await;
    assert_eq!(account.status, StatusCode::OK);
    assert!(account.body.contains("ada@example.com"));
    assert!(account.body.contains(r#"action="/_kiln/auth/password""#));
    assert!(account.body.contains(r#"name="everywhere""#));
}

/// Notes and the users' list on PostgreSQL, in a schema of their own.
#[tokio::test]
async fn notes_and_the_users_list_work_on_postgres() {
    let Some(schema) = kiln::testing::PostgresSchema::create("app_auth_test").await else {
        return;
    };
    let url = schema.url.clone();

    let server = showcase(Some(url)).await;
    let mut ada = server.browser();
    ada.sign_up("ada@example.com").await;
    let note = ada.add_note("Ada on PostgreSQL").await;
    let mut bob = server.browser();
    bob.sign_up("bob@example.com").await;
    let refused = bob
        .call("/api/notes/delete", &[("id", &note.id.to_string())])
        .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    assert_eq!(ada.notes().await, std::slice::from_ref(&note));

    let mut root = signed_in_admin(&server).await;
    let page: Page<UserRow> = json_call(&mut root, r#"{"query":{"sort":"email","dir":"desc"}}"#)
        .await
        .json();
    let emails: Vec<&str> = page.items.iter().map(|user| user.email.as_str()).collect();
    assert_eq!(
        emails,
        ["root@example.com", "bob@example.com", "ada@example.com"]
    );
    assert_eq!(page.items[0].roles, ["admin"]);
    let page: Page<UserRow> = json_call(&mut root, r#"{"query":{"email":"ROO"}}"#)
        .await
        .json();
    assert_eq!(page.total, 1, "the filter ignores case");
    assert_eq!(page.items[0].email, "root@example.com");
    drop(server);
    schema.drop().await;
}

/// What an attacker puts in a link to make a page run their script: each breaks out of one
/// HTML context (text, a double- or single-quoted attribute, a raw-text element, a URL).
const BREAKOUTS: [&str; 6] = [
    "</textarea><img src=x onerror=alert(1)>",
    "\"><svg onload=alert(2)>",
    "'><script>alert(3)</script>",
    "</script><script>alert(4)</script>",
    "</title></style></noscript><iframe srcdoc=x>",
    "javascript:alert(5)",
];

/// Markup that shows a payload escaped its context.
fn broke_out(html: &str) -> Option<&'static str> {
    [
        "<img src=x",
        "<svg onload",
        "<script>alert(",
        "<iframe srcdoc",
        "href=\"javascript:",
        "action=\"javascript:",
    ]
    .into_iter()
    .find(|marker| html.contains(marker))
}

/// Every `name="…"` of a form control in `html`.
fn field_names(html: &str) -> Vec<String> {
    let mut names: Vec<String> = html
        .split("name=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|name| !name.is_empty() && !name.contains(['<', '>', ' ']))
        .map(str::to_owned)
        .collect();
    names.sort();
    names.dedup();
    names
}

#[tokio::test]
async fn breakout_payloads_in_any_field_of_any_page_stay_text() {
    let server = showcase(None).await;
    let mut root = signed_in_admin(&server).await;
    let pages = [
        "/",
        "/guestbook",
        "/table",
        "/counter",
        "/live/counter",
        "/live/todos",
        "/live/chat",
        "/login",
        "/signup",
        "/forgot-password",
        "/reset-password",
        "/account",
        "/notes",
        "/admin/users",
        "/ui/forms",
    ];
    // The error codes the pages show back after a no-JavaScript post.
    let errors = ["name-missing", "empty", "too-long", "not-found", "invalid"];
    let mut tried = 0;
    for path in pages {
        let clean = root.get(path).await;
        assert_eq!(clean.status, StatusCode::OK, "{path}");
        let mut names = field_names(&clean.body);
        // The query parameters the pages read besides their forms' fields.
        names.extend(
            [
                "error", "next", "token", "q", "email", "sort", "dir", "page",
            ]
            .map(String::from),
        );
        for payload in BREAKOUTS {
            for error in errors {
                let mut query = form_urlencoded::Serializer::new(String::new());
                for name in &names {
                    let value = if name == "error" { error } else { payload };
                    query.append_pair(name, value);
                }
                let url = format!("{path}?{}", query.finish());
                let page = root.get(&url).await;
                assert!(!page.status.is_server_error(), "{url}: {}", page.status);
                if let Some(marker) = broke_out(&page.body) {
                    panic!("{url}: `{marker}` in the page:\n{}", page.body);
                }
                if let Some(marker) = broke_out(page.location()) {
                    panic!("{url}: redirected to `{marker}`");
                }
                tried += 1;
            }
        }
    }
    assert!(
        tried >= pages.len() * BREAKOUTS.len(),
        "{tried} pages tried"
    );
}
