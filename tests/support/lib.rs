//! What every test file shares: apps served on free loopback ports, example processes
//! whose logs can be counted, Redis servers of the tests' own, and deadlines on every wait.
//!
//! Nothing here waits without a bound. An HTTP call gives up after [`DEADLINE`], a process
//! that does not exit or print in time is killed, and a browser step that does not finish
//! fails the test with what it waited for. Processes started here are killed when their
//! handle is dropped, so a failing test leaves none behind.

use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use dash::Dash;
use dash::cache::{DEFAULT_MEMORY_BYTES, MemoryCache};

pub mod browser;

/// How long any one wait may take: an HTTP answer, a startup line, a process's exit, a
/// browser step, a line in a log.
pub const DEADLINE: Duration = Duration::from_secs(30);

/// The environment variables the apps read. Example processes never inherit them from the
/// test's environment; scripts/test clears them for the whole run.
pub const APP_VARIABLES: [&str; 7] = [
    "DASH_CACHE",
    "DASH_CACHE_DIR",
    "DASH_CACHE_MAX_BYTES",
    "DASH_REDIS_URL",
    "DASH_DEBUG",
    "HOST",
    "PORT",
];

/// `Dash::new()` with the settings the environment could change set in code (no debug
/// mode, the in-memory cache), so a test's app does not depend on the shell it runs in.
pub fn dash() -> Dash {
    Dash::new()
        .debug(false)
        .cache(MemoryCache::new(DEFAULT_MEMORY_BYTES))
}

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

/// An HTTP client whose every request fails after [`DEADLINE`] (the error names the URL).
/// Make one per test: a client keeps connections that belong to the runtime it ran in.
pub fn http() -> reqwest::Client {
    http_within(DEADLINE)
}

/// An HTTP client whose requests fail after `timeout`.
pub fn http_within(timeout: Duration) -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(timeout)
        .build()
        .expect("an HTTP client")
}

/// GETs `url` with [`http`].
pub async fn get(url: impl AsRef<str>) -> reqwest::Response {
    let url = url.as_ref();
    http()
        .get(url)
        .send()
        .await
        .unwrap_or_else(|e| panic!("GET {url}: {}", causes(&e)))
}

/// An error and each of its sources, `: `-separated ("error sending request …: operation
/// timed out").
pub fn causes(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// Polls `probe` every 20 ms until it gives a value, or fails after `within` naming `what`
/// it waited for and what `last` says of the state it saw.
pub fn wait_until<T>(
    what: &str,
    within: Duration,
    mut probe: impl FnMut() -> Option<T>,
    last: impl Fn() -> String,
) -> T {
    let started = Instant::now();
    loop {
        if let Some(value) = probe() {
            return value;
        }
        if started.elapsed() > within {
            panic!("waited {within:?} for {what}; {}", last());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Waits for the child to exit, at most `within`; past that it is killed and reaped, and
/// the error names `what` it waited for.
pub fn wait_exit(child: &mut Child, what: &str, within: Duration) -> Result<ExitStatus, String> {
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(status),
            Ok(None) if started.elapsed() > within => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("{what} did not exit within {within:?}; killed it"));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(format!("waiting for {what}: {e}")),
        }
    }
}

/// Runs the command to its end with standard input closed, like `Command::output()`, but
/// kills it and fails after `within`.
pub fn output_within(
    command: &mut Command,
    what: &str,
    within: Duration,
) -> Result<Output, String> {
    let mut child = spawn_piped(command, what)?;
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    };
    let stdout = drain(Box::new(child.stdout.take().expect("piped stdout")));
    let stderr = drain(Box::new(child.stderr.take().expect("piped stderr")));
    let status = wait_exit(&mut child, what, within)?;
    Ok(Output {
        status,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    })
}

/// Starts the command with standard input closed and its output piped.
fn spawn_piped(command: &mut Command, what: &str) -> Result<Child, String> {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {what}: {e}"))
}

/// [`output_within`] with [`DEADLINE`], failing the test when it does not finish.
pub fn output(command: &mut Command, what: &str) -> Output {
    output_within(command, what, DEADLINE).unwrap_or_else(|e| panic!("{e}"))
}

/// The path of an example binary, built first so it is never stale (`cargo test --test
/// NAME` alone does not build examples). The build asks for what `cargo test --workspace
/// --all-features` builds, so after scripts/test's build it only checks that nothing
/// changed.
pub fn example_binary(name: &str) -> PathBuf {
    static BUILT: Mutex<bool> = Mutex::new(false);
    let mut built = BUILT.lock().unwrap_or_else(|e| e.into_inner());
    if !*built {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut command = Command::new(cargo);
        command
            .args([
                "build",
                "--quiet",
                "--workspace",
                "--all-features",
                "--examples",
            ])
            .current_dir(env!("CARGO_MANIFEST_DIR"));
        // A cold build of every example takes minutes on two cores.
        let output = output_within(&mut command, "`cargo build --examples`", 20 * DEADLINE)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            output.status.success(),
            "`cargo build --examples` failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        *built = true;
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
        .join("fixtures")
        .join(path);
    let text = std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

/// A running example binary, killed when dropped. Its log (standard error, at debug level
/// for `dash_server`) is collected, so tests can count callback runs and cache hits.
///
/// Counts are read with a wait: [`Running::wait_runs`] and its kind wait until the log
/// holds at least the expected number of lines. A count that must stay at zero is read
/// with [`Running::runs_so_far`] only after waiting for a line the server writes later
/// than the one that must not be there.
pub struct Running {
    pub child: Child,
    pub url: String,
    log: Arc<Mutex<Vec<String>>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Running {
    fn count_now(&self, message: &str, name: &str) -> usize {
        let field = format!("callback=\"{name}\"");
        self.log
            .lock()
            .unwrap()
            .iter()
            .filter(|line| line.contains(message) && line.contains(&field))
            .count()
    }

    /// Waits until the log holds at least `expected` lines with `message` for the callback
    /// `name` (failing after [`DEADLINE`] with the log), and returns how many it holds.
    pub fn wait_count(&self, message: &str, name: &str, expected: usize) -> usize {
        wait_until(
            &format!("{expected} `{message}` lines for `{name}` in the log"),
            DEADLINE,
            || {
                let count = self.count_now(message, name);
                (count >= expected).then_some(count)
            },
            || {
                format!(
                    "found {}; the log:\n{}",
                    self.count_now(message, name),
                    self.log_text()
                )
            },
        )
    }

    /// [`Running::wait_count`] of `callback ran`.
    pub fn wait_runs(&self, name: &str, expected: usize) -> usize {
        self.wait_count("callback ran", name, expected)
    }

    /// [`Running::wait_count`] of `cache hit`.
    pub fn wait_hits(&self, name: &str, expected: usize) -> usize {
        self.wait_count("cache hit", name, expected)
    }

    /// How many times `name` ran, as far as the log has arrived: only meaningful after a
    /// wait for a line that the server wrote later.
    pub fn runs_so_far(&self, name: &str) -> usize {
        self.count_now("callback ran", name)
    }

    /// Lines holding `text`, as far as the log has arrived.
    pub fn lines_with(&self, text: &str) -> usize {
        self.log
            .lock()
            .unwrap()
            .iter()
            .filter(|l| l.contains(text))
            .count()
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
/// The variables the app reads come from `envs` only, never from the test's environment.
pub fn run_example(name: &str, envs: &[(&str, &str)]) -> Running {
    let mut command = Command::new(example_binary(name));
    for variable in APP_VARIABLES {
        command.env_remove(variable);
    }
    command
        .env("PORT", "0")
        .env("HOST", "127.0.0.1")
        .env("RUST_LOG", "info,dash_server=debug")
        .env("NO_COLOR", "1");
    for (key, value) in envs {
        command.env(key, value);
    }
    start(command, &format!("the example `{name}`"), DEADLINE).unwrap_or_else(|e| panic!("{e}"))
}

/// Starts a server process and waits at most `within` for its startup line (`Dash is
/// running on URL`) on standard output. On failure the process is killed and the error
/// names `what` with its log.
pub fn start(mut command: Command, what: &str, within: Duration) -> Result<Running, String> {
    let mut child = spawn_piped(&mut command, what)?;
    let log = Arc::new(Mutex::new(Vec::new()));
    let stderr = child.stderr.take().expect("piped stderr");
    let sink = log.clone();
    let log_reader = std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            sink.lock().unwrap().push(line);
        }
    });
    let stdout = child.stdout.take().expect("piped stdout");
    let (first_line, line) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut lines = BufReader::new(stdout).lines();
        let _ = first_line.send(lines.next());
        // Keep draining stdout so the child never blocks on a full pipe.
        for _ in lines {}
    });
    let mut running = Running {
        child,
        url: String::new(),
        log,
    };
    let line = match line.recv_timeout(within) {
        Ok(Some(Ok(line))) => line,
        Ok(_) => {
            // Closed without a line: the process is exiting; let its log arrive whole.
            let _ = wait_exit(&mut running.child, what, Duration::from_secs(5));
            let started = Instant::now();
            while !log_reader.is_finished() && started.elapsed() < Duration::from_secs(2) {
                std::thread::sleep(Duration::from_millis(10));
            }
            return Err(format!(
                "{what} printed no startup line; its log:\n{}",
                running.log_text()
            ));
        }
        Err(_) => {
            running.kill();
            return Err(format!(
                "waited {within:?} for {what}'s startup line; killed it; its log:\n{}",
                running.log_text()
            ));
        }
    };
    running.url = line
        .strip_prefix("Dash is running on ")
        .ok_or_else(|| format!("unexpected startup line of {what}: {line}"))?
        .trim_end_matches('/')
        .to_owned();
    Ok(running)
}

/// A Redis server of the test's own, on a free loopback port, with nothing kept on disk;
/// stopped when dropped. Needs `redis-server` on the PATH (scripts/test installs it).
pub struct Redis {
    pub port: u16,
    child: Option<Child>,
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

    /// Starts it again on the same port, empty, and waits until it answers `PING` (so a
    /// stranger that took the port meanwhile is not mistaken for it).
    pub fn restart(&mut self) {
        self.stop();
        let child = Command::new("redis-server")
            .args(["--port", &self.port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .expect("redis-server must be installed for these tests (scripts/test installs it)");
        self.child = Some(child);
        let port = self.port;
        wait_until(
            &format!("redis-server to answer PING on port {port}"),
            DEADLINE,
            || {
                if let Some(Ok(Some(status))) = self.child.as_mut().map(Child::try_wait) {
                    panic!("redis-server on port {port} exited at start: {status}");
                }
                ping(port).then_some(())
            },
            String::new,
        );
    }
}

/// Whether a Redis server answers `PING` on the port within a second.
fn ping(port: u16) -> bool {
    use std::io::Write;
    let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(1)));
    let mut answer = [0u8; 7];
    stream.write_all(b"PING\r\n").is_ok()
        && stream.read_exact(&mut answer).is_ok()
        && &answer == b"+PONG\r\n"
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

/// A server that accepts connections and never answers: what a hung server looks like to
/// a client. It holds every connection until dropped.
pub struct Silent {
    pub address: std::net::SocketAddr,
}

impl Silent {
    pub fn start() -> Silent {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let address = listener.local_addr().expect("local address");
        std::thread::spawn(move || {
            let mut held = Vec::new();
            for stream in listener.incoming().map_while(Result::ok) {
                held.push(stream);
            }
        });
        Silent { address }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }
}
