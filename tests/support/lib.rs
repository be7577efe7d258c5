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

pub mod bench;
pub mod browser;
pub mod nginx;

/// How long any one wait may take: an HTTP answer, a startup line, a process's exit, a
/// browser step (the browser sessions' own deadline), a line in a log.
pub use dash_testing::DEADLINE;

/// The environment variables the apps read. Example processes never inherit them from the
/// test's environment; scripts/test clears them for the whole run.
pub const APP_VARIABLES: [&str; 17] = [
    "DASH_CACHE",
    "DASH_GRAPH",
    "DASH_CACHE_DIR",
    "DASH_CACHE_MAX_BYTES",
    "DASH_REDIS_URL",
    "DASH_DEBUG",
    "DASH_HEALTH_ENDPOINT",
    "DASH_CALLBACK_TIMEOUT",
    "DASH_CORS_ORIGINS",
    "DASH_COMPRESS",
    "DASH_INCLUDE_ASSETS_FILES",
    "DASH_HOT_RELOAD",
    "DASH_URL_BASE_PATHNAME",
    "DASH_ROUTES_PATHNAME_PREFIX",
    "DASH_REQUESTS_PATHNAME_PREFIX",
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
pub use dash_testing::serve;

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

/// GETs `url`, failing the test after [`DEADLINE`].
pub async fn get(url: impl AsRef<str>) -> reqwest::Response {
    let url = url.as_ref();
    get_within(url, DEADLINE)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

/// GETs `url` and parses its JSON body, failing the test after [`DEADLINE`].
pub async fn get_json(url: impl AsRef<str>) -> serde_json::Value {
    get(url).await.json().await.expect("a JSON body")
}

/// The body of an update for a single `output` (`id.prop`) from plain-id `inputs`
/// (`(id, prop, value)`), with no state and no `changedPropIds`.
pub fn update_body(
    output: &str,
    inputs: Vec<(&str, &str, serde_json::Value)>,
) -> serde_json::Value {
    let (id, property) = output.rsplit_once('.').expect("id.prop");
    let inputs: Vec<serde_json::Value> = inputs
        .into_iter()
        .map(|(id, property, value)| {
            serde_json::json!({"id": id, "property": property, "value": value})
        })
        .collect();
    serde_json::json!({
        "output": output,
        "outputs": {"id": id, "property": property},
        "inputs": inputs,
        "changedPropIds": [],
    })
}

/// POSTs `body` to the app's `/_dash-update-component`, with `headers`, as the renderer
/// does; returns the status and the JSON answer (`null` for an empty body, as with 204).
pub async fn update(
    base: &str,
    body: &serde_json::Value,
    headers: &[(&str, &str)],
) -> (reqwest::StatusCode, serde_json::Value) {
    let mut request = http()
        .post(format!("{base}/_dash-update-component"))
        .header("content-type", "application/json")
        .body(body.to_string());
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.expect("the server answers");
    let status = response.status();
    let text = response.text().await.expect("a body");
    let json = if text.is_empty() {
        serde_json::Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
    };
    (status, json)
}

/// The `end_id` of the page at `base` (`_dash-config`'s id of this page load, which an
/// app with background callbacks gives each load).
pub async fn end_id(base: &str) -> String {
    let page = get(format!("{base}/"))
        .await
        .text()
        .await
        .expect("the page");
    let start = page.find("\"end_id\":\"").expect("the page has an end_id") + 10;
    let end = page[start..].find('"').expect("the end_id ends");
    page[start..start + end].to_owned()
}

/// GETs `url`, or an error naming it and the cause after `within`.
pub async fn get_within(url: &str, within: Duration) -> Result<reqwest::Response, String> {
    http_within(within)
        .get(url)
        .send()
        .await
        .map_err(|e| format!("GET {url}: {}", causes(&e)))
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

/// Waits for the child to exit, at most `within`; past that it is killed with everything
/// it started, and the error names `what` it waited for.
pub fn wait_exit(child: &mut Child, what: &str, within: Duration) -> Result<ExitStatus, String> {
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(status),
            Ok(None) if started.elapsed() > within => {
                kill_tree(child);
                return Err(format!("{what} did not exit within {within:?}; killed it"));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(format!("waiting for {what}: {e}")),
        }
    }
}

/// Kills the child and every process it started (a `cargo build` leaves rustc, build
/// scripts and npm otherwise), then reaps the child.
pub fn kill_tree(child: &mut Child) {
    let family = family(child.id());
    let _ = child.kill();
    for pid in family.iter().skip(1) {
        let _ = Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .stderr(Stdio::null())
            .status();
    }
    let _ = child.wait();
}

/// The process and all its descendants, parents first, from /proc.
pub fn family(root: u32) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = std::fs::read_dir("/proc")
        .map(|entries| {
            entries
                .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<u32>().ok())
                .filter_map(|pid| {
                    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
                    let ppid = stat
                        .rsplit_once(')')?
                        .1
                        .split_whitespace()
                        .nth(1)?
                        .parse()
                        .ok()?;
                    Some((pid, ppid))
                })
                .collect()
        })
        .unwrap_or_default();
    let mut family = vec![root];
    let mut i = 0;
    while i < family.len() {
        let parent = family[i];
        family.extend(
            parents
                .iter()
                .filter(|(_, p)| *p == parent)
                .map(|(pid, _)| *pid),
        );
        i += 1;
    }
    family
}

/// Whether the process is gone: no longer in /proc, or a zombie waiting to be reaped.
pub fn gone(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat
            .rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z')),
    }
}

/// Runs the command to its end with standard input closed, like `Command::output()`, but
/// kills it (and what it started) and fails after `within`.
pub fn output_within(
    command: &mut Command,
    what: &str,
    within: Duration,
) -> Result<Output, String> {
    let mut child = spawn_piped(command, what)?;
    let drain = |mut pipe: Box<dyn Read + Send>| {
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            let _ = sender.send(bytes);
        });
        receiver
    };
    let stdout = drain(Box::new(child.stdout.take().expect("piped stdout")));
    let stderr = drain(Box::new(child.stderr.take().expect("piped stderr")));
    let status = wait_exit(&mut child, what, within)?;
    // A process it left behind may hold the pipes open: take what came within a moment.
    let collect = |output: std::sync::mpsc::Receiver<Vec<u8>>| {
        output
            .recv_timeout(Duration::from_secs(5))
            .unwrap_or_default()
    };
    Ok(Output {
        status,
        stdout: collect(stdout),
        stderr: collect(stderr),
    })
}

/// A command for an app's binary that reads none of [`APP_VARIABLES`] from the test's
/// environment: only what the test sets.
pub fn app_command(program: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut command = Command::new(program);
    for variable in APP_VARIABLES {
        command.env_remove(variable);
    }
    command
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

/// A running app process, killed when dropped. Its log (standard error, at debug level for
/// `dash_server` in examples) is collected, so tests can count callback runs and cache hits.
///
/// Counting is exact: [`Running::sync`] writes a marker line into the same pipe the
/// process writes its log to, and waits until the reader has read it. Every line the
/// process wrote before, such as those of every request already answered, has then been
/// read. [`Running::runs`] and the other counts sync first. [`Running::wait_runs`] and its
/// kind also wait for lines that the process may not have written yet (requests the
/// browser makes on its own), then sync and count.
pub struct Running {
    pub child: Child,
    pub url: String,
    log: Arc<Mutex<Vec<String>>>,
    /// The write end of the log pipe, kept to send markers through it.
    marker: Mutex<std::io::PipeWriter>,
}

impl Drop for Running {
    fn drop(&mut self) {
        kill_tree(&mut self.child);
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

    /// Waits until the log reader has read every line the process has written so far.
    pub fn sync(&self) {
        use std::io::Write;
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let marker = format!(
            "-- test marker {} --",
            NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
        );
        // One write of less than a pipe's atomic size (`PIPE_BUF`, 4 KiB): the marker
        // cannot land in the middle of a line the process writes at the same time, as
        // `writeln!` (a write for the text, another for the newline) would let it.
        self.marker
            .lock()
            .unwrap()
            .write_all(format!("{marker}\n").as_bytes())
            .expect("write a marker into the log");
        wait_until(
            "the log reader to catch up",
            DEADLINE,
            || {
                self.log
                    .lock()
                    .unwrap()
                    .iter()
                    .rev()
                    .any(|l| *l == marker)
                    .then_some(())
            },
            || self.log_text(),
        );
    }

    /// How many lines hold `message` for the callback `name`, exactly, once the log has
    /// caught up with the process.
    pub fn count(&self, message: &str, name: &str) -> usize {
        self.sync();
        self.count_now(message, name)
    }

    /// How many times `name` ran ([`Running::count`] of `callback ran`).
    pub fn runs(&self, name: &str) -> usize {
        self.count("callback ran", name)
    }

    /// Waits until the log holds at least `expected` lines with `message` for the callback
    /// `name` (failing after [`DEADLINE`] with the log), then returns the exact count.
    pub fn wait_count(&self, message: &str, name: &str, expected: usize) -> usize {
        wait_until(
            &format!("{expected} `{message}` lines for `{name}` in the log"),
            DEADLINE,
            || (self.count_now(message, name) >= expected).then_some(()),
            || {
                format!(
                    "found {}; the log:\n{}",
                    self.count_now(message, name),
                    self.log_text()
                )
            },
        );
        self.count(message, name)
    }

    /// [`Running::wait_count`] of `callback ran`.
    pub fn wait_runs(&self, name: &str, expected: usize) -> usize {
        self.wait_count("callback ran", name, expected)
    }

    /// [`Running::wait_count`] of `cache hit`.
    pub fn wait_hits(&self, name: &str, expected: usize) -> usize {
        self.wait_count("cache hit", name, expected)
    }

    /// Lines holding `text`, once the log has caught up.
    pub fn lines_with(&self, text: &str) -> usize {
        self.sync();
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
        kill_tree(&mut self.child);
    }
}

/// Starts an example binary on a free port (PORT=0) and waits for its startup line.
/// The variables the app reads come from `envs` only, never from the test's environment.
pub fn run_example(name: &str, envs: &[(&str, &str)]) -> Running {
    let mut command = app_command(example_binary(name));
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
    let (log_pipe, writer) =
        std::io::pipe().map_err(|e| format!("a pipe for {what}'s log: {e}"))?;
    let child_end = writer
        .try_clone()
        .map_err(|e| format!("a pipe for {what}'s log: {e}"))?;
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(child_end)
        .spawn()
        .map_err(|e| format!("cannot start {what}: {e}"))?;
    // The command still holds the child's end: drop it, so the pipe's only writers are
    // the child and the marker.
    drop(command);
    let log = Arc::new(Mutex::new(Vec::new()));
    let sink = log.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(log_pipe).lines().map_while(Result::ok) {
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
        marker: Mutex::new(writer),
    };
    let line = match line.recv_timeout(within) {
        Ok(Some(Ok(line))) => line,
        Ok(_) => {
            // Closed without a line: the process is exiting; read its log to the end.
            let _ = wait_exit(&mut running.child, what, Duration::from_secs(5));
            running.sync();
            return Err(format!(
                "{what} printed no startup line; its log:\n{}",
                running.log_text()
            ));
        }
        Err(_) => {
            running.kill();
            running.sync();
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

/// Runs a Python twin, `tests/python/FILE ARGS..`, with Python Dash 4.4.1 from
/// scripts/bench-venv (made with pip when missing), on a free loopback port, and waits for
/// its startup line. The twin prints `Dash is running on URL` once its port answers.
pub fn python_twin(file: &str, args: &[&str]) -> Running {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let made = output_within(
        &mut Command::new(root.join("scripts/bench-venv")),
        "scripts/bench-venv",
        Duration::from_secs(600),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        made.status.success(),
        "scripts/bench-venv failed: {}",
        String::from_utf8_lossy(&made.stderr)
    );
    let venv = PathBuf::from(String::from_utf8_lossy(&made.stdout).trim());
    let mut command = app_command(venv.join("bin/python"));
    command
        .arg(root.join("tests/python").join(file))
        .args(args)
        .env("PORT", free_port().to_string())
        .env("PYTHONUNBUFFERED", "1")
        .env("PYTHONDONTWRITEBYTECODE", "1");
    start(
        command,
        &format!("the Python twin {file}"),
        Duration::from_secs(60),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}
