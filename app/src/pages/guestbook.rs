//! The guestbook: rows from the database, rendered on the server, and a form that adds one
//! through a server function, with JavaScript (no reload) and without it (a plain form post).

use kiln::prelude::*;
use kiln::respond::Status;
use serde::{Deserialize, Serialize};

use crate::code::{CodeSample, PageMeta};

/// The longest name a visitor may sign with, in characters.
pub const MAX_NAME: usize = 80;
/// The longest message, in characters.
pub const MAX_MESSAGE: usize = 1000;
/// How many of the newest entries the page lists.
pub const PAGE_SIZE: i64 = 50;
/// The page-cache tag of the guestbook's pages: a new signature invalidates it.
pub const CACHE_TAG: &str = "guestbook";

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

/// Why signing the guestbook failed: what the visitor reads under the form. A form's mistake
/// is the visitor's (422); the rest is the server's (500).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error, Status)]
pub enum GuestbookError {
    /// The name was empty.
    #[error("Please enter your name.")]
    #[status(422)]
    NameMissing,
    /// The name was too long.
    #[error("Your name can be at most {MAX_NAME} characters long.")]
    #[status(422)]
    NameTooLong,
    /// The message was empty.
    #[error("Please write a message.")]
    #[status(422)]
    MessageMissing,
    /// The message was too long.
    #[error("Your message can be at most {MAX_MESSAGE} characters long.")]
    #[status(422)]
    MessageTooLong,
    /// The database failed; the details are in the server's log.
    #[error("The guestbook could not be saved just now. Please try again.")]
    #[status(500)]
    Unavailable,
    /// The request itself failed (network, encoding).
    #[error("The request failed: {0}")]
    #[status(500, from_server_fn)]
    Request(String),
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
    // With JavaScript: the result, with its status (422, 500). Without: back to the page, with
    // the error and what was typed when it failed.
    kiln::respond::answer_form(
        result,
        "/guestbook",
        &[("name", &name), ("message", &message)],
    )
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
    // The kept guestbook pages lack the new entry: drop them.
    kiln::cache::invalidate(CACHE_TAG);
    Ok(())
}

/// The guestbook page.
#[component]
pub fn Guestbook() -> impl IntoView {
    let sign = ServerAction::<SignGuestbook>::new();
    let entries = Resource::new(move || sign.version().get(), |_| list_entries());

    // After a no-JavaScript post that failed, the redirect brings back the error and the input.
    let redirected_error = kiln::respond::returned_error::<GuestbookError>();
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
                    value=kiln::respond::returned_field("name")
                />
                <label for="guestbook-message">"Message"</label>
                <textarea id="guestbook-message" name="message" rows="3" maxlength=MAX_MESSAGE required>
                    {kiln::respond::returned_field("message")}
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
        <CodeSample title="app/src/pages/guestbook.rs" code=source!("guestbook.rs")/>
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
                        <p class="entry-name">
                            "— " <a href=format!("/guestbook/{}", entry.id)>{entry.name}</a>
                        </p>
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
}
