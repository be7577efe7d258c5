//! What refusing values the browser would change costs: `dash_core::to_json` against
//! `serde_json::to_value` (the baseline, which it calls after its check), on the shapes
//! callbacks return: a long column of floats, rows of a typed struct, and a Plotly figure
//! already held as JSON. Medians of interleaved rounds, and their ratio.
//!
//! `cargo bench -p rust-dash-core --bench travel` (or `scripts/bench-travel`).

use std::hint::black_box;
use std::time::{Duration, Instant};

use serde::Serialize;
use serde_json::{Value, json};

#[derive(Serialize)]
struct Row {
    city: String,
    day: u32,
    mean: f64,
    low: Option<f64>,
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn compare<T: Serialize>(name: &str, value: &T) {
    const ROUNDS: usize = 31;
    let (mut base, mut checked) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        let start = Instant::now();
        black_box(serde_json::to_value(black_box(value)).unwrap());
        base.push(start.elapsed());
        let start = Instant::now();
        black_box(dash_core::to_json(black_box(value)).unwrap());
        checked.push(start.elapsed());
    }
    let (base, checked) = (median(base), median(checked));
    println!(
        "{name:<32} to_value {:>9.3} ms   to_json {:>9.3} ms   ratio {:.2}",
        base.as_secs_f64() * 1e3,
        checked.as_secs_f64() * 1e3,
        checked.as_secs_f64() / base.as_secs_f64()
    );
}

fn main() {
    let column: Vec<f64> = (0..100_000).map(|i| f64::from(i) * 0.5).collect();
    compare("100,000 floats", &column);
    let rows: Vec<Row> = (0..10_000)
        .map(|i| Row {
            city: format!("city {}", i % 7),
            day: i,
            mean: f64::from(i) / 3.0,
            low: (i % 5 != 0).then_some(-1.5),
        })
        .collect();
    compare("10,000 struct rows", &rows);
    let figure: Value = json!({
        "data": [{"type": "scatter", "x": (0..50_000).collect::<Vec<u32>>(), "y": column[..50_000]}],
        "layout": {"title": {"text": "rain"}},
    });
    compare("figure JSON, 50,000 points", &figure);
}
