//! The users' list, for admins only: a page guarded by `<RequireRole role="admin">` and a
//! server function that checks the role again, listing accounts with `kiln::listing`
//! (paginated, sortable, filtered: only allow-listed column names reach the SQL).

use kiln::auth::{AuthError, RequireRole};
use kiln::listing::{Dir, ListQuery, ListingError, Page};
use kiln::prelude::*;
use kiln::respond::Status;
use leptos::either::Either;
use leptos::server_fn::codec::Json;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use super::KilnDoes;
use crate::code::{CodeSample, PageMeta};

/// Where the page is.
const PATH: &str = "/admin/users";

/// One account, as the list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRow {
    /// The account's id.
    pub id: i64,
    /// Its e-mail address.
    pub email: String,
    /// Its roles, sorted.
    pub roles: Vec<String>,
    /// When it was made, in seconds since the Unix epoch.
    pub created_at: i64,
}

/// A row of the listing's query, before the roles are added.
#[cfg(feature = "ssr")]
#[derive(sqlx::FromRow)]
struct UserRecord {
    id: i64,
    email: String,
    created_at: i64,
}

/// Why the users could not be listed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error, Status)]
pub enum UsersError {
    /// Not signed in, or not an admin.
    #[error("{0}")]
    #[status(transparent)]
    Auth(#[from] AuthError),
    /// The query string asked for a sort, direction, page or filter the list does not have.
    #[error("{0}")]
    #[status(transparent)]
    Listing(#[from] ListingError),
    /// The database failed; the details are in the server's log.
    #[error("The users could not be listed just now. Please try again.")]
    #[status(500)]
    Unavailable,
    /// The request itself failed (network, encoding).
    #[error("The request failed: {0}")]
    #[status(500, from_server_fn)]
    Request(String),
}

/// What the list may be sorted and filtered by: the allow-list.
#[cfg(feature = "ssr")]
fn user_columns() -> kiln::listing::Columns {
    kiln::listing::Columns::new()
        .sortable(["email", "created_at"])
        .filterable(["email"])
        .default_sort("created_at", Dir::Desc)
        .tie_breaker("id")
}

/// One page of the accounts, for an admin: `?page=2&sort=email&dir=asc&email=example`.
#[server(endpoint = "admin/users", input = Json)]
pub async fn list_users(query: ListQuery) -> Result<Page<UserRow>, UsersError> {
    let result = async {
        kiln::auth::require_role("admin").await?;
        let listing = user_columns().check(&query)?;
        let db = kiln::db().map_err(unavailable)?;
        let page = listing
            .fetch::<UserRecord>(&db, "SELECT id, email, created_at FROM kiln_users", &[])
            .await
            .map_err(unavailable)?;
        let mut roles = roles_of(&db, page.items.iter().map(|user| user.id).collect()).await?;
        Ok(page.map(|user| UserRow {
            roles: roles.remove(&user.id).unwrap_or_default(),
            id: user.id,
            email: user.email,
            created_at: user.created_at,
        }))
    }
    .await;
    kiln::respond::answer(result)
}

/// The roles of the users `ids`, by user.
#[cfg(feature = "ssr")]
async fn roles_of(
    db: &kiln::Db,
    ids: Vec<i64>,
) -> Result<std::collections::HashMap<i64, Vec<String>>, UsersError> {
    let mut roles = std::collections::HashMap::<i64, Vec<String>>::new();
    if ids.is_empty() {
        return Ok(roles);
    }
    // Only numbered placeholders are written into the SQL; the ids are bound.
    let placeholders: Vec<String> = (1..=ids.len()).map(|n| format!("${n}")).collect();
    let sql = format!(
        "SELECT user_id, role FROM kiln_user_roles WHERE user_id IN ({}) ORDER BY role",
        placeholders.join(", ")
    );
    let mut query = sqlx::query_as::<_, (i64, String)>(sqlx::AssertSqlSafe(sql));
    for id in ids {
        query = query.bind(id);
    }
    for (user_id, role) in query.fetch_all(db.pool()).await.map_err(unavailable)? {
        roles.entry(user_id).or_default().push(role);
    }
    Ok(roles)
}

#[cfg(feature = "ssr")]
fn unavailable(err: impl std::fmt::Display) -> UsersError {
    tracing::error!("users list: {err}");
    UsersError::Unavailable
}

/// `YYYY-MM-DD` (UTC) of a time in seconds since the Unix epoch.
pub fn date_of(unix: i64) -> String {
    // Howard Hinnant's days-to-civil algorithm.
    let z = unix.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The page: every account, for admins.
#[component]
pub fn UsersPage() -> impl IntoView {
    view! {
        <PageMeta
            title="Users · Kiln"
            description="Every account, for admins: a page guarded by RequireRole and a sortable, \
                         paginated listing."
        />
        <h1>"Users"</h1>
        <RequireRole role="admin">
            <UserTable/>
        </RequireRole>
        <KilnDoes>
            <p><code>"<RequireRole role=\"admin\">"</code> " shows this list to admins only: \
                others get status 403 and a message, and the HTML holds none of the list. The \
                server function checks the role again with " <code>"require_role(\"admin\")"</code>
                ", since anyone can call it. " <code>"kiln::listing"</code> " reads " <code>"?page="</code>
                ", " <code>"?sort="</code> ", " <code>"?dir="</code> " and " <code>"?email="</code>
                " and checks them against an allow-list: only column names written in the code \
                reach the SQL, and the values are bound parameters. The links are plain "
                <code>"href"</code> "s, so paging and sorting work without JavaScript."</p>
            <p>"To make an admin, grant the role from the server's code: "
                <code>"kiln::auth::grant_role(&db, user_id, \"admin\")"</code> "."</p>
        </KilnDoes>
        <CodeSample title="app/src/pages/accounts/users.rs" code=source!("users.rs")/>
    }
}

/// The search box, the table and its pages, from the query string.
#[component]
fn UserTable() -> impl IntoView {
    let query = use_query_map();
    let users = Resource::new(move || ListQuery::from_pairs(query.get()), list_users);
    let given = move |key: &'static str| move || query.with(|q| q.get(key)).unwrap_or_default();
    view! {
        <div class="demo">
            <form class="todo-form" method="get" action=PATH role="search">
                <label for="user-search">"E-mail contains"</label>
                <input id="user-search" type="search" name="email" value=given("email")/>
                <input type="hidden" name="sort" value=given("sort")/>
                <input type="hidden" name="dir" value=given("dir")/>
                <button type="submit">"Search"</button>
            </form>
            <Transition fallback=|| view! { <p>"Loading the users…"</p> }>
                {move || Suspend::new(async move {
                    match users.await {
                        Ok(page) => Either::Left(view! { <UserPage page/> }),
                        Err(error) => Either::Right(view! {
                            <Callout role=CalloutRole::Alert color=Color::Red>{error.to_string()}</Callout>
                        }),
                    }
                })}
            </Transition>
        </div>
    }
}

/// One page of the list, with sort links in the headings and links to the other pages.
#[component]
fn UserPage(page: Page<UserRow>) -> impl IntoView {
    let heading = |column: &'static str, label: &'static str| {
        let arrow = (page.sort.as_deref() == Some(column)).then_some(match page.dir {
            Dir::Asc => " ↑",
            Dir::Desc => " ↓",
        });
        let href = format!("{PATH}?{}", page.sort_query_string(column));
        view! { <a href=href>{label}{arrow}</a> }
    };
    let (by_email, by_date) = (heading("email", "E-mail"), heading("created_at", "Created"));
    let summary = match page.item_range() {
        Some((first, last)) => format!("{first}–{last} of {}", page.total),
        None => "No users match.".to_owned(),
    };
    let rows = page
        .items
        .iter()
        .cloned()
        .map(|user| {
            view! {
                <TableRow>
                    <TableRowHeader>{user.email}</TableRowHeader>
                    <TableCell>
                        {user.roles.into_iter().map(|role| view! { <Badge>{role}</Badge> }).collect_view()}
                    </TableCell>
                    <TableCell>{date_of(user.created_at)}</TableCell>
                </TableRow>
            }
        })
        .collect_view();
    view! {
        <Table variant=Variant::Surface caption="Accounts">
            <TableHeader>
                <TableRow>
                    <TableColumnHeader>{by_email}</TableColumnHeader>
                    <TableColumnHeader>"Roles"</TableColumnHeader>
                    <TableColumnHeader>{by_date}</TableColumnHeader>
                </TableRow>
            </TableHeader>
            <TableBody>{rows}</TableBody>
        </Table>
        <p class="muted" data-testid="users-summary">{summary}</p>
        <Pagination page=page.page total=page.total_pages href=page.link(PATH)/>
    }
}

#[cfg(test)]
mod tests {
    use super::date_of;

    #[test]
    fn dates_are_utc_calendar_days() {
        assert_eq!(date_of(0), "1970-01-01");
        assert_eq!(date_of(1_700_000_000), "2023-11-14");
        assert_eq!(date_of(951_782_400), "2000-02-29");
        assert_eq!(date_of(-1), "1969-12-31");
    }
}
