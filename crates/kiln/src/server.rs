//! The HTTP server: Leptos routes and server functions, static files, health, shutdown.

use std::process::ExitCode;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use leptos::config::LeptosOptions;
use leptos::prelude::*;
use leptos_axum::{AxumRouteListing, LeptosRoutes, generate_route_list};
use tower_http::trace::TraceLayer;

use crate::connections::serve_until_signal;
#[cfg(feature = "live")]
use crate::live::{Live, LiveHub};
use crate::static_files::{self, Site};
use crate::{Config, Db, Error, HttpLimits, Migrations, SiteAssets};

/// A Kiln app's server. Its `main` is usually one expression:
///
/// ```no_run
/// # use kiln::prelude::*;
/// # #[component] fn App() -> impl IntoView { "hello" }
/// # fn shell(options: LeptosOptions) -> impl IntoView { view! { <Document options><App/></Document> } }
/// #[tokio::main]
/// async fn main() -> std::process::ExitCode {
///     kiln::Server::new(App, shell).run().await
/// }
/// ```
///
/// It serves:
/// - every route of the app's `<Routes>`, rendered on the server and hydrated in the browser,
///   and every `#[server]` function;
/// - the built site's files, with year-long caching for content-hashed files and brotli/gzip
///   variants when cargo-leptos wrote them (`--precompress`);
/// - `GET /healthz`: `200 ok` when the database (and live state's store, Redis say) answers,
///   `503` when it does not;
/// - a 404 page, rendered by the app's router fallback, for everything else.
///
/// The app's pages and server functions reach the database with [`db()`](crate::db()).
pub struct Server<A, S> {
    app: A,
    shell: S,
    migrations: Option<Migrations>,
    config: Option<Config>,
    #[cfg(feature = "live")]
    live: Option<Live>,
    #[cfg(feature = "auth")]
    auth: Option<crate::auth::Auth>,
    headers: crate::SecurityHeaders,
    http: HttpLimits,
    sitemap: crate::seo::Sitemap,
    page_cache: crate::cache::PageCache,
}

impl<A, AppView, S, ShellView> Server<A, S>
where
    A: Fn() -> AppView + Clone + Send + Sync + 'static,
    AppView: IntoView + 'static,
    S: Fn(LeptosOptions) -> ShellView + Clone + Send + Sync + 'static,
    ShellView: IntoView + 'static,
{
    /// A server for the app whose root component is `app` and whose HTML document is `shell`.
    pub fn new(app: A, shell: S) -> Self {
        Self {
            app,
            shell,
            migrations: None,
            config: None,
            #[cfg(feature = "live")]
            live: None,
            #[cfg(feature = "auth")]
            auth: None,
            headers: crate::SecurityHeaders::default(),
            http: HttpLimits::default(),
            sitemap: crate::seo::Sitemap::new(),
            page_cache: crate::cache::PageCache::new(),
        }
    }

    /// What `/sitemap.xml` lists beyond every route without a parameter (which it lists
    /// unless skipped): see [`crate::seo`].
    pub fn sitemap(mut self, sitemap: crate::seo::Sitemap) -> Self {
        self.sitemap = sitemap;
        self
    }

    /// Migrations to apply at start-up (unless `KILN_MIGRATE=false`); see
    /// [`kiln::migrations!`](crate::migrations).
    pub fn migrations(mut self, migrations: Migrations) -> Self {
        self.migrations = Some(migrations);
        self
    }

    /// Serves these live states on the live socket; see [`crate::live`].
    #[cfg(feature = "live")]
    pub fn live(mut self, live: Live) -> Self {
        self.live = Some(live);
        self
    }

    /// Turns on accounts and sessions: the auth forms' handlers under `/_kiln/auth/`, and the
    /// signed-in user in every request; see [`crate::auth`].
    #[cfg(feature = "auth")]
    pub fn auth(mut self, auth: crate::auth::Auth) -> Self {
        self.auth = Some(auth);
        self
    }

    /// The security headers every response carries (a Content-Security-Policy with a nonce per
    /// response, no framing, `nosniff`, a referrer policy, HSTS over https): see
    /// [`crate::headers`].
    pub fn security_headers(mut self, headers: crate::SecurityHeaders) -> Self {
        self.headers = headers;
        self
    }

    /// How many connections the server holds and how long it waits for slow clients: see
    /// [`HttpLimits`].
    pub fn http_limits(mut self, limits: HttpLimits) -> Self {
        self.http = limits;
        self
    }

    /// The cache that keeps the pages whose route opts in (see [`crate::cache`]): give one to
    /// size it, or to keep a handle that invalidates from outside a request. A server has one
    /// of 64 MiB otherwise.
    pub fn page_cache(mut self, cache: crate::cache::PageCache) -> Self {
        self.page_cache = cache;
        self
    }

    /// Uses this configuration instead of reading the environment.
    pub fn config(mut self, config: Config) -> Self {
        self.config = Some(config);
        self
    }

    /// The configuration given with [`config`](Self::config), or else the environment's.
    fn take_config(&mut self) -> Result<Config, Error> {
        match self.config.take() {
            Some(config) => Ok(config),
            None => Config::from_env(),
        }
    }

    /// Serves until SIGINT or SIGTERM, then exits 0 once in-flight requests are done. Any error
    /// is printed as one line and the process exits 1: the usual body of `main`.
    pub async fn run(self) -> ExitCode {
        match self.serve().await {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("error: {err}");
                ExitCode::FAILURE
            }
        }
    }

    /// Like [`run`](Self::run), but returns the error instead of printing it.
    pub async fn serve(mut self) -> Result<(), Error> {
        let config = self.take_config()?;
        init_tracing(&config)?;
        let addr = config.leptos.site_addr;
        let grace = config.shutdown_grace;
        let http = self.http.clone();
        let (router, _db, running) = self.config(config).build().await?;
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| Error::Bind { addr, source })?;
        tracing::info!("listening on http://{addr}");
        let stopping = running.clone();
        let signal = async move {
            shutdown_signal().await;
            // Whatever happens below (a handler that never returns, a stuck worker thread), the
            // process ends: HTTP requests get `grace`, live events `grace` more.
            let deadline = grace * 2 + std::time::Duration::from_secs(5);
            std::thread::spawn(move || {
                std::thread::sleep(deadline);
                eprintln!("error: still shutting down after {deadline:?}: exiting now");
                std::process::exit(1);
            });
            // From now on live events wait for the next server; those running finish below.
            stopping.stop_events();
        };
        serve_until_signal(listener, router, http, grace, signal).await?;
        running.shutdown(grace).await;
        Ok(())
    }

    /// Builds the Axum router: finds the site (the one this binary carries, else the site
    /// root), opens the database and applies the
    /// migrations. Tests drive it in-process with `tower::ServiceExt::oneshot`.
    pub async fn router(self) -> Result<(Router, Db), Error> {
        let (router, db, _running) = self.build().await?;
        Ok((router, db))
    }

    /// Opens the database and applies the migrations (auth's, then the app's).
    async fn open_database(&self, config: &Config) -> Result<Db, Error> {
        let db = Db::connect(&config.database_url).await?;
        if config.migrate {
            #[cfg(feature = "auth")]
            if self.auth.is_some() {
                crate::auth::migrate(&db).await?;
            }
            if let Some(migrations) = &self.migrations {
                db.migrate(migrations).await?;
            }
        }
        Ok(db)
    }

    async fn build(mut self) -> Result<(Router, Db, Running), Error> {
        let config = self.take_config()?;
        let site = Site::locate(config.site_root())?;
        // The site's own robots.txt, if it has one, wins over the generated one.
        let own_robots = matches!(site.file("robots.txt"), Ok(Some(_)));
        let db = self.open_database(&config).await?;
        #[cfg(feature = "auth")]
        let auth = match self.auth.take() {
            Some(auth) => Some(start_auth(auth, &config, &db)?),
            None => None,
        };
        let running = Running {
            #[cfg(feature = "live")]
            live: match self.live.take() {
                Some(live) => {
                    #[cfg(feature = "auth")]
                    let live = match &auth {
                        Some(_) => live.on_connect(crate::auth::copy_viewer),
                        None => live,
                    };
                    Some(start_live(live, &db, &config).await?)
                }
                None => None,
            },
        };

        let options = config.leptos.clone();
        let assets = SiteAssets::resolve(&options, &site)?;
        let site_url = crate::seo::SiteUrl(config.public_url.trim_end_matches('/').into());
        let context = {
            let db = db.clone();
            let running = running.clone();
            let site_url = site_url.clone();
            let page_cache = self.page_cache.clone();
            move || {
                crate::headers::provide_response_nonce();
                provide_context(page_cache.clone());
                provide_context(db.clone());
                provide_context(assets.clone());
                provide_context(site_url.clone());
                running.provide_to_render();
            }
        };
        let app_routes = route_list(self.app.clone());
        let shell = {
            let options = options.clone();
            let shell = self.shell.clone();
            move || shell(options.clone())
        };
        // Unmatched paths render in order, as Kiln's routes do by default (see `routing`).
        let not_found =
            leptos_axum::render_app_to_stream_in_order_with_context(context.clone(), shell.clone());
        let hashed_pkg_prefix: Option<Arc<str>> = options
            .hash_files
            .then(|| format!("/{}/", options.site_pkg_dir).into());

        let fallback = move |request: Request<Body>| {
            let site = site.clone();
            let not_found = not_found.clone();
            let hashed_pkg_prefix = hashed_pkg_prefix.clone();
            async move {
                let (parts, body) = request.into_parts();
                let probe = Request::from_parts(parts.clone(), Body::empty());
                if let Some(response) = site.serve(hashed_pkg_prefix.as_deref(), probe).await {
                    return response;
                }
                let mut response = not_found(Request::from_parts(parts, body)).await;
                // Only unmatched paths get here; a page that set another status (a redirect) keeps it.
                if response.status() == StatusCode::OK {
                    *response.status_mut() = StatusCode::NOT_FOUND;
                }
                response
            }
        };

        let health_db = db.clone();
        let health_running = running.clone();
        let sitemap_paths = self
            .sitemap
            .static_paths(app_routes.iter().map(AxumRouteListing::path));
        let sitemap = {
            let (sitemap, site, db) = (self.sitemap.clone(), site_url.0.clone(), db.clone());
            let paths = Arc::new(sitemap_paths);
            move || {
                let (sitemap, site, db, paths) =
                    (sitemap.clone(), site.clone(), db.clone(), paths.clone());
                async move { crate::seo::sitemap_response(sitemap.xml(&site, &paths, &db).await) }
            }
        };
        let robots_site = site_url.0.clone();
        let router = running
            .routes()
            .route("/sitemap.xml", get(sitemap))
            .route(
                &crate::document::framework_css_path(),
                get(|| async { static_files::framework_css() })
                    .layer(crate::compression::stylesheet()),
            )
            .route(
                "/healthz",
                get(move || health(health_db.clone(), health_running.clone())),
            )
            .route(
                kiln_ui::APPEARANCE_PATH,
                axum::routing::post(crate::appearance::set_appearance),
            )
            .leptos_routes_with_context(&options, app_routes, context, shell)
            .fallback(fallback);
        let router = if own_robots {
            router
        } else {
            router.route(
                "/robots.txt",
                get(move || async move { crate::seo::robots(&robots_site) }),
            )
        };
        // Inside auth and the flash, which say whose a request is and fill its holes.
        let router = if config.page_cache {
            router.layer(axum::middleware::from_fn_with_state(
                self.page_cache.clone(),
                crate::cache::serve,
            ))
        } else {
            router
        };
        #[cfg(feature = "auth")]
        let router = match &auth {
            Some(auth) => auth.install(router),
            None => router,
        };
        // Each route's answer to `HEAD` drops the body its handler made: the render must run in
        // a task of its own inside that, so it is the routes' outermost layer.
        let router = router.layer(axum::middleware::from_fn(
            crate::connections::answer_to_the_end,
        ));
        // The rest of the middleware wraps the routes as one service. Layered onto the router,
        // each would wrap every route and clone it, state and handler, on every request: about
        // ten copies of `LeptosOptions` per request, an eighth of a cached page's CPU.
        let router = Router::new().fallback_service(router.with_state(options));
        let policy = crate::headers::Policy::new(
            self.headers.clone(),
            &config.public_url,
            config.public_url_set,
            config.leptos.site_addr,
            (config.leptos.env == leptos::config::Env::DEV).then_some(config.leptos.reload_port),
        )?;
        let flash = kiln_core::FlashSigner::new(
            &config.cookie_secret()?,
            config.public_url.starts_with("https://"),
        );
        let router = router
            .layer(axum::middleware::from_fn_with_state(
                Arc::new(flash),
                kiln_core::carry_flash,
            ))
            .layer(axum::middleware::from_fn_with_state(
                Arc::<str>::from(config.public_url.as_str()),
                crate::origin::refuse_cross_origin,
            ))
            .layer(axum::middleware::from_fn(
                crate::requests::answer_client_mistakes,
            ))
            .layer(axum::middleware::from_fn_with_state(
                config.trust_proxy,
                kiln_core::client_address,
            ))
            .layer(axum::middleware::from_fn_with_state(
                Arc::new(policy),
                crate::headers::middleware,
            ))
            .layer(self.http.body_timeout_layer())
            .layer(crate::compression::pages())
            .layer(TraceLayer::new_for_http());
        Ok((router, db, running))
    }
}

/// The app's routes, generated once per app type per process.
///
/// Leptos generates the list by rendering the app with resources suppressed, and the
/// suppression is a process-wide flag (`leptos_server`'s `SuppressResourceLoad`): a resource
/// that another thread polls for the first time while the flag is up waits forever
/// (leptos-rs/leptos#4773). A server generates its list once, before it accepts a connection,
/// so its renders never meet the flag; but a test process starts one server per test, while
/// other tests' servers render. Generating each app's list once, under a lock every start
/// waits for, keeps that one generation ahead of every render of the app, so in-process tests
/// can run side by side.
fn route_list<A, AppView>(app: A) -> Vec<AxumRouteListing>
where
    A: Fn() -> AppView + Clone + Send + Sync + 'static,
    AppView: IntoView + 'static,
{
    static LISTS: std::sync::Mutex<Vec<(std::any::TypeId, Vec<AxumRouteListing>)>> =
        std::sync::Mutex::new(Vec::new());
    let mut lists = LISTS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let app_type = std::any::TypeId::of::<A>();
    if let Some((_, list)) = lists.iter().find(|(id, _)| *id == app_type) {
        return list.clone();
    }
    let list = generate_route_list(app);
    lists.push((app_type, list.clone()));
    list
}

/// Auth over `db`, with its mailer: what [`Server::auth`] turns on.
#[cfg(feature = "auth")]
fn start_auth(
    auth: crate::auth::Auth,
    config: &Config,
    db: &Db,
) -> Result<crate::auth::AuthService, Error> {
    let mailer = crate::mail::Mailer::new(&config.mail)?;
    tracing::info!("mail: {}", mailer.describe());
    if config.leptos.env == leptos::config::Env::PROD {
        if mailer.outbox().is_some() {
            tracing::warn!(
                "auth is on but KILN_SMTP_URL is not set: reset and verification \
                 links are only logged and written to the outbox"
            );
        }
        if !config.public_url.starts_with("https://") {
            tracing::warn!(
                "KILN_PUBLIC_URL is {}: set it to the site's https:// address, so \
                 links in mail work and cookies are Secure",
                config.public_url
            );
        }
    }
    Ok(crate::auth::AuthService::new(
        auth,
        db.clone(),
        &config.cookie_secret()?,
        mailer,
        &config.public_url,
    )?)
}

/// The live hub for `live`, whose handlers get the app's database (`ctx.db()`); its states
/// kept in Redis when `KILN_REDIS_URL` names one.
#[cfg(feature = "live")]
async fn start_live(live: Live, db: &Db, config: &Config) -> Result<LiveHub, Error> {
    #[cfg(feature = "redis")]
    let live = match &config.redis_url {
        Some(url) => {
            let store = crate::live::RedisStore::open(url)
                .await
                .map_err(|err| Error::Config {
                    var: "KILN_REDIS_URL",
                    value: crate::config::redacted(url),
                    reason: format!("{err}: start Redis, or correct the address"),
                })?;
            tracing::info!(
                "live state is kept in Redis at {}",
                crate::config::redacted(url)
            );
            live.store(store)
        }
        None => live,
    };
    #[cfg(not(feature = "redis"))]
    let _ = config;
    LiveHub::start(live.provide(db.clone()))
        .await
        .map_err(Error::LiveStore)
}

/// The batteries that run alongside the HTTP server: what renders need of them, the routes
/// they add, and their part of a shutdown.
#[derive(Clone, Default)]
struct Running {
    #[cfg(feature = "live")]
    live: Option<LiveHub>,
}

impl Running {
    fn provide_to_render(&self) {
        #[cfg(feature = "live")]
        if let Some(live) = &self.live {
            live.provide_to_render();
        }
    }

    fn routes(&self) -> Router<LeptosOptions> {
        #[cfg(feature = "live")]
        if let Some(live) = &self.live {
            return live.routes();
        }
        Router::new()
    }

    /// Live events stop running: their pages send them again to the next server.
    fn stop_events(&self) {
        #[cfg(feature = "live")]
        if let Some(live) = &self.live {
            live.stop_events();
        }
    }

    /// Running events finish and are stored; then pages hear "going away" and reconnect to
    /// the next server. Waits at most `grace`.
    async fn shutdown(self, grace: std::time::Duration) {
        #[cfg(feature = "live")]
        if let Some(live) = self.live
            && tokio::time::timeout(grace, live.shutdown()).await.is_err()
        {
            tracing::warn!(
                "shutting down: live events or connections still open after {grace:?}, \
                 stopping anyway (unacknowledged events are sent again to the next server)"
            );
        }
        #[cfg(not(feature = "live"))]
        let _ = grace;
    }
}

async fn health(db: Db, running: Running) -> Response {
    if let Err(err) = db.ping().await {
        tracing::warn!("health check failed: {err}");
        return (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response();
    }
    #[cfg(feature = "live")]
    if let Some(live) = &running.live
        && let Err(err) = live.store_ready().await
    {
        tracing::warn!("health check failed: {err}");
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "live state store unavailable",
        )
            .into_response();
    }
    #[cfg(not(feature = "live"))]
    let _ = running;
    (StatusCode::OK, "ok").into_response()
}

async fn shutdown_signal() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut stream) => {
                stream.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
}

fn init_tracing(config: &Config) -> Result<(), Error> {
    let filter =
        tracing_subscriber::EnvFilter::try_new(&config.log).map_err(|err| Error::Config {
            var: "KILN_LOG",
            value: config.log.clone(),
            reason: format!("not a log filter ({err}); try info, debug or kiln=debug,info"),
        })?;
    // A second server in the same process (tests) keeps the first subscriber.
    let _ = tracing_subscriber::fmt().with_env_filter(filter).try_init();
    Ok(())
}
