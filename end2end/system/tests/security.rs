//! Security, against the release server as users run it: the safe headers on every kind of
//! response, statuses decided before the first byte, clear 4xx answers to bad requests, markup
//! in any input shown as text, and fuzzed HTTP requests and live frames that never end in a
//! 5xx or a panic.

use kiln_system_tests::{Answer, LivePage, Rng, Showcase, send_raw};
use serde_json::{Value, json};

fn server() -> (Showcase, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let url = format!("sqlite://{}/security.db", dir.path().display());
    (Showcase::start(&url, &dir.path().join("data")), dir)
}

fn request(
    server: &Showcase,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Answer {
    let mut raw = format!(
        "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n",
        server.addr
    );
    for (name, value) in headers {
        raw.push_str(&format!("{name}: {value}\r\n"));
    }
    let sized = headers
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case("content-length"));
    if !sized && (!body.is_empty() || method == "POST") {
        raw.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    raw.push_str("\r\n");
    raw.push_str(body);
    send_raw(server.addr, raw.as_bytes()).expect("the server answers")
}

fn get(server: &Showcase, path: &str) -> Answer {
    request(server, "GET", path, &[("Accept", "text/html")], "")
}

#[test]
fn every_kind_of_response_carries_the_security_headers() {
    let (server, _dir) = server();
    let home = get(&server, "/");
    let stylesheet = home
        .body
        .split("<link rel=\"stylesheet\"")
        .nth(1)
        .and_then(|tag| tag.split("href=\"").nth(1))
        .and_then(|rest| rest.split('"').next())
        .expect("the page links a stylesheet")
        .to_owned();
    let form = [
        ("Content-Type", "application/x-www-form-urlencoded"),
        ("Accept", "application/json"),
    ];
    let answers = [
        ("a page", 200, home),
        ("a 404", 404, get(&server, "/no/such/page")),
        ("a stylesheet", 200, get(&server, &stylesheet)),
        ("the health check", 200, get(&server, "/healthz")),
        ("a guard's redirect", 302, get(&server, "/account")),
        (
            "a server function's typed error",
            422,
            request(
                &server,
                "POST",
                "/api/guestbook/sign",
                &form,
                "name=&message=",
            ),
        ),
        (
            "malformed arguments",
            400,
            request(&server, "POST", "/api/guestbook/sign", &form, "name=x"),
        ),
        (
            "a body too large",
            413,
            request(
                &server,
                "POST",
                "/api/guestbook/sign",
                &[
                    ("Content-Type", "application/json"),
                    ("Content-Length", "3145728"),
                ],
                "",
            ),
        ),
        (
            "a path too long",
            414,
            get(&server, &format!("/{}", "a".repeat(8 * 1024))),
        ),
    ];
    for (what, status, answer) in answers {
        assert_eq!(answer.status, status, "{what}: {answer:?}");
        let csp = answer.header("content-security-policy").unwrap_or_default();
        assert!(
            csp.contains("frame-ancestors 'none'"),
            "{what}: CSP {csp:?}"
        );
        assert!(csp.contains("script-src"), "{what}: CSP {csp:?}");
        assert_eq!(answer.header("x-frame-options"), Some("DENY"), "{what}");
        assert_eq!(
            answer.header("x-content-type-options"),
            Some("nosniff"),
            "{what}"
        );
        assert_eq!(
            answer.header("referrer-policy"),
            Some("strict-origin-when-cross-origin"),
            "{what}"
        );
    }
    assert!(server.panics().is_empty(), "{}", server.log());
}

#[test]
fn guards_redirect_before_the_first_byte_every_time() {
    let (server, _dir) = server();
    for _ in 0..30 {
        for (path, next) in [
            ("/account", "%2Faccount"),
            ("/notes", "%2Fnotes"),
            ("/admin/users", "%2Fadmin%2Fusers"),
        ] {
            let answer = get(&server, path);
            assert_eq!(answer.status, 302, "{path}");
            assert_eq!(
                answer.header("location"),
                Some(format!("/login?next={next}").as_str())
            );
        }
    }
}

/// Markup that breaks out of an HTML context, one class each.
const BREAKOUTS: [&str; 5] = [
    "</textarea><img src=x onerror=alert(1)>",
    "\"><svg onload=alert(2)>",
    "'><script>alert(3)</script>",
    "</script><script>alert(4)</script>",
    "</title></style></noscript><iframe srcdoc=x>",
];

#[test]
fn markup_in_any_reflected_input_is_shown_as_text() {
    let (server, _dir) = server();
    let markers = [
        "<img src=x",
        "<svg onload",
        "<script>alert(",
        "<iframe srcdoc",
    ];
    for payload in BREAKOUTS {
        let encoded: String = payload.bytes().map(|b| format!("%{b:02X}")).collect();
        for path in [
            format!("/guestbook?error=name-missing&name={encoded}&message={encoded}"),
            format!("/guestbook?error=message-too-long&name={encoded}&message={encoded}"),
            format!("/login?next={encoded}&email={encoded}&error={encoded}"),
            format!("/signup?email={encoded}&error={encoded}"),
            format!("/forgot-password?email={encoded}"),
            format!("/reset-password?token={encoded}"),
            format!("/table?q={encoded}&sort={encoded}"),
            format!("/{encoded}"),
        ] {
            let answer = get(&server, &path);
            assert!(answer.status < 500, "{path}: {}", answer.status);
            for marker in markers {
                assert!(
                    !answer.body.contains(marker),
                    "{path}: `{marker}` in the page"
                );
            }
        }
        // What a failed plain form post brings back to its page, in its flash.
        let field: String = form_urlencoded::byte_serialize(payload.as_bytes()).collect();
        for (action, body, page) in [
            (
                "/api/guestbook/sign",
                format!("name=&message={field}"),
                "/guestbook",
            ),
            (
                "/api/guestbook/sign",
                format!("name={field}&message="),
                "/guestbook",
            ),
            (
                "/_kiln/auth/login",
                format!("email={field}&password=x"),
                "/login",
            ),
            (
                "/_kiln/auth/signup",
                format!("email={field}&password=x"),
                "/signup",
            ),
        ] {
            let answer = with_flash(&server, action, &body, page);
            assert_eq!(answer.status, 200, "{action} → {page}");
            assert!(
                answer.body.contains("role=\"alert\""),
                "{action}: no error shown"
            );
            for marker in markers {
                assert!(
                    !answer.body.contains(marker),
                    "{action} → {page}: `{marker}` in the page"
                );
            }
        }
    }
}

/// Posts `body` to `action` as a plain form of the site (JavaScript off), then opens `page`
/// with the flash the answer left.
fn with_flash(server: &Showcase, action: &str, body: &str, page: &str) -> Answer {
    let origin = format!("http://{}", server.addr);
    let posted = request(
        server,
        "POST",
        action,
        &[
            ("Accept", "text/html"),
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Origin", &origin),
        ],
        body,
    );
    let flash = posted
        .headers
        .iter()
        .filter_map(|line| line.strip_prefix("set-cookie:"))
        .map(str::trim)
        .find(|cookie| cookie.starts_with("kiln_flash="))
        .and_then(|cookie| cookie.split(';').next())
        .unwrap_or_else(|| panic!("{action} left no flash: {:?}", posted.headers))
        .to_owned();
    request(
        server,
        "GET",
        page,
        &[("Accept", "text/html"), ("Cookie", &flash)],
        "",
    )
}

#[test]
fn fuzzed_http_requests_get_no_5xx_and_no_panic() {
    let (server, _dir) = server();
    let methods = [
        "GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "BREW",
    ];
    let segments = [
        "",
        "api",
        "guestbook",
        "sign",
        "live",
        "counter",
        "_kiln",
        "auth",
        "login",
        "pkg",
        "..",
        "%2e%2e",
        "%00",
        "%ZZ",
        "..;",
        "~",
        "%C0%AF",
        "ü",
        "a b",
        "index.html",
        "favicon.ico",
        "admin",
        "users",
        "notes",
        "healthz",
        "x.css",
        "%2F",
        "?",
        "#",
    ];
    let content_types = [
        "application/json",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "text/plain",
        "application/cbor",
        "",
    ];
    let bodies = [
        "",
        "{}",
        "{\"name\":1}",
        "name=&message=",
        "name=%FF&message=%",
        "[[[[[[[[[[",
        "null",
        "{\"query\":{\"sort\":\"';DROP TABLE users;--\"}}",
        "--x\r\nContent-Disposition: form-data\r\n\r\n",
    ];
    let accepts = ["text/html", "application/json", "*/*", ""];
    let mut rng = Rng(20261206);
    let requests = if std::env::var_os("KILN_FUZZ_LONG").is_some() {
        50_000
    } else {
        3_000
    };
    let mut fives = Vec::new();
    for n in 0..requests {
        let method = rng.pick(&methods);
        let depth = 1 + rng.below(4);
        let mut path = String::new();
        for _ in 0..depth {
            path.push('/');
            path.push_str(rng.pick(&segments));
        }
        if rng.below(4) == 0 {
            path.push_str(&format!("?{}={}", rng.pick(&segments), rng.pick(&segments)));
        }
        if path.contains(' ') || path.contains('#') {
            path = path.replace([' ', '#'], "");
        }
        let mut headers = vec![("Accept", rng.pick(&accepts))];
        let content_type = rng.pick(&content_types);
        if !content_type.is_empty() {
            headers.push(("Content-Type", content_type));
        }
        if rng.below(3) == 0 {
            headers.push((
                "Origin",
                rng.pick(&["http://evil.example", "null", "http://127.0.0.1"]),
            ));
        }
        if rng.below(3) == 0 {
            headers.push((
                "Cookie",
                rng.pick(&["kiln_session=garbage", "kiln_session=", "=;;="]),
            ));
        }
        let body = if method == "GET" || method == "HEAD" {
            ""
        } else {
            rng.pick(&bodies)
        };
        let answer = request(&server, method, &path, &headers, body);
        if answer.status >= 500 {
            fives.push(format!(
                "#{n} {method} {path} {headers:?} {body:?} -> {}: {:.200}",
                answer.status, answer.body
            ));
        }
    }
    assert!(
        fives.is_empty(),
        "{} answers were 5xx: {fives:#?}",
        fives.len()
    );
    let panics = server.panics();
    assert!(panics.is_empty(), "{panics:#?}");
    assert_eq!(get(&server, "/healthz").status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fuzzed_live_frames_never_panic_the_server() {
    let (server, _dir) = server();
    let kinds = ["hello", "join", "leave", "ev", "nope", "", "welcome"];
    let states = [
        "live_counter",
        "todos",
        "chat",
        "dashboard",
        "",
        "x".repeat(300).leak(),
    ];
    let values: [Value; 10] = [
        json!(null),
        json!(-1),
        json!(u64::MAX),
        json!(1.5),
        json!("lobby"),
        json!([1, 2]),
        json!({"add": {"by": 9_223_372_036_854_775_807_i64}}),
        json!({"add": {"by": "one"}}),
        json!({"set": {"to": -5}}),
        json!({"nested": {"deep": [[[[[[]]]]]]}}),
    ];
    let mut rng = Rng(7);
    let frames = if std::env::var_os("KILN_FUZZ_LONG").is_some() {
        20_000
    } else {
        2_000
    };
    let mut page = LivePage::connect(&server, None).await;
    for _ in 0..frames {
        let text = match rng.below(6) {
            0 => "{not json".to_owned(),
            1 => values[rng.below(values.len())].to_string(),
            _ => {
                let mut frame = json!({"t": rng.pick(&kinds)});
                for field in ["s", "r", "seq", "e", "v", "sid", "proto"] {
                    if rng.below(2) == 0 {
                        frame[field] = match field {
                            "s" => json!(rng.pick(&states)),
                            _ => values[rng.below(values.len())].clone(),
                        };
                    }
                }
                frame.to_string()
            }
        };
        if !page.send_text(&text).await {
            // Closed for misbehaving: the next page.
            page = LivePage::connect(&server, None).await;
        }
    }
    drop(page);
    let panics = server.panics();
    assert!(panics.is_empty(), "{panics:#?}");
    // A well-behaved page still works.
    let mut page = LivePage::connect(&server, None).await;
    let count = page.join("live_counter").await["count"].as_i64();
    assert_eq!(count, Some(0));
    page.send_all("live_counter", &[(1, json!({"add": {"by": 2}}))])
        .await;
    assert_eq!(page.join("live_counter").await["count"], 2);
}
