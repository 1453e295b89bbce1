//! What search engines read: `robots.txt`, a `sitemap.xml` made from the route table, a
//! canonical address on every page, and structured data ([`JsonLd`]).
//!
//! A Kiln server answers `GET /robots.txt` (everything may be crawled but Kiln's own
//! `/_kiln/` and the server functions under `/api/`; the sitemap's address) and
//! `GET /sitemap.xml`: every route of the app without a parameter, less the ones
//! [`Sitemap::skip`] names, plus the pages the app's provider lists for its routes with
//! parameters ([`Sitemap::pages`]: every guestbook entry, every post). A `robots.txt` in the
//! site's own files wins over the generated one. Addresses are absolute, on `KILN_PUBLIC_URL`,
//! as is every page's `<link rel="canonical">`, which [`Document`](crate::Document) writes.
//!
//! ```
//! # #[cfg(feature = "ssr")] {
//! use kiln::seo::Sitemap;
//!
//! let sitemap = Sitemap::new()
//!     .skip("/account")
//!     .pages(|db: kiln::Db| async move {
//!         let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM guestbook")
//!             .fetch_all(db.pool())
//!             .await?;
//!         Ok::<_, sqlx::Error>(ids.into_iter().map(|id| format!("/guestbook/{id}")).collect())
//!     });
//! // kiln::Server::new(App, shell).sitemap(sitemap)
//! # }
//! ```

use leptos::prelude::*;
use serde::Serialize;

/// Structured data for search engines (schema.org, as JSON-LD): a
/// `<script type="application/ld+json">` holding `data`, with every `<` escaped so no text in
/// it can close the element.
///
/// ```
/// use kiln::prelude::*;
/// use kiln::seo::JsonLd;
///
/// #[derive(serde::Serialize)]
/// struct Article { headline: String }
///
/// #[component]
/// fn Post() -> impl IntoView {
///     view! { <JsonLd data=serde_json::json!({"@context": "https://schema.org", "@type": "Article", "headline": "Hello"})/> }
/// }
/// ```
#[component]
pub fn JsonLd<T>(
    /// What the page is, as schema.org describes it.
    data: T,
) -> impl IntoView
where
    T: Serialize + Send + Sync + 'static,
{
    let json = serde_json::to_string(&data)
        .unwrap_or_else(|_| "{}".to_owned())
        .replace('<', "\\u003c");
    view! { <script type="application/ld+json">{json}</script> }
}

/// The site's public address (`KILN_PUBLIC_URL`, without a trailing `/`), given to every
/// render by the server: what canonical addresses and the sitemap start with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteUrl(pub std::sync::Arc<str>);

/// This page's canonical address: the site's public address and the request's path, without
/// its query. `None` outside a server render.
pub fn canonical_url() -> Option<String> {
    #[cfg(feature = "ssr")]
    {
        let site = use_context::<SiteUrl>()?;
        let path = with_context::<http::request::Parts, _>(|parts| parts.uri.path().to_owned())?;
        Some(format!("{}{path}", site.0))
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

#[cfg(feature = "ssr")]
pub use server::*;

#[cfg(feature = "ssr")]
mod server {
    use std::future::Future;
    use std::pin::Pin;
    use std::sync::Arc;

    use axum::http::{StatusCode, header};
    use axum::response::{IntoResponse, Response};
    use kiln_core::Db;

    type Provider = Arc<
        dyn Fn(Db) -> Pin<Box<dyn Future<Output = Result<Vec<String>, String>> + Send>>
            + Send
            + Sync,
    >;

    /// What `sitemap.xml` lists: see the [module documentation](super).
    #[derive(Clone, Default)]
    pub struct Sitemap {
        skip: Vec<String>,
        providers: Vec<Provider>,
    }

    impl std::fmt::Debug for Sitemap {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.debug_struct("Sitemap")
                .field("skip", &self.skip)
                .field("providers", &self.providers.len())
                .finish()
        }
    }

    impl Sitemap {
        /// Every route without a parameter, and nothing else.
        pub fn new() -> Self {
            Self::default()
        }

        /// Leaves the route at `path` out (a page for signed-in visitors, a form's page).
        pub fn skip(mut self, path: impl Into<String>) -> Self {
            self.skip.push(path.into());
            self
        }

        /// Adds the pages `provider` lists (paths like `/guestbook/12`), asked each time the
        /// sitemap is fetched. A provider's error is logged and its pages left out; the rest of
        /// the sitemap is still served.
        pub fn pages<F, Fut, E>(mut self, provider: F) -> Self
        where
            F: Fn(Db) -> Fut + Send + Sync + 'static,
            Fut: Future<Output = Result<Vec<String>, E>> + Send + 'static,
            E: std::fmt::Display,
        {
            let provider = Arc::new(provider);
            self.providers.push(Arc::new(move |db| {
                let pages = provider(db);
                Box::pin(async move { pages.await.map_err(|error| error.to_string()) })
            }));
            self
        }

        /// The route table's paths this sitemap lists: those without a parameter, less the
        /// skipped ones.
        pub(crate) fn static_paths<'a>(
            &self,
            routes: impl IntoIterator<Item = &'a str>,
        ) -> Vec<String> {
            let mut paths: Vec<String> = routes
                .into_iter()
                .filter(|path| !path.contains(['{', '*', ':']))
                .filter(|path| !self.skip.iter().any(|skip| skip == path))
                .map(str::to_owned)
                .collect();
            paths.sort();
            paths.dedup();
            paths
        }

        /// The sitemap's XML: `paths` and the providers' pages, on `site`.
        pub(crate) async fn xml(&self, site: &str, paths: &[String], db: &Db) -> String {
            let mut all = paths.to_vec();
            for provider in &self.providers {
                match provider(db.clone()).await {
                    Ok(pages) => all.extend(pages.into_iter().filter(|page| page.starts_with('/'))),
                    Err(error) => tracing::error!("sitemap: a page provider failed: {error}"),
                }
            }
            let mut xml = String::from(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
                 <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
            );
            for path in all {
                xml.push_str("  <url><loc>");
                xml.push_str(&escape_xml(&format!("{site}{path}")));
                xml.push_str("</loc></url>\n");
            }
            xml.push_str("</urlset>\n");
            xml
        }
    }

    /// `robots.txt`: crawl everything but Kiln's own routes and the server functions; the
    /// sitemap's address.
    pub(crate) fn robots(site: &str) -> Response {
        let body = format!(
            "User-agent: *\nDisallow: /_kiln/\nDisallow: /api/\nAllow: /\n\nSitemap: {site}/sitemap.xml\n"
        );
        ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
    }

    /// A sitemap's answer.
    pub(crate) fn sitemap_response(xml: String) -> Response {
        (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
            xml,
        )
            .into_response()
    }

    fn escape_xml(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for ch in text.chars() {
            match ch {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&apos;"),
                ch => out.push(ch),
            }
        }
        out
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn lists_the_routes_without_parameters_less_the_skipped() {
            let sitemap = Sitemap::new().skip("/account");
            let paths = sitemap.static_paths([
                "/",
                "/guestbook",
                "/guestbook/{id}",
                "/account",
                "/files/{*rest}",
                "/guestbook",
            ]);
            assert_eq!(paths, ["/", "/guestbook"]);
        }

        #[test]
        fn escapes_addresses() {
            assert_eq!(escape_xml("/a?b=1&c=<2>"), "/a?b=1&amp;c=&lt;2&gt;");
        }
    }
}
