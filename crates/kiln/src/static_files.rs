//! Static files: the built site (JS, WASM, CSS, public files) and the framework's stylesheet.

use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{HeaderValue, Request, Response, StatusCode, header};
use tower::ServiceExt;
use tower_http::services::ServeDir;

use crate::Error;
use crate::bundle::Bundle;

/// `Cache-Control` for files whose name changes with their content.
pub(crate) const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// `Cache-Control` for everything else: cache, but ask the server (cheaply, with
/// `If-Modified-Since` or `If-None-Match`) before each use.
pub(crate) const REVALIDATE: &str = "no-cache";

/// Where the built site comes from.
#[derive(Clone, Debug)]
pub(crate) enum Site {
    /// The folder cargo-leptos built it in (`LEPTOS_SITE_ROOT`), served with the `.br` and
    /// `.gz` siblings cargo-leptos writes with `--precompress` when the client accepts them.
    Folder(PathBuf, ServeDir),
    /// The site the server's own binary carries (see [`bundle`](crate::bundle)).
    Bundled(Arc<Bundle>),
}

impl Site {
    /// The site the running binary carries, else the folder `site_root` (an error if it is
    /// missing).
    pub(crate) fn locate(site_root: PathBuf) -> Result<Self, Error> {
        if let Some(bundle) = Bundle::of_current_exe()? {
            tracing::info!("serving the site this binary carries");
            return Ok(Self::Bundled(Arc::new(bundle)));
        }
        Self::folder(site_root)
    }

    /// The folder `site_root` (an error if it is missing).
    pub(crate) fn folder(site_root: PathBuf) -> Result<Self, Error> {
        if !site_root.is_dir() {
            return Err(Error::SiteRootMissing(site_root));
        }
        let files = ServeDir::new(&site_root)
            .precompressed_br()
            .precompressed_gzip()
            .append_index_html_on_directories(false);
        Ok(Self::Folder(site_root, files))
    }

    /// The file at `path` under the site root (`pkg/__wasm_split_manifest.json`), if there is
    /// one; `Err` with its full path when it is there but cannot be read.
    pub(crate) fn file(
        &self,
        path: &str,
    ) -> Result<Option<Cow<'_, [u8]>>, (PathBuf, std::io::Error)> {
        match self {
            Self::Folder(root, _) => {
                let full = root.join(path);
                match std::fs::read(&full) {
                    Ok(bytes) => Ok(Some(Cow::Owned(bytes))),
                    Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
                    Err(err) => Err((full, err)),
                }
            }
            Self::Bundled(bundle) => Ok(bundle.file(path).map(Cow::Borrowed)),
        }
    }

    /// Where a file of the site is, for messages: the folder's path, or a name in the binary.
    pub(crate) fn path_of(&self, path: &str) -> PathBuf {
        match self {
            Self::Folder(root, _) => root.join(path),
            Self::Bundled(_) => PathBuf::from("(this binary's site)").join(path),
        }
    }

    /// cargo-leptos's hash file, named `name`: beside the running binary when the site is a
    /// folder, in the binary when it carries its site.
    pub(crate) fn hash_file(&self, name: &str) -> Result<String, Error> {
        match self {
            Self::Folder(..) => {
                let path = std::env::current_exe()
                    .ok()
                    .and_then(|exe| exe.parent().map(std::path::Path::to_path_buf))
                    .unwrap_or_default()
                    .join(name);
                std::fs::read_to_string(&path).map_err(|source| Error::HashFile {
                    path,
                    source: Some(source),
                })
            }
            Self::Bundled(bundle) => bundle
                .hash_file()
                .map(|bytes| String::from_utf8_lossy(bytes).into_owned())
                .ok_or_else(|| Error::HashFile {
                    path: PathBuf::from("(this binary's site)").join(name),
                    source: None,
                }),
        }
    }

    /// Answers `request` with one of the site's files; `None` when no such file exists, so
    /// the caller can render its 404 page. Files under `/{pkg_dir}/` whose names carry a hash
    /// are cached for a year, the rest revalidated.
    pub(crate) async fn serve(
        &self,
        hashed_pkg_prefix: Option<&str>,
        request: Request<Body>,
    ) -> Option<Response<Body>> {
        if !matches!(request.method().as_str(), "GET" | "HEAD") {
            return None;
        }
        // No file is named with a NUL byte; the file system would refuse it with an error (500).
        let path = request.uri().path();
        if path.contains('\0') || path.to_ascii_lowercase().contains("%00") {
            return None;
        }
        let immutable = hashed_pkg_prefix.is_some_and(|prefix| {
            request
                .uri()
                .path()
                .strip_prefix(prefix)
                .is_some_and(has_content_hash)
        });
        let mut response = match self {
            Self::Folder(_, files) => {
                let response = match files.clone().oneshot(request).await {
                    Ok(response) => response,
                    Err(never) => match never {},
                };
                if response.status() == StatusCode::NOT_FOUND {
                    return None;
                }
                if response.status().is_server_error() {
                    // A path the file system cannot look up (too long, not a name): no file here.
                    tracing::debug!(status = %response.status(), "static file lookup failed");
                    return None;
                }
                response.map(Body::new)
            }
            Self::Bundled(bundle) => bundle.respond(&request)?,
        };
        if response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED {
            let policy = if immutable { IMMUTABLE } else { REVALIDATE };
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
        }
        Some(response)
    }
}

/// Whether a file name carries the hash of its content, as cargo-leptos names files with
/// `hash-files`: `app.HASH.wasm`, `app.HASH.wasm.br`, `chunk_12.HASH.wasm` (a part between the
/// name and the extension). A file a build left unhashed (`chunk_12.wasm`) has none.
fn has_content_hash(name: &str) -> bool {
    let name = name
        .strip_suffix(".br")
        .or_else(|| name.strip_suffix(".gz"))
        .unwrap_or(name);
    !name.contains('/') && name.split('.').count() >= 3
}

/// The framework stylesheet's response: its URL carries its hash, so it never changes.
pub(crate) fn framework_css() -> Response<Body> {
    let mut response = Response::new(Body::from(crate::FRAMEWORK_CSS));
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/css; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE));
    response
}

#[cfg(test)]
mod tests {
    use super::has_content_hash;

    #[test]
    fn only_names_with_a_content_hash_are_immutable() {
        assert!(has_content_hash(
            "kiln-showcase.QZwoEC0OOhs__6KdsBYEGg.wasm"
        ));
        assert!(has_content_hash(
            "__wasm_split.9GWhKoHw2WpixIb4mhmQtA.js.br"
        ));
        assert!(has_content_hash("chunk_12.GEOQcff8dZUk0aRFEquvuA.wasm"));
        // Without hash-files, names stay from build to build.
        assert!(!has_content_hash("chunk_12.wasm"));
        assert!(!has_content_hash(
            "split___live_view_4892329357065516371.wasm"
        ));
        assert!(!has_content_hash("nested/app.QZwoEC0OOhs__6KdsBYEGg.wasm"));
    }
}
