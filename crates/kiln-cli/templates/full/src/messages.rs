//! `/messages`: rows of the `messages` table (made by the migration in `migrations/`),
//! rendered on the server, and a form that adds one through a server function. The form works
//! with JavaScript (no reload) and without it (a plain form post).

use kiln::prelude::*;
use kiln::respond::Status;
use serde::{Deserialize, Serialize};

/// The longest message, in characters.
pub const MAX_LENGTH: usize = 500;
/// How many of the newest messages the page lists.
pub const PAGE_SIZE: i64 = 50;

/// One message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    /// The row's id.
    pub id: i64,
    /// What was written.
    pub text: String,
}

/// Why posting a message failed: what the visitor reads under the form. A mistake in the form
/// is the visitor's (422); the rest is the server's (500).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error, Status)]
pub enum MessageError {
    /// The message was empty.
    #[error("Please write a message.")]
    #[status(422)]
    Empty,
    /// The message was too long.
    #[error("A message can be at most {MAX_LENGTH} characters long.")]
    #[status(422)]
    TooLong,
    /// The database failed; the details are in the server's log.
    #[error("The message could not be saved just now. Please try again.")]
    #[status(500)]
    Unavailable,
    /// The request itself failed (network, encoding).
    #[error("The request failed: {0}")]
    #[status(500, from_server_fn)]
    Request(String),
}

/// Checks a message and returns it trimmed.
pub fn validate(text: &str) -> Result<String, MessageError> {
    let text = text.trim();
    match text.chars().count() {
        0 => Err(MessageError::Empty),
        n if n > MAX_LENGTH => Err(MessageError::TooLong),
        _ => Ok(text.to_owned()),
    }
}

/// The newest messages, newest first.
#[server(endpoint = "messages/list")]
pub async fn list_messages() -> Result<Vec<Message>, ServerFnError> {
    let rows: Vec<(i64, String)> =
        kiln::sqlx::query_as("SELECT id, text FROM messages ORDER BY id DESC LIMIT $1")
            .bind(PAGE_SIZE)
            .fetch_all(kiln::db()?.pool())
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, text)| Message { id, text })
        .collect())
}

/// Adds a message. Posted by the form, with or without JavaScript.
#[server(endpoint = "messages/post")]
pub async fn post_message(text: String) -> Result<(), MessageError> {
    let result = insert(&text).await;
    // With JavaScript: the result, with its status. Without: back to the page, with the error
    // and what was typed when it failed.
    kiln::respond::answer_form(result, "/messages", &[("text", &text)])
}

#[cfg(feature = "ssr")]
async fn insert(text: &str) -> Result<(), MessageError> {
    let text = validate(text)?;
    let db = kiln::db().map_err(|_| MessageError::Unavailable)?;
    kiln::sqlx::query("INSERT INTO messages (text, created_at) VALUES ($1, $2)")
        .bind(text)
        .bind(kiln::unix_seconds(std::time::SystemTime::now()))
        .execute(db.pool())
        .await
        .map_err(|err| {
            tracing::error!("inserting a message failed: {err}");
            MessageError::Unavailable
        })?;
    Ok(())
}

/// The page: the form, then the messages.
#[component]
pub fn MessagesPage() -> impl IntoView {
    let post = ServerAction::<PostMessage>::new();
    let messages = Resource::new(move || post.version().get(), |_| list_messages());

    // After a no-JavaScript post that failed, the redirect brings back the error and the text.
    let returned_error = kiln::respond::returned_error::<MessageError>();
    let error = move || match post.value().get() {
        Some(Err(error)) => Some(error.to_string()),
        Some(Ok(())) => None,
        None => returned_error.as_ref().map(ToString::to_string),
    };
    // Clear the form after a message is posted with JavaScript on.
    let form = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if let (Some(Ok(())), Some(form)) = (post.value().get(), form.get()) {
            form.reset();
        }
    });

    view! {
        <Title text="Messages · {{title}}"/>
        <Heading>"Messages"</Heading>
        <ActionForm action=post node_ref=form>
            <Flex direction=Direction::Column gap=2 align=Align::Start>
                <label for="message-text">"Your message"</label>
                <input
                    id="message-text"
                    name="text"
                    maxlength=MAX_LENGTH
                    required
                    value=kiln::respond::returned_field("text")
                />
                <p role="alert">{error}</p>
                <Button type_=ButtonType::Submit disabled=Signal::derive(move || post.pending().get())>
                    "Post"
                </Button>
            </Flex>
        </ActionForm>
        <Suspense fallback=|| view! { <p>"Loading messages…"</p> }>
            <ErrorBoundary fallback=|_| view! { <p role="alert">"The messages could not be loaded."</p> }>
                {move || Suspend::new(async move {
                    messages.await.map(|messages| view! { <MessageList messages/> })
                })}
            </ErrorBoundary>
        </Suspense>
    }
}

#[component]
fn MessageList(messages: Vec<Message>) -> impl IntoView {
    if messages.is_empty() {
        return view! { <p>"No messages yet. Write the first!"</p> }.into_any();
    }
    view! {
        <ul data-testid="messages">
            {messages
                .into_iter()
                .map(|message| view! { <li>{message.text}</li> })
                .collect_view()}
        </ul>
    }
    .into_any()
}
