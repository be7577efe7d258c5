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

/// A running example binary, killed when dropped. Its log (standard error, at debug level
/// for `dash_server`) is collected, so tests can count callback runs and cache hits.
pub struct Running {
    pub child: std::process::Child,
    pub url: String,
    pub log: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Running {
    /// Log lines holding `message` for the callback `name`.
    pub fn count(&self, message: &str, name: &str) -> usize {
        let field = format!("callback=\"{name}\"");
        self.log
            .lock()
            .unwrap()
            .iter()
            .filter(|line| line.contains(message) && line.contains(&field))
            .count()
    }

    /// How many times the callback `name` ran.
    pub fn runs(&self, name: &str) -> usize {
        self.count("callback ran", name)
    }

    /// How many of its calls were answered from the memo cache.
    pub fn hits(&self, name: &str) -> usize {
        self.count("cache hit", name)
    }

    /// The whole log so far, for failure messages.
    pub fn log_text(&self) -> String {
        self.log.lock().unwrap().join("\n")
    }

    /// Stops the process now.
    pub fn kill(&mut self) {
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
        .env("RUST_LOG", "info,dash_server=debug")
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    for (key, value) in envs {
        command.env(key, value);
    }
    let mut child = command.spawn().expect("start the example");
    let log = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let stderr = child.stderr.take().expect("piped stderr");
    let sink = log.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            sink.lock().unwrap().push(line);
        }
    });
    let stdout = child.stdout.take().expect("piped stdout");
    let mut lines = BufReader::new(stdout).lines();
    let line = match lines.next() {
        Some(Ok(line)) => line,
        _ => {
            std::thread::sleep(std::time::Duration::from_millis(200));
            panic!(
                "`{name}` printed no startup line; its log:\n{}",
                log.lock().unwrap().join("\n")
            )
        }
    };
    let url = line
        .strip_prefix("Dash is running on ")
        .unwrap_or_else(|| panic!("unexpected startup line: {line}"))
        .trim_end_matches('/')
        .to_owned();
    // Keep draining stdout so the child never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Running { child, url, log }
}

/// A Redis server of the test's own, on a free loopback port, with nothing kept on disk;
/// stopped when dropped. Needs `redis-server` on the PATH (scripts/test installs it).
pub struct Redis {
    pub port: u16,
    child: Option<std::process::Child>,
}

impl Redis {
    pub fn start() -> Redis {
        let port = free_port();
        let mut redis = Redis { port, child: None };
        redis.restart();
        redis
    }

    /// `redis://127.0.0.1:<port>/`.
    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/", self.port)
    }

    /// Stops the server (its data is gone with it).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts it again on the same port, empty, and waits until it accepts connections.
    pub fn restart(&mut self) {
        self.stop();
        let child = std::process::Command::new("redis-server")
            .args(["--port", &self.port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no"])
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("redis-server must be installed for these tests (scripts/test installs it)");
        self.child = Some(child);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(
                std::time::Instant::now() < deadline,
                "redis-server did not start"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A port that was free a moment ago.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

pub mod browser;
