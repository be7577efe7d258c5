//! The server processes a benchmark compares: each started on a free port and killed
//! with its workers when dropped.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A server process of the benchmark, killed with its workers when dropped.
pub struct Server {
    /// What the tables call it.
    pub name: &'static str,
    /// `http://127.0.0.1:<port>`.
    pub url: String,
    child: Child,
}

impl Drop for Server {
    fn drop(&mut self) {
        crate::kill_tree(&mut self.child);
    }
}

/// Starts `command` on a free port (`PORT`, and `{port}` in its arguments) and waits until
/// it serves the layout.
pub async fn start(name: &'static str, program: &Path, args: &[&str], dir: &Path) -> Server {
    let port = crate::free_port();
    let mut command = Command::new(program);
    command
        .args(args.iter().map(|a| a.replace("{port}", &port.to_string())))
        .current_dir(dir)
        .env("PORT", port.to_string())
        // (Python's background manager keeps its jobs in a folder: one of its own.)
        .env(
            "BENCH_DISKCACHE",
            std::env::temp_dir().join(format!("dash-bench-diskcache-{port}")),
        )
        .env(
            "BENCH_BACKEND",
            if name.contains("uvicorn") {
                "fastapi"
            } else {
                ""
            },
        )
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let child = command
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {name} ({}): {e}", program.display()));
    let server = Server {
        name,
        url: format!("http://127.0.0.1:{port}"),
        child,
    };
    let started = Instant::now();
    loop {
        let answer = crate::http()
            .get(format!("{}/_dash-layout", server.url))
            .send()
            .await;
        if answer.is_ok_and(|a| a.status().is_success()) {
            return server;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "{name} did not serve its layout within 60 s"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
