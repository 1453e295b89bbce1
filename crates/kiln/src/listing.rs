//! Listings: paginated, sorted and filtered queries whose columns come from an allow-list.
//!
//! A page that lists rows takes a [`ListQuery`] (the query string: `?page=2&sort=title&dir=asc
//! &title=rust`), checks it against the [`Columns`] the app allows, and runs it with
//! [`Listing::fetch`], which returns a [`Page`]: the rows, the page number, the totals and what
//! the listing was sorted and filtered by, ready for the kit's
//! [`Pagination`](crate::ui::Pagination) and for building links that work without JavaScript.
//!
//! Only the names the app declared ever reach the SQL text; every value a visitor sends is a
//! bound parameter. The same code runs on SQLite and PostgreSQL.
//!
//! ```no_run
//! use kiln::listing::{ListQuery, Page};
//! use kiln::prelude::*;
//! use serde::{Deserialize, Serialize};
//!
//! /// One row of the listing.
//! #[derive(Clone, Debug, Serialize, Deserialize)]
//! #[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
//! pub struct Note {
//!     pub id: i64,
//!     pub title: String,
//!     pub created_at: i64,
//! }
//!
//! /// What visitors may sort and filter the notes by.
//! #[cfg(feature = "ssr")]
//! fn note_columns() -> kiln::listing::Columns {
//!     use kiln::listing::{Columns, Dir};
//!     Columns::new()
//!         .sortable(["title", "created_at"])
//!         .filterable(["title"]) // case-insensitive "contains"
//!         .default_sort("created_at", Dir::Desc)
//!         .tie_breaker("id")
//! }
//!
//! /// The current user's notes, one page of them.
//! #[server]
//! pub async fn list_notes(query: ListQuery) -> Result<Page<Note>, ServerFnError> {
//!     let db = kiln::db()?;
//!     let user_id: i64 = 1; // from the session
//!     // A bad sort column, direction or filter is the visitor's mistake: say what is allowed.
//!     let listing = note_columns()
//!         .check(&query)
//!         .map_err(|err| ServerFnError::new(err.to_string()))?;
//!     let page = listing
//!         .fetch::<Note>(
//!             &db,
//!             "SELECT id, title, created_at FROM notes WHERE user_id = $1",
//!             &[user_id.into()],
//!         )
//!         .await?;
//!     Ok(page)
//! }
//!
//! /// The page: `/notes?page=2&sort=title&dir=asc&title=rust`.
//! #[component]
//! pub fn Notes() -> impl IntoView {
//!     let query = leptos_router::hooks::use_query_map();
//!     let notes = Resource::new(
//!         move || ListQuery::from_pairs(query.get().into_iter()),
//!         list_notes,
//!     );
//!     view! {
//!         <Suspense>
//!             {move || notes.get().map(|result| match result {
//!                 Ok(page) => view! {
//!                     <ul>
//!                         {page.items.iter().map(|note| view! { <li>{note.title.clone()}</li> }).collect_view()}
//!                     </ul>
//!                     <Pagination page=page.page total=page.total_pages href=page.link("/notes")/>
//!                 }.into_any(),
//!                 Err(err) => view! { <p>{err.to_string()}</p> }.into_any(),
//!             })}
//!         </Suspense>
//!     }
//! }
//! ```
//!
//! An Axum handler takes the same query with `axum::extract::Query<ListQuery>`.
//!
//! # What happens to bad input
//!
//! | parameter  | missing or empty | out of range | not understood |
//! |------------|------------------|--------------|----------------|
//! | `page`     | 1                | 0 is clamped to 1; past the last page gives an empty page | error ([`ListingError::BadNumber`]) |
//! | `per_page` | the default (20) | clamped to 1..=max (100) | error ([`ListingError::BadNumber`]) |
//! | `sort`     | the default sort | —            | error naming the sortable columns ([`ListingError::UnknownSort`]) |
//! | `dir`      | see [`Columns::check`] | —      | error ([`ListingError::BadDir`]) |
//! | filters    | no filter        | —            | unknown column: error naming the filterable columns ([`ListingError::UnknownFilter`]); bad value for an integer or boolean column: [`ListingError::BadFilterValue`] |
//!
//! Numbers are clamped because an out-of-range number in a link is harmless and a page is more
//! useful than an error; names are rejected because a misspelt column silently ignored would show
//! the wrong rows.
//!
//! # The SQL
//!
//! The app's base query is wrapped, not edited: filters, order and limits apply to its result,
//!
//! ```text
//! SELECT * FROM (<base>) AS kiln_listing WHERE LOWER(title) LIKE LOWER($2) ESCAPE '\'
//!     ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4
//! SELECT COUNT(*) FROM (<base>) AS kiln_listing WHERE LOWER(title) LIKE LOWER($2) ESCAPE '\'
//! ```
//!
//! so the base may have its own `WHERE`, joins and grouping, and the allowed names are the names
//! of the base query's *output* columns (alias a joined column with `AS` to list it). Both
//! databases flatten such a subquery, so indexes still serve the outer `WHERE` and `ORDER BY`.
//! The names are written unquoted: alias a column whose name is an SQL keyword.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

/// How many rows a page has when the query does not say, unless [`Columns::per_page`] changes it.
pub const DEFAULT_PER_PAGE: usize = 20;
/// The most rows a page may have, unless [`Columns::per_page`] changes it.
pub const MAX_PER_PAGE: usize = 100;
/// The query-string keys a listing reads itself; no filter may have these names.
pub const RESERVED_KEYS: [&str; 4] = ["page", "per_page", "sort", "dir"];

/// The highest page number: larger ones are clamped to it, so offsets never overflow.
const MAX_PAGE: u64 = u32::MAX as u64;
/// Values quoted in error messages are cut to this many characters.
const QUOTED_CHARS: usize = 60;

/// A listing request, as it arrives in a query string: `?page=2&per_page=50&sort=title&dir=asc
/// &title=rust`. Every key is optional; every key other than `page`, `per_page`, `sort` and `dir`
/// is a filter (`title=rust`).
///
/// The fields are the raw text, so that a bad value is reported by [`Columns::check`] with a
/// clear [`ListingError`] rather than as a generic deserialization failure. Deserialize it from a
/// URL query (`axum::extract::Query<ListQuery>`), take it as a server function's argument, or
/// build it with [`ListQuery::from_pairs`] or the `with_*` methods.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListQuery {
    /// The page number, from 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// How many rows a page has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<String>,
    /// The column to sort by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<String>,
    /// The direction: `asc` or `desc`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dir: Option<String>,
    /// The filters: column name to value.
    #[serde(flatten)]
    pub filters: BTreeMap<String, String>,
}

impl ListQuery {
    /// A query from key-value pairs, such as a parsed query string or Leptos's `ParamsMap`: the
    /// reserved keys fill their fields and the others become filters. A later pair replaces an
    /// earlier one with the same key.
    ///
    /// ```
    /// use kiln::listing::ListQuery;
    /// let query = ListQuery::from_pairs([("page", "2"), ("title", "rust")]);
    /// assert_eq!(query.page.as_deref(), Some("2"));
    /// assert_eq!(query.filters["title"], "rust");
    /// ```
    pub fn from_pairs<K, V>(pairs: impl IntoIterator<Item = (K, V)>) -> Self
    where
        K: AsRef<str>,
        V: Into<String>,
    {
        let mut query = Self::default();
        for (key, value) in pairs {
            let value = value.into();
            match key.as_ref() {
                "page" => query.page = Some(value),
                "per_page" => query.per_page = Some(value),
                "sort" => query.sort = Some(value),
                "dir" => query.dir = Some(value),
                other => {
                    query.filters.insert(other.to_owned(), value);
                }
            }
        }
        query
    }

    /// This query with `page` set.
    pub fn with_page(mut self, page: usize) -> Self {
        self.page = Some(page.to_string());
        self
    }

    /// This query with `per_page` set.
    pub fn with_per_page(mut self, per_page: usize) -> Self {
        self.per_page = Some(per_page.to_string());
        self
    }

    /// This query sorted by `column` in `dir`.
    pub fn with_sort(mut self, column: impl Into<String>, dir: Dir) -> Self {
        self.sort = Some(column.into());
        self.dir = Some(dir.as_str().to_owned());
        self
    }

    /// This query with a filter on `column`.
    pub fn with_filter(mut self, column: impl Into<String>, value: impl Into<String>) -> Self {
        self.filters.insert(column.into(), value.into());
        self
    }

    /// The query string (without `?`), form-encoded: the reserved keys first, then the filters
    /// by name.
    ///
    /// ```
    /// use kiln::listing::{Dir, ListQuery};
    /// let query = ListQuery::default().with_page(2).with_sort("title", Dir::Asc).with_filter("title", "a&b c");
    /// assert_eq!(query.to_query_string(), "page=2&sort=title&dir=asc&title=a%26b+c");
    /// ```
    pub fn to_query_string(&self) -> String {
        let mut out = String::new();
        let reserved = [
            ("page", &self.page),
            ("per_page", &self.per_page),
            ("sort", &self.sort),
            ("dir", &self.dir),
        ];
        let pairs = reserved
            .into_iter()
            .filter_map(|(key, value)| value.as_deref().map(|value| (key, value)))
            .chain(
                self.filters
                    .iter()
                    .map(|(key, value)| (key.as_str(), value.as_str())),
            );
        for (key, value) in pairs {
            if !out.is_empty() {
                out.push('&');
            }
            form_encode(&mut out, key);
            out.push('=');
            form_encode(&mut out, value);
        }
        out
    }
}

/// Appends `text` form-urlencoded (`application/x-www-form-urlencoded`, as browsers send forms).
fn form_encode(out: &mut String, text: &str) {
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                out.push(char::from(byte));
            }
            b' ' => out.push('+'),
            _ => {
                // Writing to a String cannot fail.
                let _ = write!(out, "%{byte:02X}");
            }
        }
    }
}

/// A sort direction.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dir {
    /// Ascending: smallest first.
    #[default]
    Asc,
    /// Descending: largest first.
    Desc,
}

impl Dir {
    /// `"asc"` or `"desc"`, as in a query string.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Asc => "asc",
            Self::Desc => "desc",
        }
    }

    /// The other direction.
    pub fn reversed(self) -> Self {
        match self {
            Self::Asc => Self::Desc,
            Self::Desc => Self::Asc,
        }
    }

    /// `ASC` or `DESC`, as in SQL.
    #[cfg(feature = "ssr")]
    fn sql(self) -> &'static str {
        match self {
            Self::Asc => "ASC",
            Self::Desc => "DESC",
        }
    }
}

impl std::fmt::Display for Dir {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Dir {
    type Err = ListingError;

    /// `asc` or `desc`, in any case.
    fn from_str(value: &str) -> Result<Self, ListingError> {
        if value.eq_ignore_ascii_case("asc") {
            Ok(Self::Asc)
        } else if value.eq_ignore_ascii_case("desc") {
            Ok(Self::Desc)
        } else {
            Err(ListingError::BadDir {
                value: quoted(value),
            })
        }
    }
}

/// Why a [`ListQuery`] was rejected. Each message says what was wrong and what is allowed, and is
/// fit to show the visitor (a 400 Bad Request); values are quoted and cut short.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[non_exhaustive]
pub enum ListingError {
    /// `page` or `per_page` is not a whole number.
    #[error("{field}={value:?} is not a whole number: use a number from 1")]
    BadNumber {
        /// `page` or `per_page`.
        field: String,
        /// The value given (cut short).
        value: String,
    },

    /// `sort` names a column the listing cannot be sorted by.
    #[error("cannot sort by {column:?}: {}", choices("sort by", allowed))]
    UnknownSort {
        /// The column asked for (cut short).
        column: String,
        /// The columns the listing can be sorted by.
        allowed: Vec<String>,
    },

    /// `dir` is neither `asc` nor `desc`.
    #[error("dir={value:?} is not a sort direction: use asc or desc")]
    BadDir {
        /// The value given (cut short).
        value: String,
    },

    /// A query key names a column the listing cannot be filtered by.
    #[error("cannot filter by {column:?}: {}", choices("filter by", allowed))]
    UnknownFilter {
        /// The column asked for (cut short).
        column: String,
        /// The columns the listing can be filtered by.
        allowed: Vec<String>,
    },

    /// A filter's value does not fit its column (an integer or boolean column).
    #[error("{column}={value:?} is not valid: use {expected}")]
    BadFilterValue {
        /// The column.
        column: String,
        /// The value given (cut short).
        value: String,
        /// What a valid value looks like.
        expected: String,
    },
}

fn choices(verb: &str, allowed: &[String]) -> String {
    if allowed.is_empty() {
        format!("this listing cannot {verb} any column")
    } else {
        format!("{verb} one of {}", allowed.join(", "))
    }
}

/// `value`, cut to [`QUOTED_CHARS`] characters for an error message.
fn quoted(value: &str) -> String {
    match value.char_indices().nth(QUOTED_CHARS) {
        Some((end, _)) => format!("{}…", &value[..end]),
        None => value.to_owned(),
    }
}

/// One page of a listing: its rows and everything a page needs to show where it is and to link
/// to other pages. Serializable, so a server function can return it to the browser.
///
/// `page`, `total_pages` and [`Page::link`] feed the kit's [`Pagination`](crate::ui::Pagination)
/// directly:
///
/// ```
/// use kiln::listing::Page;
/// use kiln::prelude::*;
///
/// #[component]
/// fn Pages(page: Page<String>) -> impl IntoView {
///     view! { <Pagination page=page.page total=page.total_pages href=page.link("/notes")/> }
/// }
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    /// The rows of this page (empty past the last page).
    pub items: Vec<T>,
    /// This page's number, from 1. It may be past `total_pages`, when the query asked for it.
    pub page: usize,
    /// How many rows a page has.
    pub per_page: usize,
    /// How many rows the whole listing has.
    pub total: u64,
    /// How many pages the whole listing has: 0 when it has no rows.
    pub total_pages: usize,
    /// The column the rows are sorted by, if any.
    pub sort: Option<String>,
    /// The sort direction.
    pub dir: Dir,
    /// The filters that applied: column to value.
    pub filters: BTreeMap<String, String>,
}

impl<T> Page<T> {
    /// Whether a page follows this one.
    pub fn has_next(&self) -> bool {
        self.page < self.total_pages
    }

    /// Whether a page precedes this one.
    pub fn has_previous(&self) -> bool {
        self.page > 1
    }

    /// The next page's number, if there is one.
    pub fn next_page(&self) -> Option<usize> {
        self.has_next().then(|| self.page + 1)
    }

    /// The previous page's number, if there is one (the last page, from past the end).
    pub fn previous_page(&self) -> Option<usize> {
        self.has_previous()
            .then(|| (self.page - 1).min(self.total_pages.max(1)))
    }

    /// The 1-based positions of this page's first and last rows in the whole listing ("21–40 of
    /// 95"), or `None` when the page is empty.
    pub fn item_range(&self) -> Option<(u64, u64)> {
        let first = (self.page as u64 - 1).saturating_mul(self.per_page as u64) + 1;
        (!self.items.is_empty()).then(|| (first, first + self.items.len() as u64 - 1))
    }

    /// The query that shows `page` of this listing, with the same size, order and filters.
    pub fn query_for(&self, page: usize) -> ListQuery {
        ListQuery {
            page: Some(page.max(1).to_string()),
            per_page: Some(self.per_page.to_string()),
            sort: self.sort.clone(),
            dir: self.sort.as_ref().map(|_| self.dir.as_str().to_owned()),
            filters: self.filters.clone(),
        }
    }

    /// The query string (without `?`) of `page` of this listing.
    ///
    /// ```
    /// # use kiln::listing::{Dir, Page};
    /// # let page = Page::<()> { items: vec![], page: 1, per_page: 20, total: 0, total_pages: 0,
    /// #     sort: Some("title".into()), dir: Dir::Asc, filters: [("title".into(), "50%".into())].into() };
    /// assert_eq!(page.query_string(3), "page=3&per_page=20&sort=title&dir=asc&title=50%25");
    /// ```
    pub fn query_string(&self, page: usize) -> String {
        self.query_for(page).to_query_string()
    }

    /// The URL of `page` of this listing at `path`: `path?page=…`.
    pub fn href(&self, path: &str, page: usize) -> String {
        format!("{path}?{}", self.query_string(page))
    }

    /// Each page's URL at `path`: the `href` of a [`Pagination`](crate::ui::Pagination).
    pub fn link(&self, path: &str) -> impl Fn(usize) -> String + Clone + Send + Sync + 'static {
        let path = path.to_owned();
        let base = self.query_for(1);
        move |page| {
            let query = base.clone().with_page(page.max(1));
            format!("{path}?{}", query.to_query_string())
        }
    }

    /// The query string of the first page sorted by `column`: the other direction if the listing
    /// is sorted by it already, ascending otherwise. For links in column headings.
    pub fn sort_query_string(&self, column: &str) -> String {
        let dir = if self.sort.as_deref() == Some(column) {
            self.dir.reversed()
        } else {
            Dir::Asc
        };
        let mut query = self.query_for(1).with_sort(column, dir);
        query.page = None;
        query.to_query_string()
    }

    /// The same page with each row mapped through `f`.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            page: self.page,
            per_page: self.per_page,
            total: self.total,
            total_pages: self.total_pages,
            sort: self.sort,
            dir: self.dir,
            filters: self.filters,
        }
    }
}

#[cfg(feature = "ssr")]
pub use server::{Columns, Listing, Match, Value};

#[cfg(feature = "ssr")]
mod server;
