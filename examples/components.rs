//! A tour of the typed components: every input drives a callback that receives its value
//! as a Rust type, and a typed `Store` carries a struct between callbacks.
//!
//! `cargo run --example components`, then open http://127.0.0.1:8050/.

use dash::dash_table::DataTable;
use dash::prelude::*;
use serde_json::json;

#[dash::app]
mod gallery {
    use dash::dash_table::{DataTable, data_table::ActiveCell};
    use dash::prelude::*;
    use serde::{Deserialize, Serialize};
    use serde_json::{Value, json};

    /// What the user picked, kept in the browser by a `Store<Picked>`.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    pub struct Picked {
        pub city: String,
        pub letters: Vec<String>,
    }

    #[ids]
    pub struct Ids {
        city: dcc::Dropdown,
        size: dcc::RadioItems,
        letters: dcc::Checklist,
        level: dcc::Slider,
        name: dcc::Input,
        day: dcc::DatePickerSingle,
        chart: dcc::Graph,
        table: DataTable,
        picked: Store<Picked>,
        city_out: html::Div,
        size_out: html::Div,
        letters_out: html::Div,
        level_out: html::Div,
        name_out: html::Div,
        day_out: html::Div,
        click_out: html::Div,
        cell_out: html::Div,
        picked_out: html::Div,
    }

    #[callback(output = "city_out.children", input = "city.value")]
    fn show_city(city: Option<String>) -> String {
        format!("city: {}", city.unwrap_or_default())
    }

    #[callback(output = "size_out.children", input = "size.value")]
    fn show_size(size: String) -> String {
        format!("size: {size}")
    }

    #[callback(output = "letters_out.children", input = "letters.value")]
    fn show_letters(letters: Vec<String>) -> String {
        format!("letters: {}", letters.join(","))
    }

    /// The slider sets a number and the height of the chart's bar. Its number box sends
    /// `null` once emptied: nothing to draw then.
    #[callback(
        output = "level_out.children",
        output = "chart.figure",
        input = "level.value"
    )]
    fn show_level(level: Option<f64>) -> Result<(String, Figure), CallbackError> {
        let level = level.ok_or(PreventUpdate)?;
        let figure = Figure::new()
            .trace(json!({"type": "bar", "x": ["level", "rest"], "y": [level, 10.0 - level]}))
            .layout(json!({"margin": {"t": 10, "b": 30}, "height": 250}));
        Ok((format!("level: {level}"), figure))
    }

    #[callback(output = "name_out.children", input = "name.value")]
    fn show_name(name: Option<String>) -> String {
        format!("name: {}", name.unwrap_or_default())
    }

    #[callback(output = "day_out.children", input = "day.date")]
    fn show_day(day: Option<String>) -> String {
        format!("day: {}", day.unwrap_or_default())
    }

    #[callback(
        output = "click_out.children",
        input = "chart.clickData",
        prevent_initial_call
    )]
    fn show_click(click: Option<Value>) -> String {
        let x = click
            .as_ref()
            .and_then(|c| c["points"][0]["x"].as_str().map(str::to_owned));
        format!("clicked: {}", x.unwrap_or_default())
    }

    #[callback(
        output = "cell_out.children",
        input = "table.active_cell",
        prevent_initial_call
    )]
    fn show_cell(cell: Option<ActiveCell>) -> String {
        match cell {
            Some(cell) => format!(
                "cell: row {} column {}",
                cell.row.unwrap_or_default(),
                cell.column_id.unwrap_or_default()
            ),
            None => "cell: none".to_owned(),
        }
    }

    #[callback(output = "picked.data", input = "city.value", input = "letters.value")]
    fn pick(city: Option<String>, letters: Vec<String>) -> Picked {
        Picked {
            city: city.unwrap_or_default(),
            letters,
        }
    }

    #[callback(output = "picked_out.children", input = "picked.data")]
    fn show_picked(picked: Option<Picked>) -> String {
        match picked {
            Some(p) => format!("picked: {} with {} letters", p.city, p.letters.len()),
            None => "picked: nothing".to_owned(),
        }
    }
}

fn row(label: &str, input: impl Into<Node>, output: &str) -> Node {
    html::Div::new()
        .style(
            json!({"display": "flex", "gap": "1em", "alignItems": "center", "margin": "0.5em 0"}),
        )
        .children([
            html::Label::new()
                .children(label)
                .style(json!({"width": "8em"}))
                .into(),
            html::Div::new()
                .style(json!({"width": "22em"}))
                .children(input)
                .into(),
            html::Div::new().id(output).into(),
        ])
        .into()
}

fn layout() -> html::Div {
    html::Div::new()
        .style(json!({"fontFamily": "sans-serif", "padding": "1em"}))
        .children([
            html::H1::new().children("Components").into(),
            row(
                "Dropdown",
                dcc::Dropdown::new()
                    .id("city")
                    .options([
                        ("New York City", "NYC"),
                        ("Montréal", "MTL"),
                        ("San Francisco", "SF"),
                    ])
                    .value("NYC"),
                "city_out",
            ),
            row(
                "RadioItems",
                dcc::RadioItems::new()
                    .id("size")
                    .options([("Small", "S"), ("Large", "L")])
                    .value("S")
                    .inline(true),
                "size_out",
            ),
            row(
                "Checklist",
                dcc::Checklist::new()
                    .id("letters")
                    .options(["a", "b", "c"])
                    .value(["a"])
                    .inline(true),
                "letters_out",
            ),
            row(
                "Slider",
                dcc::Slider::new()
                    .id("level")
                    .min(0)
                    .max(10)
                    .step(1)
                    .value(5),
                "level_out",
            ),
            row(
                "Input",
                dcc::Input::new()
                    .id("name")
                    .value("")
                    .placeholder("your name"),
                "name_out",
            ),
            row(
                "DatePickerSingle",
                dcc::DatePickerSingle::new()
                    .id("day")
                    .date("2024-05-06")
                    .display_format("YYYY-MM-DD"),
                "day_out",
            ),
            row("Graph", dcc::Graph::new().id("chart"), "click_out"),
            row(
                "DataTable",
                DataTable::new()
                    .id("table")
                    .columns([
                        dash::dash_table::data_table::Column::new("city", "City"),
                        dash::dash_table::data_table::Column::new("temp", "Temperature"),
                    ])
                    .rows([
                        json!({"city": "Oslo", "temp": -3.5}),
                        json!({"city": "Lima", "temp": 19}),
                    ]),
                "cell_out",
            ),
            Store::<gallery::Picked>::new("picked").into(),
            html::Div::new().id("picked_out").into(),
        ])
}

/// The app, configured; `main` runs it and the tests serve it.
pub fn app() -> Dash {
    Dash::new()
        .title("Components")
        .layout(layout())
        .app::<gallery::Ids>()
}

fn main() -> Result<(), dash::StartupError> {
    app().run()
}

/// `cargo test --example components`: each control's value reaches its callback typed, as
/// the browser would send it, without a browser.
#[cfg(test)]
mod tests {
    use dash::TestClient;
    use serde_json::{Value, json};

    #[tokio::test]
    async fn every_control_reaches_its_callback() {
        let mut client = TestClient::new(super::app()).await.unwrap();
        assert_eq!(client.get::<String>("city_out", "children"), "city: NYC");
        assert_eq!(client.get::<String>("level_out", "children"), "level: 5");
        assert_eq!(
            client.get::<String>("day_out", "children"),
            "day: 2024-05-06"
        );
        assert_eq!(
            client.get::<String>("picked_out", "children"),
            "picked: NYC with 1 letters"
        );
        // The clicks and the cells wait for the user (`prevent_initial_call`).
        assert_eq!(client.calls("show_click"), 0);
        assert_eq!(client.calls("show_cell"), 0);

        client.set("city", "value", "SF").await;
        client.set("letters", "value", json!(["a", "b"])).await;
        assert_eq!(
            client.get::<String>("letters_out", "children"),
            "letters: a,b"
        );
        assert_eq!(
            client.get::<String>("picked_out", "children"),
            "picked: SF with 2 letters"
        );
        // The slider moves the bar; an emptied number box (`null`) changes nothing.
        client.set("level", "value", 7.5).await;
        let figure: Value = client.get("chart", "figure");
        assert_eq!(figure["data"][0]["y"], json!([7.5, 2.5]));
        client.set("level", "value", Value::Null).await;
        assert_eq!(client.get::<String>("level_out", "children"), "level: 7.5");
        // A click on the chart, as the browser reports it.
        client
            .set(
                "chart",
                "clickData",
                json!({"points": [{"x": "rest", "y": 2.5}]}),
            )
            .await;
        assert_eq!(
            client.get::<String>("click_out", "children"),
            "clicked: rest"
        );
        client
            .set(
                "table",
                "active_cell",
                json!({"row": 1, "column": 0, "column_id": "b"}),
            )
            .await;
        assert_eq!(
            client.get::<String>("cell_out", "children"),
            "cell: row 1 column b"
        );
        assert!(client.errors().is_empty(), "{:?}", client.errors());
    }
}
