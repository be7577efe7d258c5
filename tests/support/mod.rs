//! Shared helpers: serve an app on a free loopback port, and find built examples.

#![allow(dead_code)]

use std::path::PathBuf;

use dash::Dash;

/// Serves the app in this process on 127.0.0.1 with a free port; returns its base URL
/// (without a trailing slash). The server lives as long as the test's runtime.
pub async fn serve(app: Dash) -> String {
    let server = app.build().expect("the app is valid");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let addr = listener.local_addr().expect("local address");
    tokio::spawn(server.serve(listener));
    format!("http://{addr}")
}

/// The path of an example binary, built first so it is never stale: `cargo test --test
/// NAME` alone does not rebuild examples.
pub fn example_binary(name: &str) -> PathBuf {
    static BUILT: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    let mut built = BUILT.lock().unwrap_or_else(|e| e.into_inner());
    if !built.iter().any(|b| b == name) {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        // The same features as this test build, so the two builds share artifacts.
        let features: &[&str] = if cfg!(feature = "plotly") {
            &["--features", "plotly"]
        } else {
            &[]
        };
        let status = std::process::Command::new(cargo)
            .args(["build", "--quiet", "--example", name])
            .args(features)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .expect("cargo runs");
        assert!(status.success(), "`cargo build --example {name}` failed");
        built.push(name.to_owned());
    }
    let exe = std::env::current_exe().expect("test executable path");
    let profile_dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target/<profile>/deps");
    let path = profile_dir.join("examples").join(name);
    assert!(
        path.exists(),
        "{} is missing after building it",
        path.display()
    );
    path
}

/// A loaded JSON fixture from tests/fixtures.
pub fn fixture(path: &str) -> serde_json::Value {
    let full = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path);
    let text = std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

/// A running example binary, killed when dropped.
pub struct Running {
    pub child: std::process::Child,
    pub url: String,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts an example binary on a free port (PORT=0) and waits for its startup line.
pub fn run_example(name: &str, envs: &[(&str, &str)]) -> Running {
    use std::io::{BufRead, BufReader};
    let mut command = std::process::Command::new(example_binary(name));
    command
        .env("PORT", "0")
        .env("HOST", "127.0.0.1")
        .stdout(std::process::Stdio::piped());
    for (key, value) in envs {
        command.env(key, value);
    }
    let mut child = command.spawn().expect("start the example");
    let stdout = child.stdout.take().expect("piped stdout");
    let mut lines = BufReader::new(stdout).lines();
    let line = lines
        .next()
        .expect("a startup line")
        .expect("readable stdout");
    let url = line
        .strip_prefix("Dash is running on ")
        .unwrap_or_else(|| panic!("unexpected startup line: {line}"))
        .trim_end_matches('/')
        .to_owned();
    // Keep draining stdout so the child never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Running { child, url }
}

pub mod browser;
