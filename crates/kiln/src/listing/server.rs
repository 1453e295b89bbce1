//! The server half of listing: which columns a listing may sort and filter by ([`Columns`]),
//! and the queries that fetch a page ([`Listing`]), every value bound.

use std::collections::BTreeMap;

use sqlx::any::{AnyArguments, AnyRow};
use sqlx::{Arguments as _, AssertSqlSafe, SqlSafeStr};

use super::{
    DEFAULT_PER_PAGE, Dir, ListQuery, ListingError, MAX_PAGE, MAX_PER_PAGE, Page, RESERVED_KEYS,
    quoted,
};
use crate::{Db, DbError};

/// How a filter compares a column with the visitor's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Match {
    /// The text column contains the value, ignoring case: `LOWER(col) LIKE LOWER($n) ESCAPE
    /// '\'`, with `%`, `_` and `\` in the value matching themselves. SQLite lowers ASCII
    /// letters only; PostgreSQL lowers what its locale knows. For text columns.
    Contains,
    /// The column equals the value as text: `col = $n`. For text columns.
    Exact,
    /// The column equals the value read as a 64-bit integer; other values are a
    /// [`ListingError::BadFilterValue`].
    Integer,
    /// The column equals the value read as a boolean (`true`/`false`/`1`/`0`); other values
    /// are a [`ListingError::BadFilterValue`]. In SQLite, declare the column `INTEGER`: sqlx's
    /// `Any` driver cannot read columns declared `BOOLEAN` there.
    Bool,
}

/// A value bound to a query parameter: the base query's own arguments, and what the filters
/// bind. Cheap to clone, so one list of arguments serves both the page's query and its count.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Value {
    /// A boolean (`BOOLEAN` in PostgreSQL, 0 or 1 in SQLite).
    Bool(bool),
    /// A 64-bit integer (`BIGINT`).
    Int(i64),
    /// A 64-bit float (`DOUBLE PRECISION` / `REAL`).
    Float(f64),
    /// Text.
    Text(String),
    /// Bytes (`BYTEA` / `BLOB`).
    Bytes(Vec<u8>),
}

macro_rules! value_from {
    ($($ty:ty => $variant:ident $(as $cast:ty)?),* $(,)?) => {$(
        impl From<$ty> for Value {
            fn from(value: $ty) -> Self {
                Self::$variant(value $(as $cast)?.into())
            }
        }
    )*};
}

value_from! {
    bool => Bool,
    i64 => Int,
    i32 => Int,
    i16 => Int,
    u32 => Int,
    f64 => Float,
    f32 => Float,
    String => Text,
    &str => Text,
    Vec<u8> => Bytes,
    &[u8] => Bytes,
}

impl Value {
    fn bind(&self, args: &mut AnyArguments) -> Result<(), sqlx::error::BoxDynError> {
        match self {
            Self::Bool(value) => args.add(*value),
            Self::Int(value) => args.add(*value),
            Self::Float(value) => args.add(*value),
            Self::Text(value) => args.add(value.clone()),
            Self::Bytes(value) => args.add(value.clone()),
        }
    }
}

fn arguments(values: &[Value]) -> Result<AnyArguments, sqlx::Error> {
    let mut args = AnyArguments::default();
    for value in values {
        value.bind(&mut args).map_err(sqlx::Error::Encode)?;
    }
    Ok(args)
}

/// What a listing may be sorted and filtered by, declared by the app: the allow-list. Only
/// these names are ever written into the SQL; they are `&'static str`, so they come from the
/// app's code, never from a request.
///
/// ```
/// use kiln::listing::{Columns, Dir, Match};
/// let columns = Columns::new()
///     .sortable(["title", "created_at"])
///     .filterable(["title"])
///     .filter("user_id", Match::Integer)
///     .default_sort("created_at", Dir::Desc)
///     .tie_breaker("id");
/// ```
///
/// # Panics
///
/// The builder methods panic if a name is not a plain SQL identifier (ASCII letters, digits
/// and `_`, not starting with a digit), or if a filter is named `page`, `per_page`, `sort`
/// or `dir`: a mistake in the app's code, found the first time it runs.
#[derive(Clone, Debug)]
pub struct Columns {
    sortable: Vec<&'static str>,
    filters: Vec<(&'static str, Match)>,
    ignored: Vec<&'static str>,
    default_sort: Option<(&'static str, Dir)>,
    tie_breaker: Option<&'static str>,
    default_per_page: usize,
    max_per_page: usize,
}

impl Default for Columns {
    fn default() -> Self {
        Self::new()
    }
}

fn identifier(name: &'static str) -> &'static str {
    let mut chars = name.chars();
    let valid = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    assert!(
        valid,
        "listing column {name:?} is not a plain SQL identifier (letters, digits and _): \
         alias it in the base query"
    );
    name
}

impl Columns {
    /// An empty allow-list: no sorting, no filters, [`DEFAULT_PER_PAGE`] rows a page, at
    /// most [`MAX_PER_PAGE`].
    pub fn new() -> Self {
        Self {
            sortable: Vec::new(),
            filters: Vec::new(),
            ignored: Vec::new(),
            default_sort: None,
            tie_breaker: None,
            default_per_page: DEFAULT_PER_PAGE,
            max_per_page: MAX_PER_PAGE,
        }
    }

    /// Columns a visitor may sort by (`?sort=title`).
    pub fn sortable(mut self, names: impl IntoIterator<Item = &'static str>) -> Self {
        for name in names {
            let name = identifier(name);
            if !self.sortable.contains(&name) {
                self.sortable.push(name);
            }
        }
        self
    }

    /// Text columns a visitor may filter by, case-insensitive "contains" ([`Match::Contains`]):
    /// `?title=rust`.
    pub fn filterable(self, names: impl IntoIterator<Item = &'static str>) -> Self {
        names
            .into_iter()
            .fold(self, |columns, name| columns.filter(name, Match::Contains))
    }

    /// A column a visitor may filter by, compared as `matching` says. Declaring a column again
    /// replaces its match.
    pub fn filter(mut self, name: &'static str, matching: Match) -> Self {
        let name = identifier(name);
        assert!(
            !RESERVED_KEYS.contains(&name),
            "listing filter {name:?} clashes with a query key the listing reads itself"
        );
        self.filters.retain(|(other, _)| *other != name);
        self.filters.push((name, matching));
        self
    }

    /// Query keys that are neither the listing's nor filters, which the page uses for
    /// something else (`?tab=archived`): [`Columns::check`] skips them instead of rejecting
    /// them as unknown filters.
    pub fn ignore(mut self, keys: impl IntoIterator<Item = &'static str>) -> Self {
        self.ignored.extend(keys);
        self
    }

    /// The order when the query names no `sort` column. It need not be [sortable](Self::sortable).
    pub fn default_sort(mut self, name: &'static str, dir: Dir) -> Self {
        self.default_sort = Some((identifier(name), dir));
        self
    }

    /// A unique column (usually the primary key) ordered after the sort column, in the same
    /// direction, so rows with equal sort values keep one order from page to page.
    pub fn tie_breaker(mut self, name: &'static str) -> Self {
        self.tie_breaker = Some(identifier(name));
        self
    }

    /// The rows a page has when the query does not say, and the most it may ask for (both at
    /// least 1; the default is cut to the maximum).
    pub fn per_page(mut self, default: usize, max: usize) -> Self {
        self.max_per_page = max.max(1);
        self.default_per_page = default.clamp(1, self.max_per_page);
        self
    }

    /// Checks `query` against the allow-list (see the [module docs](super) for what is
    /// clamped and what is rejected). Empty values count as missing, so an empty search box
    /// filters nothing.
    ///
    /// With no `dir`, the direction is the default sort's when the listing is sorted by the
    /// default sort's column, and ascending otherwise.
    pub fn check(&self, query: &ListQuery) -> Result<Listing, ListingError> {
        let given = |value: &Option<String>| value.clone().filter(|value| !value.is_empty());
        let page = match given(&query.page) {
            None => 1,
            Some(value) => number("page", &value)?.clamp(1, MAX_PAGE),
        };
        let per_page = match given(&query.per_page) {
            None => self.default_per_page as u64,
            Some(value) => number("per_page", &value)?.clamp(1, self.max_per_page as u64),
        };
        let sort = match given(&query.sort) {
            None => self.default_sort.map(|(name, _)| name),
            Some(value) => Some(
                self.sortable
                    .iter()
                    .copied()
                    .find(|name| *name == value)
                    .ok_or_else(|| ListingError::UnknownSort {
                        column: quoted(&value),
                        allowed: self.sortable.iter().map(|&name| name.to_owned()).collect(),
                    })?,
            ),
        };
        let dir = match given(&query.dir) {
            Some(value) => value.parse()?,
            None => match self.default_sort {
                Some((name, dir)) if Some(name) == sort => dir,
                _ => Dir::Asc,
            },
        };
        let mut filters = Vec::new();
        for (key, value) in &query.filters {
            if self.ignored.iter().any(|ignored| ignored == key) || value.is_empty() {
                continue;
            }
            let Some(&(column, matching)) = self.filters.iter().find(|(name, _)| name == key)
            else {
                return Err(ListingError::UnknownFilter {
                    column: quoted(key),
                    allowed: self
                        .filters
                        .iter()
                        .map(|(name, _)| (*name).to_owned())
                        .collect(),
                });
            };
            let bad = |expected: &str| ListingError::BadFilterValue {
                column: column.to_owned(),
                value: quoted(value),
                expected: expected.to_owned(),
            };
            let bound = match matching {
                Match::Contains => Value::Text(format!("%{}%", escape_like(value))),
                Match::Exact => Value::Text(value.clone()),
                Match::Integer => {
                    Value::Int(value.trim().parse().map_err(|_| bad("a whole number"))?)
                }
                Match::Bool => Value::Bool(match value.trim() {
                    "true" | "1" => true,
                    "false" | "0" => false,
                    _ => return Err(bad("true or false")),
                }),
            };
            filters.push(Filter {
                column,
                matching,
                given: value.clone(),
                bound,
            });
        }
        Ok(Listing {
            page,
            per_page,
            sort,
            dir,
            tie_breaker: self.tie_breaker.filter(|name| Some(*name) != sort),
            filters,
        })
    }
}

fn number(field: &str, value: &str) -> Result<u64, ListingError> {
    let digits = value.trim();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ListingError::BadNumber {
            field: field.to_owned(),
            value: quoted(value),
        });
    }
    // All digits: only too many of them fails to parse, and that is clamped like a big number.
    Ok(digits.parse().unwrap_or(u64::MAX))
}

/// `value` with the `LIKE` metacharacters `%` and `_` and the escape character `\` escaped.
fn escape_like(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if matches!(c, '\\' | '%' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[derive(Clone, Debug, PartialEq)]
struct Filter {
    column: &'static str,
    matching: Match,
    given: String,
    bound: Value,
}

/// A checked listing request, from [`Columns::check`]: run it with [`Listing::fetch`].
#[derive(Clone, Debug, PartialEq)]
pub struct Listing {
    page: u64,
    per_page: u64,
    sort: Option<&'static str>,
    dir: Dir,
    tie_breaker: Option<&'static str>,
    filters: Vec<Filter>,
}

impl Listing {
    /// The page number, from 1.
    pub fn page(&self) -> u64 {
        self.page
    }

    /// How many rows a page has.
    pub fn per_page(&self) -> u64 {
        self.per_page
    }

    /// How many rows precede this page.
    pub fn offset(&self) -> u64 {
        (self.page - 1).saturating_mul(self.per_page)
    }

    /// The sort column (one of the allowed names), if any.
    pub fn sort(&self) -> Option<&'static str> {
        self.sort
    }

    /// The sort direction.
    pub fn dir(&self) -> Dir {
        self.dir
    }

    /// The filters that apply: column and the value as given.
    pub fn filters(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.filters
            .iter()
            .map(|filter| (filter.column, filter.given.as_str()))
    }

    /// The `WHERE` clause (with a leading space, or empty), numbering parameters after the
    /// base query's `base_params`.
    fn where_clause(&self, base_params: usize) -> String {
        let conditions: Vec<String> = self
            .filters
            .iter()
            .enumerate()
            .map(|(i, filter)| {
                let n = base_params + i + 1;
                match filter.matching {
                    Match::Contains => {
                        format!("LOWER({}) LIKE LOWER(${n}) ESCAPE '\\'", filter.column)
                    }
                    Match::Exact | Match::Integer | Match::Bool => {
                        format!("{} = ${n}", filter.column)
                    }
                }
            })
            .collect();
        if conditions.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", conditions.join(" AND "))
        }
    }

    /// The query for this page's rows, around `base` (which binds `base_params` parameters,
    /// `$1` to `$base_params`): the filters bind the next parameters, then `LIMIT` and
    /// `OFFSET`. Its arguments are the base's, then [`Listing::filter_values`], then
    /// `per_page` and the offset. [`Listing::fetch`] runs it; it is public for logging and
    /// for running it another way.
    pub fn select_sql(&self, base: &str, base_params: usize) -> String {
        let mut sql = format!(
            "SELECT * FROM ({}) AS kiln_listing{}",
            trim_base(base),
            self.where_clause(base_params)
        );
        let order: Vec<String> = self
            .sort
            .into_iter()
            .chain(self.tie_breaker)
            .map(|column| format!("{column} {}", self.dir.sql()))
            .collect();
        if !order.is_empty() {
            sql.push_str(" ORDER BY ");
            sql.push_str(&order.join(", "));
        }
        let n = base_params + self.filters.len() + 1;
        sql.push_str(&format!(" LIMIT ${n} OFFSET ${}", n + 1));
        sql
    }

    /// The query counting the rows of the whole listing, around `base`: its arguments are
    /// the base's then [`Listing::filter_values`].
    pub fn count_sql(&self, base: &str, base_params: usize) -> String {
        format!(
            "SELECT COUNT(*) FROM ({}) AS kiln_listing{}",
            trim_base(base),
            self.where_clause(base_params)
        )
    }

    /// The values the filters bind, in order (a "contains" value is escaped and wrapped in
    /// `%`).
    pub fn filter_values(&self) -> Vec<Value> {
        self.filters
            .iter()
            .map(|filter| filter.bound.clone())
            .collect()
    }

    /// Runs the listing: counts the rows of `base` that pass the filters, then fetches this
    /// page of them, sorted (no second query when the page is past the end).
    ///
    /// `base` is a query both databases understand, such as `SELECT id, title FROM notes
    /// WHERE user_id = $1`, without `ORDER BY` or `LIMIT`; `base_args` are its parameters,
    /// `$1` onwards (`&[user_id.into()]`). Like sqlx's own functions, it takes a
    /// [`SqlSafeStr`]: a `&'static str`, or a built string the app wraps in
    /// [`AssertSqlSafe`] to vouch for it. The rows are decoded with `T`'s `sqlx::FromRow`.
    pub async fn fetch<T>(
        &self,
        db: &Db,
        base: impl SqlSafeStr,
        base_args: &[Value],
    ) -> Result<Page<T>, DbError>
    where
        T: for<'r> sqlx::FromRow<'r, AnyRow> + Send + Unpin,
    {
        let base = base.into_sql_str();
        let mut values = base_args.to_vec();
        values.extend(self.filter_values());

        let count_sql = self.count_sql(base.as_str(), base_args.len());
        let total: i64 = sqlx::query_scalar_with(AssertSqlSafe(count_sql), arguments(&values)?)
            .fetch_one(db.pool())
            .await?;
        let total = u64::try_from(total).unwrap_or(0);

        let items = if self.offset() >= total {
            Vec::new()
        } else {
            values.push(Value::Int(clamp_i64(self.per_page)));
            values.push(Value::Int(clamp_i64(self.offset())));
            let select_sql = self.select_sql(base.as_str(), base_args.len());
            sqlx::query_as_with(AssertSqlSafe(select_sql), arguments(&values)?)
                .fetch_all(db.pool())
                .await?
        };
        Ok(self.page_of(items, total))
    }

    /// A [`Page`] of `items` out of `total` rows, for this listing.
    pub fn page_of<T>(&self, items: Vec<T>, total: u64) -> Page<T> {
        let total_pages = total.div_ceil(self.per_page);
        Page {
            items,
            page: usize::try_from(self.page).unwrap_or(usize::MAX),
            per_page: usize::try_from(self.per_page).unwrap_or(usize::MAX),
            total,
            total_pages: usize::try_from(total_pages).unwrap_or(usize::MAX),
            sort: self.sort.map(str::to_owned),
            dir: self.dir,
            filters: self
                .filters
                .iter()
                .map(|filter| (filter.column.to_owned(), filter.given.clone()))
                .collect::<BTreeMap<_, _>>(),
        }
    }
}

fn clamp_i64(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// The base query without trailing whitespace and semicolons, so it can be wrapped.
fn trim_base(base: &str) -> &str {
    base.trim_end_matches(|c: char| c.is_whitespace() || c == ';')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notes() -> Columns {
        Columns::new()
            .sortable(["title", "created_at"])
            .filterable(["title"])
            .filter("user_id", Match::Integer)
            .filter("pinned", Match::Bool)
            .filter("status", Match::Exact)
            .default_sort("created_at", Dir::Desc)
            .tie_breaker("id")
    }

    const BASE: &str = "SELECT id, title, created_at FROM notes WHERE user_id = $1";

    fn parse(url: &str) -> ListQuery {
        let uri: axum::http::Uri = url.parse().expect("test URI");
        axum::extract::Query::<ListQuery>::try_from_uri(&uri)
            .expect("deserializes")
            .0
    }

    #[test]
    fn defaults_give_first_page_in_default_order() {
        let listing = notes().check(&ListQuery::default()).expect("valid");
        assert_eq!(
            (listing.page(), listing.per_page(), listing.offset()),
            (1, 20, 0)
        );
        assert_eq!(listing.sort(), Some("created_at"));
        assert_eq!(listing.dir(), Dir::Desc);
        assert_eq!(
            listing.select_sql(BASE, 1),
            "SELECT * FROM (SELECT id, title, created_at FROM notes WHERE user_id = $1) \
             AS kiln_listing ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3"
        );
        assert_eq!(
            listing.count_sql(BASE, 1),
            "SELECT COUNT(*) FROM (SELECT id, title, created_at FROM notes WHERE user_id = $1) \
             AS kiln_listing"
        );
    }

    #[test]
    fn deserializes_from_a_url_query() {
        let query = parse("/notes?page=3&per_page=10&sort=title&dir=ASC&title=a%26b+c&pinned=1");
        assert_eq!(query.page.as_deref(), Some("3"));
        assert_eq!(query.dir.as_deref(), Some("ASC"));
        assert_eq!(query.filters["title"], "a&b c");
        let listing = notes().check(&query).expect("valid");
        assert_eq!(
            (listing.page(), listing.per_page(), listing.offset()),
            (3, 10, 20)
        );
        assert_eq!((listing.sort(), listing.dir()), (Some("title"), Dir::Asc));
        assert_eq!(
            listing.filters().collect::<Vec<_>>(),
            [("pinned", "1"), ("title", "a&b c")]
        );
        assert_eq!(
            listing.filter_values(),
            [Value::Bool(true), Value::Text("%a&b c%".into())]
        );
        assert_eq!(
            listing.select_sql(BASE, 1),
            "SELECT * FROM (SELECT id, title, created_at FROM notes WHERE user_id = $1) \
             AS kiln_listing WHERE pinned = $2 AND LOWER(title) LIKE LOWER($3) ESCAPE '\\' \
             ORDER BY title ASC, id ASC LIMIT $4 OFFSET $5"
        );
        assert_eq!(parse("/notes").filters.len(), 0);
    }

    #[test]
    fn numbers_are_clamped_and_garbage_rejected() {
        let check = |url: &str| notes().check(&parse(url));
        let listing = check("/?page=0&per_page=100000").expect("clamped");
        assert_eq!((listing.page(), listing.per_page()), (1, 100));
        let listing = check("/?per_page=0&page=99999999999999999999999").expect("clamped");
        assert_eq!((listing.page(), listing.per_page()), (MAX_PAGE, 1));
        assert!(listing.offset() < i64::MAX as u64);
        let listing = check("/?page=&per_page=&sort=&dir=&title=").expect("empty is missing");
        assert_eq!(
            listing,
            notes().check(&ListQuery::default()).expect("valid")
        );
        for (url, field) in [
            ("/?page=abc", "page"),
            ("/?page=-1", "page"),
            ("/?page=1.5", "page"),
            ("/?per_page=lots", "per_page"),
        ] {
            let err = check(url).expect_err(url);
            assert!(
                matches!(&err, ListingError::BadNumber { field: f, .. } if f == field),
                "{url}: {err:?}"
            );
        }
        assert_eq!(
            check("/?page=abc").expect_err("bad").to_string(),
            "page=\"abc\" is not a whole number: use a number from 1"
        );
        let columns = Columns::new().per_page(10, 50);
        let listing = columns.check(&ListQuery::default()).expect("valid");
        assert_eq!(listing.per_page(), 10);
        let listing = columns
            .check(&ListQuery::default().with_per_page(51))
            .expect("valid");
        assert_eq!(listing.per_page(), 50);
    }

    #[test]
    fn direction_defaults_and_errors() {
        let check = |url: &str| notes().check(&parse(url));
        assert_eq!(check("/?sort=title").expect("valid").dir(), Dir::Asc);
        assert_eq!(check("/?sort=created_at").expect("valid").dir(), Dir::Desc);
        assert_eq!(check("/?dir=asc").expect("valid").dir(), Dir::Asc);
        assert_eq!(
            check("/?sort=title&dir=Desc").expect("valid").dir(),
            Dir::Desc
        );
        let err = check("/?dir=up").expect_err("bad dir");
        assert_eq!(
            err.to_string(),
            "dir=\"up\" is not a sort direction: use asc or desc"
        );
        // No sort at all: no ORDER BY but the tie-breaker.
        let listing = Columns::new()
            .tie_breaker("id")
            .check(&ListQuery::default())
            .expect("valid");
        assert!(
            listing
                .select_sql("SELECT 1 AS id", 0)
                .ends_with(" ORDER BY id ASC LIMIT $1 OFFSET $2")
        );
        let listing = Columns::new().check(&ListQuery::default()).expect("valid");
        assert_eq!(
            listing.select_sql("SELECT 1 AS id;\n", 0),
            "SELECT * FROM (SELECT 1 AS id) AS kiln_listing LIMIT $1 OFFSET $2"
        );
        // Sorting by the tie-breaker itself does not name it twice.
        let listing = Columns::new()
            .sortable(["id"])
            .tie_breaker("id")
            .check(&ListQuery::default().with_sort("id", Dir::Desc))
            .expect("valid");
        assert!(
            listing
                .select_sql("SELECT 1 AS id", 0)
                .contains(" ORDER BY id DESC LIMIT")
        );
    }

    const HOSTILE: [&str; 8] = [
        "title; DROP TABLE notes",
        "title desc, (select 1)",
        "' OR 1=1 --",
        "%",
        "_",
        "\\",
        "Tïtle ☕",
        "title\"",
    ];

    #[test]
    fn hostile_sort_and_filter_names_are_rejected() {
        for hostile in HOSTILE {
            let err = notes()
                .check(&ListQuery::default().with_sort(hostile, Dir::Asc))
                .expect_err(hostile);
            assert_eq!(
                err,
                ListingError::UnknownSort {
                    column: hostile.to_owned(),
                    allowed: vec!["title".into(), "created_at".into()]
                }
            );
            let err = notes()
                .check(&ListQuery::default().with_filter(hostile, "x"))
                .expect_err(hostile);
            assert!(matches!(err, ListingError::UnknownFilter { .. }), "{err:?}");
        }
        assert_eq!(
            notes()
                .check(&ListQuery::default().with_sort("title desc, (select 1)", Dir::Asc))
                .expect_err("hostile")
                .to_string(),
            "cannot sort by \"title desc, (select 1)\": sort by one of title, created_at"
        );
        assert_eq!(
            notes()
                .check(&parse("/?%27%20OR%201%3D1%20--=1"))
                .expect_err("hostile")
                .to_string(),
            "cannot filter by \"' OR 1=1 --\": filter by one of title, user_id, pinned, status"
        );
        assert_eq!(
            Columns::new()
                .check(&parse("/?sort=x"))
                .expect_err("nothing sortable")
                .to_string(),
            "cannot sort by \"x\": this listing cannot sort by any column"
        );
        // Case matters: the allow-list is exact.
        assert!(notes().check(&parse("/?sort=TITLE")).is_err());
        // Long values are cut short in messages.
        let long = "x".repeat(1000);
        let err = notes()
            .check(&ListQuery::default().with_sort(long, Dir::Asc))
            .expect_err("long");
        assert!(err.to_string().len() < 200, "{err}");
    }

    #[test]
    fn hostile_filter_values_are_bound_never_written() {
        let expected_sql = "SELECT * FROM (SELECT id, title, created_at FROM notes WHERE \
                            user_id = $1) AS kiln_listing WHERE status = $2 AND \
                            LOWER(title) LIKE LOWER($3) ESCAPE '\\' ORDER BY created_at \
                            DESC, id DESC LIMIT $4 OFFSET $5";
        for hostile in HOSTILE {
            let query = ListQuery::default()
                .with_filter("title", hostile)
                .with_filter("status", hostile);
            let listing = notes().check(&query).expect(hostile);
            assert_eq!(listing.select_sql(BASE, 1), expected_sql, "{hostile}");
            assert_eq!(
                listing.count_sql(BASE, 1),
                "SELECT COUNT(*) FROM (SELECT id, title, created_at FROM notes WHERE \
                 user_id = $1) AS kiln_listing WHERE status = $2 AND \
                 LOWER(title) LIKE LOWER($3) ESCAPE '\\'",
                "{hostile}"
            );
            assert_eq!(
                listing.filter_values(),
                [
                    Value::Text(hostile.to_owned()),
                    Value::Text(format!("%{}%", escape_like(hostile)))
                ]
            );
        }
        assert_eq!(escape_like("100%_\\x ☕"), "100\\%\\_\\\\x ☕");
        let listing = notes()
            .check(&ListQuery::default().with_filter("title", "50%_off"))
            .expect("valid");
        assert_eq!(
            listing.filter_values(),
            [Value::Text("%50\\%\\_off%".into())]
        );
    }

    #[test]
    fn typed_filters_check_their_values() {
        let check = |url: &str| notes().check(&parse(url));
        assert_eq!(
            check("/?user_id=42&pinned=false")
                .expect("valid")
                .filter_values(),
            [Value::Bool(false), Value::Int(42)]
        );
        let err = check("/?user_id=1%20OR%201%3D1").expect_err("not an integer");
        assert_eq!(
            err.to_string(),
            "user_id=\"1 OR 1=1\" is not valid: use a whole number"
        );
        let err = check("/?pinned=yes").expect_err("not a boolean");
        assert_eq!(
            err.to_string(),
            "pinned=\"yes\" is not valid: use true or false"
        );
    }

    #[test]
    fn ignored_keys_are_skipped() {
        let columns = notes().ignore(["tab"]);
        let listing = columns
            .check(&parse("/?tab=archived&title=x"))
            .expect("valid");
        assert_eq!(listing.filters().collect::<Vec<_>>(), [("title", "x")]);
        assert!(notes().check(&parse("/?tab=archived")).is_err());
    }

    #[test]
    #[should_panic(expected = "not a plain SQL identifier")]
    fn allow_list_names_must_be_identifiers() {
        let _ = Columns::new().sortable(["title desc"]);
    }

    #[test]
    #[should_panic(expected = "clashes with a query key")]
    fn filters_cannot_shadow_reserved_keys() {
        let _ = Columns::new().filterable(["page"]);
    }

    #[test]
    fn pages_link_to_each_other() {
        let query = parse("/?page=2&per_page=10&sort=title&title=50%25+off");
        let listing = notes().check(&query).expect("valid");
        let page = listing.page_of(vec![1; 10], 35);
        assert_eq!((page.page, page.total_pages, page.total), (2, 4, 35));
        assert!(page.has_next() && page.has_previous());
        assert_eq!((page.previous_page(), page.next_page()), (Some(1), Some(3)));
        assert_eq!(page.item_range(), Some((11, 20)));
        assert_eq!(
            page.query_string(4),
            "page=4&per_page=10&sort=title&dir=asc&title=50%25+off"
        );
        assert_eq!(
            page.href("/notes", 1),
            "/notes?page=1&per_page=10&sort=title&dir=asc&title=50%25+off"
        );
        assert_eq!(page.link("/notes")(3), page.href("/notes", 3));
        assert_eq!(
            page.sort_query_string("title"),
            "per_page=10&sort=title&dir=desc&title=50%25+off"
        );
        assert_eq!(
            page.sort_query_string("created_at"),
            "per_page=10&sort=created_at&dir=asc&title=50%25+off"
        );
        // The link parses back to the same listing.
        let again = notes()
            .check(&parse(&page.href("/notes", 2)))
            .expect("valid");
        assert_eq!(again, listing);

        let last = notes()
            .check(&query.clone().with_page(4))
            .expect("valid")
            .page_of(vec![1; 5], 35);
        assert!(!last.has_next() && last.has_previous());
        assert_eq!(last.item_range(), Some((31, 35)));
        let past = notes()
            .check(&query.clone().with_page(9))
            .expect("valid")
            .page_of(Vec::<i32>::new(), 35);
        assert_eq!((past.next_page(), past.previous_page()), (None, Some(4)));
        assert_eq!(past.item_range(), None);
        let empty = notes()
            .check(&ListQuery::default())
            .expect("valid")
            .page_of(Vec::<i32>::new(), 0);
        assert_eq!(empty.total_pages, 0);
        assert!(!empty.has_next() && !empty.has_previous());
        assert_eq!(empty.map(|n| n * 2).total, 0);
    }

    #[test]
    fn pages_round_trip_through_json() {
        let page = notes()
            .check(&parse("/?title=%E2%98%95"))
            .expect("valid")
            .page_of(vec!["a".to_owned()], 1);
        let json = serde_json::to_string(&page).expect("serializes");
        let back: Page<String> = serde_json::from_str(&json).expect("deserializes");
        assert_eq!(back, page);
        assert_eq!(back.filters["title"], "☕");
        let query = ListQuery::default().with_page(2).with_filter("title", "x");
        let json = serde_json::to_string(&query).expect("serializes");
        assert_eq!(json, r#"{"page":"2","title":"x"}"#);
        assert_eq!(
            serde_json::from_str::<ListQuery>(&json).expect("parses"),
            query
        );
    }
}
