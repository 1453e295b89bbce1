//! Listings against real databases: a SQLite file and PostgreSQL (in a schema of its own), with
//! the same rows and the same checks: pagination, sorting with a tie-breaker, filters whose
//! metacharacters match literally, the base query's own parameter, and hostile input.
//! The rows select `pinned` (a filter needs it in the base query's output) without `Note`
//! reading it.
#![cfg(feature = "ssr")]

use kiln::Db;
use kiln::listing::{Columns, Dir, ListQuery, ListingError, Match, Page, Value};

#[derive(Clone, Debug, PartialEq, sqlx::FromRow, serde::Serialize, serde::Deserialize)]
struct Note {
    id: i64,
    user_id: i64,
    title: String,
    created_at: i64,
}

/// Rows whose titles the filters look for, by id; the other rows are "Note NN".
const SPECIAL: [(i64, &str); 9] = [
    (1, "100% pure"),
    (2, "100 percent"),
    (3, "snake_case notes"),
    (4, "snakeXcase"),
    (5, "back\\slash"),
    (6, "backXslash"),
    (7, "Café ☕ notes"),
    (8, "' OR 1=1 --"),
    (9, "title; DROP TABLE notes"),
];
const ROWS: i64 = 50;
/// Rows 1 to 40 belong to user 1, the last 10 to user 2.
const USER_1_ROWS: i64 = 40;

/// Everything but the bare rows is user 1's notes: the base query binds `$1`.
const BASE: &str = "SELECT id, user_id, title, created_at, pinned FROM notes WHERE user_id = $1";
const ALL: &str = "SELECT id, user_id, title, created_at, pinned FROM notes";

fn title(id: i64) -> String {
    SPECIAL
        .iter()
        .find(|(special, _)| *special == id)
        .map_or_else(|| format!("Note {id:02}"), |(_, title)| (*title).to_owned())
}

/// Five rows share each timestamp, so only the tie-breaker orders them.
fn created_at(id: i64) -> i64 {
    1_000 + id / 5
}

fn columns() -> Columns {
    Columns::new()
        .sortable(["title", "created_at", "id"])
        .filterable(["title"])
        .filter("pinned", Match::Bool)
        .filter("user_id", Match::Integer)
        .default_sort("created_at", Dir::Desc)
        .tie_breaker("id")
}

async fn setup(db: &Db, postgres: bool) {
    sqlx::query("DROP TABLE IF EXISTS notes")
        .execute(db.pool())
        .await
        .expect("drop table");
    // sqlx's Any driver cannot read SQLite columns declared BOOLEAN: they are INTEGER there.
    let create = if postgres {
        "CREATE TABLE notes (id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL, \
         title TEXT NOT NULL, created_at BIGINT NOT NULL, pinned BOOLEAN NOT NULL)"
    } else {
        "CREATE TABLE notes (id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL, \
         title TEXT NOT NULL, created_at BIGINT NOT NULL, pinned INTEGER NOT NULL)"
    };
    sqlx::query(create)
        .execute(db.pool())
        .await
        .expect("create table");
    for id in 1..=ROWS {
        sqlx::query(
            "INSERT INTO notes (id, user_id, title, created_at, pinned) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(if id <= USER_1_ROWS { 1_i64 } else { 2 })
        .bind(title(id))
        .bind(created_at(id))
        .bind(id % 7 == 0)
        .execute(db.pool())
        .await
        .expect("insert");
    }
}

async fn fetch(db: &Db, query: ListQuery) -> Page<Note> {
    columns()
        .check(&query)
        .expect("valid query")
        .fetch::<Note>(db, BASE, &[Value::from(1_i64)])
        .await
        .expect("listing runs")
}

fn ids(page: &Page<Note>) -> Vec<i64> {
    page.items.iter().map(|note| note.id).collect()
}

async fn check_pagination(db: &Db) {
    let first = fetch(db, ListQuery::default().with_per_page(15)).await;
    assert_eq!(first.total, USER_1_ROWS as u64);
    assert_eq!((first.page, first.per_page, first.total_pages), (1, 15, 3));
    assert_eq!(first.items.len(), 15);
    assert!(first.has_next() && !first.has_previous());
    // Newest first, and within one timestamp the highest id first.
    assert_eq!(ids(&first)[..6], [40, 39, 38, 37, 36, 35]);
    assert_eq!(first.items[0].title, "Note 40");

    let last = fetch(db, ListQuery::default().with_per_page(15).with_page(3)).await;
    assert_eq!(last.items.len(), 10, "the last page is partial");
    assert_eq!(ids(&last), (1..=10).rev().collect::<Vec<_>>());
    assert!(!last.has_next() && last.has_previous());
    assert_eq!(last.item_range(), Some((31, 40)));

    let past = fetch(db, ListQuery::default().with_per_page(15).with_page(7)).await;
    assert!(past.items.is_empty());
    assert_eq!((past.page, past.total, past.total_pages), (7, 40, 3));
    assert_eq!(past.previous_page(), Some(3));

    // Every page once: all rows, none twice.
    let mut seen = Vec::new();
    for page in 1..=4 {
        seen.extend(ids(&fetch(
            db,
            ListQuery::default().with_per_page(12).with_page(page),
        )
        .await));
    }
    seen.sort_unstable();
    assert_eq!(seen, (1..=USER_1_ROWS).collect::<Vec<_>>());

    // Clamped numbers: page 0 is the first page, a huge page size the maximum.
    let clamped = fetch(
        db,
        ListQuery::from_pairs([("page", "0"), ("per_page", "100000")]),
    )
    .await;
    assert_eq!((clamped.page, clamped.per_page), (1, 100));
    assert_eq!(clamped.items.len(), 40);
}

async fn check_sorting(db: &Db) {
    let query = |dir| {
        ListQuery::default()
            .with_sort("created_at", dir)
            .with_per_page(100)
    };
    let ascending = fetch(db, query(Dir::Asc)).await;
    let descending = fetch(db, query(Dir::Desc)).await;
    assert_eq!(ids(&ascending), (1..=USER_1_ROWS).collect::<Vec<_>>());
    assert_eq!(
        ids(&descending),
        (1..=USER_1_ROWS).rev().collect::<Vec<_>>()
    );
    // The same query twice gives the same order (the tie-breaker makes it total).
    assert_eq!(ids(&fetch(db, query(Dir::Asc)).await), ids(&ascending));

    // Titles: the "Note NN" rows sort the same way on both databases.
    let by_title = |dir| {
        ListQuery::default()
            .with_sort("title", dir)
            .with_filter("title", "note ")
            .with_per_page(5)
    };
    let up = fetch(db, by_title(Dir::Asc)).await;
    assert_eq!(up.total, 31);
    assert_eq!(ids(&up), [10, 11, 12, 13, 14]);
    let down = fetch(db, by_title(Dir::Desc)).await;
    assert_eq!(ids(&down), [40, 39, 38, 37, 36]);
    assert_eq!(down.sort.as_deref(), Some("title"));
    assert_eq!(down.dir, Dir::Desc);
}

async fn check_filters(db: &Db) {
    let titles = |page: Page<Note>| {
        page.items
            .into_iter()
            .map(|note| note.title)
            .collect::<Vec<_>>()
    };
    let search = |text: &str| ListQuery::default().with_filter("title", text);
    // `%`, `_` and `\` match themselves, not any text or any character.
    assert_eq!(titles(fetch(db, search("0%")).await), ["100% pure"]);
    assert_eq!(titles(fetch(db, search("%")).await), ["100% pure"]);
    assert_eq!(titles(fetch(db, search("e_c")).await), ["snake_case notes"]);
    assert_eq!(titles(fetch(db, search("_")).await), ["snake_case notes"]);
    assert_eq!(titles(fetch(db, search("k\\s")).await), ["back\\slash"]);
    // Case-insensitive, unicode kept as it is.
    assert_eq!(titles(fetch(db, search("SNAKE")).await).len(), 2);
    assert_eq!(
        titles(fetch(db, search("café ☕")).await),
        ["Café ☕ notes"]
    );
    // SQL in a value is text to look for.
    assert_eq!(
        titles(fetch(db, search("' OR 1=1 --")).await),
        ["' OR 1=1 --"]
    );
    assert_eq!(
        titles(fetch(db, search("; DROP TABLE notes")).await),
        ["title; DROP TABLE notes"]
    );
    assert_eq!(fetch(db, search("nothing like this")).await.total, 0);

    // Typed filters, combined with AND.
    let pinned = fetch(db, ListQuery::from_pairs([("pinned", "true")])).await;
    assert_eq!(ids(&pinned), [35, 28, 21, 14, 7]);
    let both = fetch(
        db,
        ListQuery::from_pairs([("pinned", "1"), ("title", "café")]),
    )
    .await;
    assert_eq!(ids(&both), [7]);
    assert_eq!(both.filters.len(), 2);
}

async fn check_base_parameter(db: &Db) {
    // The base query's `$1` and the filters' parameters after it.
    let user_2 = columns()
        .check(&ListQuery::from_pairs([
            ("title", "note 4"),
            ("pinned", "false"),
        ]))
        .expect("valid")
        .fetch::<Note>(db, BASE, &[2_i64.into()])
        .await
        .expect("runs");
    assert_eq!(ids(&user_2), [48, 47, 46, 45, 44, 43, 41]);
    assert!(user_2.items.iter().all(|note| note.user_id == 2));

    // No base parameters: the filters start at `$1`.
    let everyone = columns()
        .check(&ListQuery::from_pairs([
            ("user_id", "2"),
            ("per_page", "3"),
        ]))
        .expect("valid")
        .fetch::<Note>(db, ALL, &[])
        .await
        .expect("runs");
    assert_eq!((everyone.total, ids(&everyone)), (10, vec![50, 49, 48]));

    // A base query built at run time, vouched for with AssertSqlSafe, with two parameters.
    let base = format!("{ALL} WHERE user_id = $1 AND id > $2");
    let built = columns()
        .check(&ListQuery::from_pairs([("title", "NOTE")]))
        .expect("valid")
        .fetch::<Note>(
            db,
            sqlx::AssertSqlSafe(base),
            &[1_i64.into(), 30_i64.into()],
        )
        .await
        .expect("runs");
    assert_eq!(built.total, 10);
}

async fn check_hostile_inputs(db: &Db) {
    let hostile = [
        "title; DROP TABLE notes",
        "title desc, (select 1)",
        "' OR 1=1 --",
        "%",
        "_",
        "Tïtle ☕",
    ];
    for text in hostile {
        let sort = columns().check(&ListQuery::default().with_sort(text, Dir::Asc));
        assert!(
            matches!(sort, Err(ListingError::UnknownSort { .. })),
            "{text}"
        );
        let filter = columns().check(&ListQuery::default().with_filter(text, "x"));
        assert!(
            matches!(filter, Err(ListingError::UnknownFilter { .. })),
            "{text}"
        );
        let dir = columns().check(&ListQuery::from_pairs([("dir", text)]));
        assert!(matches!(dir, Err(ListingError::BadDir { .. })), "{text}");
        let page = columns().check(&ListQuery::from_pairs([("page", text)]));
        assert!(
            matches!(page, Err(ListingError::BadNumber { .. })),
            "{text}"
        );
        let number = columns().check(&ListQuery::from_pairs([("user_id", text)]));
        assert!(
            matches!(number, Err(ListingError::BadFilterValue { .. })),
            "{text}"
        );
        // As a value it runs, matching literally.
        let page = fetch(db, ListQuery::default().with_filter("title", text)).await;
        assert!(
            page.items
                .iter()
                .all(|note| note.title.to_lowercase().contains(&text.to_lowercase())),
            "{text}: {page:?}"
        );
    }
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM notes")
        .fetch_one(db.pool())
        .await
        .expect("the table is still there");
    assert_eq!(count, ROWS);
}

async fn check_everything(db: &Db, postgres: bool) {
    setup(db, postgres).await;
    check_pagination(db).await;
    check_sorting(db).await;
    check_filters(db).await;
    check_base_parameter(db).await;
    check_hostile_inputs(db).await;
}

#[tokio::test]
async fn listing_works_on_sqlite() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = Db::connect(&format!(
        "sqlite://{}",
        dir.path().join("listing.db").display()
    ))
    .await
    .expect("opens");
    check_everything(&db, false).await;
}

/// The same checks against PostgreSQL, in a schema of their own.
#[tokio::test]
async fn listing_works_on_postgres() {
    let Some(schema) = kiln::testing::PostgresSchema::create("kiln_listing_test").await else {
        return;
    };
    let db = Db::connect(&schema.url)
        .await
        .expect("connects to the schema");
    check_everything(&db, true).await;
    schema.drop().await;
}
