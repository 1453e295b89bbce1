//! The guestbook: rows from the database, rendered on the server, and a form that adds one
//! through a server function, with JavaScript (no reload) and without it (a plain form post).

use kiln::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::code::{CodeSample, PageMeta};

/// The longest name a visitor may sign with, in characters.
pub const MAX_NAME: usize = 80;
/// The longest message, in characters.
pub const MAX_MESSAGE: usize = 1000;
/// How many of the newest entries the page lists.
pub const PAGE_SIZE: i64 = 50;

/// One signature in the guestbook.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Entry {
    /// The row id.
    pub id: i64,
    /// Who signed.
    pub name: String,
    /// What they wrote.
    pub message: String,
    /// When, in seconds since the Unix epoch.
    pub created_at: i64,
}

/// Why signing the guestbook failed: what the visitor reads under the form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum GuestbookError {
    /// The name was empty.
    #[error("Please enter your name.")]
    NameMissing,
    /// The name was too long.
    #[error("Your name can be at most {MAX_NAME} characters long.")]
    NameTooLong,
    /// The message was empty.
    #[error("Please write a message.")]
    MessageMissing,
    /// The message was too long.
    #[error("Your message can be at most {MAX_MESSAGE} characters long.")]
    MessageTooLong,
    /// The database failed; the details are in the server's log.
    #[error("The guestbook could not be saved just now. Please try again.")]
    Unavailable,
    /// The request itself failed (network, encoding).
    #[error("The request failed: {0}")]
    Request(String),
}

impl GuestbookError {
    /// A short, stable name for the error, used in the query string of a no-JavaScript redirect.
    fn code(&self) -> &'static str {
        match self {
            Self::NameMissing => "name-missing",
            Self::NameTooLong => "name-too-long",
            Self::MessageMissing => "message-missing",
            Self::MessageTooLong => "message-too-long",
            Self::Unavailable | Self::Request(_) => "unavailable",
        }
    }

    /// The HTTP status of a response carrying this error.
    #[cfg(feature = "ssr")]
    fn status(&self) -> kiln::axum::http::StatusCode {
        use kiln::axum::http::StatusCode;
        match self {
            Self::Unavailable | Self::Request(_) => StatusCode::INTERNAL_SERVER_ERROR,
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        }
    }

    fn from_code(code: &str) -> Option<Self> {
        [
            Self::NameMissing,
            Self::NameTooLong,
            Self::MessageMissing,
            Self::MessageTooLong,
            Self::Unavailable,
        ]
        .into_iter()
        .find(|error| error.code() == code)
    }
}

impl leptos::server_fn::error::FromServerFnError for GuestbookError {
    type Encoder = leptos::server_fn::codec::JsonEncoding;

    fn from_server_fn_error(value: leptos::server_fn::error::ServerFnErrorErr) -> Self {
        Self::Request(value.to_string())
    }
}

/// Checks a signature and returns it trimmed.
pub fn validate(name: &str, message: &str) -> Result<(String, String), GuestbookError> {
    let (name, message) = (name.trim(), message.trim());
    match (name.chars().count(), message.chars().count()) {
        (0, _) => Err(GuestbookError::NameMissing),
        (n, _) if n > MAX_NAME => Err(GuestbookError::NameTooLong),
        (_, 0) => Err(GuestbookError::MessageMissing),
        (_, m) if m > MAX_MESSAGE => Err(GuestbookError::MessageTooLong),
        _ => Ok((name.to_owned(), message.to_owned())),
    }
}

/// The newest entries, newest first.
#[server(endpoint = "guestbook/list")]
pub async fn list_entries() -> Result<Vec<Entry>, ServerFnError> {
    let db = kiln::db()?;
    let entries = sqlx::query_as::<_, Entry>(
        "SELECT id, name, message, created_at FROM guestbook ORDER BY id DESC LIMIT $1",
    )
    .bind(PAGE_SIZE)
    .fetch_all(db.pool())
    .await?;
    Ok(entries)
}

/// Adds an entry. Posted by the form, with or without JavaScript.
#[server(endpoint = "guestbook/sign")]
pub async fn sign_guestbook(name: String, message: String) -> Result<(), GuestbookError> {
    let result = insert_entry(&name, &message).await;
    if !kiln::forms::is_plain_form_post() {
        // Rejected input is the client's mistake (422), not a server failure (500).
        if let Err(error) = &result
            && let Some(response) = use_context::<kiln::leptos_axum::ResponseOptions>()
        {
            response.set_status(error.status());
        }
    } else {
        // Without JavaScript the browser follows a redirect back to the page. On failure it
        // carries the error and what was typed, so the page can show the one and keep the other;
        // on success it is the clean page, whatever the previous attempt left in the address.
        let location = match &result {
            Ok(()) => "/guestbook".to_owned(),
            Err(error) => kiln::forms::return_address(
                "/guestbook",
                error.code(),
                &[("name", &name), ("message", &message)],
            ),
        };
        kiln::leptos_axum::redirect(&location);
    }
    result
}

#[cfg(feature = "ssr")]
async fn insert_entry(name: &str, message: &str) -> Result<(), GuestbookError> {
    let (name, message) = validate(name, message)?;
    let db = kiln::db().map_err(|_| GuestbookError::Unavailable)?;
    let now = kiln::unix_seconds(std::time::SystemTime::now());
    sqlx::query("INSERT INTO guestbook (name, message, created_at) VALUES ($1, $2, $3)")
        .bind(name)
        .bind(message)
        .bind(now)
        .execute(db.pool())
        .await
        .map_err(|err| {
            tracing::error!("guestbook insert failed: {err}");
            GuestbookError::Unavailable
        })?;
    Ok(())
}

/// The guestbook page.
#[component]
pub fn Guestbook() -> impl IntoView {
    let sign = ServerAction::<SignGuestbook>::new();
    let entries = Resource::new(move || sign.version().get(), |_| list_entries());

    // After a no-JavaScript post that failed, the redirect brings back the error and the input.
    let query = use_query_map();
    let returned = move |key: &str| query.with_untracked(|q| q.get(key)).unwrap_or_default();
    let redirected_error = GuestbookError::from_code(&returned("error"));
    let error = move || match sign.value().get() {
        Some(Err(error)) => Some(error.to_string()),
        Some(Ok(())) => None,
        None => redirected_error.as_ref().map(ToString::to_string),
    };

    // Clear the form after a successful signature with JavaScript on.
    let form = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if let (Some(Ok(())), Some(form)) = (sign.value().get(), form.get()) {
            form.reset();
        }
    });

    view! {
        <PageMeta
            title="Guestbook · Kiln"
            description="Rows from the database rendered on the server, and a form that adds one \
                         with or without JavaScript."
        />
        <h1>"Guestbook"</h1>
        <div class="demo">
            <ActionForm action=sign node_ref=form attr:class="guestbook-form">
                <label for="guestbook-name">"Your name"</label>
                <input
                    id="guestbook-name"
                    name="name"
                    maxlength=MAX_NAME
                    autocomplete="name"
                    required
                    value=returned("name")
                />
                <label for="guestbook-message">"Message"</label>
                <textarea id="guestbook-message" name="message" rows="3" maxlength=MAX_MESSAGE required>
                    {returned("message")}
                </textarea>
                <p role="alert" class="form-error">{error}</p>
                <button type="submit" disabled=move || sign.pending().get()>"Sign the guestbook"</button>
            </ActionForm>
            <Suspense fallback=|| view! { <p>"Loading entries…"</p> }>
                <ErrorBoundary fallback=|errors| view! {
                    <p role="alert">"The entries could not be loaded: "
                        {move || errors.get().into_iter().map(|(_, e)| e.to_string()).collect::<Vec<_>>().join(", ")}
                    </p>
                }>
                    {move || Suspend::new(async move {
                        entries.await.map(|entries| view! { <EntryList entries/> })
                    })}
                </ErrorBoundary>
            </Suspense>
        </div>
        <CodeSample title="app/src/pages/guestbook.rs" code=include_str!("guestbook.rs")/>
    }
}

#[component]
fn EntryList(entries: Vec<Entry>) -> impl IntoView {
    if entries.is_empty() {
        return view! { <p class="empty">"No one has signed yet. Be the first!"</p> }.into_any();
    }
    view! {
        <ol class="entries" data-testid="entries">
            {entries
                .into_iter()
                .map(|entry| view! {
                    <li>
                        <p class="entry-message">{entry.message}</p>
                        <p class="entry-name">"— " {entry.name}</p>
                    </li>
                })
                .collect_view()}
        </ol>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_trims_and_checks_lengths() {
        assert_eq!(validate("  Ada ", " hi "), Ok(("Ada".into(), "hi".into())));
        assert_eq!(validate(" ", "hi"), Err(GuestbookError::NameMissing));
        assert_eq!(validate("Ada", "\n"), Err(GuestbookError::MessageMissing));
        assert_eq!(
            validate(&"x".repeat(MAX_NAME + 1), "hi"),
            Err(GuestbookError::NameTooLong)
        );
        assert_eq!(validate(&"é".repeat(MAX_NAME), "hi").map(|_| ()), Ok(()));
        assert_eq!(
            validate("Ada", &"x".repeat(MAX_MESSAGE + 1)),
            Err(GuestbookError::MessageTooLong)
        );
    }

    #[test]
    fn error_codes_round_trip() {
        for error in [
            GuestbookError::NameMissing,
            GuestbookError::NameTooLong,
            GuestbookError::MessageMissing,
            GuestbookError::MessageTooLong,
            GuestbookError::Unavailable,
        ] {
            assert_eq!(GuestbookError::from_code(error.code()), Some(error));
        }
        assert_eq!(GuestbookError::from_code("nonsense"), None);
    }
}
