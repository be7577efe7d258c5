//! The tutorial's "sharing data between callbacks", with the intermediate value kept in
//! the browser: choose a city, and one slow callback cleans its data into a typed
//! `Store<Cleaned>`; a graph and a table both read the store, so the slow step runs once
//! for both of them. It is also memoized, so a city chosen before, by anyone, in any
//! server process sharing the cache, is answered without running it again.
//!
//! `cargo run --example store`, then open http://127.0.0.1:8050/. Add
//! `RUST_LOG=dash_server=debug` to see every run and every cache hit, and
//! `DASH_CACHE=redis` (built with `--features redis`) to share results between processes
//! through Redis.
//!
//! It also serves an MCP endpoint at http://127.0.0.1:8050/_mcp: an AI agent lists the
//! three callbacks as tools, with JSON schemas made from their Rust types (`Cleaned`
//! derives `schemars::JsonSchema`, so `update_graph`'s input schema spells out the rows),
//! calls `clean_data` for a city, and hands what it returns to `update_graph`.

use dash_examples::{view, weather};

use dash::prelude::*;
use serde::{Deserialize, Serialize};

/// The cleaned data of one city: one mean temperature per day of 2024.
#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Cleaned {
    pub city: String,
    /// `(date, mean temperature in ℃)`.
    pub rows: Vec<(String, f64)>,
}

/// The slow step itself: 24 readings a day for a year, averaged per day.
fn clean(city: &str) -> Cleaned {
    std::thread::sleep(view::CLEANING_TIME);
    let rows = (0..366)
        .map(|day: u64| {
            let sum: f64 = (0..24)
                .map(|hour| weather::temperature(city, day * 1440 + hour * 60))
                .sum();
            (weather::date(day as i64), (sum / 2.4).round() / 10.0)
        })
        .collect();
    Cleaned {
        city: city.to_owned(),
        rows,
    }
}

#[dash::app]
mod sharing {
    use super::Cleaned;
    use dash::prelude::*;
    use serde_json::json;

    #[ids]
    pub struct Ids {
        city: dcc::Dropdown,
        intermediate: Store<Cleaned>,
        graph: dcc::Graph,
        table: html::Tbody,
    }

    /// The expensive step: runs once per city, its result shared by both readers.
    #[callback(output = "intermediate.data", input = "city.value", memoize)]
    /// A cleared Dropdown sends `null`: nothing to clean then.
    fn clean_data(city: Option<String>) -> Result<Cleaned, CallbackError> {
        let city = city.ok_or(PreventUpdate)?;
        Ok(super::clean(&city))
    }

    /// A line of the daily means.
    #[callback(output = "graph.figure", input = "intermediate.data")]
    fn update_graph(data: Cleaned) -> Figure {
        let (dates, temperatures): (Vec<&str>, Vec<f64>) =
            data.rows.iter().map(|(d, t)| (d.as_str(), *t)).unzip();
        Figure::new()
            .trace(json!({
                "type": "scatter", "mode": "lines", "name": data.city,
                "x": dates, "y": temperatures,
            }))
            .layout(json!({
                "title": {"text": format!("Daily mean temperature in {}, 2024", data.city)},
                "yaxis": {"title": {"text": "℃"}},
                "margin": {"t": 50, "r": 20},
            }))
    }

    /// One row per month: mean, coldest and warmest day.
    #[callback(output = "table.children", input = "intermediate.data")]
    fn update_table(data: Cleaned) -> Vec<Node> {
        let mut months: Vec<(String, Vec<f64>)> = Vec::new();
        for (date, temperature) in &data.rows {
            let month = date[..7].to_owned();
            match months.last_mut() {
                Some((current, values)) if *current == month => values.push(*temperature),
                _ => months.push((month, vec![*temperature])),
            }
        }
        months
            .into_iter()
            .map(|(month, values)| {
                let (min, mean, max) = super::view::stats(&values);
                super::view::row([
                    month,
                    format!("{mean:.1}"),
                    format!("{min:.1}"),
                    format!("{max:.1}"),
                ])
            })
            .collect()
    }
}

fn layout() -> html::Div {
    html::Div::new().children([
        html::H1::new().children("Weather, cleaned once").into(),
        view::city_dropdown(&weather::CITIES),
        Store::<Cleaned>::new("intermediate").into(),
        dcc::Graph::new().id("graph").into(),
        view::table(
            &["Month", "Mean ℃", "Coldest day ℃", "Warmest day ℃"],
            "table",
        ),
    ])
}

/// The app, configured; `main` runs it.
pub fn app() -> Dash {
    Dash::new()
        .title("Weather: a store")
        .layout(layout())
        .app::<sharing::Ids>()
        .mcp(dash::Mcp::new().docs(true))
}

fn main() -> Result<(), dash::StartupError> {
    app().run()
}
