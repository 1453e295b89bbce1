//! The showcase's server, driven in-process through its Axum router: pages, status codes, static
//! caching, server functions (with and without JavaScript), and start-up errors.

mod common;

use axum::body::Body;
use common::showcase;
use http::{Request, StatusCode, header};
use kiln::testing::{Reply, TestServer};

/// The guestbook's error under its form (its text alone is also in the page's code sample).
const NAME_MISSING: &str = r#"class="form-error">Please enter your name."#;

/// A form post to a server function from the guestbook page (same site), accepting `accept`.
async fn post_form(server: &TestServer, path: &str, accept: &str, form: &str) -> Reply {
    let request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, accept)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::REFERER, "http://127.0.0.1:3000/guestbook")
        .body(Body::from(form.to_owned()))
        .expect("request");
    server.send(request).await
}

#[tokio::test]
async fn health_answers_when_the_database_does() {
    let server = showcase(vec![]).await;
    let response = server.get("/healthz").await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.body, "ok");
}

#[tokio::test]
async fn home_page_is_complete_html_with_meta_tags() {
    let server = showcase(vec![]).await;
    let response = server.get("/").await;
    assert_eq!(response.status, StatusCode::OK);
    let html = response.body;
    assert!(html.starts_with("<!DOCTYPE html>"), "{html:.200}");
    assert!(html.contains("<title>Kiln: full-stack web apps in one Rust codebase</title>"));
    assert!(html.contains(r#"<meta name="description" content="Kiln is a batteries-included"#));
    assert!(html.contains(r#"<meta property="og:title""#));
    assert!(html.contains("Full-stack web apps in one Rust codebase"));
    // The framework's stylesheet comes before the app's, so the app can override its tokens.
    let framework = html
        .find("/_kiln/kiln.")
        .expect("framework stylesheet linked");
    let app = html
        .find("/pkg/showcase.css")
        .expect("app stylesheet linked");
    assert!(framework < app);
}

#[tokio::test]
async fn a_content_page_ships_no_wasm_and_an_app_page_does() {
    let server = showcase(vec![]).await;
    // The home and table pages' routes say `hydrate=false`: no module script, no WASM preload.
    let home = server.get("/").await.body;
    assert!(home.contains("Full-stack web apps in one Rust codebase"));
    for (path, page) in [("/", home), ("/table", server.get("/table").await.body)] {
        assert!(page.contains("site-footer"), "{path} is whole");
        assert!(!page.contains(".wasm"), "{path} loads WASM");
        assert!(!page.contains(r#"type="module""#), "{path} runs a module");
    }
    // The counter hydrates: its page ends with the script, after the page's own content.
    let counter = server.get("/counter").await.body;
    let content = counter.find("site-footer").expect("the page's footer");
    let script = counter
        .find(r#"<script type="module""#)
        .expect("the hydration script");
    assert!(script > content, "the script comes after the page");
    assert!(counter.contains(r#"rel="preload" href="/pkg/showcase_bg.wasm""#));
    assert!(counter.contains(r#"rel="modulepreload" href="/pkg/showcase.js""#));
    // A page that does not exist is an app page too (its links navigate in place).
    let missing = server.get("/no-such-page").await.body;
    assert!(missing.contains(r#"<script type="module""#));
}

#[tokio::test]
async fn a_code_sample_is_sent_once_not_again_for_hydration() {
    let server = showcase(vec![]).await;
    let counter = server.get("/counter").await.body;
    // A line of the page's own source, shown highlighted in its code sample.
    let line = "Only the text nodes that";
    assert_eq!(
        counter.matches(line).count(),
        1,
        "the highlighted source is in the page, and only there"
    );
}

#[tokio::test]
async fn search_engines_get_robots_a_sitemap_and_canonical_addresses() {
    let server = showcase(vec![]).await;
    let robots = server.get("/robots.txt").await;
    assert_eq!(robots.status, StatusCode::OK);
    assert!(
        robots
            .body
            .contains("Sitemap: http://127.0.0.1:3000/sitemap.xml"),
        "{}",
        robots.body
    );
    assert!(robots.body.contains("Disallow: /api/"), "{}", robots.body);

    // The route table's pages without parameters, less the private ones.
    let sitemap = server.get("/sitemap.xml").await;
    assert_eq!(sitemap.status, StatusCode::OK);
    assert_eq!(
        sitemap.header(header::CONTENT_TYPE),
        "application/xml; charset=utf-8"
    );
    for page in [
        "/",
        "/guestbook",
        "/table",
        "/live/counter",
        "/ui/forms",
        "/login",
    ] {
        let loc = format!("<loc>http://127.0.0.1:3000{page}</loc>");
        assert!(
            sitemap.body.contains(&loc),
            "{page} missing: {}",
            sitemap.body
        );
    }
    for private in ["/account", "/notes", "/admin/users", "/guestbook/"] {
        let loc = format!("<loc>http://127.0.0.1:3000{private}</loc>");
        assert!(!sitemap.body.contains(&loc), "{private} listed");
    }
    // Every entry's page, from the app's provider.
    let mut browser = server.browser();
    browser
        .call(
            "/api/guestbook/sign",
            &[("name", "Ada"), ("message", "Indexed")],
        )
        .await;
    let sitemap = server.get("/sitemap.xml").await.body;
    assert!(
        sitemap.contains("<loc>http://127.0.0.1:3000/guestbook/1</loc>"),
        "{sitemap}"
    );

    let home = server.get("/?utm=x").await.body;
    assert!(
        home.contains(r#"<link rel="canonical" href="http://127.0.0.1:3000/">"#),
        "{home}"
    );
}

#[tokio::test]
async fn an_entrys_page_takes_its_meta_tags_from_the_row_and_a_missing_one_is_404() {
    let server = showcase(vec![]).await;
    let mut browser = server.browser();
    let long = format!("{} </script><b>", "A message that goes on. ".repeat(10));
    let signed = browser
        .call(
            "/api/guestbook/sign",
            &[("name", "Grace"), ("message", &long)],
        )
        .await;
    assert_eq!(signed.status, StatusCode::OK, "{}", signed.body);

    let page = server.get("/guestbook/1").await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.body;
    let head = &html[..html.find("</head>").expect("a head")];
    assert!(
        head.contains("<title>Grace signed the guestbook · Kiln</title>"),
        "{head}"
    );
    assert!(
        head.contains(r#"<meta property="og:title" content="Grace signed the guestbook · Kiln">"#),
        "{head}"
    );
    assert!(
        head.contains(r#"<meta name="description" content="A message that goes on. "#),
        "{head}"
    );
    assert!(head.contains(r#"<link rel="canonical" href="http://127.0.0.1:3000/guestbook/1">"#));
    // Structured data, whose text cannot close its script.
    assert!(html.contains(r#"<script type="application/ld+json">{"@context":"https://schema.org","@type":"Comment""#), "{html}");
    assert!(html.contains(r#"\u003c/script>\u003cb>"#), "{html}");
    assert!(!html.contains("</script><b>"), "the message broke out");
    // A content page: no WASM.
    assert!(!html.contains(".wasm"));

    for missing in ["/guestbook/2", "/guestbook/not-a-number"] {
        let answer = server.get(missing).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{missing}");
        assert!(answer.body.contains("Page not found"), "{missing}");
    }
}

#[tokio::test]
async fn unknown_paths_render_the_404_page_with_status_404() {
    let server = showcase(vec![]).await;
    for path in ["/no/such/page", "/pkg/missing.js", "/counter/extra"] {
        let response = server.get(path).await;
        assert_eq!(response.status, StatusCode::NOT_FOUND, "{path}");
        assert!(response.body.contains("Page not found"), "{path}");
    }
}

#[tokio::test]
async fn framework_stylesheet_is_served_immutable() {
    let server = showcase(vec![]).await;
    let html = server.get("/").await.body;
    let start = html.find("/_kiln/kiln.").expect("linked");
    let path = &html[start..start + html[start..].find('"').expect("quoted")];
    let response = server.get(path).await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(
        response.header(header::CONTENT_TYPE),
        "text/css; charset=utf-8"
    );
    assert_eq!(
        response.header(header::CACHE_CONTROL),
        "public, max-age=31536000, immutable"
    );
    assert!(response.body.contains("--kiln-color-accent"));
}

#[tokio::test]
async fn the_color_mode_toggle_works_without_the_wasm() {
    let server = showcase(vec![]).await;
    let mut browser = server.browser();
    // The home page hydrates nothing: its toggle is a form that posts the mode the visitor
    // does not see. Following the system, a button per system mode (CSS shows one).
    let home = browser.get("/").await.body;
    assert!(home.contains(r#"<form method="post" action="/_kiln/appearance""#));
    assert!(
        home.contains(r#"name="appearance" value="dark""#)
            && home.contains(r#"name="appearance" value="light""#),
        "system → dark on a light system, light on a dark one"
    );
    let chosen = browser
        .send(
            Request::post("/_kiln/appearance")
                .header(header::ORIGIN, "http://127.0.0.1:3000")
                .header(header::REFERER, "http://127.0.0.1:3000/ui?tab=2")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded"),
            "appearance=dark",
        )
        .await;
    assert_eq!(chosen.status, StatusCode::SEE_OTHER);
    assert_eq!(chosen.location(), "/ui?tab=2", "back to the page");
    assert_eq!(browser.cookie("kiln-appearance"), Some("dark"));
    let page = browser.get("/").await.body;
    assert!(
        page.contains(r#"data-appearance="dark""#),
        "the page is dark now"
    );
    assert!(
        page.contains(r#"name="appearance" value="light""#)
            && !page.contains(r#"name="appearance" value="dark""#),
        "dark → light"
    );
    // No referring page: home. A mode the kit does not know: refused, nothing kept.
    let posted = browser
        .post_form("/_kiln/appearance", &[("appearance", "light")])
        .await;
    assert_eq!(posted.location(), "/");
    let refused = browser
        .post_form("/_kiln/appearance", &[("appearance", "sepia")])
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert_eq!(browser.cookie("kiln-appearance"), Some("light"));
}

#[tokio::test]
async fn the_visitors_appearance_is_rendered_into_the_first_html() {
    let server = showcase(vec![]).await;
    let dark = Request::get("/ui")
        .header(header::COOKIE, "other=1; kiln-appearance=dark")
        .body(Body::empty())
        .expect("request");
    let html = server.send(dark).await.body;
    assert!(
        html.contains(r#"data-appearance="dark""#),
        "the cookie's mode is in the HTML"
    );
    // No cookie, or a value that is not a mode: the system's preference, decided by CSS.
    let html = server.get("/ui").await.body;
    assert!(html.contains(r#"data-appearance="system""#));
    let bogus = Request::get("/ui")
        .header(header::COOKIE, "kiln-appearance=<script>")
        .body(Body::empty())
        .expect("request");
    let html = server.send(bogus).await.body;
    assert!(html.contains(r#"data-appearance="system""#));
    assert!(!html.contains("<script>\""));
}

#[tokio::test]
async fn every_gallery_page_renders_on_the_server() {
    let server = showcase(vec![]).await;
    for category in app::pages::ui::CATEGORIES {
        let response = server.get(category.path).await;
        assert_eq!(response.status, StatusCode::OK, "{}", category.path);
        let html = response.body;
        assert!(
            html.contains(&format!("<h1>{}", category.title)),
            "{} has its heading",
            category.path
        );
        assert!(
            html.contains(r#"class="gallery-demo""#),
            "{} has demos",
            category.path
        );
        // Each demo's code is its function in the page's source file, found by name.
        assert!(
            !html.contains("has no top-level function") && !html.contains("no source file"),
            "{} finds every demo's code",
            category.path
        );
        assert!(
            html.matches(r#"<span class="kiln-hl-source">"#).count()
                >= html.matches(r#"class="gallery-demo""#).count(),
            "{}: every demo's code is highlighted",
            category.path
        );
    }
}

#[tokio::test]
async fn a_page_source_is_highlighted_by_name_and_a_bad_request_gets_a_4xx() {
    let server = showcase(vec![]).await;
    // What the browser sends after a client-side navigation: the file's name, not its text.
    let source = post_form(
        &server,
        "/_kiln/ui/source",
        "application/json",
        "file=app%3A%3Apages%3A%3Acounter%3A%3Acounter.rs&language=rust",
    )
    .await;
    assert_eq!(source.status, StatusCode::OK);
    assert!(
        source.body.contains("Only the text nodes that"),
        "{}",
        source.body
    );
    assert!(
        source.body.contains("kiln-hl-"),
        "highlighted: {}",
        source.body
    );
    let item = post_form(
        &server,
        "/_kiln/ui/source",
        "application/json",
        "file=app%3A%3Apages%3A%3Aui%3A%3Aforms%3A%3Aforms.rs&item=ButtonDemo&language=rust",
    )
    .await;
    assert_eq!(item.status, StatusCode::OK);
    assert!(item.body.contains("ButtonDemo"), "{}", item.body);
    assert!(
        !item.body.contains("FormsPage"),
        "one function only: {}",
        item.body
    );
    // A name no `source!` registered gets an error that says so, and no file's text.
    let unknown = post_form(
        &server,
        "/_kiln/ui/source",
        "application/json",
        "file=..%2F..%2Fetc%2Fpasswd&language=rust",
    )
    .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert!(
        unknown.body.contains("no source file is named"),
        "{}",
        unknown.body
    );
    let no_item = post_form(
        &server,
        "/_kiln/ui/source",
        "application/json",
        "file=app%3A%3Apages%3A%3Aui%3A%3Aforms%3A%3Aforms.rs&item=Nothing&language=rust",
    )
    .await;
    assert_eq!(no_item.status, StatusCode::NOT_FOUND);
    assert!(
        no_item.body.contains("no top-level function"),
        "{}",
        no_item.body
    );
    // Code too large to highlight is the client's mistake too.
    let huge = format!(
        "code={}&language=rust",
        "x".repeat(kiln::ui::MAX_RENDER_BYTES + 1)
    );
    let too_large = post_form(&server, "/_kiln/ui/highlight", "application/json", &huge).await;
    assert_eq!(too_large.status, StatusCode::PAYLOAD_TOO_LARGE);
    // Bodies that are not the function's arguments get a 4xx, never a 5xx.
    for body in ["", "file=", "item=x", "%ZZ", "file=a&file=b&language=rust"] {
        let answer = post_form(&server, "/_kiln/ui/source", "application/json", body).await;
        assert!(
            answer.status.is_client_error(),
            "{body:?} -> {}",
            answer.status
        );
    }
}

#[tokio::test]
async fn pages_are_compressed_as_they_stream() {
    let server = showcase(vec![]).await;
    for encoding in ["gzip", "br"] {
        // The table page streams in order through every layer of the server, whose end
        // (`answer_to_the_end`) the compressor reads to its last frame and once more.
        let request = Request::get("/table")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ACCEPT_ENCODING, encoding)
            .body(Body::empty())
            .expect("request");
        let reply = server.send(request).await;
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(reply.header(header::CONTENT_ENCODING), encoding);
        assert!(!reply.body.contains("</html>"), "sent as it was rendered");
    }
    // Without Accept-Encoding, as it is.
    assert!(server.get("/table").await.body.contains("</html>"));
}

#[tokio::test]
async fn static_files_are_cached_by_kind_and_served_precompressed() {
    // cargo-leptos's `hash-files`: hashed names, listed in a hash file the server reads once.
    let hashes = tempfile::NamedTempFile::new().expect("tempfile");
    std::fs::write(hashes.path(), "js: abc123\nwasm: abc123\ncss: abc123\n").expect("write");
    let hash_file = hashes.path().display().to_string();
    let server = showcase(vec![
        ("LEPTOS_HASH_FILES", "true".into()),
        ("LEPTOS_HASH_FILE_NAME", hash_file),
    ])
    .await;
    // A page that hydrates (the home page ships no JS or WASM).
    let html = server.get("/counter").await.body;
    for asset in [
        "/pkg/showcase.abc123.js",
        "/pkg/showcase.abc123.wasm",
        "/pkg/showcase.abc123.css",
    ] {
        assert!(html.contains(asset), "{asset} not linked");
    }
    let root = server.dir().join("site");
    std::fs::write(root.join("pkg/showcase.abc123.js"), "console.log('raw')").expect("write");
    std::fs::write(root.join("pkg/showcase.abc123.js.br"), b"brotli bytes").expect("write");
    std::fs::write(root.join("favicon.ico"), b"icon").expect("write");

    let hashed = server.get("/pkg/showcase.abc123.js").await;
    assert_eq!(hashed.status, StatusCode::OK);
    assert_eq!(
        hashed.header(header::CACHE_CONTROL),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(hashed.body, "console.log('raw')");

    let request = Request::get("/pkg/showcase.abc123.js")
        .header(header::ACCEPT_ENCODING, "gzip, br")
        .body(Body::empty())
        .expect("request");
    let compressed = server.send(request).await;
    assert_eq!(compressed.header(header::CONTENT_ENCODING), "br");
    assert_eq!(compressed.body, "brotli bytes");

    let icon = server.get("/favicon.ico").await;
    assert_eq!(icon.status, StatusCode::OK);
    assert_eq!(icon.header(header::CACHE_CONTROL), "no-cache");
}

#[tokio::test]
async fn guestbook_server_functions_round_trip() {
    let server = showcase(vec![]).await;
    let signed = post_form(
        &server,
        "/api/guestbook/sign",
        "application/json",
        "name=Ada&message=Hello%2C+Kiln%21",
    )
    .await;
    assert_eq!(signed.status, StatusCode::OK, "{}", signed.body);

    let listed = post_form(&server, "/api/guestbook/list", "application/json", "").await;
    assert_eq!(listed.status, StatusCode::OK);
    let entries: Vec<app::guestbook::Entry> =
        serde_json::from_str(&listed.body).expect("a JSON list of entries");
    assert_eq!(entries.len(), 1);
    assert_eq!(
        (entries[0].name.as_str(), entries[0].message.as_str()),
        ("Ada", "Hello, Kiln!")
    );

    // The page's first HTML carries the entry: crawlers see it without running the WASM.
    let html = server.get("/guestbook").await.body;
    assert!(html.contains("Hello, Kiln!"), "entry missing from SSR HTML");
}

#[tokio::test]
async fn guestbook_rejects_bad_input_with_a_typed_error() {
    let server = showcase(vec![]).await;
    let response = post_form(
        &server,
        "/api/guestbook/sign",
        "application/json",
        "name=+&message=hi",
    )
    .await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    let error: app::guestbook::GuestbookError =
        serde_json::from_str(&response.body).expect("a typed error");
    assert_eq!(error, app::guestbook::GuestbookError::NameMissing);

    // Nothing was stored.
    let listed = post_form(&server, "/api/guestbook/list", "application/json", "").await;
    assert_eq!(listed.body, "[]");
}

#[tokio::test]
async fn guestbook_form_posts_without_javascript_redirect_back() {
    let server = showcase(vec![]).await;
    let html_accept = "text/html,application/xhtml+xml";
    // The page is kept (its route opts in to the page cache): the second visit keeps it.
    server.get("/guestbook").await;
    let kept = server.get("/guestbook").await;
    assert_eq!(kept.header("x-kiln-cache"), "miss");
    assert_eq!(server.get("/guestbook").await.header("x-kiln-cache"), "hit");

    let accepted = post_form(
        &server,
        "/api/guestbook/sign",
        html_accept,
        "name=Grace&message=No+JS+needed",
    )
    .await;
    assert_eq!(accepted.status, StatusCode::FOUND);
    assert_eq!(accepted.header(header::LOCATION), "/guestbook");
    // The signature dropped the kept page: the next visitor sees it at once.
    let after = server.get("/guestbook").await;
    assert_eq!(after.header("x-kiln-cache"), "miss");
    assert!(
        after.body.contains("No JS needed"),
        "the new entry is shown"
    );

    // A rejected post comes back with the error and the typed text, so nothing is lost: the
    // redirect leaves them in a signed flash, not in the address.
    let mut browser = server.browser();
    let rejected = browser
        .post_form(
            "/api/guestbook/sign",
            &[("name", ""), ("message", "Keep me")],
        )
        .await;
    assert_eq!(rejected.status, StatusCode::FOUND);
    assert_eq!(rejected.location(), "/guestbook");
    assert!(browser.cookie("kiln_flash").is_some(), "the flash is left");
    let page = browser.get(rejected.location()).await;
    assert!(page.body.contains(NAME_MISSING), "error not shown");
    assert!(
        page.body.contains(">Keep me</textarea>"),
        "typed message lost"
    );
    assert_eq!(page.header(header::CACHE_CONTROL), "private, no-store");
    // Shown once: the page that showed it cleared it.
    assert!(browser.cookie("kiln_flash").is_none(), "the flash is spent");
    let again = browser.get("/guestbook").await.body;
    assert!(!again.contains(NAME_MISSING), "shown twice");
    assert!(!again.contains("Keep me"), "kept twice");
}

#[tokio::test]
async fn a_flash_is_signed_and_a_forged_one_is_ignored() {
    let server = showcase(vec![]).await;
    let mut browser = server.browser();
    browser
        .post_form("/api/guestbook/sign", &[("name", ""), ("message", "mine")])
        .await;
    let signed = browser.cookie("kiln_flash").expect("a flash").to_owned();
    // The same flash with its message changed, its signature kept: a forgery.
    let (mac, value) = signed.split_at(44);
    let json = String::from_utf8(
        base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, value)
            .expect("base64"),
    )
    .expect("utf-8");
    let forged_json = json.replace("mine", "A forged word");
    let forged = format!(
        "{mac}{}",
        base64::Engine::encode(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD,
            forged_json.as_bytes()
        )
    );
    browser.insert_cookie("kiln_flash", &forged);
    let page = browser.get("/guestbook").await.body;
    assert!(!page.contains("A forged word"), "a forged flash was shown");
    assert!(!page.contains(NAME_MISSING), "a forged flash was shown");
    // And a flash is not taken from the address any more.
    let page = server
        .get("/guestbook?error=name-missing&message=From+a+link")
        .await
        .body;
    assert!(!page.contains("From a link"), "the address filled the form");
    assert!(!page.contains(NAME_MISSING), "the address showed an error");
}

#[tokio::test]
async fn a_huge_rejected_post_comes_back_in_a_bounded_flash() {
    let server = showcase(vec![]).await;
    let message = "ü<".repeat(60_000);
    let mut browser = server.browser();
    let rejected = browser
        .post_form(
            "/api/guestbook/sign",
            &[("name", ""), ("message", &message)],
        )
        .await;
    assert_eq!(rejected.status, StatusCode::FOUND);
    let cookie = rejected
        .set_cookie("kiln_flash")
        .expect("a flash")
        .to_owned();
    // Browsers keep a cookie of at most 4096 bytes (name and value).
    let pair = cookie.split(';').next().unwrap_or_default();
    assert!(pair.len() <= 4096, "a {} byte cookie", pair.len());
    let page = browser.get(rejected.location()).await;
    assert_eq!(page.status, StatusCode::OK, "the address is served");
    let page = page.body;
    assert!(page.contains(NAME_MISSING), "error not shown");
    assert!(
        page.contains(&"ü&lt;".repeat(500)),
        "the start of what was typed is kept"
    );
}

#[tokio::test]
async fn text_sent_back_into_a_no_js_form_cannot_break_out_of_its_field() {
    let server = showcase(vec![]).await;
    let payload = "</textarea><img src=x onerror=alert(1)>\"'><script>alert(2)</script>";
    // A name that is too long, so both fields come back.
    let name = format!("{payload}{}", "x".repeat(80));
    let mut browser = server.browser();
    browser
        .post_form(
            "/api/guestbook/sign",
            &[("name", &name), ("message", payload)],
        )
        .await;
    let response = browser.get("/guestbook").await;
    assert_eq!(response.status, StatusCode::OK);
    let body = response.body;
    assert!(
        !body.contains("<img src=x"),
        "markup escaped a field: {body}"
    );
    assert!(
        !body.contains("<script>alert(2)"),
        "markup escaped a field: {body}"
    );
    assert!(
        body.contains("&lt;/textarea&gt;&lt;img src=x onerror=alert(1)&gt;"),
        "the typed message is shown back as text: {body}"
    );
}

/// The security headers every response carries, whatever made it.
fn assert_security_headers(what: &str, response: &Reply) -> String {
    for (name, value) in [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
    ] {
        assert_eq!(response.header(name.clone()), value, "{what}: {name}");
    }
    let csp = response.header(header::CONTENT_SECURITY_POLICY).to_owned();
    assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
    assert!(csp.contains("script-src 'self' 'nonce-"), "{what}: {csp}");
    assert!(
        response
            .headers
            .get(header::STRICT_TRANSPORT_SECURITY)
            .is_none(),
        "{what}: no HSTS over plain http"
    );
    csp
}

#[tokio::test]
async fn every_response_carries_the_security_headers_and_pages_their_nonce() {
    let server = showcase(vec![]).await;
    std::fs::write(server.dir().join("site/favicon.ico"), b"icon").expect("write");
    let page = server.get("/guestbook").await;
    let csp = assert_security_headers("a page", &page);
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce")
        .to_owned();
    let html = page.body;
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "the page's scripts carry the response's nonce {nonce}: {html}"
    );
    let again = server.get("/guestbook").await;
    assert!(
        !assert_security_headers("a page", &again).contains(&nonce),
        "a nonce is never used twice"
    );
    assert_security_headers("a 404", &server.get("/no/such/page").await);
    assert_security_headers("a static file", &server.get("/favicon.ico").await);
    assert_security_headers("the health check", &server.get("/healthz").await);
    assert_security_headers(
        "a server function",
        &post_form(
            &server,
            "/api/guestbook/sign",
            "application/json",
            "name=&message=",
        )
        .await,
    );
}

#[tokio::test]
async fn with_a_public_url_other_hosts_are_refused() {
    let server = showcase(vec![("KILN_PUBLIC_URL", "https://app.example".into())]).await;
    let to = |host: &str| {
        Request::get("/guestbook")
            .header(header::HOST, host)
            .body(Body::empty())
            .expect("request")
    };
    let rebound = server.send(to("evil.example")).await;
    assert_eq!(rebound.status, StatusCode::MISDIRECTED_REQUEST);
    let page = server.send(to("app.example")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.header(header::STRICT_TRANSPORT_SECURITY),
        "max-age=63072000; includeSubDomains",
        "HSTS with an https public URL"
    );
}

#[tokio::test]
async fn client_mistakes_get_a_4xx_that_says_what_was_wrong() {
    let server = showcase(vec![]).await;
    let long_path = format!("/{}", "a".repeat(8 * 1024));
    let response = server.get(&long_path).await;
    assert_eq!(response.status, StatusCode::URI_TOO_LONG);

    let too_big = format!("name=x&message={}", "m".repeat(3 << 20));
    let response = post_form(&server, "/api/guestbook/sign", "application/json", &too_big).await;
    assert_eq!(response.status, StatusCode::PAYLOAD_TOO_LARGE);

    for form in ["message=only", "name=a&name=b&message=x"] {
        let response = post_form(&server, "/api/guestbook/sign", "application/json", form).await;
        assert_eq!(response.status, StatusCode::BAD_REQUEST, "{form}");
        let body = response.body;
        assert!(
            body.contains("argument"),
            "{form}: says what was wrong: {body}"
        );
    }

    // A path no file can have (the file system refuses a NUL byte) is no file: 404, not 500.
    for method in [http::Method::GET, http::Method::HEAD] {
        for path in ["/%00", "/%00/x.css", "/pkg/%00.js"] {
            let request = Request::builder()
                .method(method.clone())
                .uri(path)
                .body(Body::empty())
                .expect("request");
            let response = server.send(request).await;
            assert_eq!(response.status, StatusCode::NOT_FOUND, "{method} {path}");
        }
    }
}

#[tokio::test]
async fn missing_site_root_is_a_clear_error() {
    let config = kiln::Config::from_vars([("LEPTOS_SITE_ROOT", "/definitely/not/here")])
        .expect("valid config");
    let err = kiln::Server::new(app::App, app::shell)
        .config(config)
        .router()
        .await
        .expect_err("no site root");
    assert!(matches!(err, kiln::Error::SiteRootMissing(_)), "{err:?}");
    assert!(err.to_string().contains("LEPTOS_SITE_ROOT"), "{err}");
}

#[tokio::test]
async fn malformed_database_url_is_a_clear_error() {
    let site = tempfile::tempdir().expect("tempdir");
    let config = kiln::Config::from_vars([
        ("LEPTOS_SITE_ROOT", site.path().display().to_string()),
        ("DATABASE_URL", "postgres://kiln:hunter2@[bad".to_owned()),
    ])
    .expect("valid config");
    let err = kiln::Server::new(app::App, app::shell)
        .config(config)
        .router()
        .await
        .expect_err("bad url");
    let message = err.to_string();
    assert!(message.starts_with("DATABASE_URL="), "{message}");
    assert!(!message.contains("hunter2"), "password leaked: {message}");
}

#[tokio::test]
async fn a_taken_port_is_a_clear_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = taken.local_addr().expect("addr");
    let site = tempfile::tempdir().expect("tempdir");
    let config = kiln::Config::from_vars([
        ("LEPTOS_SITE_ROOT", site.path().display().to_string()),
        ("LEPTOS_SITE_ADDR", addr.to_string()),
        (
            "DATABASE_URL",
            format!("sqlite://{}", site.path().join("db.sqlite").display()),
        ),
        (
            "KILN_DATA_DIR",
            site.path().join("data").display().to_string(),
        ),
    ])
    .expect("valid config");
    let err = kiln::Server::new(app::App, app::shell)
        .config(config)
        .serve()
        .await
        .expect_err("port taken");
    assert!(matches!(err, kiln::Error::Bind { .. }), "{err:?}");
    assert!(err.to_string().contains(&addr.to_string()), "{err}");
}

/// The same server functions against PostgreSQL, in a schema of their own.
#[tokio::test]
async fn guestbook_works_on_postgres() {
    let Some(schema) = kiln::testing::PostgresSchema::create("kiln_test").await else {
        return;
    };
    let url = schema.url.clone();

    let server = showcase(vec![("DATABASE_URL", url.clone())]).await;
    let signed = post_form(
        &server,
        "/api/guestbook/sign",
        "application/json",
        "name=Pg&message=From+Postgres",
    )
    .await;
    assert_eq!(signed.status, StatusCode::OK, "{}", signed.body);
    let html = server.get("/guestbook").await.body;
    assert!(html.contains("From Postgres"));

    drop(server);
    schema.drop().await;
}
