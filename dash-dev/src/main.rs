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

use std::collections::HashMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, SystemTime};

/// How often the sources are looked at.
const WATCH_INTERVAL: Duration = Duration::from_millis(500);
/// How long an edit may go on (an editor writing several files) before the build starts.
const SETTLE: Duration = Duration::from_millis(200);

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    if arguments.iter().any(|a| a == "-h" || a == "--help") {
        println!("{}", usage());
        return ExitCode::SUCCESS;
    }
    let (build, app): (Vec<String>, Vec<String>) = match arguments.iter().position(|a| a == "--") {
        Some(at) => (arguments[..at].to_vec(), arguments[at + 1..].to_vec()),
        None => (arguments, Vec::new()),
    };
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
    let mut running = match self::build(&cargo, &build) {
        Ok(executable) => start(&executable, &app),
        Err(error) => {
            eprintln!("dash-dev: {error}; waiting for an edit");
            None
        }
    };
    loop {
        std::thread::sleep(WATCH_INTERVAL);
        if let Some(child) = running.as_mut()
            && let Ok(Some(status)) = child.try_wait()
        {
            eprintln!("dash-dev: the app stopped ({status}); waiting for an edit");
            running = None;
        }
        let now = sources(&root);
        let Some(edited) = changed(&known, &now) else {
            continue;
        };
        std::thread::sleep(SETTLE);
        known = sources(&root);
        eprintln!("dash-dev: {} changed: building", edited.display());
        match self::build(&cargo, &build) {
            Ok(executable) => {
                if let Some(mut child) = running.take() {
                    stop(&mut child);
                }
                running = start(&executable, &app);
            }
            Err(error) => eprintln!("dash-dev: {error}; the running app stays"),
        }
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
    // The last executable cargo reports (the binary or example asked for).
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .rev()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|message| message["reason"] == "compiler-artifact")
        .find_map(|message| message["executable"].as_str().map(PathBuf::from))
        .ok_or_else(|| {
            "the build made no executable: name one (`--bin NAME`, `--example NAME`)".to_owned()
        })
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
