//! The page cache: a page rendered once and given to every visitor who has nothing of their
//! own on it, as correct for each of them as a page rendered for them.
//!
//! A route opts in with a [`CachePolicy`]: how long its page stays fresh, how long after that
//! it may be served stale while it renders anew in the background, and the tags it is kept
//! under:
//!
//! ```
//! use std::time::Duration;
//! use kiln::prelude::*;
//!
//! #[component]
//! fn App() -> impl IntoView {
//!     let minute = Duration::from_secs(60);
//!     view! {
//!         <Router>
//!             <Routes fallback=|| "Not found">
//!                 <Route path=path!("/") view=|| "Home"
//!                     cache=CachePolicy::max_age(minute).stale_while_revalidate(10 * minute)/>
//!                 <Route path=path!("/posts") view=|| "Posts"
//!                     cache=CachePolicy::max_age(minute).tag("posts")/>
//!             </Routes>
//!         </Router>
//!     }
//! }
//! ```
//!
//! A server function that changes what a tag's pages show drops them at once:
//! `kiln::cache::invalidate("posts")` (a page showing one row adds its own tag while it
//! renders, with [`tag_page`]).
//!
//! # What is kept, and for whom
//!
//! The server keeps a page (in memory, [`PageCache::with_capacity`] bytes in all) for its
//! address (path and query) and colour mode, and gives it to every `GET` for that address
//! that has nothing of its visitor's own:
//!
//! - a visitor with a session (signed in) or a flash (the message of the form they just
//!   posted) always gets a page rendered for them, and their page is never kept;
//! - a page that shows a live state or a signed-in user is never kept, whatever its route
//!   says ([`keep_private`]); neither is a page whose status is not 200 or that sets a cookie;
//! - what every page has of its visitor, the CSRF token of its forms and the nonce of its
//!   scripts, is kept as a hole and filled for each visitor as the page is sent: the page a
//!   visitor gets from the cache is byte for byte the one rendered for them, but for the
//!   masking of the token.
//!
//! The first request for an address renders as usual; when its route turns out to opt in,
//! the next one renders the page once for everybody and keeps it. A kept page goes out with
//! an `ETag` and `Cache-Control: private, no-cache` (a browser may keep its own copy and ask
//! whether it changed, answered `304`; no shared cache between the server and the browser
//! keeps it) and `X-Kiln-Cache: hit`, `stale` or `miss`.
//!
//! What the route promises by opting in: its page depends on its address and the database,
//! not on the request's other headers or cookies. The cache is the server's own: several
//! servers each keep theirs, and an invalidation drops the pages of the server that runs it.

pub use kiln_core::cache::{CachePolicy, keep_private, tag_page};

#[cfg(feature = "ssr")]
mod store;

#[cfg(feature = "ssr")]
pub use store::{CACHE_STATUS_HEADER, PageCache, invalidate};
#[cfg(feature = "ssr")]
pub(crate) use store::{digest, serve};
