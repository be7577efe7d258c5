//! A callback over `ALL` of N components, for N = 100, 1,000 and 10,000: the time from the
//! request to the answer (decoding every component's id and value, the call, and one output
//! per component), and that time per component, which stays flat when the cost is linear.
//!
//! `cargo bench -p dash-tests --bench patterns` (or `scripts/bench-patterns`). The server runs
//! in this process on loopback, release build; medians of several rounds.

use std::time::{Duration, Instant};

use serde_json::Value;

#[path = "patterns_app.rs"]
mod patterns_app;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let base = support::serve(patterns_app::app()).await;
    let client = support::http();
    let url = format!("{base}/_dash-update-component");
    println!("a callback over ALL of N components (median of the rounds)");
    println!(
        "{:>8} {:>10} {:>12} {:>16}",
        "N", "rounds", "per request", "per component"
    );
    let mut per_component = Vec::new();
    for n in [100u32, 1_000, 10_000] {
        let body = patterns_app::request(n);
        let rounds = if n >= 10_000 { 15 } else { 41 };
        let mut times = Vec::new();
        for _ in 0..rounds {
            let started = Instant::now();
            let response = client
                .post(&url)
                .header("content-type", "application/json")
                .body(body.clone())
                .send()
                .await
                .expect("answer");
            assert!(response.status().is_success());
            let answer: Value = response.json().await.expect("JSON");
            assert_eq!(
                answer["response"].as_object().map(|m| m.len()),
                Some(n as usize + 1)
            );
            times.push(started.elapsed());
        }
        let time = median(times);
        let each = time / n;
        per_component.push(each);
        println!("{n:>8} {rounds:>10} {time:>12.2?} {each:>16.2?}");
    }
    let ratio = per_component[2].as_secs_f64() / per_component[1].as_secs_f64();
    println!("per-component time at 10,000 over 1,000: {ratio:.2} (1.0 is linear)");
}
