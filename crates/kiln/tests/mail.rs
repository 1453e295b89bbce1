//! The mailer against the file system and a real (tiny) SMTP server: the development outbox's
//! files and log line, delivery over SMTP to a sink started by the test, and the errors for a
//! refused connection, a bad URL, a bad sender and a bad recipient, none showing the password.
#![cfg(feature = "ssr")]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use kiln::mail::{Email, MailError, MailSettings, Mailer};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

const LINK: &str = "http://127.0.0.1:3000/reset?token=Zm9vYmFy-abc_123";

fn outbox_settings(dir: &Path) -> MailSettings {
    MailSettings {
        smtp_url: None,
        outbox: dir.to_owned(),
        ..MailSettings::default()
    }
}

fn smtp_settings(url: &str) -> MailSettings {
    MailSettings {
        smtp_url: Some(url.to_owned()),
        from: "Kiln Test <noreply@kiln.test>".to_owned(),
        outbox: PathBuf::from("unused"),
    }
}

fn reset_email(to: &str) -> Email {
    Email::new(
        to,
        "Reset your password",
        format!("Hello,\n\nFollow this link to choose a new password:\n{LINK}\n"),
    )
}

/// The outbox's file names, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("outbox exists")
        .map(|entry| {
            entry
                .expect("readable entry")
                .file_name()
                .into_string()
                .expect("UTF-8 name")
        })
        .collect();
    names.sort();
    names
}

/// Whether `name` is `YYYYMMDDTHHMMSS.mmmZ-<address>.txt`.
fn is_outbox_name(name: &str, address: &str) -> bool {
    let Some(rest) = name.strip_suffix(".txt") else {
        return false;
    };
    let Some((stamp, addr)) = rest.split_once('-') else {
        return false;
    };
    let b = stamp.as_bytes();
    b.len() == 20
        && b[..8].iter().all(u8::is_ascii_digit)
        && b[8] == b'T'
        && b[9..15].iter().all(u8::is_ascii_digit)
        && b[15] == b'.'
        && b[16..19].iter().all(u8::is_ascii_digit)
        && b[19] == b'Z'
        && addr == address
}

#[tokio::test]
async fn mail_outbox_writes_one_file_per_message() {
    captured_log();
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("data").join("mail");
    let mailer = Mailer::new(&outbox_settings(&dir)).expect("mailer");
    assert_eq!(mailer.outbox(), Some(dir.as_path()));
    assert_eq!(
        mailer.describe(),
        format!(
            "development outbox {} (mail is logged, not sent)",
            dir.display()
        )
    );

    mailer
        .send(reset_email("alice@example.com"))
        .await
        .expect("first message");
    let names = listing(&dir);
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(
        is_outbox_name(&names[0], "alice@example.com"),
        "{}",
        names[0]
    );

    let content = std::fs::read_to_string(dir.join(&names[0])).expect("message file");
    let (headers, body) = content
        .split_once("\n\n")
        .expect("blank line after headers");
    let headers: Vec<&str> = headers.lines().collect();
    assert_eq!(headers.len(), 4, "{headers:?}");
    assert_eq!(headers[0], "To: alice@example.com");
    assert_eq!(headers[1], "From: Kiln <noreply@localhost>");
    assert_eq!(headers[2], "Subject: Reset your password");
    assert!(
        headers[3].starts_with("Date: ") && headers[3].ends_with(" +0000"),
        "{}",
        headers[3]
    );
    assert_eq!(
        body,
        format!("Hello,\n\nFollow this link to choose a new password:\n{LINK}\n")
    );

    // A second message to the same address, most likely in the same millisecond: its own
    // file, and the newest one sorts last.
    mailer
        .send(Email::new(
            "Alice <alice@example.com>",
            "Verify your address",
            "second",
        ))
        .await
        .expect("second message");
    let names = listing(&dir);
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.iter().all(|n| is_outbox_name(n, "alice@example.com")));
    let newest = std::fs::read_to_string(dir.join(&names[1])).expect("newest file");
    assert!(
        newest.starts_with("To: Alice <alice@example.com>\n"),
        "{newest}"
    );
    assert!(
        newest.contains("\nSubject: Verify your address\n"),
        "{newest}"
    );
    assert!(newest.ends_with("\n\nsecond"), "{newest}");
}

#[tokio::test]
async fn mail_outbox_names_are_safe_for_odd_addresses() {
    captured_log();
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("mail");
    let mailer = Mailer::new(&outbox_settings(&dir)).expect("mailer");

    for (address, expected) in [
        ("O'Brien&Co/x=y@Example.COM", "o_brien_co_x_y@example.com"),
        (
            "{weird}|pipe~tilde#hash$%@example.com",
            "_weird__pipe_tilde_hash__@example.com",
        ),
        ("ünïcødé@exämple.org", "_n_c_d_@ex_mple.org"),
    ] {
        mailer
            .send(Email::new(address, "Odd", "text"))
            .await
            .unwrap_or_else(|e| panic!("{address}: {e}"));
        let names = listing(&dir);
        assert!(
            names.iter().any(|n| is_outbox_name(n, expected)),
            "{address}: {names:?}"
        );
    }
    // Every file is directly in the outbox, and nothing was written anywhere else.
    assert_eq!(listing(&dir).len(), 3);
    assert_eq!(listing(tmp.path()), ["mail"]);
}

#[tokio::test]
async fn mail_outbox_rejects_bad_recipients_and_reports_io_errors() {
    captured_log();
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("mail");
    let mailer = Mailer::new(&outbox_settings(&dir)).expect("mailer");
    let err = mailer
        .send(Email::new("not an address", "Hi", "text"))
        .await
        .expect_err("bad recipient");
    assert!(matches!(err, MailError::InvalidRecipient { .. }), "{err:?}");
    assert!(err.to_string().contains("\"not an address\""), "{err}");
    assert!(!dir.exists(), "nothing is written for a bad recipient");

    // The outbox path is a file, so the directory cannot be created.
    let blocked = tmp.path().join("blocked");
    std::fs::write(&blocked, "a file").expect("write file");
    let mailer = Mailer::new(&outbox_settings(&blocked)).expect("mailer");
    let err = mailer
        .send(reset_email("bob@example.com"))
        .await
        .expect_err("outbox is a file");
    assert!(matches!(err, MailError::Outbox { .. }), "{err:?}");
    assert!(err.to_string().contains("blocked"), "{err}");
}

/// A `tracing` writer that keeps what is logged.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("log lock").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Everything this test binary logs. Every test that sends calls this first, so the capturing
/// subscriber is the global one before any event fires: `tracing` caches whether a call site
/// is enabled, and a thread-local subscriber set while other tests log can miss events.
fn captured_log() -> &'static Captured {
    static LOG: OnceLock<Captured> = OnceLock::new();
    LOG.get_or_init(|| {
        let log = Captured::default();
        let subscriber = tracing_subscriber::fmt()
            .with_writer({
                let log = log.clone();
                move || log.clone()
            })
            .with_ansi(false)
            .finish();
        tracing::subscriber::set_global_default(subscriber).expect("first global subscriber");
        log
    })
}

#[tokio::test]
async fn mail_outbox_logs_the_message() {
    let log = captured_log();
    let tmp = tempfile::tempdir().expect("temp dir");
    let mailer = Mailer::new(&outbox_settings(tmp.path())).expect("mailer");
    mailer
        .send(reset_email("carol@example.com"))
        .await
        .expect("send");

    let logged = String::from_utf8(log.0.lock().expect("log lock").clone()).expect("UTF-8 log");
    let start = logged
        .find("carol@example.com")
        .expect("the recipient is logged");
    let entry = &logged[start..];
    assert!(entry.contains("Reset your password"), "{logged}");
    assert!(entry.contains(LINK), "{logged}");
    let line_start = logged[..start].rfind('\n').map_or(0, |i| i + 1);
    assert!(logged[line_start..start].contains("INFO"), "{logged}");
}

/// What the SMTP sink received in one session.
#[derive(Debug, Default)]
struct Received {
    mail_from: String,
    rcpt_to: Vec<String>,
    data: String,
    quit: bool,
}

/// A real SMTP server on 127.0.0.1 that accepts one session, speaking just enough SMTP, and
/// returns what it received.
async fn smtp_sink() -> (u16, JoinHandle<Received>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind sink");
    let port = listener.local_addr().expect("sink address").port();
    let handle = tokio::spawn(async move {
        let (stream, _) = listener.accept().await.expect("accept");
        let (read, mut write) = stream.into_split();
        let mut lines = BufReader::new(read);
        let mut received = Received::default();
        write
            .write_all(b"220 sink.test ESMTP ready\r\n")
            .await
            .expect("greeting");
        let mut line = String::new();
        loop {
            line.clear();
            if lines.read_line(&mut line).await.expect("read command") == 0 {
                break;
            }
            let command = line.trim_end().to_owned();
            let verb = command
                .split([' ', ':'])
                .next()
                .unwrap_or("")
                .to_ascii_uppercase();
            let reply: &[u8] = match verb.as_str() {
                "EHLO" | "HELO" => b"250 sink.test\r\n",
                "MAIL" => {
                    received.mail_from = command;
                    b"250 OK\r\n"
                }
                "RCPT" => {
                    received.rcpt_to.push(command);
                    b"250 OK\r\n"
                }
                "DATA" => {
                    write
                        .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                        .await
                        .expect("354");
                    loop {
                        line.clear();
                        if lines.read_line(&mut line).await.expect("read data") == 0 {
                            break;
                        }
                        if line == ".\r\n" {
                            break;
                        }
                        let unstuffed = line.strip_prefix('.').unwrap_or(&line);
                        received.data.push_str(unstuffed);
                    }
                    b"250 OK queued\r\n"
                }
                "QUIT" => {
                    received.quit = true;
                    write.write_all(b"221 Bye\r\n").await.expect("221");
                    break;
                }
                "RSET" | "NOOP" => b"250 OK\r\n",
                _ => b"502 Command not implemented\r\n",
            };
            write.write_all(reply).await.expect("reply");
        }
        received
    });
    (port, handle)
}

#[tokio::test]
async fn mail_smtp_delivers_to_a_real_server() {
    captured_log();
    let (port, sink) = smtp_sink().await;
    let mailer = Mailer::new(&smtp_settings(&format!("smtp://127.0.0.1:{port}"))).expect("mailer");
    assert_eq!(mailer.outbox(), None);
    assert_eq!(
        mailer.describe(),
        format!("SMTP at 127.0.0.1:{port} (unencrypted)")
    );

    tokio::time::timeout(
        Duration::from_secs(30),
        mailer.send(reset_email("Dave <dave@example.com>")),
    )
    .await
    .expect("send finishes")
    .expect("send succeeds");
    let received = tokio::time::timeout(Duration::from_secs(30), sink)
        .await
        .expect("sink finishes")
        .expect("sink task");

    assert_eq!(received.mail_from, "MAIL FROM:<noreply@kiln.test>");
    assert_eq!(received.rcpt_to, ["RCPT TO:<dave@example.com>"]);
    assert!(
        received.data.contains("Subject: Reset your password\r\n"),
        "{}",
        received.data
    );
    assert!(
        received.data.contains("To: Dave <dave@example.com>\r\n"),
        "{}",
        received.data
    );
    assert!(
        received
            .data
            .contains("From: \"Kiln Test\" <noreply@kiln.test>\r\n")
            || received
                .data
                .contains("From: Kiln Test <noreply@kiln.test>\r\n"),
        "{}",
        received.data
    );
    assert!(
        received.data.contains(&format!("\r\n{LINK}\r\n")),
        "{}",
        received.data
    );
    assert!(received.quit, "the client ends the session");
}

#[tokio::test]
async fn mail_smtp_refused_connection_is_an_error() {
    captured_log();
    // A port that was just free: nothing listens on it once the listener is dropped.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    drop(listener);

    let mailer = Mailer::new(&smtp_settings(&format!(
        "smtp://kiln:s3cret@127.0.0.1:{port}"
    )))
    .expect("mailer");
    let err = tokio::time::timeout(
        Duration::from_secs(30),
        mailer.send(reset_email("erin@example.com")),
    )
    .await
    .expect("send finishes")
    .expect_err("nothing listens");
    assert!(matches!(err, MailError::Send { .. }), "{err:?}");
    let message = err.to_string();
    assert!(message.contains("erin@example.com"), "{message}");
    assert!(message.contains(&format!("127.0.0.1:{port}")), "{message}");
    assert!(!message.contains("s3cret"), "{message}");
    assert!(!message.contains('\n'), "{message}");
}

#[test]
fn mail_smtp_urls_are_checked_up_front_without_showing_the_password() {
    for url in [
        "smtp://kiln:s3cret@mail.example.com:notaport",
        "http://kiln:s3cret@mail.example.com",
        "smtp://kiln:s3cret@mail.example.com?tls=sometimes",
        "smtp://kiln:s3cret@",
        "kiln:s3cret@mail.example.com",
    ] {
        let err = Mailer::new(&smtp_settings(url)).expect_err(url);
        assert!(matches!(err, MailError::SmtpUrl { .. }), "{url}: {err:?}");
        let message = err.to_string();
        assert!(message.starts_with("KILN_SMTP_URL="), "{message}");
        assert!(!message.contains("s3cret"), "{message}");
        assert!(!format!("{err:?}").contains("s3cret"), "{err:?}");
        assert!(!message.contains('\n'), "{message}");
    }
}

#[test]
fn mail_good_smtp_urls_are_described_without_the_password() {
    for (url, described) in [
        (
            "smtp://kiln:s3cret@mail.example.com?tls=required",
            "SMTP at mail.example.com:587 (STARTTLS required, password masked)",
        ),
        (
            "smtps://kiln:s3cret@mail.example.com",
            "SMTP at mail.example.com:465 (TLS, password masked)",
        ),
        (
            "smtp://kiln:s3cret@mail.example.com:2525?tls=opportunistic",
            "SMTP at mail.example.com:2525 (STARTTLS if offered, password masked)",
        ),
    ] {
        let settings = smtp_settings(url);
        assert!(!format!("{settings:?}").contains("s3cret"), "{settings:?}");
        let mailer = Mailer::new(&settings).unwrap_or_else(|e| panic!("{url}: {e}"));
        assert_eq!(mailer.describe(), described);
        assert!(!format!("{mailer:?}").contains("s3cret"), "{mailer:?}");
    }
    // A blank URL is no URL: development mode.
    let mailer = Mailer::new(&smtp_settings("  ")).expect("mailer");
    assert_eq!(mailer.outbox(), Some(Path::new("unused")));
}

#[test]
fn mail_sender_is_checked_up_front() {
    for from in ["Kiln <not an address>", "", "noreply@"] {
        let settings = MailSettings {
            from: from.to_owned(),
            ..MailSettings::default()
        };
        let err = Mailer::new(&settings).expect_err(from);
        assert!(matches!(err, MailError::InvalidFrom { .. }), "{err:?}");
        assert!(err.to_string().starts_with("KILN_MAIL_FROM="), "{err}");
    }
    let mailer = Mailer::new(&MailSettings::default()).expect("default settings");
    assert_eq!(mailer.from_address(), "Kiln <noreply@localhost>");
}

#[tokio::test]
async fn mail_smtp_rejects_bad_recipients_before_connecting() {
    captured_log();
    // Port 9 (discard) on localhost: the test would fail with a Send error if it connected.
    let mailer = Mailer::new(&smtp_settings("smtp://127.0.0.1:9")).expect("mailer");
    let err = mailer
        .send(Email::new("alice@", "Hi", "text"))
        .await
        .expect_err("bad recipient");
    assert!(matches!(err, MailError::InvalidRecipient { .. }), "{err:?}");
}
