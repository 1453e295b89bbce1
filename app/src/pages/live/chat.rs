//! A chat room: one shared state that every session in the room sees and edits, with presence.

use kiln::prelude::*;
use serde::{Deserialize, Serialize};

use crate::code::{CodeSample, PageMeta};

/// The longest name, in characters.
pub const MAX_NAME: usize = 40;
/// The longest message, in characters.
pub const MAX_MESSAGE: usize = 500;
/// How many messages the room keeps.
#[cfg(feature = "ssr")]
pub const HISTORY: usize = 100;

/// One message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatMessage {
    /// Tells messages apart.
    pub id: u64,
    /// Who wrote it.
    pub author: String,
    /// What they wrote.
    pub text: String,
}

/// Why a name or message was refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum ChatError {
    /// No name.
    #[error("Pick a name first.")]
    NameMissing,
    /// The name is too long.
    #[error("A name can be at most {MAX_NAME} characters long.")]
    NameTooLong,
    /// No text.
    #[error("Write a message.")]
    Empty,
    /// The text is too long.
    #[error("A message can be at most {MAX_MESSAGE} characters long.")]
    TooLong,
}

#[cfg(feature = "ssr")]
fn checked_name(name: &str) -> Result<String, ChatError> {
    let name = name.trim();
    match name.chars().count() {
        0 => Err(ChatError::NameMissing),
        n if n > MAX_NAME => Err(ChatError::NameTooLong),
        _ => Ok(name.to_owned()),
    }
}

/// A room's state, shared by everyone in it.
#[derive(LiveState, Clone, Default, Serialize, Deserialize)]
#[live(shared)]
pub struct ChatRoom {
    /// The newest messages, oldest first.
    pub messages: Vec<ChatMessage>,
    /// The next message's id.
    #[live(server_only)]
    pub next_id: u64,
}

#[live_events]
impl ChatRoom {
    /// Names this visitor in the room's presence.
    pub fn set_name(&mut self, ctx: &mut Ctx<Self>, name: String) -> Result<(), ChatError> {
        ctx.set_presence_name(checked_name(&name)?);
        Ok(())
    }

    /// Posts a message.
    pub fn send(&mut self, author: String, text: String) -> Result<(), ChatError> {
        let author = checked_name(&author)?;
        let text = text.trim().to_owned();
        match text.chars().count() {
            0 => return Err(ChatError::Empty),
            n if n > MAX_MESSAGE => return Err(ChatError::TooLong),
            _ => {}
        }
        self.next_id += 1;
        self.messages.push(ChatMessage {
            id: self.next_id,
            author,
            text,
        });
        if self.messages.len() > HISTORY {
            self.messages.remove(0);
        }
        Ok(())
    }
}

/// The page: the lobby's messages, who is here, and forms to join and write.
#[component]
pub fn ChatPage() -> impl IntoView {
    view! {
        <PageMeta
            title="Chat · Kiln"
            description="A chat room: one state on the server shared by every visitor, with presence."
        />
        <h1>"Chat"</h1>
        <p>"Open this page in two windows: the room's state is shared, and so is who is here."</p>
        {live_room_view("lobby", |chat: ChatRoomLive| {
            let name = RwSignal::new(String::new());
            let joined = RwSignal::new(None::<String>);
            let text = RwSignal::new(String::new());
            let join = move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let wanted = name.get_untracked();
                let call = chat.set_name(wanted.clone());
                leptos::task::spawn_local(async move {
                    if call.await.is_ok() {
                        joined.set(Some(wanted.trim().to_owned()));
                    }
                });
            };
            let send = move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let author = joined.get_untracked().unwrap_or_default();
                let message = text.get_untracked();
                text.set(String::new());
                let call = chat.send(author, message.clone());
                leptos::task::spawn_local(async move {
                    if call.await.is_err() && text.get_untracked().is_empty() {
                        text.set(message);
                    }
                });
            };
            view! {
                <div class="demo chat">
                    <p data-testid="presence">
                        {move || {
                            let present = chat.meta.presence().get();
                            let names: Vec<String> = present
                                .iter()
                                .map(|p| p.name.clone().unwrap_or_else(|| format!("guest {}", p.id)))
                                .collect();
                            format!("Here now ({}): {}", present.len(), names.join(", "))
                        }}
                    </p>
                    <ol class="messages" data-testid="messages">
                        <For each=move || chat.messages.get() key=|m| m.id let:message>
                            <li><strong>{message.author}</strong> ": " {message.text}</li>
                        </For>
                    </ol>
                    <Show
                        when=move || joined.get().is_some()
                        fallback=move || view! {
                            <form class="chat-form" on:submit=join>
                                <label for="chat-name">"Your name"</label>
                                <input id="chat-name" maxlength=MAX_NAME bind:value=name autocomplete="off"/>
                                <button type="submit">"Join"</button>
                            </form>
                        }
                    >
                        <form class="chat-form" on:submit=send>
                            <label for="chat-text">"Message"</label>
                            <input id="chat-text" maxlength=MAX_MESSAGE bind:value=text autocomplete="off"/>
                            <button type="submit">"Send"</button>
                        </form>
                    </Show>
                    <p class="form-error" role="alert">{move || chat.meta.last_error().get().map(|e| e.message)}</p>
                </div>
            }
        })}
        <CodeSample title="app/src/pages/live/chat.rs" code=source!("chat.rs")/>
    }
}
