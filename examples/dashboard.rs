//! The tutorial's weather dashboard, built as Dash users build it: Bootstrap for the page's
//! layout, Mantine for the controls, AG Grid for the table of the cleaned data, and a
//! plotly figure, all typed.
//!
//! - A Mantine `Select` picks the city, a `SegmentedControl` the unit, a `Slider` how many
//!   days.
//! - One callback cleans the readings once and fills both the grid (its rows are the app's
//!   `Day` type) and the figure.
//!
//! `cargo run --example dashboard --features ag-grid,bootstrap,mantine`, then open
//! http://127.0.0.1:8050/.

use dash::prelude::*;
use dash_ag_grid::{AgGrid, ColumnDef};
use dash_bootstrap::{Card, CardBody, CardHeader, Col, Container, NavbarSimple, Row, themes};
use dash_examples::weather::CITIES;
use dash_mantine::{MantineProvider, SegmentedControl, Select, Slider, Stack, Text};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// One day of the cleaned data: the lowest, mean and highest of its hourly readings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Day {
    pub date: String,
    pub low: f64,
    pub mean: f64,
    pub high: f64,
}

/// The last `days` days before "today" (day 200 of 2024) in `city`, in °C or °F.
pub fn clean(city: &str, days: u64, fahrenheit: bool) -> Vec<Day> {
    let convert = |c: f64| {
        let value = if fahrenheit { c * 9.0 / 5.0 + 32.0 } else { c };
        (value * 10.0).round() / 10.0
    };
    (200 - days + 1..=200)
        .map(|day| {
            let hourly: Vec<f64> = (0..24)
                .map(|hour| dash_examples::weather::temperature(city, day * 1440 + hour * 60))
                .collect();
            let (low, mean, high) = dash_examples::view::stats(&hourly);
            Day {
                date: dash_examples::weather::date(day as i64),
                low: convert(low),
                mean: convert(mean),
                high: convert(high),
            }
        })
        .collect()
}

#[dash::app]
pub mod board {
    use super::{Day, clean};
    use dash::prelude::*;
    use dash_ag_grid::AgGrid;
    use dash_mantine::{SegmentedControl, Select, Slider};

    #[ids]
    pub struct Ids {
        city: Select,
        unit: SegmentedControl,
        days: Slider,
        table: AgGrid,
        chart: dcc::Graph,
    }

    /// Cleans once, then fills the grid and draws the figure.
    #[callback(
        output = "table.rowData",
        output = "chart.figure",
        input = "city.value",
        input = "unit.value",
        input = "days.value"
    )]
    pub fn refresh(
        city: Option<String>,
        unit: Option<String>,
        days: Option<f64>,
    ) -> Result<(Vec<serde_json::Value>, Figure), CallbackError> {
        let city = city.ok_or(PreventUpdate)?;
        let fahrenheit = unit.as_deref() == Some("°F");
        let days = days.unwrap_or(14.0).clamp(1.0, 60.0) as u64;
        let rows: Vec<Day> = clean(&city, days, fahrenheit);
        let dates: Vec<&str> = rows.iter().map(|day| day.date.as_str()).collect();
        let series = |name: &str, values: Vec<f64>, color: &str| {
            Trace::new("scatter")
                .set("x", dates.clone())
                .array("y", &values)
                .set("name", name)
                .set("mode", "lines")
                .set("line.color", color)
        };
        let figure = Figure::new()
            .trace(series(
                "high",
                rows.iter().map(|d| d.high).collect(),
                "#e8590c",
            ))
            .trace(series(
                "mean",
                rows.iter().map(|d| d.mean).collect(),
                "#1c7ed6",
            ))
            .trace(series(
                "low",
                rows.iter().map(|d| d.low).collect(),
                "#15aabf",
            ))
            .layout(serde_json::json!({
                "margin": {"l": 40, "r": 10, "t": 10, "b": 40},
                "yaxis": {"title": {"text": unit.unwrap_or_else(|| "°C".to_owned())}},
                "legend": {"orientation": "h"},
            }));
        Ok((dash_ag_grid::rows_of(&rows), figure))
    }
}

fn controls() -> Node {
    Stack::new()
        .children([
            Select::new()
                .id("city")
                .label("City")
                .data(CITIES)
                .value("Oslo")
                .allow_deselect(false)
                .into(),
            SegmentedControl::new()
                .id("unit")
                .data(["°C", "°F"])
                .value("°C")
                .into(),
            Text::new().children("Days").into(),
            Slider::new()
                .id("days")
                .min(7)
                .max(60)
                .step(1)
                .value(14)
                .into(),
        ])
        .into()
}

fn layout() -> Node {
    let card = |title: &str, body: Node| -> Node {
        Card::new()
            .class_name("h-100")
            .children([
                CardHeader::new().children(title.to_owned()).into(),
                CardBody::new().children(body).into(),
            ])
            .into()
    };
    let table = AgGrid::new()
        .id("table")
        .column_defs(["date", "low", "mean", "high"].map(ColumnDef::new))
        .default_col_def(json!({"flex": 1, "sortable": true}))
        .style(json!({"height": "320px"}))
        .into();
    MantineProvider::new()
        .children(
            html::Div::new().children([
                NavbarSimple::new()
                    .brand("Weather dashboard")
                    .color("dark")
                    .dark(true)
                    .into(),
                Container::new()
                    .class_name("my-4")
                    .children([
                        Row::new()
                            .class_name("g-4")
                            .children([
                                Col::new()
                                    .md(4)
                                    .children(card("Controls", controls()))
                                    .into(),
                                Col::new()
                                    .md(8)
                                    .children(card(
                                        "Daily temperatures",
                                        dcc::Graph::new()
                                            .id("chart")
                                            .style(json!({"height": "300px"}))
                                            .into(),
                                    ))
                                    .into(),
                            ])
                            .into(),
                        Row::new()
                            .class_name("mt-4")
                            .children(Col::new().children(card("Cleaned data", table)))
                            .into(),
                    ])
                    .into(),
            ]),
        )
        .into()
}

/// The app, configured; `main` runs it and the tests serve it.
pub fn app() -> Dash {
    Dash::new()
        .title("Weather dashboard")
        .component_library(dash_bootstrap::library(themes::BOOTSTRAP))
        .component_library(dash_mantine::library())
        .component_library(dash_ag_grid::library())
        .layout(layout())
        .app::<board::Ids>()
}

fn main() -> Result<(), dash::StartupError> {
    app().run()
}

/// `cargo test --example dashboard --features ag-grid,bootstrap,mantine`: the three
/// suites' controls drive one callback, without a browser.
#[cfg(test)]
mod tests {
    use dash::TestClient;
    use serde_json::Value;

    #[tokio::test]
    async fn the_controls_refill_the_grid_and_the_chart() {
        let mut client = TestClient::new(super::app()).await.unwrap();
        let rows: Vec<Value> = client.get("table", "rowData");
        assert_eq!(rows.len(), 14);
        client.set("days", "value", 30).await;
        let rows: Vec<Value> = client.get("table", "rowData");
        assert_eq!(rows.len(), 30);
        client.set("unit", "value", "°F").await;
        let figure: Value = client.get("chart", "figure");
        assert_eq!(figure["layout"]["yaxis"]["title"]["text"], "°F");
        assert_eq!(
            figure["data"].as_array().unwrap().len(),
            3,
            "high, mean, low"
        );
        // Mantine's Select sends `null` once cleared: nothing to refresh then.
        client.set("city", "value", Value::Null).await;
        assert_eq!(client.get::<Vec<Value>>("table", "rowData").len(), 30);
        assert_eq!(client.calls("refresh"), 4);
        assert!(client.errors().is_empty(), "{:?}", client.errors());
    }
}
