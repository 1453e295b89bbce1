//! The showcase's live states, driven through Kiln's headless test client.
#![cfg(feature = "ssr")]

use app::pages::live::{
    CounterError, LiveCounter, LiveCounterEvent, MAX_TODOS, PAGE_SIZE, TodoError, Todos, TodosEvent,
};
use kiln::live::protocol::ErrorCode;
use kiln::live::testing::TestClient;
use kiln::live::{Live, LiveHub};

#[tokio::test]
async fn the_counter_refuses_to_overflow_instead_of_wrapping() {
    let hub = LiveHub::start(Live::new().state::<LiveCounter>())
        .await
        .expect("a hub");
    let mut page = TestClient::connect(&hub).await;
    page.join::<LiveCounter>().await;
    page.call::<LiveCounter>(LiveCounterEvent::Add { by: i64::MAX })
        .await
        .expect("the largest count fits");
    let failure = page
        .call::<LiveCounter>(LiveCounterEvent::Add { by: 1 })
        .await
        .expect_err("one more overflows");
    assert_eq!(failure.code, ErrorCode::Handler);
    let detail: Option<CounterError> = failure
        .detail
        .as_deref()
        .and_then(|detail| serde_json::from_str(detail).ok());
    assert_eq!(detail, Some(CounterError::Overflow));
    assert_eq!(page.view::<LiveCounter>().count, i64::MAX, "unchanged");
}

/// A hub serving the todo list on a fresh SQLite file with the showcase's migrations.
async fn todos_hub() -> (LiveHub, kiln::Db, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let url = format!("sqlite://{}", dir.path().join("todos.db").display());
    let db = kiln::Db::connect(&url).await.expect("a database");
    db.migrate(&app::migrations()).await.expect("migrated");
    let hub = LiveHub::start(Live::new().state::<Todos>().provide(db.clone()))
        .await
        .expect("a hub");
    (hub, db, dir)
}

/// Adds `count` items straight to the table, named `{prefix} 0`, `{prefix} 1`...
async fn insert_todos(db: &kiln::Db, count: i64, prefix: &str) {
    for n in 0..count {
        kiln::sqlx::query("INSERT INTO todos (text, done, created_at) VALUES ($1, 0, 0)")
            .bind(format!("{prefix} {n}"))
            .execute(db.pool())
            .await
            .expect("inserted");
    }
}

#[tokio::test]
async fn the_todo_list_is_paged_so_a_delta_stays_small_however_long_the_list() {
    let (hub, db, _dir) = todos_hub().await;
    insert_todos(&db, 120, "old item").await;
    let mut page = TestClient::connect(&hub).await;
    let first = page.join::<Todos>().await;
    assert_eq!(first.items.len(), PAGE_SIZE as usize, "one page");
    assert_eq!((first.total, first.page), (120, 0));
    assert_eq!(first.items[0].text, "old item 119", "newest first");

    page.received();
    page.call::<Todos>(TodosEvent::Add { text: "new".into() })
        .await
        .expect("added");
    let deltas: Vec<_> = page
        .received()
        .into_iter()
        .filter(|frame| frame["t"] == "delta")
        .collect();
    let sent: usize = deltas.iter().map(|frame| frame.to_string().len()).sum();
    assert!(
        sent < 8 * 1024,
        "an add sends one page, not the list: {sent} bytes"
    );
    let view = page.view::<Todos>();
    assert_eq!((view.total, view.items.len()), (121, PAGE_SIZE as usize));
    assert_eq!(view.items[0].text, "new");

    page.call::<Todos>(TodosEvent::ShowPage { page: 2 })
        .await
        .expect("paged");
    let last = page.view::<Todos>();
    assert_eq!((last.page, last.items.len()), (2, 21));
    assert_eq!(last.items[20].text, "old item 0", "the oldest, last");
    page.call::<Todos>(TodosEvent::ShowPage { page: 99 })
        .await
        .expect("paged");
    assert_eq!(page.view::<Todos>().page, 2, "past the end: the last page");
}

#[tokio::test]
async fn the_todo_list_refuses_items_past_its_cap() {
    let (hub, db, _dir) = todos_hub().await;
    insert_todos(&db, MAX_TODOS - 1, "item").await;
    let mut page = TestClient::connect(&hub).await;
    page.join::<Todos>().await;
    page.call::<Todos>(TodosEvent::Add {
        text: "the last one".into(),
    })
    .await
    .expect("the list has room for one more");
    let failure = page
        .call::<Todos>(TodosEvent::Add {
            text: "one too many".into(),
        })
        .await
        .expect_err("the list is full");
    let detail: Option<TodoError> = failure
        .detail
        .as_deref()
        .and_then(|detail| serde_json::from_str(detail).ok());
    assert_eq!(detail, Some(TodoError::Full));
    let (rows,): (i64,) = kiln::sqlx::query_as("SELECT COUNT(*) FROM todos")
        .fetch_one(db.pool())
        .await
        .expect("counted");
    assert_eq!(rows, MAX_TODOS);
}
