//! The HTML document around an app: what every Kiln page's `<head>` needs.

use leptos::prelude::*;
use leptos_meta::MetaTags;

/// The `<html>` document a Kiln app's `shell` renders on the server around its root component.
///
/// The `<head>` gets the charset and viewport, the framework's stylesheet, the app's own
/// stylesheet (content-hashed by cargo-leptos), the live-reload script in development, and
/// every `<Title>`/`<Meta>` the page's components set (`Document` provides the `leptos_meta`
/// context they need; in the browser, [`hydrate`](crate::hydrate) does). The end of `<body>`
/// gets the script that loads the WASM and hydrates the page, with its preloads, unless the
/// page's route said `hydrate=false` (see [`Route`](crate::routing::Route)): it is decided
/// there, once the page has rendered. The asset URLs come from [`SiteAssets`], which the
/// server resolves once at start-up.
///
/// ```
/// use kiln::prelude::*;
///
/// # #[component] fn App() -> impl IntoView { "hello" }
/// pub fn shell(options: LeptosOptions) -> impl IntoView {
///     view! { <Document options><App/></Document> }
/// }
/// ```
#[component]
pub fn Document(
    /// The site's options (from [`Config`](crate::Config) on the server).
    options: LeptosOptions,
    /// The `lang` attribute of `<html>`.
    #[prop(into, default = "en".into())]
    lang: String,
    /// The app's root component.
    children: Children,
) -> impl IntoView {
    leptos_meta::provide_meta_context();
    let assets = use_context::<SiteAssets>().unwrap_or_else(|| SiteAssets::unhashed(&options));
    let nonce = leptos::nonce::use_nonce();
    let hydration = crate::routing::PageHydration::default();
    provide_context(hydration.clone());
    let hydrate = format!(
        "import('{js}').then(m => m.default({{module_or_path: '{wasm}'}}).then(() => m.hydrate()));",
        js = assets.js,
        wasm = assets.wasm,
    );
    // The flash the page shows, carried to the browser so the hydrated page shows the same.
    let flash = kiln_core::flash().map(|flash| {
        view! {
            <script type="application/json" id=kiln_core::FLASH_ELEMENT_ID>
                {kiln_core::flash_script_content(&flash)}
            </script>
        }
    });
    view! {
        <!DOCTYPE html>
        <html lang=lang>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <FrameworkStylesheet/>
                <link id="app-stylesheet" rel="stylesheet" href=assets.css/>
                <AutoReload options/>
                {crate::seo::canonical_url().map(|href| view! { <link rel="canonical" href=href/> })}
                <MetaTags/>
                {flash}
            </head>
            <body>
                {children()}
                // After the page: only now is it known whether its route hydrates.
                {move || hydration.wanted().then(|| view! {
                    <link rel="modulepreload" href=assets.js.clone()/>
                    <link rel="preload" href=assets.wasm.clone() r#as="fetch" r#type="application/wasm" crossorigin=""/>
                    <script type="module" nonce=nonce.clone()>{hydrate.clone()}</script>
                })}
            </body>
        </html>
    }
}

/// The URLs of the app's built JS, WASM and CSS.
///
/// cargo-leptos names them after the app (`output-name`) and, with `hash-files = true`, puts a
/// hash of their content in each name, listed in a `hash.txt` beside the server binary. Kiln's
/// server reads that file once at start-up ([`SiteAssets::resolve`]) and provides the result to
/// every render through context, where [`Document`] finds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteAssets {
    /// The JS module that loads the WASM: `/pkg/app.HASH.js`.
    pub js: String,
    /// The WebAssembly: `/pkg/app.HASH.wasm`.
    pub wasm: String,
    /// The app's stylesheet: `/pkg/app.HASH.css`.
    pub css: String,
}

impl SiteAssets {
    /// The names cargo-leptos gives the files without `hash-files`.
    pub fn unhashed(options: &LeptosOptions) -> Self {
        let name = &options.output_name;
        // Outside cargo-leptos, wasm-bindgen's own `_bg` suffix is kept.
        let wasm_suffix = if option_env!("LEPTOS_OUTPUT_NAME").is_some() {
            ""
        } else {
            "_bg"
        };
        Self::with_names(
            options,
            &format!("{name}.js"),
            &format!("{name}{wasm_suffix}.wasm"),
            &format!("{name}.css"),
        )
    }

    fn with_names(options: &LeptosOptions, js: &str, wasm: &str, css: &str) -> Self {
        let pkg = &options.site_pkg_dir;
        Self {
            js: format!("/{pkg}/{js}"),
            wasm: format!("/{pkg}/{wasm}"),
            css: format!("/{pkg}/{css}"),
        }
    }

    /// Resolves the URLs for `options`: with `hash_files`, from the hash file cargo-leptos
    /// wrote beside the running binary (an error if it is missing or incomplete).
    #[cfg(feature = "ssr")]
    pub fn resolve(options: &LeptosOptions) -> Result<Self, crate::Error> {
        if !options.hash_files {
            return Ok(Self::unhashed(options));
        }
        let path = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(std::path::Path::to_path_buf))
            .unwrap_or_default()
            .join(options.hash_file.as_ref());
        let hashes = std::fs::read_to_string(&path).map_err(|source| crate::Error::HashFile {
            path: path.clone(),
            source: Some(source),
        })?;
        Self::from_hashes(options, &hashes).ok_or(crate::Error::HashFile { path, source: None })
    }

    /// Parses cargo-leptos's hash file: lines of `js: HASH`, `wasm: HASH`, `css: HASH`.
    #[cfg(feature = "ssr")]
    fn from_hashes(options: &LeptosOptions, hashes: &str) -> Option<Self> {
        let hash_of = |kind: &str| {
            hashes.lines().find_map(|line| {
                let (file, hash) = line.split_once(':')?;
                (file.trim() == kind).then(|| hash.trim().to_owned())
            })
        };
        let name = &options.output_name;
        Some(Self::with_names(
            options,
            &format!("{name}.{}.js", hash_of("js")?),
            &format!("{name}.{}.wasm", hash_of("wasm")?),
            &format!("{name}.{}.css", hash_of("css")?),
        ))
    }
}

/// A `<link>` to the framework's stylesheet ([`FRAMEWORK_CSS`](crate::FRAMEWORK_CSS)), which
/// every Kiln server serves under a URL that changes with its content, so browsers may cache it
/// for a year. [`Document`] includes it; use it directly only in a hand-written document.
#[component]
pub fn FrameworkStylesheet() -> impl IntoView {
    view! { <link rel="stylesheet" href=framework_css_path()/> }
}

/// The URL path of the framework's stylesheet, with a hash of its content in the file name.
pub(crate) fn framework_css_path() -> String {
    format!("/_kiln/kiln.{:016x}.css", FRAMEWORK_CSS_HASH)
}

/// FNV-1a over the stylesheet, computed at compile time.
const FRAMEWORK_CSS_HASH: u64 = {
    let bytes = crate::FRAMEWORK_CSS.as_bytes();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    hash
};

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    fn options(hash_files: bool) -> LeptosOptions {
        LeptosOptions::builder()
            .output_name("shop")
            .hash_files(hash_files)
            .build()
    }

    #[test]
    fn reads_cargo_leptos_hash_file() {
        let assets = SiteAssets::from_hashes(&options(true), "js: aa\nwasm: bb\ncss: cc\n")
            .expect("complete");
        assert_eq!(assets.js, "/pkg/shop.aa.js");
        assert_eq!(assets.wasm, "/pkg/shop.bb.wasm");
        assert_eq!(assets.css, "/pkg/shop.cc.css");
        assert_eq!(SiteAssets::from_hashes(&options(true), "js: aa\n"), None);
    }

    #[test]
    fn without_hashes_the_names_are_the_output_name() {
        let assets = SiteAssets::resolve(&options(false)).expect("no file needed");
        assert_eq!(assets.js, "/pkg/shop.js");
        assert_eq!(assets.css, "/pkg/shop.css");
    }

    #[test]
    fn a_missing_hash_file_is_a_clear_error() {
        let options = LeptosOptions::builder()
            .output_name("shop")
            .hash_files(true)
            .hash_file("no-such-hash-file.txt".into())
            .build();
        let err = SiteAssets::resolve(&options).expect_err("missing");
        assert!(err.to_string().contains("no-such-hash-file.txt"), "{err}");
    }
}
