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
/// there, once the page has rendered. When the app is built with `cargo leptos --split`, the
/// page also preloads the WASM chunks of the lazy routes it rendered (and their loader), so the
/// browser fetches them beside the main module instead of after it. The asset URLs come from [`SiteAssets`], which
/// the server resolves once at start-up.
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
        <html lang=lang data-kiln-views=crate::VIEW_TYPES>
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
                // After the page: only now is it known whether its route hydrates, and which
                // lazy routes' code it ran.
                {move || hydration.wanted().then(|| view! {
                    <link rel="modulepreload" href=assets.js.clone()/>
                    <link rel="preload" href=assets.wasm.clone() r#as="fetch" r#type="application/wasm" crossorigin=""/>
                    {assets.split.as_deref().map(SplitChunks::preloads)}
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
/// server reads that file once at start-up and provides the result to
/// every render through context, where [`Document`] finds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteAssets {
    /// The JS module that loads the WASM: `/pkg/app.HASH.js`.
    pub js: String,
    /// The WebAssembly: `/pkg/app.HASH.wasm`.
    pub wasm: String,
    /// The app's stylesheet: `/pkg/app.HASH.css`.
    pub css: String,
    /// The WASM chunks of lazy routes, when the app was built with `cargo leptos --split`.
    split: Option<std::sync::Arc<SplitChunks>>,
}

/// What a split build (`cargo leptos build --split`) adds to an app's files: each lazy
/// function's WASM chunks (from the `__wasm_split_manifest.json` cargo-leptos writes), and the
/// JS module that loads them.
#[derive(Debug, PartialEq, Eq)]
struct SplitChunks {
    /// `/pkg`.
    pkg: String,
    /// The loader's file name: `__wasm_split.HASH.js`.
    loader: String,
    /// The chunks (file names without `.wasm`) each lazy function needs.
    chunks: std::collections::HashMap<String, Vec<String>>,
}

impl SplitChunks {
    /// The preloads of the chunks the lazy functions this render ran need (Leptos lists them
    /// as they run), and of their loader; nothing if it ran none.
    fn preloads(&self) -> Option<impl IntoView + use<>> {
        let ran = use_context::<leptos::PrefetchLazyFn>()?;
        let ran = ran.0.try_read_value()?;
        let mut files: Vec<&str> = ran
            .iter()
            .filter_map(|name| self.chunks.get(*name))
            .flatten()
            .map(String::as_str)
            .collect();
        if files.is_empty() {
            return None;
        }
        files.sort_unstable();
        files.dedup();
        let pkg = &self.pkg;
        let chunks = files
            .into_iter()
            .map(|file| {
                let href = format!("{pkg}/{file}.wasm");
                view! { <link rel="preload" href=href r#as="fetch" r#type="application/wasm" crossorigin=""/> }
            })
            .collect_view();
        Some(view! {
            <link rel="modulepreload" href=format!("{pkg}/{}", self.loader)/>
            {chunks}
        })
    }
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
            split: None,
        }
    }

    /// Whether the app was built with code splitting (`cargo leptos --split`).
    pub fn is_split(&self) -> bool {
        self.split.is_some()
    }

    /// Resolves the URLs for `options`: with `hash_files`, from the hash file cargo-leptos
    /// wrote beside the running binary, or the one the binary carries (an error if it is
    /// missing or incomplete). A build with `--split` also left a manifest of its WASM chunks in
    /// the site's package directory; it is read here, once (an error if it is there but
    /// unreadable).
    #[cfg(feature = "ssr")]
    pub(crate) fn resolve(
        options: &LeptosOptions,
        site: &crate::static_files::Site,
    ) -> Result<Self, crate::Error> {
        if !options.hash_files {
            let mut assets = Self::unhashed(options);
            assets.split = read_split_manifest(options, site, &SplitNames::unhashed())?;
            return Ok(assets);
        }
        let hashes = site.hash_file(&options.hash_file)?;
        let mut assets =
            Self::from_hashes(options, &hashes).ok_or_else(|| crate::Error::HashFile {
                path: options.hash_file.as_ref().into(),
                source: None,
            })?;
        assets.split = read_split_manifest(options, site, &SplitNames::from_hashes(&hashes))?;
        Ok(assets)
    }

    /// Parses cargo-leptos's hash file: lines of `js: HASH`, `wasm: HASH`, `css: HASH`.
    #[cfg(feature = "ssr")]
    fn from_hashes(options: &LeptosOptions, hashes: &str) -> Option<Self> {
        let name = &options.output_name;
        Some(Self::with_names(
            options,
            &format!("{name}.{}.js", hash_of(hashes, "js")?),
            &format!("{name}.{}.wasm", hash_of(hashes, "wasm")?),
            &format!("{name}.{}.css", hash_of(hashes, "css")?),
        ))
    }
}

/// The hash of one kind of file in cargo-leptos's hash file (`kind: HASH` lines).
#[cfg(feature = "ssr")]
fn hash_of(hashes: &str, kind: &str) -> Option<String> {
    hashes.lines().find_map(|line| {
        let (file, hash) = line.split_once(':')?;
        (file.trim() == kind).then(|| hash.trim().to_owned())
    })
}

/// The names cargo-leptos gives the split build's two extra files: the manifest that lists
/// each lazy function's chunks, and the JS module that loads them.
#[cfg(feature = "ssr")]
#[derive(Debug, PartialEq, Eq)]
struct SplitNames {
    manifest: String,
    loader: String,
}

#[cfg(feature = "ssr")]
impl SplitNames {
    const MANIFEST: &str = "__wasm_split_manifest.json";
    const LOADER: &str = "__wasm_split.______________________.js";

    /// Without `hash-files`, their names are fixed.
    fn unhashed() -> Self {
        Self {
            manifest: Self::MANIFEST.to_owned(),
            loader: Self::LOADER.to_owned(),
        }
    }

    /// With `hash-files`, `manifest: HASH` and `split: HASH` lines name them.
    fn from_hashes(hashes: &str) -> Self {
        Self {
            manifest: hash_of(hashes, "manifest").map_or_else(
                || Self::MANIFEST.to_owned(),
                |hash| format!("__wasm_split_manifest.{hash}.json"),
            ),
            loader: hash_of(hashes, "split").map_or_else(
                || Self::LOADER.to_owned(),
                |hash| format!("__wasm_split.{hash}.js"),
            ),
        }
    }
}

/// Reads the split build's manifest from the site's package directory: `None` when the site
/// was built without `--split`.
#[cfg(feature = "ssr")]
fn read_split_manifest(
    options: &LeptosOptions,
    site: &crate::static_files::Site,
    names: &SplitNames,
) -> Result<Option<std::sync::Arc<SplitChunks>>, crate::Error> {
    let pkg = &options.site_pkg_dir;
    let file = format!("{pkg}/{}", names.manifest);
    let text = match site.file(&file) {
        Ok(Some(text)) => text,
        Ok(None) => return Ok(None),
        Err((path, source)) => {
            return Err(crate::Error::SplitManifest {
                path,
                source: serde_json::Error::io(source),
            });
        }
    };
    let chunks: std::collections::HashMap<String, Vec<String>> = serde_json::from_slice(&text)
        .map_err(|source| crate::Error::SplitManifest {
            path: site.path_of(&file),
            source,
        })?;
    Ok(Some(std::sync::Arc::new(SplitChunks {
        pkg: format!("/{pkg}"),
        loader: names.loader.clone(),
        chunks,
    })))
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
    use crate::static_files::Site;

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
    fn names_the_split_files_from_the_hash_file() {
        let names = SplitNames::from_hashes("js: aa\nmanifest: mm\nsplit: ss\n");
        assert_eq!(names.manifest, "__wasm_split_manifest.mm.json");
        assert_eq!(names.loader, "__wasm_split.ss.js");
        assert_eq!(SplitNames::from_hashes("js: aa\n"), SplitNames::unhashed());
    }

    /// An empty site folder.
    fn site() -> (tempfile::TempDir, Site) {
        let dir = tempfile::tempdir().expect("temp dir");
        let site = Site::folder(dir.path().to_owned()).expect("a folder");
        (dir, site)
    }

    #[test]
    fn reads_the_split_manifest_and_rejects_a_broken_one() {
        let (dir, site) = site();
        std::fs::create_dir(dir.path().join("pkg")).expect("pkg dir");
        let options = options(false);
        assert!(
            !SiteAssets::resolve(&options, &site)
                .expect("no manifest")
                .is_split()
        );

        let manifest = dir.path().join("pkg").join(SplitNames::MANIFEST);
        std::fs::write(&manifest, r#"{"home_view_1": ["split_1", "split_2"]}"#).expect("write");
        let split = read_split_manifest(&options, &site, &SplitNames::unhashed())
            .expect("readable")
            .expect("present");
        assert_eq!(split.pkg, "/pkg");
        assert_eq!(split.chunks["home_view_1"], ["split_1", "split_2"]);
        assert_eq!(split.loader, SplitNames::LOADER);

        std::fs::write(&manifest, "{not json").expect("write");
        let err = SiteAssets::resolve(&options, &site).expect_err("broken");
        assert!(
            err.to_string().contains("__wasm_split_manifest.json"),
            "{err}"
        );
    }

    #[test]
    fn without_hashes_the_names_are_the_output_name() {
        let assets = SiteAssets::resolve(&options(false), &site().1).expect("no file needed");
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
        let err = SiteAssets::resolve(&options, &site().1).expect_err("missing");
        assert!(err.to_string().contains("no-such-hash-file.txt"), "{err}");
    }
}
