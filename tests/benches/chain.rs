//! A chain of five callbacks, each reading the one before, timed in headless Chromium from
//! a click until the last output is in the page: this project against Python Dash 4.4.1
//! under gunicorn (2 sync workers) and under uvicorn (2 workers, its FastAPI backend), in
//! one run, the servers taken in turn for each round.
//!
//! `scripts/bench-chain [ROUNDS] [CLICKS]` builds what it needs and runs this with the
//! repository root and the Python environment as arguments. The apps are tests/bench-app
//! and its twin tests/python/bench_app.py. Each click's time runs from `click()` to the
//! DOM mutation that writes `n_clicks + 5` into `out` (a `MutationObserver`, so the time
//! is not rounded to animation frames).

use std::path::PathBuf;
use std::time::Duration;

use support::bench::start;
use support::browser::Session;

/// Clicks `go` `clicks` times, one click after the chain has answered the one before;
/// the milliseconds from each click until `out` shows its value.
const CLICKS_JS: &str = r#"
(async (clicks) => {
    const out = document.getElementById('out');
    const go = document.getElementById('go');
    const times = [];
    for (let i = 0; i < clicks; i++) {
        const expected = String(Number(out.textContent) + 1);
        const done = new Promise((resolve) => {
            const observer = new MutationObserver(() => {
                if (out.textContent === expected) {
                    observer.disconnect();
                    resolve(performance.now());
                }
            });
            observer.observe(out, { childList: true, characterData: true, subtree: true });
        });
        const started = performance.now();
        go.click();
        times.push((await done) - started);
    }
    return times;
})(CLICKS)
"#;

/// Loads the page, waits for the chain's initial calls, and times `clicks` clicks.
async fn time_clicks(session: &Session, url: &str, clicks: usize) -> Vec<f64> {
    session
        .load_within(url, Duration::from_secs(30))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    session
        .wait_for(
            "document.getElementById('out') && document.getElementById('out').textContent",
            serde_json::json!("5"),
            Duration::from_secs(30),
        )
        .await;
    let value = session
        .eval(&CLICKS_JS.replace("CLICKS", &clicks.to_string()))
        .await;
    let times: Vec<f64> = serde_json::from_value(value.clone())
        .unwrap_or_else(|e| panic!("the page answered {value}: {e}"));
    assert_eq!(times.len(), clicks, "{value}");
    times
}

fn percentile(values: &mut [f64], p: f64) -> f64 {
    values.sort_by(f64::total_cmp);
    values[((values.len() - 1) as f64 * p).round() as usize]
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let [root, venv, rest @ ..] = args.as_slice() else {
        panic!("usage: chain ROOT VENV [ROUNDS] [CLICKS] (scripts/bench-chain passes them)");
    };
    let rounds: usize = rest.first().map_or(3, |r| r.parse().expect("ROUNDS"));
    let clicks: usize = rest.get(1).map_or(30, |c| c.parse().expect("CLICKS"));
    let (root, venv) = (PathBuf::from(root), PathBuf::from(venv));
    let python = root.join("tests/python");
    let ours = root.join("target/release/dash-bench-app");
    assert!(
        ours.exists(),
        "{} is not built: run scripts/bench-chain",
        ours.display()
    );
    let servers = [
        start(
            "Python Dash, gunicorn",
            &venv.join("bin/gunicorn"),
            &["-w", "2", "-b", "127.0.0.1:{port}", "bench_app:server"],
            &python,
        )
        .await,
        start(
            "Python Dash, uvicorn",
            &venv.join("bin/uvicorn"),
            &[
                "--workers",
                "2",
                "--port",
                "{port}",
                "--log-level",
                "warning",
                "bench_app:server",
            ],
            &python,
        )
        .await,
        start("this project", &ours, &[], &root).await,
    ];
    let session = Session::start().await;
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); servers.len()];
    for round in 0..rounds {
        for (server, times) in servers.iter().zip(&mut times) {
            let round_times = time_clicks(&session, &server.url, clicks).await;
            eprintln!(
                "round {}, {}: median {:.1} ms",
                round + 1,
                server.name,
                percentile(&mut round_times.clone(), 0.5)
            );
            times.extend(round_times);
        }
    }
    assert!(
        session.errors().is_empty(),
        "the pages reported errors: {:?}",
        session.errors()
    );
    println!(
        "\nA click through a chain of five callbacks, until the last output is in the page: \
         headless Chromium, {rounds} interleaved rounds of {clicks} clicks; {} cores\n",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!("| server | median | p90 | this project is faster by |");
    println!("|---|---:|---:|---:|");
    let ours_median = percentile(&mut times[servers.len() - 1].clone(), 0.5);
    for (server, times) in servers.iter().zip(&mut times) {
        let median = percentile(times, 0.5);
        let p90 = percentile(times, 0.9);
        println!(
            "| {} | {median:.1} ms | {p90:.1} ms | {:.1}x |",
            server.name,
            median / ours_median
        );
    }
}
