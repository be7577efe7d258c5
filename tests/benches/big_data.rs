//! Big data to the browser, against Python Dash 4.4.1 in the same run, on this machine:
//!
//! 1. **Large figures.** examples/big_figure.rs (release build) and its twin
//!    tests/python/big_figure.py (gunicorn, one worker) draw one WebGL scatter of N random
//!    points when N is chosen, for N = 10^4, 10^5 and 10^6. For each: the server's time
//!    from the request to the last byte of the answer, asked with the `Accept-Encoding`
//!    Chromium sends, and the bytes on the wire; the same asked through a proxy (the
//!    answer compressed by this project's rule), with the time to deliver either over a
//!    100 Mbit/s link (server time + bytes at 12.5 MB/s); and in headless Chromium, the
//!    time from clicking N until plotly.js has drawn N points.
//! 2. **Pattern callbacks.** A callback over `ALL` of 1,000 components
//!    (benches/patterns_app.rs, served in this process) against its twin
//!    tests/python/patterns.py (gunicorn, one worker): time per request.
//!
//! Requests go through a plain keep-alive HTTP/1.1 client that counts the answer's bytes
//! as they arrive, and the servers settle before each large one (up to 300 ms), so that
//! one server's cleaning up after its answer does not slow the next. Rounds alternate between the servers; tables give medians and ratios. Run it with
//! `scripts/bench-big-data [ROUNDS]`, which builds the example and the Python environment
//! first and passes them as BENCH_EXAMPLE and BENCH_VENV.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;
use support::browser::Session;

#[path = "patterns_app.rs"]
mod patterns_app;

/// What a 100 Mbit/s link carries in a second.
const LINK_BYTES_PER_SECOND: f64 = 12.5e6;
const SIZES: [u32; 3] = [10_000, 100_000, 1_000_000];

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// A server process, killed when dropped.
struct Process {
    child: Child,
    url: String,
}

impl Drop for Process {
    fn drop(&mut self) {
        support::kill_tree(&mut self.child);
    }
}

async fn wait_ready(url: &str, child: &mut Child, what: &str) {
    let client = support::http_within(Duration::from_secs(2));
    let started = Instant::now();
    loop {
        if let Ok(response) = client.get(format!("{url}/_dash-layout")).send().await
            && response.status().is_success()
        {
            return;
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("{what} exited: {status}");
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "{what} did not answer at {url}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn ours(example: &Path) -> Process {
    let port = support::free_port();
    let mut command = support::app_command(example);
    command
        .env("PORT", port.to_string())
        .env("HOST", "127.0.0.1")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit());
    let mut child = command.spawn().expect("the example starts");
    let url = format!("http://127.0.0.1:{port}");
    wait_ready(&url, &mut child, "the example").await;
    Process { child, url }
}

async fn python(venv: &Path, module: &str) -> Process {
    let port = support::free_port();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("python");
    let mut child = Command::new(venv.join("bin/gunicorn"))
        .args(["--workers", "1", "--timeout", "120", "--chdir"])
        .arg(&dir)
        .args([
            "--bind",
            &format!("127.0.0.1:{port}"),
            &format!("{module}:server"),
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("gunicorn starts");
    let url = format!("http://127.0.0.1:{port}");
    wait_ready(&url, &mut child, module).await;
    Process { child, url }
}

/// The `Accept-Encoding` this Chromium sends to a page on loopback, read by a listener
/// of our own.
async fn chromium_accept_encoding() -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    let read = tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut request = vec![0; 8192];
        let n = socket.read(&mut request).await.unwrap();
        let text = String::from_utf8_lossy(&request[..n]).into_owned();
        let _ = socket
            .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok")
            .await;
        text
    });
    let session = Session::open(&url).await;
    let request = read.await.unwrap();
    session.close().await;
    request
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("accept-encoding")
                .then(|| value.trim().to_owned())
        })
        .unwrap_or_default()
}

/// The update request the renderer sends when `points` becomes `n`.
fn figure_request(n: u32) -> String {
    json!({
        "output": "graph.figure",
        "outputs": {"id": "graph", "property": "figure"},
        "inputs": [{"id": "points", "property": "value", "value": n}],
        "changedPropIds": ["points.value"],
    })
    .to_string()
}

struct Answer {
    millis: f64,
    bytes: usize,
    encoding: String,
}

/// A plain HTTP/1.1 client over keep-alive connections, one per server, reading answers
/// with a 1 MiB buffer and counting their bytes without keeping them, so that what is
/// timed is the server (a general client's copying of 20 MB is several milliseconds).
#[derive(Default)]
struct Client {
    connections: HashMap<String, BufReader<TcpStream>>,
}

impl Client {
    fn post(&mut self, url: &str, body: &str, headers: &[(&str, &str)]) -> Answer {
        let address = url.trim_start_matches("http://").to_owned();
        let mut request = format!(
            "POST /_dash-update-component HTTP/1.1\r\nHost: {address}\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\n",
            body.len()
        );
        for (name, value) in headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        request.push_str("\r\n");
        request.push_str(body);
        let started = Instant::now();
        let stream = self.connections.entry(address.clone()).or_insert_with(|| {
            let stream = TcpStream::connect(&address).expect("the server accepts");
            stream.set_nodelay(true).unwrap();
            BufReader::with_capacity(1 << 20, stream)
        });
        stream
            .get_mut()
            .write_all(request.as_bytes())
            .expect("sent");
        let mut line = String::new();
        stream.read_line(&mut line).expect("a status line");
        assert!(line.starts_with("HTTP/1.1 200"), "{line}");
        let (mut length, mut chunked, mut close) = (None, false, false);
        let mut encoding = "identity".to_owned();
        loop {
            line.clear();
            stream.read_line(&mut line).expect("a header");
            if line == "\r\n" {
                break;
            }
            let (name, value) = line.split_once(':').expect("a header line");
            let value = value.trim();
            match name.to_ascii_lowercase().as_str() {
                "content-length" => length = Some(value.parse::<usize>().unwrap()),
                "transfer-encoding" => chunked = value.eq_ignore_ascii_case("chunked"),
                "content-encoding" => encoding = value.to_owned(),
                "connection" => close = value.eq_ignore_ascii_case("close"),
                _ => {}
            }
        }
        let bytes = if chunked {
            let mut total = 0;
            loop {
                line.clear();
                stream.read_line(&mut line).expect("a chunk size");
                let size = usize::from_str_radix(line.trim(), 16).expect("a hex size");
                skip(stream, size + 2);
                if size == 0 {
                    break;
                }
                total += size;
            }
            total
        } else {
            let length = length.expect("a Content-Length");
            skip(stream, length);
            length
        };
        let millis = started.elapsed().as_secs_f64() * 1e3;
        if close {
            self.connections.remove(&address);
        }
        Answer {
            millis,
            bytes,
            encoding,
        }
    }
}

/// Reads and drops `n` bytes.
fn skip(stream: &mut BufReader<TcpStream>, mut n: usize) {
    while n > 0 {
        let available = stream.fill_buf().expect("the body");
        assert!(!available.is_empty(), "the answer ended early");
        let taken = available.len().min(n);
        stream.consume(taken);
        n -= taken;
    }
}

/// Clicks N and waits until plotly.js has drawn N points: the milliseconds between.
const MEASURE: &str = r#"
(async (n) => {
  const drawn = () => {
    const gd = document.querySelector('#graph .js-plotly-plot');
    const trace = gd && gd._fullData && gd._fullData[0];
    return trace && trace._length === n && gd._fullLayout.title.text === n + ' points';
  };
  const started = performance.now();
  document.querySelector('#points input[value="' + n + '"]').click();
  await new Promise((resolve, reject) => {
    const check = () => {
      if (drawn()) { requestAnimationFrame(() => setTimeout(resolve, 0)); }
      else if (performance.now() - started > 120000) { reject(new Error('not drawn')); }
      else { setTimeout(check, 2); }
    };
    check();
  });
  return performance.now() - started;
})"#;

async fn draw(session: &Session, n: u32) -> f64 {
    let value = session.eval(&format!("{MEASURE}({n})")).await;
    value
        .as_f64()
        .unwrap_or_else(|| panic!("drawing {n}: {value}"))
}

async fn open(session: &Session, url: &str) {
    session
        .load_within(&format!("{url}/"), Duration::from_secs(60))
        .await
        .expect("the page loads");
    session
        .wait_for(
            "(() => { const gd = document.querySelector('#graph .js-plotly-plot'); \
             return !!(gd && gd._fullData && gd._fullData[0] && gd._fullData[0]._length === 10); })()",
            json!(true),
            Duration::from_secs(60),
        )
        .await;
}

fn row(cells: &[String]) {
    println!("| {} |", cells.join(" | "));
}

fn ms(value: f64) -> String {
    if value >= 100.0 {
        format!("{value:.0} ms")
    } else {
        format!("{value:.1} ms")
    }
}

fn mb(bytes: f64) -> String {
    if bytes >= 1e6 {
        format!("{:.2} MB", bytes / 1e6)
    } else {
        format!("{:.0} kB", bytes / 1e3)
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let rounds: usize = std::env::args()
        .skip(1)
        .find_map(|arg| arg.parse().ok())
        .or_else(|| std::env::var("BENCH_ROUNDS").ok()?.parse().ok())
        .unwrap_or(5);
    let example = PathBuf::from(std::env::var("BENCH_EXAMPLE").expect(
        "BENCH_EXAMPLE: the release build of examples/big_figure.rs (scripts/bench-big-data sets it)",
    ));
    let venv = PathBuf::from(
        std::env::var("BENCH_VENV")
            .expect("BENCH_VENV: the Python environment (scripts/bench-big-data sets it)"),
    );

    let accept = chromium_accept_encoding().await;
    println!("Chromium sends `Accept-Encoding: {accept}`; {rounds} rounds, medians.\n");

    let rust = ours(&example).await;
    let py = python(&venv, "big_figure").await;
    let mut client = Client::default();

    // 1. The servers, through HTTP.
    let through_proxy = [
        ("accept-encoding", accept.as_str()),
        ("x-forwarded-for", "203.0.113.7"),
    ];
    let direct = [("accept-encoding", accept.as_str())];
    let mut http = Vec::new();
    for &n in &SIZES {
        let body = figure_request(n);
        let (mut python_times, mut rust_times, mut proxied_times) = (vec![], vec![], vec![]);
        let (mut python_bytes, mut rust_bytes, mut proxied_bytes) = (0, 0, 0);
        let (mut proxied_encoding, mut rust_encoding) = (String::new(), String::new());
        // Each server answers this N once before it is timed.
        for url in [&py.url, &rust.url] {
            client.post(url, &body, &direct);
        }
        // Before each request the servers settle: a server still freeing its last large
        // answer would otherwise slow the next one, whichever server that is.
        let settle = || std::thread::sleep(Duration::from_millis(50 + u64::from(n) / 4_000));
        for _ in 0..rounds.max(3) {
            settle();
            let answer = client.post(&py.url, &body, &direct);
            python_times.push(answer.millis);
            python_bytes = answer.bytes;
            settle();
            let answer = client.post(&rust.url, &body, &direct);
            rust_times.push(answer.millis);
            rust_bytes = answer.bytes;
            rust_encoding = answer.encoding;
            settle();
            let answer = client.post(&rust.url, &body, &through_proxy);
            proxied_times.push(answer.millis);
            proxied_bytes = answer.bytes;
            proxied_encoding = answer.encoding;
        }
        http.push((
            n,
            median(python_times),
            python_bytes,
            median(rust_times),
            rust_bytes,
            median(proxied_times),
            proxied_bytes,
            proxied_encoding,
            rust_encoding,
        ));
    }
    println!("Large figures, the server (request to last byte, over loopback):\n");
    row(&[
        "N".into(),
        "Python Dash 4.4.1".into(),
        "ours".into(),
        "Python / ours".into(),
        "bytes, Python".into(),
        "bytes, ours".into(),
    ]);
    row(&vec!["---:".to_owned(); 6]);
    for (n, py_ms, py_bytes, rust_ms, rust_bytes, .., rust_encoding) in &http {
        row(&[
            n.to_string(),
            ms(*py_ms),
            ms(*rust_ms),
            format!("{:.1}×", py_ms / rust_ms),
            mb(*py_bytes as f64),
            format!("{} ({rust_encoding})", mb(*rust_bytes as f64)),
        ]);
    }
    println!("\nThrough a proxy (compressed by the rule), and delivered over 100 Mbit/s:\n");
    row(&[
        "N".into(),
        "ours, compressed".into(),
        "bytes".into(),
        "100 Mbit/s, compressed".into(),
        "100 Mbit/s, as is".into(),
        "100 Mbit/s, Python".into(),
    ]);
    row(&vec!["---:".to_owned(); 6]);
    for (n, py_ms, py_bytes, rust_ms, rust_bytes, proxied_ms, proxied_bytes, encoding, _) in &http {
        let over = |millis: f64, bytes: usize| millis + bytes as f64 / LINK_BYTES_PER_SECOND * 1e3;
        row(&[
            n.to_string(),
            format!("{} ({encoding})", ms(*proxied_ms)),
            mb(*proxied_bytes as f64),
            ms(over(*proxied_ms, *proxied_bytes)),
            ms(over(*rust_ms, *rust_bytes)),
            ms(over(*py_ms, *py_bytes)),
        ]);
    }

    // 2. In Chromium.
    let session = Session::start().await;
    let mut drawn: Vec<(Vec<f64>, Vec<f64>)> = SIZES.iter().map(|_| (vec![], vec![])).collect();
    for _ in 0..rounds {
        for (index, url) in [&py.url, &rust.url].into_iter().enumerate() {
            open(&session, url).await;
            for (at, &n) in SIZES.iter().enumerate() {
                let millis = draw(&session, n).await;
                if index == 0 {
                    drawn[at].0.push(millis);
                } else {
                    drawn[at].1.push(millis);
                }
                draw(&session, 10).await;
            }
        }
    }
    session.close().await;
    println!("\nLarge figures in Chromium (click until drawn):\n");
    row(&[
        "N".into(),
        "Python Dash 4.4.1".into(),
        "ours".into(),
        "Python / ours".into(),
    ]);
    row(&vec!["---:".to_owned(); 4]);
    for (&n, (py_ms, rust_ms)) in SIZES.iter().zip(drawn) {
        let (py_ms, rust_ms) = (median(py_ms), median(rust_ms));
        row(&[
            n.to_string(),
            ms(py_ms),
            ms(rust_ms),
            format!("{:.2}×", py_ms / rust_ms),
        ]);
    }
    drop(rust);
    drop(py);

    // 3. A callback over ALL of N components.
    let rust_url = support::serve(patterns_app::app()).await;
    let py = python(&venv, "patterns").await;
    println!("\nA callback over ALL of N components (request to answer):\n");
    row(&[
        "N".into(),
        "Python Dash 4.4.1".into(),
        "ours".into(),
        "Python / ours".into(),
        "ours, per component".into(),
    ]);
    row(&vec!["---:".to_owned(); 5]);
    for n in [100_u32, 1_000, 10_000] {
        let body = patterns_app::request(n);
        let requests = if n >= 10_000 { 5 } else { 21 };
        let (mut py_times, mut rust_times) = (vec![], vec![]);
        client.post(&py.url, &body, &direct);
        client.post(&rust_url, &body, &direct);
        for _ in 0..rounds.max(3) {
            let mut py_round = vec![];
            let mut rust_round = vec![];
            for _ in 0..requests {
                py_round.push(client.post(&py.url, &body, &direct).millis);
                rust_round.push(client.post(&rust_url, &body, &direct).millis);
            }
            py_times.push(median(py_round));
            rust_times.push(median(rust_round));
        }
        let (py_ms, rust_ms) = (median(py_times), median(rust_times));
        row(&[
            n.to_string(),
            ms(py_ms),
            ms(rust_ms),
            format!("{:.1}×", py_ms / rust_ms),
            format!("{:.2} µs", rust_ms * 1e3 / f64::from(n)),
        ]);
    }
}
