//! A callback over `ALL` of N components, for N = 100, 1,000 and 10,000: the time from the
//! request to the answer (decoding every component's id and value, the call, and one output
//! per component), and that time per component, which stays flat when the cost is linear.
//!
//! `cargo bench -p dash-tests --bench patterns` (or `scripts/bench-patterns`). The server runs
//! in this process on loopback, release build; medians of several rounds.

use std::time::{Duration, Instant};

use dash::prelude::*;
use serde_json::{Value, json};

#[dash::app]
mod bench {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        total: html::Div,
    }

    #[family(dcc::Input)]
    pub struct Item {
        pub index: u32,
    }

    #[family(html::Div)]
    pub struct Echo {
        pub index: u32,
    }

    /// Every item's text, echoed into its own `Echo`, and a total.
    #[callback(
        output(Echo { index: ALL }, "children"),
        output = "total.children",
        input(Item { index: ALL }, "value")
    )]
    fn echo(items: Vec<(Item, Option<String>)>) -> (Vec<String>, String) {
        let echoes = items
            .iter()
            .map(|(id, value)| format!("{}: {}", id.index, value.as_deref().unwrap_or("")))
            .collect();
        (echoes, format!("{} items", items.len()))
    }
}

fn request(n: u32) -> String {
    let items: Vec<Value> = (0..n)
        .map(|i| json!({"id": {"index": i, "type": "item"}, "property": "value", "value": format!("text {i}")}))
        .collect();
    let outputs: Vec<Value> = (0..n)
        .map(|i| json!({"id": {"index": i, "type": "echo"}, "property": "children"}))
        .collect();
    json!({
        "output": r#"..{"index":["ALL"],"type":"echo"}.children...total.children.."#,
        "outputs": [outputs, {"id": "total", "property": "children"}],
        "inputs": [items],
        "changedPropIds": [],
    })
    .to_string()
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let app = support::dash()
        .layout(html::Div::new().children([html::Div::new().id("total").into()]))
        .app::<bench::Ids>();
    let base = support::serve(app).await;
    let client = support::http();
    let url = format!("{base}/_dash-update-component");
    println!("a callback over ALL of N components (median of the rounds)");
    println!(
        "{:>8} {:>10} {:>12} {:>16}",
        "N", "rounds", "per request", "per component"
    );
    let mut per_component = Vec::new();
    for n in [100u32, 1_000, 10_000] {
        let body = request(n);
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
