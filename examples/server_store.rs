//! The store example with the intermediate value kept on the server: a million readings
//! per city stay in the server's cache (memory, disk or Redis), and the browser holds only
//! a handle of a few hundred bytes. A graph, a summary and a paged table read the same
//! value, shared as an `Arc<Readings>` in the process that computed it (neither copied nor
//! decoded); paging the table sends fifteen rows, not a million.
//!
//! `cargo run --release --example server_store`, then open http://127.0.0.1:8050/. With
//! `DASH_CACHE=redis` (and `--features redis`), several processes share the values; a value that is gone (evicted,
//! expired, Redis restarted) is computed again from the handle.

use dash_examples::{view, weather};

use dash::prelude::*;
use serde::{Deserialize, Serialize};

/// Readings per city: one a minute for about 694 days.
const READINGS: u32 = 1_000_000;
/// Rows per page of the table.
const PAGE_SIZE: u32 = 15;

/// A city's readings: `(minutes since 2024-01-01 00:00, ℃)`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Readings {
    pub city: String,
    pub rows: Vec<(u32, f64)>,
}

fn clean(city: &str) -> Readings {
    std::thread::sleep(view::CLEANING_TIME);
    let rows = (0..READINGS)
        .map(|minute| (minute, weather::temperature(city, u64::from(minute))))
        .collect();
    Readings {
        city: city.to_owned(),
        rows,
    }
}

#[dash::app]
mod big {
    use std::sync::Arc;

    use super::{PAGE_SIZE, Readings, weather};
    use dash::dash_table::DataTable;
    use dash::prelude::*;
    use serde_json::{Value, json};

    #[ids]
    pub struct Ids {
        city: dcc::Dropdown,
        readings: ServerStore<Readings>,
        graph: dcc::Graph,
        summary: html::P,
        table: DataTable,
    }

    /// A million rows, computed once per city and kept on the server.
    #[callback(output = "readings.data", input = "city.value", memoize)]
    /// A cleared Dropdown sends `null`: nothing to compute then.
    fn clean_data(city: Option<String>) -> Result<Readings, CallbackError> {
        let city = city.ok_or(PreventUpdate)?;
        Ok(super::clean(&city))
    }

    /// Daily means of the readings.
    #[callback(output = "graph.figure", input = "readings.data")]
    fn update_graph(data: Arc<Readings>) -> Figure {
        let mut days: Vec<(f64, u32)> = Vec::new();
        for (minute, temperature) in &data.rows {
            let day = (minute / 1440) as usize;
            if days.len() <= day {
                days.resize(day + 1, (0.0, 0));
            }
            days[day].0 += temperature;
            days[day].1 += 1;
        }
        let dates: Vec<String> = (0..days.len()).map(|d| weather::date(d as i64)).collect();
        let means: Vec<f64> = days
            .iter()
            .map(|(sum, n)| (sum / f64::from(*n) * 10.0).round() / 10.0)
            .collect();
        Figure::new()
            .trace(json!({"type": "scatter", "mode": "lines", "name": data.city, "x": dates, "y": means}))
            .layout(json!({
                "title": {"text": format!("{}: daily means of {} readings", data.city, data.rows.len())},
                "yaxis": {"title": {"text": "℃"}},
                "margin": {"t": 50, "r": 20},
            }))
    }

    /// How many readings, and their extremes.
    #[callback(output = "summary.children", input = "readings.data")]
    fn update_summary(data: Arc<Readings>) -> String {
        let (min, max) = data
            .rows
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), (_, t)| {
                (lo.min(*t), hi.max(*t))
            });
        format!(
            "{}: {} readings, from {:.1} ℃ to {:.1} ℃",
            data.city,
            data.rows.len(),
            min,
            max
        )
    }

    /// The rows of the page shown: the browser never holds more.
    #[callback(
        output = "table.data",
        input = "readings.data",
        input = "table.page_current"
    )]
    fn update_table(data: Arc<Readings>, page: Option<u32>) -> Value {
        let start = (page.unwrap_or(0) * PAGE_SIZE) as usize;
        let rows: Vec<Value> = data
            .rows
            .iter()
            .skip(start)
            .take(PAGE_SIZE as usize)
            .map(|(minute, temperature)| {
                json!({"time": weather::date_time(u64::from(*minute)), "temperature": temperature})
            })
            .collect();
        Value::Array(rows)
    }
}

fn layout() -> html::Div {
    use dash::dash_table::{DataTable, data_table};
    html::Div::new().children([
        html::H1::new()
            .children("A million readings, kept on the server")
            .into(),
        view::city_dropdown(&weather::CITIES),
        ServerStore::<Readings>::new("readings").into(),
        html::P::new().id("summary").into(),
        dcc::Graph::new().id("graph").into(),
        DataTable::new()
            .id("table")
            .columns([
                data_table::Column::new("time", "Time"),
                data_table::Column::new("temperature", "℃"),
            ])
            .page_action(data_table::PageAction::Custom)
            .page_current(0)
            .page_size(PAGE_SIZE)
            .page_count(READINGS.div_ceil(PAGE_SIZE))
            .into(),
    ])
}

/// The app, configured; `main` runs it.
pub fn app() -> Dash {
    Dash::new()
        .title("Weather: a server-side store")
        .layout(layout())
        .app::<big::Ids>()
}

fn main() -> Result<(), dash::StartupError> {
    app().run()
}
