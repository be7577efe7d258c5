//! Background jobs over HTTP, as the renderer drives them, against Python Dash 4.4.1 with
//! its diskcache manager under gunicorn (2 sync workers), in one run:
//!
//! - a round trip: start a job that does no work, then poll every 5 ms until its answer
//!   has its `response`: the time from the start request to the result;
//! - throughput: 8 clients doing round trips for a few seconds: jobs completed per second;
//! - poll overhead: the time of one poll of a job that is still running (it sleeps), with
//!   its progress already taken.
//!
//! `scripts/bench-jobs [ROUNDS]` builds what it needs and runs this with the repository
//! root and the Python environment as arguments. The apps are tests/bench-app (`job`) and
//! its twin tests/python/bench_app.py.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use support::bench::start;

/// A server the benchmark talks to.
#[derive(Clone)]
struct Target {
    name: &'static str,
    url: String,
}

/// Tells jobs apart: Python's diskcache manager keys a job by its arguments, so two jobs
/// with the same ones share one result, which the first poll takes (the other job's poll
/// then gets 204). Each job here has clicks of its own.
static CLICKS: AtomicUsize = AtomicUsize::new(1);

/// The start request of a job that sleeps `ms`.
fn start_body(ms: i64) -> Value {
    let clicks = CLICKS.fetch_add(1, Ordering::Relaxed);
    json!({
        "output": "job_out.children",
        "outputs": {"id": "job_out", "property": "children"},
        "inputs": [{"id": "job_go", "property": "n_clicks", "value": clicks}],
        "state": [{"id": "job_ms", "property": "data", "value": ms}],
        "changedPropIds": ["job_go.n_clicks"],
    })
}

/// A poll's body: the start request with its values `null`, as the renderer sends it.
fn poll_body() -> Value {
    let mut body = start_body(0);
    body["inputs"][0]["value"] = Value::Null;
    body["state"][0]["value"] = Value::Null;
    body
}

async fn post(client: &reqwest::Client, url: &str, body: &Value) -> (u16, Value) {
    let response = client.post(url).json(body).send().await.unwrap();
    let status = response.status().as_u16();
    let bytes = response.bytes().await.unwrap();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

/// Starts a job: the query string its polls carry.
async fn start_job(client: &reqwest::Client, server: &Target, end: &str, ms: i64) -> String {
    let url = format!("{}/_dash-update-component?endId={end}", server.url);
    let (status, started) = post(client, &url, &start_body(ms)).await;
    assert_eq!(status, 200, "{}: {started}", server.name);
    format!(
        "endId={end}&cacheKey={}&job={}",
        started["cacheKey"].as_str().unwrap(),
        started["job"].as_str().unwrap()
    )
}

/// One job from its start request to its result, polled every 5 ms: the time, or `None`
/// when a poll ended it without its result (a 204, or an error).
async fn round_trip(client: &reqwest::Client, server: &Target, end: &str) -> Option<Duration> {
    let began = Instant::now();
    let query = start_job(client, server, end, 0).await;
    let url = format!("{}/_dash-update-component?{query}", server.url);
    let poll = poll_body();
    loop {
        tokio::time::sleep(Duration::from_millis(5)).await;
        let (status, body) = post(client, &url, &poll).await;
        if status != 200 {
            return None;
        }
        if body.get("response").is_some() {
            assert_eq!(body["response"]["job_out"]["children"], json!(0));
            return Some(began.elapsed());
        }
    }
}

/// Jobs completed per second by `clients` clients doing round trips for `seconds`, and
/// how many jobs ended without their result.
async fn throughput(server: &Target, end: &str, clients: usize, seconds: u64) -> (f64, usize) {
    let done = Arc::new(AtomicUsize::new(0));
    let lost = Arc::new(AtomicUsize::new(0));
    let until = Instant::now() + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let (done, lost, server, end) =
            (done.clone(), lost.clone(), server.clone(), end.to_owned());
        tasks.push(tokio::spawn(async move {
            let client = support::http();
            while Instant::now() < until {
                match round_trip(&client, &server, &end).await {
                    Some(_) => done.fetch_add(1, Ordering::Relaxed),
                    None => lost.fetch_add(1, Ordering::Relaxed),
                };
            }
        }));
    }
    let began = Instant::now();
    for task in tasks {
        task.await.unwrap();
    }
    (
        done.load(Ordering::Relaxed) as f64 / began.elapsed().as_secs_f64(),
        lost.load(Ordering::Relaxed),
    )
}

/// The time of each of `polls` polls of a job that sleeps throughout.
async fn poll_times(
    client: &reqwest::Client,
    server: &Target,
    end: &str,
    polls: usize,
) -> Vec<Duration> {
    let query = start_job(client, server, end, 600_000).await;
    let url = format!("{}/_dash-update-component?{query}", server.url);
    let poll = poll_body();
    // Until its progress is taken: the polls timed below find nothing new.
    loop {
        let (status, body) = post(client, &url, &poll).await;
        assert_eq!(status, 200, "{}: {body}", server.name);
        if body.get("progress").is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let mut times = Vec::with_capacity(polls);
    for _ in 0..polls {
        let began = Instant::now();
        let (status, body) = post(client, &url, &poll).await;
        times.push(began.elapsed());
        assert_eq!(
            (status, &body),
            (200, &json!({"multi": true})),
            "{}",
            server.name
        );
    }
    times
}

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values[values.len() / 2]
}

fn ms(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1000.0)
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let [root, venv, rest @ ..] = args.as_slice() else {
        panic!("usage: jobs ROOT VENV [ROUNDS] (scripts/bench-jobs passes them)");
    };
    let rounds: usize = rest.first().map_or(3, |r| r.parse().expect("ROUNDS"));
    let (root, venv) = (PathBuf::from(root), PathBuf::from(venv));
    let ours = root.join("target/release/dash-bench-app");
    assert!(
        ours.exists(),
        "{} is not built: run scripts/bench-jobs",
        ours.display()
    );
    let servers = [
        start(
            "Python Dash, gunicorn, diskcache",
            &venv.join("bin/gunicorn"),
            &["-w", "2", "-b", "127.0.0.1:{port}", "bench_app:server"],
            &root.join("tests/python"),
        )
        .await,
        start("this project", &ours, &[], &root).await,
    ];
    let targets: Vec<Target> = servers
        .iter()
        .map(|s| Target {
            name: s.name,
            url: s.url.clone(),
        })
        .collect();
    let client = support::http();
    let mut trips: Vec<Vec<Duration>> = vec![Vec::new(); servers.len()];
    let mut rates: Vec<Vec<f64>> = vec![Vec::new(); servers.len()];
    let mut polls: Vec<Vec<Duration>> = vec![Vec::new(); servers.len()];
    let mut lost = vec![0usize; servers.len()];
    for round in 0..rounds {
        for (i, server) in targets.iter().enumerate() {
            let end = support::end_id(&server.url).await;
            for _ in 0..20 {
                match round_trip(&client, server, &end).await {
                    Some(time) => trips[i].push(time),
                    None => lost[i] += 1,
                }
            }
            let (rate, lost_here) = throughput(server, &end, 8, 3).await;
            rates[i].push(rate);
            lost[i] += lost_here;
            polls[i].extend(poll_times(&client, server, &end, 100).await);
            eprintln!(
                "round {}, {}: round trip {}, {:.0} jobs/s, poll {}",
                round + 1,
                server.name,
                ms(median(trips[i].clone())),
                rates[i].last().unwrap(),
                ms(median(polls[i].clone()))
            );
        }
    }
    println!(
        "\nBackground jobs over HTTP: {rounds} interleaved rounds; {} cores\n",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!(
        "| server | round trip (median) | jobs/s, 8 clients (median) | poll (median) | jobs that ended without their result |"
    );
    println!("|---|---:|---:|---:|---:|");
    let median_f = |values: &Vec<f64>| {
        let mut values = values.clone();
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    for (i, server) in servers.iter().enumerate() {
        println!(
            "| {} | {} | {:.0} | {} | {} |",
            server.name,
            ms(median(trips[i].clone())),
            median_f(&rates[i]),
            ms(median(polls[i].clone())),
            lost[i]
        );
    }
    let last = servers.len() - 1;
    println!(
        "\nThis project: round trips {:.0}× faster, {:.0}× the jobs per second, polls {:.0}× faster.",
        median(trips[0].clone()).as_secs_f64() / median(trips[last].clone()).as_secs_f64(),
        median_f(&rates[last]) / median_f(&rates[0]),
        median(polls[0].clone()).as_secs_f64() / median(polls[last].clone()).as_secs_f64(),
    );
}
