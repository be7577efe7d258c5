//! Hot reload (Python Dash's `dev_tools_hot_reload`): the renderer polls `_reload-hash`,
//! and this server answers with a hash that changes when a file of the assets folder does.
//!
//! - A thread polls the modification times of the folder's files (every
//!   [`WATCH_INTERVAL`]). A changed, deleted or new file gives a new hash, `hard: true`,
//!   and the file in `files`, and the page is rendered again with the folder's files
//!   (Python only notes a new file).
//! - The renderer swaps a changed stylesheet in place, without reloading the page, and
//!   reloads the page for any other file.
//! - Each answer resets `hard` and `files`, for every client, as Python's does.
//! - A restarted server has a new hash, and an open page reloads its layout and callbacks
//!   (a soft reload).
//!
//! Embedded assets never change, so only a folder read from disk is watched.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};

/// How often the folder is looked at (Python's `hot_reload_watch_interval`, 0.5 s there):
/// with the renderer's poll below, an edited stylesheet shows in the page within half a
/// second. A look is one `stat` per file of the folder.
pub(crate) const WATCH_INTERVAL: Duration = Duration::from_millis(200);
/// How often the renderer polls (Python's `hot_reload_interval`, 3 s there, which would
/// make an edit wait up to 3.5 s), in milliseconds. A poll is a small GET on this
/// machine, in debug mode only.
pub(crate) const POLL_INTERVAL_MS: u64 = 250;
/// How many failed polls in a row the renderer accepts before it stops polling (Python's
/// `hot_reload_max_retry`, 8 there, 24 s at its interval): 30 s at this interval, time
/// for `dash-dev` to start a rebuilt app that does work before it serves.
pub(crate) const MAX_RETRY: u32 = 120;

/// What `_reload-hash` answers, shared by the watcher and the route.
#[derive(Debug)]
pub(crate) struct Reload {
    state: Mutex<State>,
    packages: Vec<String>,
}

#[derive(Debug)]
struct State {
    hash: String,
    hard: bool,
    /// Changed files since the last answer: URL, modification time (`-1` when deleted),
    /// and whether it is a stylesheet.
    files: Vec<(String, i64, bool)>,
}

impl Reload {
    /// A fresh hash, for the package names the page loads.
    pub(crate) fn new(packages: Vec<String>) -> Reload {
        Reload {
            state: Mutex::new(State {
                hash: random_hex(),
                hard: false,
                files: Vec::new(),
            }),
            packages,
        }
    }

    /// The answer to `_reload-hash`; `hard` and `files` start again empty.
    pub(crate) fn answer(&self) -> Value {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let files: Vec<Value> = state
            .files
            .drain(..)
            .map(|(url, modified, is_css)| json!({"url": url, "modified": modified, "is_css": is_css}))
            .collect();
        let hard = std::mem::take(&mut state.hard);
        json!({
            "reloadHash": state.hash,
            "hard": hard,
            "packages": self.packages,
            "files": files,
        })
    }

    /// Notes changed files: a new hash, and a hard reload.
    fn changed(&self, files: Vec<(String, i64, bool)>) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.hash = random_hex();
        state.hard = true;
        state.files.extend(files);
    }
}

/// The answer when hot reload is off: the route is always there, so that a stray poll
/// gets JSON rather than the page.
pub(crate) fn off() -> Value {
    json!({"reloadHash": null, "hard": false, "packages": [], "files": []})
}

/// Watches `folder` on a thread of its own while `reload` lives. `url` makes a file's URL
/// from its path in the folder; `on_change` runs after each change (to render the page
/// again).
pub(crate) fn watch(
    folder: PathBuf,
    reload: &Arc<Reload>,
    url: impl Fn(&str) -> String + Send + 'static,
    on_change: impl Fn() + Send + 'static,
) {
    let reload: Weak<Reload> = Arc::downgrade(reload);
    let mut known = times(&folder);
    let spawned = std::thread::Builder::new()
        .name("dash-hot-reload".into())
        .spawn(move || {
            loop {
                std::thread::sleep(WATCH_INTERVAL);
                let Some(reload) = reload.upgrade() else {
                    return;
                };
                let now = times(&folder);
                let mut changed = Vec::new();
                for (path, modified) in &known {
                    let is_css = path.ends_with("css");
                    match now.get(path) {
                        Some(time) if time != modified => {
                            changed.push((url(path), seconds(*time), is_css))
                        }
                        Some(_) => {}
                        None => changed.push((url(path), -1, is_css)),
                    }
                }
                // A new file too: a stylesheet is added to the open page, anything else
                // reloads it (Python only notes a new file).
                for (path, time) in &now {
                    if !known.contains_key(path) {
                        changed.push((url(path), seconds(*time), path.ends_with("css")));
                    }
                }
                known = now;
                if !changed.is_empty() {
                    tracing::info!(
                        files = changed.len(),
                        "assets changed: the page reloads them"
                    );
                    on_change();
                    reload.changed(changed);
                }
            }
        });
    if let Err(error) = spawned {
        tracing::warn!(%error, "hot reload is off: no thread to watch the assets");
    }
}

/// The modification time of every file under `folder` whose path has no name starting
/// with `.`, by its path in the folder (`/`-separated).
fn times(folder: &Path) -> HashMap<String, SystemTime> {
    fn walk(folder: &Path, prefix: &str, out: &mut HashMap<String, SystemTime>) {
        let Ok(entries) = std::fs::read_dir(folder) else {
            return;
        };
        for entry in entries.flatten() {
            let Ok(name) = entry.file_name().into_string() else {
                continue;
            };
            if name.starts_with('.') {
                continue;
            }
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let path = format!("{prefix}{name}");
            if kind.is_dir() {
                walk(&entry.path(), &format!("{path}/"), out);
            } else if let Ok(modified) = entry.metadata().and_then(|m| m.modified()) {
                out.insert(path, modified);
            }
        }
    }
    let mut out = HashMap::new();
    walk(folder, "", &mut out);
    out
}

fn seconds(time: SystemTime) -> i64 {
    time.duration_since(UNIX_EPOCH).map_or(0, |since| {
        i64::try_from(since.as_secs()).unwrap_or(i64::MAX)
    })
}

fn random_hex() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the operating system provides random bytes");
    dash_syntax::hex(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_resets_hard_and_files() {
        let reload = Reload::new(vec!["dash".into()]);
        let first = reload.answer();
        assert_eq!(first["hard"], false);
        reload.changed(vec![("/assets/a.css".into(), 5, true)]);
        let second = reload.answer();
        assert_ne!(second["reloadHash"], first["reloadHash"]);
        assert_eq!(second["hard"], true);
        assert_eq!(
            second["files"],
            json!([{"url": "/assets/a.css", "modified": 5, "is_css": true}])
        );
        let third = reload.answer();
        assert_eq!(third["reloadHash"], second["reloadHash"]);
        assert_eq!(
            (third["hard"].clone(), third["files"].clone()),
            (json!(false), json!([]))
        );
    }

    #[test]
    fn the_watcher_sees_changed_and_deleted_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.css"), "a").unwrap();
        std::fs::write(dir.path().join("b.js"), "b").unwrap();
        let reload = Arc::new(Reload::new(vec![]));
        watch(
            dir.path().to_owned(),
            &reload,
            |path| format!("/assets/{path}"),
            || {},
        );
        reload.answer();
        // Modification times have a coarse grain on some file systems: set one outright.
        let later = SystemTime::now() + Duration::from_secs(10);
        let file = std::fs::File::options()
            .write(true)
            .open(dir.path().join("a.css"))
            .unwrap();
        file.set_modified(later).unwrap();
        std::fs::remove_file(dir.path().join("b.js")).unwrap();
        // The two changes may land in two looks at the folder.
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        let mut files = Vec::new();
        while files.len() < 2 && std::time::Instant::now() < deadline {
            let answer = reload.answer();
            files.extend(answer["files"].as_array().unwrap().iter().cloned());
            std::thread::sleep(Duration::from_millis(100));
        }
        files.sort_by_key(|file| file["url"].as_str().unwrap().to_owned());
        assert_eq!(
            files,
            [
                json!({"url": "/assets/a.css", "modified": seconds(later), "is_css": true}),
                json!({"url": "/assets/b.js", "modified": -1, "is_css": false}),
            ]
        );
    }
}
