//! `dash-dev`: runs a Dash app, and on each edit of its Rust code rebuilds it and starts it
//! again; the open page notices the new server and reloads itself.
//!
//! ```text
//! dash-dev [CARGO BUILD ARGUMENTS] [-- APP ARGUMENTS]
//! dash-dev                      the package in this folder
//! dash-dev --example scores     an example
//! ```
//!
//! It builds with `cargo build`, runs the app's executable with `DASH_DEBUG=true` (unless
//! set) and `DASH_HOT_RELOAD=true`, and looks every half second at the modification times
//! of the `.rs` files and `Cargo.toml`s under this folder (but `target/` and names starting
//! with `.`). After an edit it builds again: on success it stops the app and starts the new
//! one, on failure the running app stays and the compiler's errors are shown. The page
//! polls the app for a hash that is new in each process, so it fetches the new layout and
//! callbacks on its own. Edits to the assets folder need no rebuild: the app swaps
//! stylesheets and reloads the page itself.
//!
//! Limits: only `.rs` files and `Cargo.toml`s under this folder are watched (not path
//! dependencies elsewhere, nor files read with `include_str!`); an app that turns hot
//! reload off in code (`.hot_reload(false)`) keeps the page from noticing the restart,
//! since settings in code win over the environment. Ctrl-C stops dash-dev and the app.

use std::collections::HashMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

/// How often the sources are looked at.
const WATCH_INTERVAL: Duration = Duration::from_millis(500);
/// How long an edit may go on (an editor writing several files) before the build starts.
const SETTLE: Duration = Duration::from_millis(200);

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let (build, app): (Vec<String>, Vec<String>) = match arguments.iter().position(|a| a == "--") {
        Some(at) => (arguments[..at].to_vec(), arguments[at + 1..].to_vec()),
        None => (arguments, Vec::new()),
    };
    if build.iter().any(|a| a == "-h" || a == "--help") {
        println!("{}", usage());
        return ExitCode::SUCCESS;
    }
    // The app, shared with the handler that stops it with dash-dev (Ctrl-C, or a
    // termination signal), so that it never outlives dash-dev holding its port.
    let running: Arc<Mutex<Option<Child>>> = Arc::default();
    let on_stop = running.clone();
    if let Err(error) = ctrlc::set_handler(move || {
        if let Some(mut child) = on_stop.lock().unwrap_or_else(|e| e.into_inner()).take() {
            stop(&mut child);
        }
        std::process::exit(130);
    }) {
        eprintln!("dash-dev: cannot handle Ctrl-C ({error}); stop the app yourself after it");
    }
    // (A stand-in for cargo, for tests.)
    let cargo = std::env::var_os("DASH_DEV_CARGO").unwrap_or_else(|| OsString::from("cargo"));
    let root = match std::env::current_dir() {
        Ok(root) => root,
        Err(error) => {
            eprintln!("dash-dev: no current folder: {error}");
            return ExitCode::FAILURE;
        }
    };
    let mut known = sources(&root);
    let app_slot = |child: Option<Child>| {
        *running.lock().unwrap_or_else(|e| e.into_inner()) = child;
    };
    match self::build(&cargo, &build) {
        Ok(executable) => app_slot(start(&executable, &app)),
        Err(error) => eprintln!("dash-dev: {error}; waiting for an edit"),
    }
    loop {
        std::thread::sleep(WATCH_INTERVAL);
        {
            let mut slot = running.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(child) = slot.as_mut()
                && let Ok(Some(status)) = child.try_wait()
            {
                eprintln!("dash-dev: the app stopped ({status}); waiting for an edit");
                *slot = None;
            }
        }
        let now = sources(&root);
        let Some(edited) = changed(&known, &now) else {
            continue;
        };
        std::thread::sleep(SETTLE);
        known = sources(&root);
        eprintln!("dash-dev: {} changed: building", edited.display());
        // Windows does not let a running executable be replaced: stop the app first there.
        if cfg!(windows) {
            stop_running(&running);
        }
        match self::build(&cargo, &build) {
            Ok(executable) => {
                stop_running(&running);
                app_slot(start(&executable, &app));
            }
            Err(error) => eprintln!("dash-dev: {error}; the running app stays"),
        }
    }
}

fn stop_running(running: &Mutex<Option<Child>>) {
    if let Some(mut child) = running.lock().unwrap_or_else(|e| e.into_inner()).take() {
        stop(&mut child);
    }
}

fn usage() -> &'static str {
    "dash-dev: runs a Dash app, and rebuilds and restarts it on each edit of its Rust code\n\n\
     usage: dash-dev [CARGO BUILD ARGUMENTS] [-- APP ARGUMENTS]\n\
     \x20      dash-dev                    the package in this folder\n\
     \x20      dash-dev --example scores   an example"
}

/// `cargo build` with these arguments: the executable it made, or why there is none.
fn build(cargo: &OsString, arguments: &[String]) -> Result<PathBuf, String> {
    let output = Command::new(cargo)
        .arg("build")
        .arg("--message-format=json-render-diagnostics")
        .args(arguments)
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|error| format!("cannot run cargo: {error}"))?;
    if !output.status.success() {
        return Err("the build failed".to_owned());
    }
    // The binary or example the build made: exactly one, or the user names it.
    let mut executables: Vec<PathBuf> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|message| message["reason"] == "compiler-artifact")
        .filter(|message| {
            message["target"]["kind"]
                .as_array()
                .is_none_or(|kinds| kinds.iter().any(|kind| kind == "bin" || kind == "example"))
        })
        .filter_map(|message| message["executable"].as_str().map(PathBuf::from))
        .collect();
    executables.dedup();
    match executables.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(
            "the build made no executable: name one (`--bin NAME`, `--example NAME`)".to_owned(),
        ),
        _ => Err(format!(
            "the build made {} executables: name one (`--bin NAME`, `--example NAME`)",
            executables.len()
        )),
    }
}

/// Starts the app with debug mode (unless the environment sets it) and hot reload.
fn start(executable: &Path, arguments: &[String]) -> Option<Child> {
    let mut command = Command::new(executable);
    command.args(arguments).env("DASH_HOT_RELOAD", "true");
    if std::env::var_os("DASH_DEBUG").is_none() {
        command.env("DASH_DEBUG", "true");
    }
    match command.spawn() {
        Ok(child) => Some(child),
        Err(error) => {
            eprintln!("dash-dev: cannot start {}: {error}", executable.display());
            None
        }
    }
}

/// Stops the app and waits for it, so that its port is free for the next one.
fn stop(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

/// The first file that is new, changed or gone, if any.
fn changed(
    before: &HashMap<PathBuf, SystemTime>,
    now: &HashMap<PathBuf, SystemTime>,
) -> Option<PathBuf> {
    now.iter()
        .find(|(path, time)| before.get(*path) != Some(time))
        .map(|(path, _)| path.clone())
        .or_else(|| before.keys().find(|path| !now.contains_key(*path)).cloned())
}

/// The modification time of every `.rs` file and `Cargo.toml` under `root`, but for
/// `target/` and names starting with `.`.
fn sources(root: &Path) -> HashMap<PathBuf, SystemTime> {
    fn walk(folder: &Path, out: &mut HashMap<PathBuf, SystemTime>) {
        let Ok(entries) = std::fs::read_dir(folder) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') || name == "target" {
                continue;
            }
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let path = entry.path();
            if kind.is_dir() {
                walk(&path, out);
            } else if (name.ends_with(".rs") || name == "Cargo.toml")
                && let Ok(modified) = entry.metadata().and_then(|m| m.modified())
            {
                out.insert(path, modified);
            }
        }
    }
    let mut out = HashMap::new();
    walk(root, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_rust_files_and_manifests_outside_target() {
        let dir = std::env::temp_dir().join(format!("dash-dev-{}", std::process::id()));
        for file in [
            "src/main.rs",
            "Cargo.toml",
            "target/x.rs",
            ".git/y.rs",
            "assets/a.css",
        ] {
            let path = dir.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        }
        let found = sources(&dir);
        let mut names: Vec<String> = found
            .keys()
            .map(|p| p.strip_prefix(&dir).unwrap().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["Cargo.toml", "src/main.rs"]);
        let mut later = found.clone();
        let main = dir.join("src/main.rs");
        later.insert(main.clone(), SystemTime::now() + Duration::from_secs(5));
        assert_eq!(changed(&found, &later), Some(main.clone()));
        later.remove(&main);
        assert_eq!(changed(&found, &later), Some(main));
        assert_eq!(changed(&found, &found), None);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
