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
//! Each link carries `?m=` and the file's modification time, so that a browser fetches a
//! file again once it has changed. Files are read from the folder when they are asked for.
//! Names starting with `.` (`.env`, `.git/`) are neither linked nor served.

use std::io;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use regex::Regex;

use crate::config::Config;
use crate::startup::StartupError;

/// The assets folder the settings name, read: `None` when none is set and the default
/// `assets` does not exist. A folder set that does not exist, an expression that does not
/// parse, or a url path that is not a path segment stops the app.
pub(crate) fn from_config(config: &Config) -> Result<Option<AssetsFolder>, StartupError> {
    let setting = |setting: &'static str, reason: String| StartupError::Setting { setting, reason };
    let url_path = config.assets_url_path.trim_matches('/');
    if url_path.is_empty()
        || url_path
            .split('/')
            .any(|segment| segment.is_empty() || segment == "." || segment == "..")
    {
        return Err(setting(
            "assets_url_path",
            format!(
                "`{}` is not a path such as `assets` or `static/app`",
                config.assets_url_path
            ),
        ));
    }
    let root = match &config.assets_folder {
        Some(folder) if folder.is_dir() => folder.clone(),
        Some(folder) => {
            return Err(setting(
                "assets_folder",
                format!("`{}` is not a folder", folder.display()),
            ));
        }
        None if Path::new("assets").is_dir() => PathBuf::from("assets"),
        None => return Ok(None),
    };
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
    AssetsFolder::scan(&root, &ignore, config.include_assets_files)
        .map(Some)
        .map_err(|error| setting("assets_folder", format!("`{}`: {error}", root.display())))
}

/// The assets folder: where it is, and what the page links.
#[derive(Debug)]
pub(crate) struct AssetsFolder {
    root: PathBuf,
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
    /// Reads the folder's tree. With `include` false the page links nothing, and the
    /// files are still served.
    pub(crate) fn scan(root: &Path, ignore: &Ignore, include: bool) -> io::Result<AssetsFolder> {
        let mut folder = AssetsFolder {
            root: root.to_owned(),
            css: Vec::new(),
            js: Vec::new(),
            favicon: None,
        };
        if !include {
            return Ok(folder);
        }
        let mut folders = Vec::new();
        collect_folders(root, String::new(), ignore, &mut folders)?;
        folders.sort();
        for relative in folders {
            let mut names = Vec::new();
            for entry in std::fs::read_dir(root.join(&relative))? {
                let entry = entry?;
                if !entry.file_type()?.is_file() {
                    continue;
                }
                if let Ok(name) = entry.file_name().into_string() {
                    names.push(name);
                }
            }
            names.sort();
            for name in names {
                if name.starts_with('.') || ignore.files.as_ref().is_some_and(|r| r.is_match(&name))
                {
                    continue;
                }
                let path = if relative.is_empty() {
                    name.clone()
                } else {
                    format!("{relative}/{name}")
                };
                let file = || -> io::Result<PageFile> {
                    let modified = std::fs::metadata(root.join(&path))?
                        .modified()?
                        .duration_since(UNIX_EPOCH)
                        .map_or(0.0, |since| since.as_secs_f64());
                    Ok(PageFile {
                        module: name.ends_with(".mjs"),
                        path: path.clone(),
                        modified: modified.to_string(),
                    })
                };
                if name.ends_with("js") {
                    folder.js.push(file()?);
                } else if name.ends_with("css") {
                    folder.css.push(file()?);
                } else if name == "favicon.ico" {
                    folder.favicon = Some(file()?);
                }
            }
        }
        Ok(folder)
    }

    /// The file a request path names, if it is one in the folder: no empty, `.` or `..`
    /// segment, no name starting with `.`, no backslash.
    pub(crate) fn file(&self, path: &str) -> Option<PathBuf> {
        let mut full = self.root.clone();
        for segment in path.split('/') {
            if segment.is_empty() || segment.starts_with('.') || segment.contains(['\\', '\0', ':'])
            {
                return None;
            }
            full.push(segment);
        }
        full.is_file().then_some(full)
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
    for entry in std::fs::read_dir(root.join(&relative))? {
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
        let folder = AssetsFolder::scan(dir.path(), &Ignore::default(), true).unwrap();
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
        let folder = AssetsFolder::scan(dir.path(), &ignore, true).unwrap();
        assert_eq!(paths(&folder.css), ["keep.css"]);
        assert_eq!(paths(&folder.js), ["vendor2/ok.js"]);
        // Still served.
        assert!(folder.file("skip.css").is_some());
        assert!(folder.file("vendor/lib.js").is_some());
        let none = AssetsFolder::scan(dir.path(), &Ignore::default(), false).unwrap();
        assert!(none.css.is_empty() && none.js.is_empty());
    }

    #[test]
    fn only_files_inside_the_folder_are_served() {
        let dir = tree(&["a/b.css", ".env", "ok.txt"]);
        let folder = AssetsFolder::scan(dir.path(), &Ignore::default(), true).unwrap();
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
    fn modules_and_stylesheets_get_the_types_browsers_need() {
        assert_eq!(content_type("x.mjs"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("a/B.CSS"), "text/css; charset=utf-8");
        assert_eq!(content_type("font.woff2"), "font/woff2");
        assert_eq!(content_type("README"), "application/octet-stream");
    }
}
