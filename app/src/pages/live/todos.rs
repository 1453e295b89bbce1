//! The todo list: rows in SQLite, loaded into a live state on the server (so the first HTML
//! lists them), changed by typed events whose handlers write the database.
//!
//! The list is shared by every visitor and could grow without end, so the state holds one page
//! of it (the newest [`PAGE_SIZE`] items first): what a delta carries stays small however long
//! the list gets, and the list itself is capped at [`MAX_TODOS`] items.

use kiln::prelude::*;
use serde::{Deserialize, Serialize};

use crate::code::{CodeSample, PageMeta};

/// The longest item, in characters.
pub const MAX_TODO: usize = 200;
/// How many items a page of the list shows.
pub const PAGE_SIZE: i64 = 50;
/// How many items the list holds at most (it is open to every visitor).
pub const MAX_TODOS: i64 = 1_000;

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
    /// The list holds as many items as it may.
    #[error("The list is full ({MAX_TODOS} items): remove some first.")]
    Full,
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

/// One page of the list, as the page shows it.
#[derive(LiveState, Clone, Default, Serialize, Deserialize)]
pub struct Todos {
    /// The items of the page, newest first.
    pub items: Vec<Todo>,
    /// Which page: 0 is the newest.
    pub page: i64,
    /// How many items the whole list holds.
    pub total: i64,
}

#[cfg(feature = "ssr")]
fn unavailable(err: impl std::fmt::Display) -> TodoError {
    tracing::error!("todo list: {err}");
    TodoError::Unavailable
}

#[cfg(feature = "ssr")]
impl Todos {
    /// Reads page `page` (clamped to the pages there are) and the total from the database.
    async fn load_page(db: &kiln::Db, page: i64) -> Result<Self, TodoError> {
        let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM todos")
            .fetch_one(db.pool())
            .await
            .map_err(unavailable)?;
        let last = (total - 1).max(0) / PAGE_SIZE;
        let page = page.clamp(0, last);
        // `done` is an integer (0 or 1): sqlx's Any driver reads no SQLite booleans.
        let rows: Vec<(i64, String, i64)> =
            sqlx::query_as("SELECT id, text, done FROM todos ORDER BY id DESC LIMIT $1 OFFSET $2")
                .bind(PAGE_SIZE)
                .bind(page * PAGE_SIZE)
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
        Ok(Self { items, page, total })
    }

    /// Reads this page again: after a change, it shows what the database holds now (other
    /// visitors' items too).
    async fn reload(&mut self, ctx: &Ctx<Self>) -> Result<(), TodoError> {
        let db = ctx.db().map_err(unavailable)?;
        *self = Self::load_page(&db, self.page).await?;
        Ok(())
    }
}

#[live_events]
impl Todos {
    async fn on_load(ctx: &LoadCtx<Self>) -> Result<Self, TodoError> {
        let db = ctx.db().map_err(unavailable)?;
        Self::load_page(&db, 0).await
    }

    /// Adds an item, at the top of the first page.
    pub async fn add(&mut self, ctx: &mut Ctx<Self>, text: String) -> Result<(), TodoError> {
        let text = validate(&text)?;
        let db = ctx.db().map_err(unavailable)?;
        let now = kiln::unix_seconds(std::time::SystemTime::now());
        // One statement: the cap holds however many visitors add at once.
        let added = sqlx::query(
            "INSERT INTO todos (text, done, created_at) \
             SELECT $1, 0, $2 WHERE (SELECT COUNT(*) FROM todos) < $3",
        )
        .bind(&text)
        .bind(now)
        .bind(MAX_TODOS)
        .execute(db.pool())
        .await
        .map_err(unavailable)?;
        if added.rows_affected() == 0 {
            return Err(TodoError::Full);
        }
        self.page = 0;
        self.reload(ctx).await
    }

    /// Marks an item done, or not done.
    pub async fn toggle(&mut self, ctx: &mut Ctx<Self>, id: i64) -> Result<(), TodoError> {
        let db = ctx.db().map_err(unavailable)?;
        let changed = sqlx::query("UPDATE todos SET done = 1 - done WHERE id = $1")
            .bind(id)
            .execute(db.pool())
            .await
            .map_err(unavailable)?;
        self.reload(ctx).await?;
        if changed.rows_affected() == 0 {
            return Err(TodoError::NotFound);
        }
        Ok(())
    }

    /// Removes an item; the page fills up from the next one.
    pub async fn remove(&mut self, ctx: &mut Ctx<Self>, id: i64) -> Result<(), TodoError> {
        let db = ctx.db().map_err(unavailable)?;
        sqlx::query("DELETE FROM todos WHERE id = $1")
            .bind(id)
            .execute(db.pool())
            .await
            .map_err(unavailable)?;
        self.reload(ctx).await
    }

    /// Shows page `page` (0 is the newest).
    pub async fn show_page(&mut self, ctx: &mut Ctx<Self>, page: i64) -> Result<(), TodoError> {
        self.page = page;
        self.reload(ctx).await
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
                    <nav class="todo-pages" aria-label="Pages of the list">
                        <button
                            disabled=move || todos.page.get() == 0
                            on:click=move |_| { todos.show_page(todos.page.get_untracked() - 1); }
                        >"Newer"</button>
                        <span data-testid="todo-count">
                            {move || {
                                let pages = (todos.total.get() + PAGE_SIZE - 1).max(1) / PAGE_SIZE;
                                format!(
                                    "{} items · page {} of {}",
                                    todos.total.get(),
                                    todos.page.get() + 1,
                                    pages.max(1),
                                )
                            }}
                        </span>
                        <button
                            disabled=move || (todos.page.get() + 1) * PAGE_SIZE >= todos.total.get()
                            on:click=move |_| { todos.show_page(todos.page.get_untracked() + 1); }
                        >"Older"</button>
                    </nav>
                </div>
            }
        })}
        <CodeSample title="app/src/pages/live/todos.rs" code=source!("todos.rs")/>
    }
}
