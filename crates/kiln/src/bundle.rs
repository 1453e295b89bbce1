//! One file to deploy: the server binary with its built site appended.
//!
//! `kiln build` compiles the app for release (`cargo leptos build --release --precompress
//! --split`), then writes `target/dist/APP`: the server binary, followed by a tar archive of
//! the built site (the hashed JS, WASM and CSS under `/pkg` with their `.br` and `.gz`
//! variants, and the files of `public/`) and of cargo-leptos's hash file, then a trailer of 16
//! bytes: the archive's length (a little-endian `u64`) and the magic `KILNSITE`. Copy that one
//! file to an empty folder on another machine and run it: it serves the app, creates its
//! SQLite database under `data/` and applies the migrations compiled into it.
//!
//! At start-up the server looks for the trailer at the end of its own executable
//! (`std::env::current_exe`). When it is there, the site is served from memory and
//! `LEPTOS_SITE_ROOT` is not read; a binary without it (what `cargo leptos watch` and `cargo
//! leptos serve` run) serves the site folder as before. The site is added after compiling, as
//! `deno compile` and `bun build --compile` add theirs, so the server is compiled once and no
//! build step has to run before another.
//!
//! Files are answered as from a folder: the `.br` or `.gz` variant when the browser accepts it
//! (with `Vary: Accept-Encoding`), a `Content-Type` from the extension, and an `ETag` of the
//! content that a matching `If-None-Match` turns into a 304. Byte ranges are not served: a
//! `Range` header gets the whole file, which HTTP allows.

use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, HeaderValue, Method, Request, Response, StatusCode, header};

/// The last 8 bytes of a binary that carries its site.
const MAGIC: &[u8; 8] = b"KILNSITE";
/// The trailer: the archive's length, then [`MAGIC`].
const TRAILER_LEN: u64 = 16;
/// The folder of the archive that holds the site's files.
const SITE_DIR: &str = "site";
/// The archive's name for cargo-leptos's hash file.
const HASH_FILE: &str = "kiln/hash.txt";

/// Why a site could not be appended to a binary, or read back from one.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BundleError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the file system said.
        source: std::io::Error,
    },

    /// The binary's trailer or archive is damaged.
    #[error(
        "{path} carries a damaged site ({reason}): build it again with `kiln build`, or copy it \
         again"
    )]
    Damaged {
        /// The binary.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },

    /// The input binary already carries a site.
    #[error("{0} already carries a site: append one to the binary cargo built")]
    AlreadyBundled(PathBuf),
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> BundleError + '_ {
    move |source| BundleError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Writes `output`: the server `binary`, then the files of `site_root` and the hash file, in
/// the layout the server reads at start-up. Returns the number of the site's files.
///
/// `output` is written beside its final name and renamed into place, so a failure leaves no
/// half-written file; it is made executable.
pub fn write(
    binary: &Path,
    site_root: &Path,
    hash_file: Option<&Path>,
    output: &Path,
) -> Result<usize, BundleError> {
    if trailer(&mut File::open(binary).map_err(io_error(binary))?, binary)?.is_some() {
        return Err(BundleError::AlreadyBundled(binary.to_owned()));
    }
    let folder = output.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder).map_err(io_error(folder))?;
    let mut partial = tempfile::NamedTempFile::new_in(folder).map_err(io_error(folder))?;
    let file = partial.as_file_mut();
    std::io::copy(
        &mut File::open(binary).map_err(io_error(binary))?,
        &mut *file,
    )
    .map_err(io_error(binary))?;
    let start = file.stream_position().map_err(io_error(output))?;

    let mut archive = tar::Builder::new(&mut *file);
    archive.mode(tar::HeaderMode::Deterministic);
    let mut count = 0;
    for entry in walk(site_root)? {
        let name = Path::new(SITE_DIR).join(entry.strip_prefix(site_root).unwrap_or(&entry));
        archive
            .append_path_with_name(&entry, &name)
            .map_err(io_error(&entry))?;
        count += 1;
    }
    if let Some(hash_file) = hash_file {
        archive
            .append_path_with_name(hash_file, HASH_FILE)
            .map_err(io_error(hash_file))?;
    }
    archive.finish().map_err(io_error(output))?;
    drop(archive);

    let end = file.stream_position().map_err(io_error(output))?;
    file.write_all(&(end - start).to_le_bytes())
        .and_then(|()| file.write_all(MAGIC))
        .and_then(|()| file.flush())
        .map_err(io_error(output))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o755))
            .map_err(io_error(output))?;
    }
    partial
        .persist(output)
        .map_err(|err| io_error(output)(err.error))?;
    Ok(count)
}

/// Every file under `root`, in a stable order.
fn walk(root: &Path) -> Result<Vec<PathBuf>, BundleError> {
    let mut files = Vec::new();
    let mut folders = vec![root.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).map_err(io_error(&folder))? {
            let path = entry.map_err(io_error(&folder))?.path();
            if path.is_dir() {
                folders.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// The archive's length, from the trailer at the end of `file`; `None` when there is none.
fn trailer(file: &mut File, path: &Path) -> Result<Option<u64>, BundleError> {
    let len = file.metadata().map_err(io_error(path))?.len();
    if len < TRAILER_LEN {
        return Ok(None);
    }
    let mut trailer = [0u8; TRAILER_LEN as usize];
    file.seek(SeekFrom::End(-(TRAILER_LEN as i64)))
        .and_then(|_| file.read_exact(&mut trailer))
        .map_err(io_error(path))?;
    if &trailer[8..] != MAGIC {
        return Ok(None);
    }
    let mut archive_len = [0u8; 8];
    archive_len.copy_from_slice(&trailer[..8]);
    let archive_len = u64::from_le_bytes(archive_len);
    if archive_len > len - TRAILER_LEN {
        return Err(BundleError::Damaged {
            path: path.to_owned(),
            reason: format!(
                "its trailer names an archive of {archive_len} bytes in a file of {len}"
            ),
        });
    }
    Ok(Some(archive_len))
}

/// A site read from the end of a binary, held in memory.
#[derive(Debug)]
pub(crate) struct Bundle {
    /// The site's files by path (`pkg/app.HASH.wasm`, `favicon.ico`).
    files: HashMap<String, BundledFile>,
    /// cargo-leptos's hash file, when the site was built with `hash-files`.
    hash_file: Option<Bytes>,
}

#[derive(Debug)]
struct BundledFile {
    bytes: Bytes,
    etag: HeaderValue,
}

impl Bundle {
    /// The site the running executable carries, if it carries one.
    pub(crate) fn of_current_exe() -> Result<Option<Self>, BundleError> {
        let path =
            std::env::current_exe().map_err(io_error(Path::new("the running executable")))?;
        Self::read(&path)
    }

    /// The site `path` carries, if it carries one.
    pub(crate) fn read(path: &Path) -> Result<Option<Self>, BundleError> {
        let mut file = File::open(path).map_err(io_error(path))?;
        let Some(archive_len) = trailer(&mut file, path)? else {
            return Ok(None);
        };
        let mut archive = vec![0u8; usize::try_from(archive_len).unwrap_or(usize::MAX)];
        file.seek(SeekFrom::End(-((archive_len + TRAILER_LEN) as i64)))
            .and_then(|_| file.read_exact(&mut archive))
            .map_err(io_error(path))?;
        Self::parse(Bytes::from(archive))
            .map(Some)
            .map_err(|reason| BundleError::Damaged {
                path: path.to_owned(),
                reason,
            })
    }

    /// Indexes the archive's files without copying them.
    fn parse(archive: Bytes) -> Result<Self, String> {
        let mut files = HashMap::new();
        let mut hash_file = None;
        let mut entries = tar::Archive::new(&archive[..]);
        for entry in entries.entries().map_err(|err| err.to_string())? {
            let entry = entry.map_err(|err| err.to_string())?;
            if !entry.header().entry_type().is_file() {
                continue;
            }
            let start =
                usize::try_from(entry.raw_file_position()).map_err(|err| err.to_string())?;
            let len = usize::try_from(entry.size()).map_err(|err| err.to_string())?;
            let bytes = archive
                .get(start..start.saturating_add(len))
                .map(|_| archive.slice(start..start + len))
                .ok_or("an entry runs past the archive's end")?;
            let name = entry.path().map_err(|err| err.to_string())?;
            let name = name.to_string_lossy();
            if name == HASH_FILE {
                hash_file = Some(bytes);
            } else if let Some(path) = name
                .strip_prefix(SITE_DIR)
                .and_then(|n| n.strip_prefix('/'))
            {
                let etag = etag_of(&bytes);
                files.insert(path.to_owned(), BundledFile { bytes, etag });
            }
        }
        Ok(Self { files, hash_file })
    }

    /// The file at `path` under the site root (`pkg/app.HASH.wasm`).
    pub(crate) fn file(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(|file| &file.bytes[..])
    }

    /// cargo-leptos's hash file, as the build left it.
    pub(crate) fn hash_file(&self) -> Option<&[u8]> {
        self.hash_file.as_deref()
    }

    /// How many files the site has.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.files.len()
    }

    /// Answers a `GET` or `HEAD` of one of the site's files; `None` when there is no such file.
    pub(crate) fn respond(&self, request: &Request<Body>) -> Option<Response<Body>> {
        let method = request.method();
        if method != Method::GET && method != Method::HEAD {
            return None;
        }
        let path = request.uri().path().strip_prefix('/')?;
        let path = percent_encoding::percent_decode_str(path)
            .decode_utf8()
            .ok()?;
        let plain = self.files.get(&*path)?;
        let variants = [("br", ".br"), ("gzip", ".gz")]
            .map(|(coding, suffix)| (coding, self.files.get(&format!("{path}{suffix}"))));
        let has_variants = variants.iter().any(|(_, file)| file.is_some());
        let (file, coding) = variants
            .into_iter()
            .find_map(|(coding, file)| {
                file.filter(|_| accepts(request.headers(), coding))
                    .map(|file| (file, Some(coding)))
            })
            .unwrap_or((plain, None));

        let mut response = Response::new(Body::empty());
        let headers = response.headers_mut();
        headers.insert(header::ETAG, file.etag.clone());
        if has_variants {
            headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
        let fresh = request
            .headers()
            .get_all(header::IF_NONE_MATCH)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .any(|tag| {
                let tag = tag.trim();
                tag == "*" || tag.trim_start_matches("W/").as_bytes() == file.etag.as_bytes()
            });
        if fresh {
            *response.status_mut() = StatusCode::NOT_MODIFIED;
            return Some(response);
        }
        let content_type = mime_guess::from_path(&*path)
            .first_raw()
            .unwrap_or("application/octet-stream");
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(file.bytes.len()));
        if let Some(coding) = coding {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
        }
        if method == Method::GET {
            *response.body_mut() = Body::from(file.bytes.clone());
        }
        Some(response)
    }
}

/// Whether the request's `Accept-Encoding` takes `coding` (named, and not with `q=0`).
fn accepts(headers: &HeaderMap, coding: &str) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|item| {
            let mut parts = item.split(';');
            let named = parts
                .next()
                .is_some_and(|name| name.trim().eq_ignore_ascii_case(coding));
            let refused = parts.any(|param| {
                param
                    .trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            named && !refused
        })
}

/// A strong `ETag` for `bytes`: their length and a hash of them.
fn etag_of(bytes: &[u8]) -> HeaderValue {
    let tag = format!("\"{:x}-{:016x}\"", bytes.len(), crate::cache::digest(bytes));
    HeaderValue::from_str(&tag).unwrap_or_else(|_| HeaderValue::from_static("\"0\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fake "binary" and a site with a plain file, a precompressed one and a public file.
    fn fixture() -> (tempfile::TempDir, PathBuf, PathBuf, PathBuf) {
        let dir = tempfile::tempdir().expect("temp dir");
        let binary = dir.path().join("server");
        std::fs::write(&binary, b"\x7fELF pretend server").expect("binary");
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("pkg")).expect("pkg");
        std::fs::write(site.join("pkg/app.abc.wasm"), b"wasm bytes").expect("wasm");
        std::fs::write(site.join("pkg/app.abc.wasm.br"), b"br bytes").expect("br");
        std::fs::write(site.join("pkg/app.abc.wasm.gz"), b"gz bytes").expect("gz");
        std::fs::write(site.join("favicon.ico"), b"icon").expect("icon");
        std::fs::write(site.join("a file.txt"), b"spaced").expect("spaced");
        let hash = dir.path().join("hash.txt");
        std::fs::write(&hash, "wasm: abc\n").expect("hash");
        (dir, binary, site, hash)
    }

    fn get(bundle: &Bundle, path: &str, headers: &[(&str, &str)]) -> Option<Response<Body>> {
        let mut request = Request::get(path);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        bundle.respond(&request.body(Body::empty()).expect("request"))
    }

    async fn body(response: Response<Body>) -> Vec<u8> {
        axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("body")
            .to_vec()
    }

    #[tokio::test]
    async fn a_bundled_binary_keeps_its_code_and_serves_its_site() {
        let (dir, binary, site, hash) = fixture();
        let output = dir.path().join("dist/app");
        assert_eq!(
            write(&binary, &site, Some(&hash), &output).expect("write"),
            5
        );

        let written = std::fs::read(&output).expect("output");
        assert!(
            written.starts_with(b"\x7fELF pretend server"),
            "the binary comes first"
        );
        assert!(
            Bundle::read(&binary).expect("plain").is_none(),
            "cargo's binary carries none"
        );
        let bundle = Bundle::read(&output).expect("read").expect("a site");
        assert_eq!(bundle.len(), 5);
        assert_eq!(bundle.hash_file(), Some(&b"wasm: abc\n"[..]));
        assert_eq!(bundle.file("favicon.ico"), Some(&b"icon"[..]));

        let plain = get(&bundle, "/pkg/app.abc.wasm", &[]).expect("found");
        assert_eq!(plain.status(), StatusCode::OK);
        assert_eq!(plain.headers()[header::CONTENT_TYPE], "application/wasm");
        assert_eq!(plain.headers()[header::VARY], "accept-encoding");
        assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
        assert_eq!(body(plain).await, b"wasm bytes");

        let br = get(
            &bundle,
            "/pkg/app.abc.wasm",
            &[("accept-encoding", "gzip, br")],
        )
        .expect("br");
        assert_eq!(br.headers()[header::CONTENT_ENCODING], "br");
        assert_eq!(br.headers()[header::CONTENT_LENGTH], "8");
        let etag = br.headers()[header::ETAG].clone();
        assert_eq!(body(br).await, b"br bytes");

        let gz = get(
            &bundle,
            "/pkg/app.abc.wasm",
            &[("accept-encoding", "br;q=0, gzip")],
        )
        .expect("gz");
        assert_eq!(gz.headers()[header::CONTENT_ENCODING], "gzip");
        assert_ne!(
            gz.headers()[header::ETAG],
            etag,
            "each encoding has its own tag"
        );

        let again = get(
            &bundle,
            "/pkg/app.abc.wasm",
            &[
                ("accept-encoding", "br"),
                ("if-none-match", etag.to_str().expect("ascii")),
            ],
        )
        .expect("304");
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
        assert!(body(again).await.is_empty());

        let spaced = get(&bundle, "/a%20file.txt", &[]).expect("decoded");
        assert_eq!(spaced.headers()[header::CONTENT_TYPE], "text/plain");
        let head = bundle
            .respond(
                &Request::head("/favicon.ico")
                    .body(Body::empty())
                    .expect("head"),
            )
            .expect("head");
        assert_eq!(head.headers()[header::CONTENT_LENGTH], "4");
        assert!(body(head).await.is_empty());

        for missing in [
            "/",
            "/pkg",
            "/pkg/",
            "/nope.js",
            "/site/favicon.ico",
            "/kiln/hash.txt",
        ] {
            assert!(get(&bundle, missing, &[]).is_none(), "{missing}");
        }
        let post = Request::post("/favicon.ico")
            .body(Body::empty())
            .expect("post");
        assert!(bundle.respond(&post).is_none());
    }

    #[test]
    fn a_bundle_is_not_bundled_twice_and_a_damaged_one_is_refused() {
        let (dir, binary, site, _) = fixture();
        let output = dir.path().join("app");
        write(&binary, &site, None, &output).expect("write");
        let again = write(&output, &site, None, &dir.path().join("twice")).expect_err("twice");
        assert!(matches!(again, BundleError::AlreadyBundled(_)), "{again}");
        assert!(!dir.path().join("twice").exists());

        // A trailer that names more bytes than the file has.
        let mut bytes = b"short".to_vec();
        bytes.extend_from_slice(&1_000_000u64.to_le_bytes());
        bytes.extend_from_slice(MAGIC);
        let damaged = dir.path().join("damaged");
        std::fs::write(&damaged, bytes).expect("damaged");
        let err = Bundle::read(&damaged).expect_err("damaged");
        assert!(err.to_string().contains("damaged site"), "{err}");

        // A trailer over bytes that are not a tar archive.
        let mut bytes = vec![1u8; 600];
        bytes.extend_from_slice(&600u64.to_le_bytes());
        bytes.extend_from_slice(MAGIC);
        std::fs::write(&damaged, bytes).expect("garbage");
        assert!(Bundle::read(&damaged).is_err());
    }
}
