//! Notes: rows that belong to one user. Every server function starts with `require_user()` and
//! scopes every query by the id it returns, never by an id the browser sends; the page is
//! guarded by `<RequireUser>`, and its forms work with JavaScript (no reload) and without it (a
//! plain form post, then a redirect back).

use kiln::auth::{AuthError, RequireUser};
use kiln::prelude::*;
use kiln::respond::Status;
use leptos::either::Either;
use serde::{Deserialize, Serialize};

use super::KilnDoes;
use crate::code::{CodeSample, PageMeta};

/// The longest note, in characters.
pub const MAX_NOTE: usize = 2000;
/// How many of a user's newest notes the page lists.
pub const MAX_LISTED: i64 = 200;

/// One note, as its owner sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Note {
    /// The row id.
    pub id: i64,
    /// What the note says.
    pub body: String,
    /// When it was written, in seconds since the Unix epoch.
    pub created_at: i64,
}

/// Why a notes server function failed: what the page shows. A note's mistakes are the
/// visitor's (422, 404), the session's end or a missing role auth's (401, 403); the rest is
/// the server's (500).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error, Status)]
pub enum NotesError {
    /// The note was empty (or only blanks).
    #[error("Write something first.")]
    #[status(422)]
    Empty,
    /// The note was too long.
    #[error("A note can be at most {MAX_NOTE} characters long.")]
    #[status(422)]
    TooLong,
    /// No note of this user has that id (it was deleted, or it is someone else's).
    #[error("You have no such note.")]
    #[status(404)]
    NotFound,
    /// The caller is not signed in (or the session ended).
    #[error("{0}")]
    #[status(transparent)]
    Auth(#[from] AuthError),
    /// The database failed; the details are in the server's log.
    #[error("Your notes could not be reached just now. Please try again.")]
    #[status(500)]
    Unavailable,
    /// The request itself failed (network, encoding).
    #[error("The request failed: {0}")]
    #[status(500, from_server_fn)]
    Request(String),
}

/// Checks a note and returns it without surrounding blanks.
pub fn validate(body: &str) -> Result<String, NotesError> {
    let body = body.trim();
    match body.chars().count() {
        0 => Err(NotesError::Empty),
        n if n > MAX_NOTE => Err(NotesError::TooLong),
        _ => Ok(body.to_owned()),
    }
}

/// The signed-in user's newest notes, newest first.
#[server(endpoint = "notes/list")]
pub async fn list_notes() -> Result<Vec<Note>, NotesError> {
    let result = async {
        let user = kiln::auth::require_user().await?;
        let db = kiln::db().map_err(unavailable)?;
        sqlx::query_as::<_, Note>(
            "SELECT id, body, created_at FROM notes WHERE user_id = $1 ORDER BY id DESC LIMIT $2",
        )
        .bind(user.id)
        .bind(MAX_LISTED)
        .fetch_all(db.pool())
        .await
        .map_err(unavailable)
    }
    .await;
    kiln::respond::answer(result)
}

/// Adds a note for the signed-in user. Posted by the page's form, with or without JavaScript.
#[server(endpoint = "notes/add")]
pub async fn add_note(body: String) -> Result<Note, NotesError> {
    let result = async {
        let user = kiln::auth::require_user().await?;
        let body = validate(&body)?;
        let db = kiln::db().map_err(unavailable)?;
        let now = kiln::unix_seconds(std::time::SystemTime::now());
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO notes (user_id, body, created_at) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(user.id)
        .bind(&body)
        .bind(now)
        .fetch_one(db.pool())
        .await
        .map_err(unavailable)?;
        Ok(Note {
            id,
            body,
            created_at: now,
        })
    }
    .await;
    kiln::respond::answer_form(result, "/notes", &[("body", &body)])
}

/// Deletes one of the signed-in user's notes; someone else's note is "not found", like a
/// missing one.
#[server(endpoint = "notes/delete")]
pub async fn delete_note(id: i64) -> Result<(), NotesError> {
    let result = async {
        let user = kiln::auth::require_user().await?;
        let db = kiln::db().map_err(unavailable)?;
        let deleted = sqlx::query("DELETE FROM notes WHERE id = $1 AND user_id = $2")
            .bind(id)
            .bind(user.id)
            .execute(db.pool())
            .await
            .map_err(unavailable)?;
        if deleted.rows_affected() == 0 {
            Err(NotesError::NotFound)
        } else {
            Ok(())
        }
    }
    .await;
    kiln::respond::answer_form(result, "/notes", &[])
}

#[cfg(feature = "ssr")]
fn unavailable(err: impl std::fmt::Display) -> NotesError {
    tracing::error!("notes: {err}");
    NotesError::Unavailable
}

/// The page: the signed-in user's notes and a form to add one.
#[component]
pub fn NotesPage() -> impl IntoView {
    view! {
        <PageMeta
            title="Your notes · Kiln"
            description="Notes only their author can see: a page guarded by RequireUser and \
                         server functions scoped to the signed-in user."
        />
        <h1>"Your notes"</h1>
        <RequireUser>
            <NoteBoard/>
        </RequireUser>
        <KilnDoes>
            <p><code>"<RequireUser>"</code> " sends visitors who are not signed in to the log-in \
                page, with " <code>"?next=/notes"</code> ", before any of this page is rendered. \
                Each server function begins with " <code>"kiln::auth::require_user().await?"</code>
                " and binds the user's id into every query, so no request can read or delete \
                another user's notes, whatever id it sends. Forms from other sites are refused \
                (their " <code>"Origin"</code> " is checked), and the session cookie is \
                " <code>"SameSite=Lax"</code> "."</p>
        </KilnDoes>
        <CodeSample title="app/src/pages/accounts/notes.rs" code=source!("notes.rs")/>
    }
}

/// The notes and their forms, for the signed-in user.
#[component]
fn NoteBoard() -> impl IntoView {
    let add = ServerAction::<AddNote>::new();
    let delete = ServerAction::<DeleteNote>::new();
    let notes = Resource::new(
        move || (add.version().get(), delete.version().get()),
        |_| list_notes(),
    );

    // After a no-JavaScript post that failed, the redirect brings back the error and the input.
    let returned = kiln::respond::returned_error::<NotesError>();
    let error = RwSignal::new(returned.map(|e| e.to_string()));
    Effect::new(move |_| {
        if let Some(result) = add.value().get() {
            error.set(result.err().map(|e| e.to_string()));
        }
    });
    Effect::new(move |_| {
        if let Some(result) = delete.value().get() {
            error.set(result.err().map(|e| e.to_string()));
        }
    });

    // Clear the form after a note is added with JavaScript on.
    let form = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if let (Some(Ok(_)), Some(form)) = (add.value().get(), form.get()) {
            form.reset();
        }
    });

    view! {
        <div class="demo">
            <ActionForm action=add node_ref=form attr:class="guestbook-form">
                <label for="note-body">"New note"</label>
                <textarea id="note-body" name="body" rows="3" maxlength=MAX_NOTE required>
                    {kiln::respond::returned_field("body")}
                </textarea>
                <p role="alert" class="form-error">{move || error.get()}</p>
                <button type="submit" disabled=move || add.pending().get()>"Add the note"</button>
            </ActionForm>
            <Transition fallback=|| view! { <p>"Loading your notes…"</p> }>
                {move || Suspend::new(async move {
                    match notes.await {
                        Ok(notes) => Either::Left(view! { <NoteList notes delete/> }),
                        Err(error) => Either::Right(view! {
                            <p role="alert">"Your notes could not be loaded: " {error.to_string()}</p>
                        }),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn NoteList(notes: Vec<Note>, delete: ServerAction<DeleteNote>) -> impl IntoView {
    if notes.is_empty() {
        return Either::Left(
            view! { <p class="empty">"No notes yet: write the first one above."</p> },
        );
    }
    Either::Right(view! {
        <ol class="entries" data-testid="notes">
            {notes
                .into_iter()
                .map(|note| {
                    let label = format!("Delete the note “{}”", note.body.chars().take(40).collect::<String>());
                    view! {
                        <li>
                            <p class="entry-message">{note.body}</p>
                            <div class="entry-name">
                                <RelativeTime unix=note.created_at/>
                                " · "
                                <ActionForm action=delete attr:style="display: inline">
                                    <input type="hidden" name="id" value=note.id/>
                                    <button type="submit" class="link" aria-label=label>"Delete"</button>
                                </ActionForm>
                            </div>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_trims_and_checks_length() {
        assert_eq!(validate("  a note \n"), Ok("a note".into()));
        assert_eq!(validate(" \n\t"), Err(NotesError::Empty));
        assert_eq!(
            validate(&"é".repeat(MAX_NOTE)).map(|b| b.chars().count()),
            Ok(MAX_NOTE)
        );
        assert_eq!(
            validate(&"x".repeat(MAX_NOTE + 1)),
            Err(NotesError::TooLong)
        );
    }
}
