//! Outgoing e-mail: password-reset and address-verification links, and whatever else an app
//! sends.
//!
//! A [`Mailer`] is built once at start-up from [`MailSettings`] and cloned freely. With an SMTP
//! URL it sends through that server (TLS by [rustls](https://docs.rs/rustls)); without one it is
//! in *development* mode and sends nothing: each message is logged and written to an outbox
//! directory instead, so a developer (or an end-to-end test) can follow the links in it.

#![cfg(feature = "ssr")]
#![warn(missing_docs)]

use std::fmt;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use kiln_core::mask_password;

/// The sender used when none is configured (`KILN_MAIL_FROM`).
pub const DEFAULT_FROM: &str = "Kiln <noreply@localhost>";

/// The development outbox used when none is configured.
pub const DEFAULT_OUTBOX: &str = "data/mail";

/// The longest sanitised recipient address put in an outbox file name, in bytes.
const MAX_NAME_ADDRESS: usize = 100;

/// One message, in plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    /// The recipient: `alice@example.com` or `Alice <alice@example.com>`.
    pub to: String,
    /// The subject line.
    pub subject: String,
    /// The body, in plain text (UTF-8; links are best on a line of their own).
    pub text: String,
}

impl Email {
    /// A message to `to` with `subject` and the plain-text body `text`.
    pub fn new(to: impl Into<String>, subject: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            to: to.into(),
            subject: subject.into(),
            text: text.into(),
        }
    }
}

/// How to build a [`Mailer`]; Kiln's configuration fills it from the environment.
///
/// - `smtp_url` (`KILN_SMTP_URL`): where to send, in lettre's URL syntax:
///   `smtps://USER:PASS@HOST[:465]` (TLS), `smtp://USER:PASS@HOST[:587]?tls=required`
///   (STARTTLS), `smtp://HOST[:25]` (unencrypted, for a local relay only). Percent-encode
///   special characters in the user name and password. `None` or a blank string means
///   development mode: nothing is sent, messages go to `outbox`.
/// - `from` (`KILN_MAIL_FROM`): the sender, `Name <address>` or a bare address; default
///   [`DEFAULT_FROM`].
/// - `outbox`: the development outbox directory, created when the first message is written;
///   default [`DEFAULT_OUTBOX`].
#[derive(Clone, PartialEq, Eq)]
pub struct MailSettings {
    /// The SMTP server's URL, or `None` for the development outbox.
    pub smtp_url: Option<String>,
    /// The sender of every message.
    pub from: String,
    /// Where development mode writes messages.
    pub outbox: PathBuf,
}

impl Default for MailSettings {
    fn default() -> Self {
        Self {
            smtp_url: None,
            from: DEFAULT_FROM.to_owned(),
            outbox: PathBuf::from(DEFAULT_OUTBOX),
        }
    }
}

impl fmt::Debug for MailSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MailSettings")
            .field("smtp_url", &self.smtp_url.as_deref().map(mask_url))
            .field("from", &self.from)
            .field("outbox", &self.outbox)
            .finish()
    }
}

/// Why mail could not be set up or sent. Each message is one line, and never contains the
/// SMTP password.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MailError {
    /// The SMTP URL is not one lettre can use.
    #[error(
        "KILN_SMTP_URL={url:?} is not a valid SMTP URL ({reason}): use \
         smtps://USER:PASS@HOST:465 or smtp://USER:PASS@HOST:587?tls=required"
    )]
    SmtpUrl {
        /// The URL, with any password masked.
        url: String,
        /// What is wrong with it.
        reason: String,
    },

    /// The sender address is not an e-mail address.
    #[error(
        "KILN_MAIL_FROM={value:?} is not a valid sender ({reason}): use an address like \
         \"Kiln <noreply@example.com>\""
    )]
    InvalidFrom {
        /// The sender as configured.
        value: String,
        /// What is wrong with it.
        reason: String,
    },

    /// A message's recipient is not an e-mail address.
    #[error("cannot send mail to {value:?}: it is not a valid e-mail address ({reason})")]
    InvalidRecipient {
        /// The recipient as given.
        value: String,
        /// What is wrong with it.
        reason: String,
    },

    /// The message could not be put together.
    #[error("cannot build the message to {to}: {reason}")]
    Message {
        /// The recipient.
        to: String,
        /// What went wrong.
        reason: String,
    },

    /// The SMTP server could not be reached, or refused the message.
    #[error("cannot send mail to {to} through {server}: {reason}")]
    Send {
        /// The recipient.
        to: String,
        /// The server, as [`Mailer::describe`] names it.
        server: String,
        /// What the connection or the server said.
        reason: String,
    },

    /// The development outbox could not be written.
    #[error("cannot write mail to the development outbox {path}: {source}")]
    Outbox {
        /// The directory or file that could not be written.
        path: PathBuf,
        /// What the file system said.
        source: std::io::Error,
    },
}

/// Sends mail: through SMTP when configured, else to the development outbox. Cheap to clone.
///
/// # The development outbox
///
/// Without an SMTP URL nothing is sent. Each message is logged at `info` level (recipient,
/// subject and the whole text, so a reset link shows in the server log) and written to its own
/// file in the outbox directory (created if missing). The file name is
///
/// ```text
/// 20261122T210501.123Z-alice@example.com.txt
/// ```
///
/// the UTC time the message was written (to the millisecond), a `-`, the recipient's bare
/// address in lower case with every character other than ASCII letters, digits and `@._+-`
/// replaced by `_` (cut to 100 bytes), and `.txt`. Names therefore sort by time; should two
/// messages to one address fall in the same millisecond, the later one is stamped a
/// millisecond later, so the newest file for an address is always the last in name order.
///
/// The content is UTF-8: four header lines, a blank line, then the text exactly as given:
///
/// ```text
/// To: alice@example.com
/// From: Kiln <noreply@localhost>
/// Subject: Reset your password
/// Date: Sun, 22 Nov 2026 21:05:01 +0000
///
/// Follow this link to choose a new password: http://127.0.0.1:3000/reset?token=…
/// ```
///
/// Header values are written as given, on one line (any line break becomes a space).
#[derive(Clone)]
pub struct Mailer {
    inner: Arc<Inner>,
}

struct Inner {
    from: Mailbox,
    transport: Transport,
}

enum Transport {
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        /// `SMTP at HOST:PORT (…)`, without the password.
        description: String,
    },
    Outbox(PathBuf),
}

impl fmt::Debug for Mailer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Mailer")
            .field("from", &self.inner.from.to_string())
            .field("transport", &self.describe())
            .finish()
    }
}

impl Mailer {
    /// A mailer for `settings`. The sender address and the SMTP URL are checked now, so a bad
    /// value stops the server at start-up rather than at the first password reset; the SMTP
    /// server itself is first contacted when a message is sent.
    pub fn new(settings: &MailSettings) -> Result<Self, MailError> {
        let from: Mailbox =
            settings
                .from
                .trim()
                .parse()
                .map_err(|e: lettre::address::AddressError| MailError::InvalidFrom {
                    value: settings.from.clone(),
                    reason: e.to_string(),
                })?;
        let transport = match settings.smtp_url.as_deref().map(str::trim) {
            Some(url) if !url.is_empty() => smtp_transport(url)?,
            _ => Transport::Outbox(settings.outbox.clone()),
        };
        Ok(Self {
            inner: Arc::new(Inner { from, transport }),
        })
    }

    /// Sends `email`: through SMTP, or in development mode logs it and writes it to the
    /// outbox (see [`Mailer`] for the file format).
    pub async fn send(&self, email: Email) -> Result<(), MailError> {
        let to: Mailbox = email
            .to
            .trim()
            .parse()
            .map_err(
                |e: lettre::address::AddressError| MailError::InvalidRecipient {
                    value: email.to.clone(),
                    reason: e.to_string(),
                },
            )?;
        match &self.inner.transport {
            Transport::Smtp {
                transport,
                description,
            } => {
                let address = to.email.to_string();
                let message = Message::builder()
                    .from(self.inner.from.clone())
                    .to(to)
                    .subject(email.subject.as_str())
                    .header(ContentType::TEXT_PLAIN)
                    .body(email.text)
                    .map_err(|e| MailError::Message {
                        to: address.clone(),
                        reason: e.to_string(),
                    })?;
                transport.send(message).await.map_err(|e| MailError::Send {
                    to: address.clone(),
                    server: description.clone(),
                    reason: e.to_string(),
                })?;
                tracing::info!(to = %address, subject = %email.subject, "mail sent");
                Ok(())
            }
            Transport::Outbox(dir) => {
                let written = SystemTime::now();
                let content = outbox_content(&to, &self.inner.from, &email, written);
                let address = to.email.to_string();
                let path = tokio::task::spawn_blocking({
                    let dir = dir.clone();
                    move || write_outbox_file(&dir, &address, written, &content)
                })
                .await
                .map_err(|e| MailError::Outbox {
                    path: dir.clone(),
                    source: std::io::Error::other(e.to_string()),
                })??;
                tracing::info!(
                    "development mail to {} (not sent), saved as {}\nSubject: {}\n\n{}",
                    to.email,
                    path.display(),
                    email.subject,
                    email.text
                );
                Ok(())
            }
        }
    }

    /// Where mail goes, for the start-up log: `SMTP at smtp.example.com:587 (STARTTLS
    /// required, password masked)` or `development outbox data/mail (mail is logged, not
    /// sent)`.
    pub fn describe(&self) -> String {
        match &self.inner.transport {
            Transport::Smtp { description, .. } => description.clone(),
            Transport::Outbox(dir) => format!(
                "development outbox {} (mail is logged, not sent)",
                dir.display()
            ),
        }
    }

    /// The development outbox directory, or `None` when mail is sent through SMTP.
    pub fn outbox(&self) -> Option<&Path> {
        match &self.inner.transport {
            Transport::Smtp { .. } => None,
            Transport::Outbox(dir) => Some(dir),
        }
    }

    /// The sender of every message, as configured.
    pub fn from_address(&self) -> String {
        self.inner.from.to_string()
    }
}

/// Builds the SMTP transport for `url` and its description.
fn smtp_transport(url: &str) -> Result<Transport, MailError> {
    let parts = SmtpUrl::parse(url);
    let passwords = parts.as_ref().map(SmtpUrl::passwords).unwrap_or_default();
    // lettre's messages do not quote the URL, but make sure no password ever leaks.
    let scrub = |reason: String| {
        passwords
            .iter()
            .filter(|password| !password.is_empty())
            .fold(reason, |reason, password| {
                reason.replace(password.as_str(), "***")
            })
    };
    let invalid = |reason: String| MailError::SmtpUrl {
        url: mask_url(url),
        reason: scrub(reason),
    };
    if let Some(parts) = &parts {
        if parts.scheme() != "smtp" && parts.scheme() != "smtps" {
            return Err(invalid(format!(
                "the scheme must be smtp or smtps, not {}",
                parts.scheme()
            )));
        }
        if let Some(tls) = parts
            .tls()
            .filter(|t| !matches!(t.as_str(), "required" | "opportunistic"))
        {
            return Err(invalid(format!(
                "tls= must be required or opportunistic, not {tls:?}"
            )));
        }
    }
    let builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(url).map_err(|e| {
        // lettre says "Connection error: REASON"; the reason is what matters here.
        let reason = std::error::Error::source(&e).map_or_else(|| e.to_string(), |s| s.to_string());
        invalid(reason)
    })?;
    let parts = parts.ok_or_else(|| invalid("it has no host".to_owned()))?;
    Ok(Transport::Smtp {
        transport: builder.build(),
        description: parts.describe(),
    })
}

/// `url` with its password masked, also when it lacks the `scheme://` that
/// [`mask_password`] looks for (`user:pass@host`): then everything before the `@` is masked.
fn mask_url(url: &str) -> String {
    if url.contains("://") {
        mask_password(url)
    } else if let Some(at) = url.rfind('@') {
        format!("***{}", &url[at..])
    } else {
        url.to_owned()
    }
}

/// What [`Mailer::describe`] shows of an SMTP URL, read with `url` (lettre parses it for real).
struct SmtpUrl(url::Url);

impl SmtpUrl {
    /// `None` when `url` is not a URL with a host.
    fn parse(url: &str) -> Option<Self> {
        let url = url::Url::parse(url).ok()?;
        url.host_str().filter(|host| !host.is_empty())?;
        Some(Self(url))
    }

    fn scheme(&self) -> &str {
        self.0.scheme()
    }

    /// The password, as written and decoded: what must never reach a message.
    fn passwords(&self) -> Vec<String> {
        let Some(written) = self.0.password() else {
            return Vec::new();
        };
        let mut passwords = vec![written.to_owned()];
        passwords.extend(percent_decoded(written).filter(|decoded| decoded != written));
        passwords
    }

    /// The `tls=` of the query, if any.
    fn tls(&self) -> Option<String> {
        self.0
            .query_pairs()
            .find(|(name, _)| name == "tls")
            .map(|(_, value)| value.into_owned())
    }

    /// `SMTP at HOST:PORT (SECURITY[, password masked])`, with lettre's default ports.
    fn describe(&self) -> String {
        let (security, default_port) = match (self.scheme(), self.tls().as_deref()) {
            ("smtps", _) => ("TLS", 465),
            (_, Some("required")) => ("STARTTLS required", 587),
            (_, Some(_)) => ("STARTTLS if offered", 587),
            _ => ("unencrypted", 25),
        };
        let port = self.0.port().unwrap_or(default_port);
        let login = if self.0.password().is_some() {
            ", password masked"
        } else {
            ""
        };
        let host = self.0.host_str().unwrap_or_default();
        format!("SMTP at {host}:{port} ({security}{login})")
    }
}

/// `text` with its `%XX` escapes decoded, if they make UTF-8.
fn percent_decoded(text: &str) -> Option<String> {
    percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .ok()
        .map(std::borrow::Cow::into_owned)
}

/// The outbox file's content: headers, a blank line, the text.
fn outbox_content(to: &Mailbox, from: &Mailbox, email: &Email, at: SystemTime) -> String {
    let one_line = |value: &str| value.replace(['\r', '\n'], " ");
    format!(
        "To: {}\nFrom: {}\nSubject: {}\nDate: {}\n\n{}",
        one_line(&to.to_string()),
        one_line(&from.to_string()),
        one_line(&email.subject),
        rfc2822_date(at),
        email.text
    )
}

/// Writes `content` to a new file in `dir` named for `at` and `address`, stepping the time
/// forward a millisecond at a time if the name is taken. Returns the file's path.
fn write_outbox_file(
    dir: &Path,
    address: &str,
    at: SystemTime,
    content: &str,
) -> Result<PathBuf, MailError> {
    let outbox_error = |path: &Path, source| MailError::Outbox {
        path: path.to_owned(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(|e| outbox_error(dir, e))?;
    let address = sanitise_address(address);
    let mut stamp = at;
    loop {
        let path = dir.join(format!("{}-{address}.txt", file_timestamp(stamp)));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut file) => {
                file.write_all(content.as_bytes())
                    .and_then(|()| file.flush())
                    .map_err(|e| outbox_error(&path, e))?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                stamp += Duration::from_millis(1);
            }
            Err(e) => return Err(outbox_error(&path, e)),
        }
    }
}

/// A file-name-safe form of an e-mail address: lower case, ASCII letters, digits and `@._+-`
/// kept, anything else `_`, at most [`MAX_NAME_ADDRESS`] bytes.
fn sanitise_address(address: &str) -> String {
    address
        .chars()
        .map(|c| match c.to_ascii_lowercase() {
            c @ ('a'..='z' | '0'..='9' | '@' | '.' | '_' | '+' | '-') => c,
            _ => '_',
        })
        .take(MAX_NAME_ADDRESS)
        .collect()
}

/// `20261122T210501.123Z`.
fn file_timestamp(at: SystemTime) -> String {
    let at = time::OffsetDateTime::from(at);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}.{:03}Z",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second(),
        at.millisecond()
    )
}

/// `Sun, 22 Nov 2026 21:05:01 +0000`.
fn rfc2822_date(at: SystemTime) -> String {
    time::OffsetDateTime::from(at)
        .format(&time::format_description::well_known::Rfc2822)
        // Every time from 1900 to 9999 formats; a clock outside that is broken, and the
        // outbox file is only for a developer to read.
        .unwrap_or_else(|_| "Thu, 01 Jan 1970 00:00:00 +0000".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;

    fn at(secs: u64, millis: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs) + Duration::from_millis(millis)
    }

    #[test]
    fn formats_utc_times() {
        assert_eq!(file_timestamp(at(0, 0)), "19700101T000000.000Z");
        assert_eq!(rfc2822_date(at(0, 0)), "Thu, 01 Jan 1970 00:00:00 +0000");
        // A leap day, and the example from the documentation.
        assert_eq!(file_timestamp(at(951_782_400, 7)), "20000229T000000.007Z");
        assert_eq!(
            rfc2822_date(at(951_782_400, 0)),
            "Tue, 29 Feb 2000 00:00:00 +0000"
        );
        assert_eq!(
            file_timestamp(at(1_795_381_501, 123)),
            "20261122T210501.123Z"
        );
        assert_eq!(
            rfc2822_date(at(1_795_381_501, 123)),
            "Sun, 22 Nov 2026 21:05:01 +0000"
        );
        assert_eq!(
            rfc2822_date(at(4_102_444_799, 0)),
            "Thu, 31 Dec 2099 23:59:59 +0000"
        );
    }

    #[test]
    fn sanitises_addresses_for_file_names() {
        assert_eq!(
            sanitise_address("Alice.Smith+kiln@Example.com"),
            "alice.smith+kiln@example.com"
        );
        assert_eq!(
            sanitise_address("a/../b\\c d:é*?@x.org"),
            "a_.._b_c_d____@x.org"
        );
        assert_eq!(sanitise_address(&"a".repeat(300)).len(), MAX_NAME_ADDRESS);
    }

    #[test]
    fn same_millisecond_messages_get_later_stamps() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = tmp.path().join("outbox");
        let when = at(1_795_381_501, 123);
        let paths: Vec<PathBuf> = ["one", "two", "three"]
            .into_iter()
            .map(|text| write_outbox_file(&dir, "Bob@Example.com", when, text).expect("write"))
            .collect();
        let names: Vec<String> = paths
            .iter()
            .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            [
                "20261122T210501.123Z-bob@example.com.txt",
                "20261122T210501.124Z-bob@example.com.txt",
                "20261122T210501.125Z-bob@example.com.txt",
            ]
        );
        for (path, text) in paths.iter().zip(["one", "two", "three"]) {
            assert_eq!(std::fs::read_to_string(path).expect("read"), text);
        }
    }

    #[test]
    fn masks_urls() {
        assert_eq!(
            mask_url("smtp://kiln:s3cret@mail.example.com:587"),
            "smtp://kiln:***@mail.example.com:587"
        );
        assert_eq!(
            mask_url("kiln:s3cret@mail.example.com"),
            "***@mail.example.com"
        );
        assert_eq!(
            mask_url("smtp://mail.example.com"),
            "smtp://mail.example.com"
        );
    }

    #[test]
    fn describes_smtp_urls() {
        let describe = |url| SmtpUrl::parse(url).map(|p| p.describe());
        assert_eq!(
            describe("smtp://u:p@mail.example.com?tls=required").as_deref(),
            Some("SMTP at mail.example.com:587 (STARTTLS required, password masked)")
        );
        assert_eq!(
            describe("smtps://u:p@mail.example.com").as_deref(),
            Some("SMTP at mail.example.com:465 (TLS, password masked)")
        );
        assert_eq!(
            describe("smtp://127.0.0.1:2525").as_deref(),
            Some("SMTP at 127.0.0.1:2525 (unencrypted)")
        );
        assert_eq!(
            describe("smtp://[::1]:2525/ehlo?tls=opportunistic").as_deref(),
            Some("SMTP at [::1]:2525 (STARTTLS if offered)")
        );
    }
}
