//! The todo list: rows in SQLite, loaded into a live state on the server (so the first HTML
//! lists them), changed by typed events whose handlers write the database.

use kiln::prelude::*;
use serde::{Deserialize, Serialize};

use crate::code::{CodeSample, PageMeta};

/// The longest item, in characters.
pub const MAX_TODO: usize = 200;

/// One item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Todo {
    /// The row id.
    pub id: i64,
    /// What to do.
    pub text: String,
    /// Whether it is done.
    pub done: bool,
}

/// Why a change to the list failed: what the page shows under the form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum TodoError {
    /// The text was empty.
    #[error("Write something to do.")]
    Empty,
    /// The text was too long.
    #[error("An item can be at most {MAX_TODO} characters long.")]
    TooLong,
    /// The item is not in the list (someone else removed it).
    #[error("That item is gone.")]
    NotFound,
    /// The database failed; the details are in the server's log.
    #[error("The list could not be saved just now. Please try again.")]
    Unavailable,
}

/// Checks an item's text and returns it trimmed.
pub fn validate(text: &str) -> Result<String, TodoError> {
    let text = text.trim();
    match text.chars().count() {
        0 => Err(TodoError::Empty),
        n if n > MAX_TODO => Err(TodoError::TooLong),
        _ => Ok(text.to_owned()),
    }
}

/// The list, as the page shows it.
#[derive(LiveState, Clone, Default, Serialize, Deserialize)]
pub struct Todos {
    /// The items, oldest first.
    pub items: Vec<Todo>,
}

#[cfg(feature = "ssr")]
fn unavailable(err: impl std::fmt::Display) -> TodoError {
    tracing::error!("todo list: {err}");
    TodoError::Unavailable
}

#[live_events]
impl Todos {
    async fn on_load(ctx: &LoadCtx<Self>) -> Result<Self, TodoError> {
        let db = ctx.db().map_err(unavailable)?;
        // `done` is an integer (0 or 1): sqlx's Any driver reads no SQLite booleans.
        let rows: Vec<(i64, String, i64)> =
            sqlx::query_as("SELECT id, text, done FROM todos ORDER BY id")
                .fetch_all(db.pool())
                .await
                .map_err(unavailable)?;
        let items = rows
            .into_iter()
            .map(|(id, text, done)| Todo {
                id,
                text,
                done: done != 0,
            })
            .collect();
        Ok(Self { items })
    }

    /// Adds an item.
    pub async fn add(&mut self, ctx: &mut Ctx<Self>, text: String) -> Result<(), TodoError> {
        let text = validate(&text)?;
        let db = ctx.db().map_err(unavailable)?;
        let now = kiln::unix_seconds(std::time::SystemTime::now());
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO todos (text, done, created_at) VALUES ($1, 0, $2) RETURNING id",
        )
        .bind(&text)
        .bind(now)
        .fetch_one(db.pool())
        .await
        .map_err(unavailable)?;
        self.items.push(Todo {
            id,
            text,
            done: false,
        });
        Ok(())
    }

    /// Marks an item done, or not done.
    pub async fn toggle(&mut self, ctx: &mut Ctx<Self>, id: i64) -> Result<(), TodoError> {
        let item = self
            .items
            .iter_mut()
            .find(|item| item.id == id)
            .ok_or(TodoError::NotFound)?;
        let db = ctx.db().map_err(unavailable)?;
        sqlx::query("UPDATE todos SET done = $1 WHERE id = $2")
            .bind(i64::from(!item.done))
            .bind(id)
            .execute(db.pool())
            .await
            .map_err(unavailable)?;
        item.done = !item.done;
        Ok(())
    }

    /// Removes an item.
    pub async fn remove(&mut self, ctx: &mut Ctx<Self>, id: i64) -> Result<(), TodoError> {
        let db = ctx.db().map_err(unavailable)?;
        sqlx::query("DELETE FROM todos WHERE id = $1")
            .bind(id)
            .execute(db.pool())
            .await
            .map_err(unavailable)?;
        self.items.retain(|item| item.id != id);
        Ok(())
    }
}

/// The page: the list, rendered on the server, and a form that adds to it.
#[component]
pub fn TodosPage() -> impl IntoView {
    view! {
        <PageMeta
            title="Todo list · Kiln"
            description="A todo list stored in SQLite, rendered on the server and kept live over a WebSocket."
        />
        <h1>"Todo list"</h1>
        <p>
            "The items come from SQLite and are in this page's HTML. Changes are events the "
            "server applies exactly once, even when the connection drops while you type."
        </p>
        {live_view(|todos: TodosLive| {
            let text = RwSignal::new(String::new());
            let error = RwSignal::new(None::<String>);
            let add = move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let typed = text.get_untracked();
                if let Err(invalid) = validate(&typed) {
                    error.set(Some(invalid.to_string()));
                    return;
                }
                // Clear at once (the event waits in order if the connection is down); on a
                // refusal, the text comes back with the reason.
                text.set(String::new());
                error.set(None);
                let call = todos.add(typed.clone());
                leptos::task::spawn_local(async move {
                    if let Err(refused) = call.await {
                        error.set(Some(refused.to_string()));
                        if text.get_untracked().is_empty() {
                            text.set(typed);
                        }
                    }
                });
            };
            view! {
                <div class="demo">
                    <form class="todo-form" on:submit=add>
                        <label for="todo-text">"New item"</label>
                        <input id="todo-text" name="text" maxlength=MAX_TODO bind:value=text autocomplete="off"/>
                        <button type="submit">"Add"</button>
                        <p class="form-error" role="alert">{move || error.get()}</p>
                    </form>
                    <ul class="todos" data-testid="todos">
                        <For each=move || todos.items.get() key=|item| (item.id, item.done) let:item>
                            <li class:done=item.done>
                                <label>
                                    <input
                                        type="checkbox"
                                        checked=item.done
                                        on:change=move |_| { todos.toggle(item.id); }
                                    />
                                    <span class="todo-text">{item.text.clone()}</span>
                                </label>
                                <button
                                    class="link"
                                    aria-label=format!("Remove {}", item.text)
                                    on:click=move |_| { todos.remove(item.id); }
                                >"Remove"</button>
                            </li>
                        </For>
                    </ul>
                    <p class="muted">{move || format!("{} items", todos.items.with(Vec::len))}</p>
                </div>
            }
        })}
        <CodeSample title="app/src/pages/live/todos.rs" code=include_str!("todos.rs")/>
    }
}
