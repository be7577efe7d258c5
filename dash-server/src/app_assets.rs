//! The app's own assets folder (Python Dash's `assets/`): the stylesheets, scripts and
//! favicon the page links, found by Python Dash's rules, and every file in it served.
//!
//! The page's list is made once, when the app is built:
//!
//! - folders are visited in the sorted order of their paths, so the root first, and each
//!   folder's files in the sorted order of their names (by code point: `x1`, `x10`, `x2`);
//! - a name ending in `js` is a script (one ending in `.mjs` a module), a name ending in
//!   `css` a stylesheet, and a file named `favicon.ico`, in any folder, the favicon (the
//!   last found wins);
//! - `assets_ignore` leaves out the files whose name it matches, and `assets_path_ignore`
//!   the folders (with what they hold) whose name one of its expressions matches. Left out
//!   of the page, they are still served.
//!
//! Each link carries `?m=` and a token that changes with the file (its modification time,
//! or for embedded files a hash of their bytes), so that a browser fetches a file again
//! once it has changed. A folder's files are read when they are asked for; embedded files
//! (`dash::embed_assets!`, for release builds) are in the binary. Names starting with `.`
//! (`.env`, `.git/`) are neither linked nor served.

use std::io;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use regex::Regex;

use crate::config::Config;
use crate::startup::StartupError;

/// The assets folder the settings name, read: `None` when none is set and the default
/// `assets` does not exist. A folder set that does not exist, an expression that does not
/// parse, or a url path that is not a path segment stops the app.
pub(crate) fn from_config(
    config: &Config,
    assets: Option<Assets>,
) -> Result<Option<AssetsFolder>, StartupError> {
    let setting = |setting: &'static str, reason: String| StartupError::Setting { setting, reason };
    let url_path = config.assets_url_path.trim_matches('/');
    let plain = |segment: &str| {
        !segment.is_empty()
            && segment != "."
            && segment != ".."
            && segment
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~'))
    };
    if url_path.is_empty() || !url_path.split('/').all(plain) {
        return Err(setting(
            "assets_url_path",
            format!(
                "`{}` is not a path such as `assets` or `static/app` (letters, digits, `-`, \
                 `_`, `.` and `~` between slashes)",
                config.assets_url_path
            ),
        ));
    }
    let first = url_path.split('/').next().unwrap_or_default();
    if first.starts_with("_dash-") || first == "_reload-hash" || first == "_favicon.ico" {
        return Err(setting(
            "assets_url_path",
            format!("`{first}` is one of the protocol's routes"),
        ));
    }
    let source = match (assets, &config.assets_folder) {
        (Some(Assets(source)), _) => source,
        (None, Some(folder)) => Source::Folder(folder.clone()),
        (None, None) if Path::new("assets").is_dir() => Source::Folder(PathBuf::from("assets")),
        (None, None) => return Ok(None),
    };
    if let Source::Folder(folder) = &source
        && !folder.is_dir()
    {
        return Err(setting(
            "assets_folder",
            format!("`{}` is not a folder", folder.display()),
        ));
    }
    let regex = |setting_name: &'static str, pattern: &str| {
        Regex::new(pattern).map_err(|error| setting(setting_name, error.to_string()))
    };
    let ignore = Ignore {
        files: config
            .assets_ignore
            .as_deref()
            .map(|pattern| regex("assets_ignore", pattern))
            .transpose()?,
        folders: config
            .assets_path_ignore
            .iter()
            .map(|pattern| regex("assets_path_ignore", pattern))
            .collect::<Result<_, _>>()?,
    };
    let described = source.describe();
    AssetsFolder::scan(source, &ignore, config.include_assets_files)
        .map(Some)
        .map_err(|error| setting("assets_folder", format!("{described}: {error}")))
}

/// The app's assets: a folder, read when its files are asked for, or files embedded in
/// the binary. `dash::embed_assets!()` makes the one or the other: the folder in debug
/// builds, so that edits show at once, and embedded files in release builds, so that the
/// app deploys as one executable. Give it to [`Dash::assets`](crate::Dash::assets).
#[derive(Clone, Debug)]
pub struct Assets(Source);

#[derive(Clone, Debug)]
enum Source {
    Folder(PathBuf),
    /// Paths in the folder (`/`-separated) and bytes.
    Embedded(&'static [(&'static str, &'static [u8])]),
}

impl Source {
    fn describe(&self) -> String {
        match self {
            Source::Folder(folder) => format!("`{}`", folder.display()),
            Source::Embedded(_) => "the embedded assets".to_owned(),
        }
    }
}

impl Assets {
    /// A folder, read when its files are asked for.
    pub fn folder(folder: impl Into<PathBuf>) -> Assets {
        Assets(Source::Folder(folder.into()))
    }

    /// Files embedded in the binary, by their path in the folder (`css/site.css`).
    /// `dash::embed_assets!()` writes this call.
    #[doc(hidden)]
    pub const fn embedded(files: &'static [(&'static str, &'static [u8])]) -> Assets {
        Assets(Source::Embedded(files))
    }
}

/// A served file: in the folder, or in the binary with its ETag.
pub(crate) enum Found {
    Disk(PathBuf),
    Embedded(&'static [u8], String),
}

/// The assets folder: where it is, and what the page links.
#[derive(Debug)]
pub(crate) struct AssetsFolder {
    source: Source,
    /// The folder's canonical path, to which a served file's must lead without a
    /// symbolic link.
    canonical: Option<PathBuf>,
    /// The ETags of embedded files, in their order.
    etags: Vec<String>,
    /// The stylesheets, in the page's order.
    pub css: Vec<PageFile>,
    /// The scripts, in the page's order.
    pub js: Vec<PageFile>,
    /// The favicon, if the folder has one.
    pub favicon: Option<PageFile>,
}

/// A file the page links.
#[derive(Debug, PartialEq)]
pub(crate) struct PageFile {
    /// Its path in the folder, `/`-separated.
    pub path: String,
    /// Its modification time, as `?m=` carries it.
    pub modified: String,
    /// A script loaded as a module (`.mjs`).
    pub module: bool,
}

/// What leaves files out of the page.
#[derive(Debug, Default)]
pub(crate) struct Ignore {
    /// Searched in each file's name.
    pub files: Option<Regex>,
    /// Searched in each folder's name.
    pub folders: Vec<Regex>,
}

impl AssetsFolder {
    /// Reads what the page links. With `include` false the page links nothing, and the
    /// files are still served.
    fn scan(source: Source, ignore: &Ignore, include: bool) -> io::Result<AssetsFolder> {
        let canonical = match &source {
            Source::Folder(root) => Some(root.canonicalize()?),
            Source::Embedded(_) => None,
        };
        let etags = match &source {
            Source::Folder(_) => Vec::new(),
            Source::Embedded(files) => files
                .iter()
                .map(|(_, bytes)| format!("\"{}\"", hash(bytes)))
                .collect(),
        };
        let mut folder = AssetsFolder {
            source,
            canonical,
            etags,
            css: Vec::new(),
            js: Vec::new(),
            favicon: None,
        };
        if !include {
            return Ok(folder);
        }
        // (folder, name, token) of every file the page may link.
        let mut files: Vec<(String, String, String)> = Vec::new();
        match &folder.source {
            Source::Folder(root) => {
                let mut folders = Vec::new();
                collect_folders(root, String::new(), ignore, &mut folders)?;
                for relative in folders {
                    for entry in std::fs::read_dir(root.join(&relative))? {
                        let entry = entry?;
                        if !entry.file_type()?.is_file() {
                            continue;
                        }
                        let Ok(name) = entry.file_name().into_string() else {
                            continue;
                        };
                        let modified = entry
                            .metadata()?
                            .modified()?
                            .duration_since(UNIX_EPOCH)
                            .map_or(0.0, |since| since.as_secs_f64());
                        files.push((relative.clone(), name, modified.to_string()));
                    }
                }
            }
            Source::Embedded(embedded) => {
                for (path, bytes) in embedded.iter() {
                    let (relative, name) = path.rsplit_once('/').unwrap_or(("", path));
                    let hidden = !relative.is_empty()
                        && relative.split('/').any(|folder| {
                            folder.starts_with('.')
                                || ignore.folders.iter().any(|r| r.is_match(folder))
                        });
                    if !hidden {
                        files.push((relative.to_owned(), name.to_owned(), hash(bytes)));
                    }
                }
            }
        }
        // Folders by their path, the root first; each folder's files by name.
        files.sort();
        for (relative, name, token) in files {
            if name.starts_with('.') || ignore.files.as_ref().is_some_and(|r| r.is_match(&name)) {
                continue;
            }
            let file = PageFile {
                module: name.ends_with(".mjs"),
                path: if relative.is_empty() {
                    name.clone()
                } else {
                    format!("{relative}/{name}")
                },
                modified: token,
            };
            if name.ends_with("js") {
                folder.js.push(file);
            } else if name.ends_with("css") {
                folder.css.push(file);
            } else if name == "favicon.ico" {
                folder.favicon = Some(file);
            }
        }
        Ok(folder)
    }

    /// The folder, when the files are read from one (embedded files never change).
    pub(crate) fn folder(&self) -> Option<&Path> {
        match &self.source {
            Source::Folder(folder) => Some(folder),
            Source::Embedded(_) => None,
        }
    }

    /// The file a request path names, if it is one in the folder: no empty, `.` or `..`
    /// segment, no name starting with `.`, no backslash, no symbolic link.
    pub(crate) fn file(&self, path: &str) -> Option<Found> {
        let safe = path.split('/').all(|segment| {
            !(segment.is_empty() || segment.starts_with('.') || segment.contains(['\\', '\0', ':']))
        });
        if !safe {
            return None;
        }
        match &self.source {
            Source::Folder(root) => {
                // No symbolic link on the way: the canonical path is the folder's and the
                // path asked for, as the page's list and a release build's embedding,
                // which follow none, see the folder.
                let full = root.join(path);
                let canonical = full.canonicalize().ok()?;
                let expected = self.canonical.as_ref()?.join(path);
                (canonical == expected && canonical.is_file()).then_some(Found::Disk(full))
            }
            Source::Embedded(files) => files
                .iter()
                .position(|(name, _)| *name == path)
                .map(|at| Found::Embedded(files[at].1, self.etags[at].clone())),
        }
    }
}

/// The folders under `root` (as paths relative to it, `""` for itself), but for those whose
/// name starts with `.` or matches a folder expression, with everything under them.
fn collect_folders(
    root: &Path,
    relative: String,
    ignore: &Ignore,
    out: &mut Vec<String>,
) -> io::Result<()> {
    let entries = match std::fs::read_dir(root.join(&relative)) {
        Ok(entries) => entries,
        // A folder that cannot be read is left out, as Python's walk leaves it.
        Err(error) if !relative.is_empty() => {
            tracing::warn!(folder = %relative, %error, "assets folder not readable: left out");
            return Ok(());
        }
        Err(error) => return Err(error),
    };
    for entry in entries {
        let entry = entry?;
        if !entry.file_type()?.is_dir() {
            continue;
        }
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        if name.starts_with('.') || ignore.folders.iter().any(|r| r.is_match(&name)) {
            continue;
        }
        let child = if relative.is_empty() {
            name
        } else {
            format!("{relative}/{name}")
        };
        collect_folders(root, child, ignore, out)?;
    }
    out.push(relative);
    Ok(())
}

/// A path in the folder as a URL path: each byte outside the unreserved characters and
/// `/` percent-encoded (`a#b.css` is `a%23b.css`).
pub(crate) fn url_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~/".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A token of some bytes, for `?m=` and ETags.
pub(crate) fn hash(bytes: &[u8]) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    format!("{:x}-{:016x}", bytes.len(), hasher.finish())
}

/// The `Content-Type` of a served file, by its extension: what browsers need to run a
/// script (`.mjs` included) or apply a stylesheet, and the common media.
pub(crate) fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map_or("", |(_, e)| e);
    match extension.to_ascii_lowercase().as_str() {
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" | "cjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "html" | "htm" => "text/html; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "wasm" => "application/wasm",
        "pdf" => "application/pdf",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(files: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for file in files {
            let path = dir.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, file.as_bytes()).unwrap();
        }
        dir
    }

    fn paths(files: &[PageFile]) -> Vec<&str> {
        files.iter().map(|file| file.path.as_str()).collect()
    }

    #[test]
    fn the_page_lists_files_in_pythons_order() {
        let dir = tree(&[
            "x2.css",
            "x10.css",
            "x1.css",
            "b/nested.css",
            "a/deeper/last.js",
            "a/first.js",
            "load.js",
            "module.mjs",
            "data.json",
            "a/favicon.ico",
            ".hidden.css",
            ".git/config.js",
        ]);
        let folder =
            AssetsFolder::scan(Source::Folder(dir.path().into()), &Ignore::default(), true)
                .unwrap();
        assert_eq!(
            paths(&folder.css),
            ["x1.css", "x10.css", "x2.css", "b/nested.css"]
        );
        assert_eq!(
            paths(&folder.js),
            ["load.js", "module.mjs", "a/first.js", "a/deeper/last.js"]
        );
        assert_eq!(
            folder.js.iter().map(|f| f.module).collect::<Vec<_>>(),
            [false, true, false, false]
        );
        assert_eq!(folder.favicon.unwrap().path, "a/favicon.ico");
    }

    #[test]
    fn ignored_files_and_folders_are_left_out_of_the_page() {
        let dir = tree(&["keep.css", "skip.css", "vendor/lib.js", "vendor2/ok.js"]);
        let ignore = Ignore {
            files: Some(Regex::new("skip").unwrap()),
            folders: vec![Regex::new("^vendor$").unwrap()],
        };
        let folder = AssetsFolder::scan(Source::Folder(dir.path().into()), &ignore, true).unwrap();
        assert_eq!(paths(&folder.css), ["keep.css"]);
        assert_eq!(paths(&folder.js), ["vendor2/ok.js"]);
        // Still served.
        assert!(folder.file("skip.css").is_some());
        assert!(folder.file("vendor/lib.js").is_some());
        let none = AssetsFolder::scan(Source::Folder(dir.path().into()), &Ignore::default(), false)
            .unwrap();
        assert!(none.css.is_empty() && none.js.is_empty());
    }

    #[test]
    fn only_files_inside_the_folder_are_served() {
        let dir = tree(&["a/b.css", ".env", "ok.txt"]);
        let folder =
            AssetsFolder::scan(Source::Folder(dir.path().into()), &Ignore::default(), true)
                .unwrap();
        assert!(folder.file("a/b.css").is_some());
        assert!(folder.file("ok.txt").is_some());
        for path in [
            "../x",
            "a/../a/b.css",
            ".env",
            "a//b.css",
            "a",
            "",
            "a\\b.css",
            "missing",
        ] {
            assert!(folder.file(path).is_none(), "{path}");
        }
    }

    #[test]
    fn embedded_files_follow_the_same_rules() {
        static FILES: &[(&str, &[u8])] = &[
            ("x2.css", b"2"),
            ("b/nested.css", b"n"),
            ("x10.css", b"10"),
            ("vendor/lib.js", b"v"),
            (".hidden.css", b"h"),
            ("app.mjs", b"m"),
            ("favicon.ico", b"i"),
        ];
        let ignore = Ignore {
            files: None,
            folders: vec![Regex::new("vendor").unwrap()],
        };
        let folder = AssetsFolder::scan(Source::Embedded(FILES), &ignore, true).unwrap();
        assert_eq!(paths(&folder.css), ["x10.css", "x2.css", "b/nested.css"]);
        assert_eq!(paths(&folder.js), ["app.mjs"]);
        assert!(folder.favicon.is_some());
        assert!(matches!(
            folder.file("vendor/lib.js"),
            Some(Found::Embedded(b"v", _))
        ));
        assert!(folder.file(".hidden.css").is_none());
        assert!(folder.file("missing.css").is_none());
        // The token changes with the bytes.
        assert_ne!(hash(b"a"), hash(b"b"));
    }

    #[test]
    fn symbolic_links_are_not_followed() {
        let outside = tree(&["secret.txt"]);
        let dir = tree(&["ok.css", ".env"]);
        std::os::unix::fs::symlink(
            outside.path().join("secret.txt"),
            dir.path().join("out.txt"),
        )
        .unwrap();
        std::os::unix::fs::symlink(dir.path().join(".env"), dir.path().join("env.txt")).unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("linked")).unwrap();
        let folder =
            AssetsFolder::scan(Source::Folder(dir.path().into()), &Ignore::default(), true)
                .unwrap();
        assert!(folder.file("ok.css").is_some());
        for path in ["out.txt", "env.txt", "linked/secret.txt"] {
            assert!(folder.file(path).is_none(), "{path}");
        }
    }

    #[test]
    fn asset_urls_are_percent_encoded() {
        assert_eq!(url_path("css/site.css"), "css/site.css");
        assert_eq!(url_path("a#b 100%.css"), "a%23b%20100%25.css");
        assert_eq!(url_path("é.css"), "%C3%A9.css");
    }

    #[test]
    fn modules_and_stylesheets_get_the_types_browsers_need() {
        assert_eq!(content_type("x.mjs"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("a/B.CSS"), "text/css; charset=utf-8");
        assert_eq!(content_type("font.woff2"), "font/woff2");
        assert_eq!(content_type("README"), "application/octet-stream");
    }
}
