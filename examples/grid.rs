//! The weather readings in AG Grid (dash-ag-grid), with rows of the app's own type both
//! ways: the grid gets `Vec<Reading>`, and edits come back as `CellEdit<Reading>`, the
//! selection as `Vec<Reading>`.
//!
//! - `celsius` is editable with a number editor, `note` with a text editor; each edit
//!   shows in `last-edit`, typed.
//! - Selected rows show in `selected`; the sort and the filter model in `sorting` and
//!   `filtering`, as the grid sends them.
//!
//! `cargo run --example grid --features ag-grid`, then open http://127.0.0.1:8050/.

use dash::prelude::*;
use dash_ag_grid::{AgGrid, CellDataType, ColumnDef};
use dash_examples::weather::{self, CITIES};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// One row of the grid: a city's reading on one day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reading {
    pub city: String,
    pub date: String,
    /// `None` once a user clears the cell.
    pub celsius: Option<f64>,
    pub note: String,
}

/// Three days of noon readings per city.
pub fn readings() -> Vec<Reading> {
    CITIES
        .iter()
        .flat_map(|city| {
            (0..3u64).map(move |day| Reading {
                city: (*city).to_owned(),
                date: weather::date(day as i64),
                celsius: Some(weather::temperature(city, day * 1440 + 720)),
                note: String::new(),
            })
        })
        .collect()
}

#[dash::app]
pub mod grid {
    use super::Reading;
    use dash::prelude::*;
    use dash_ag_grid::{AgGrid, CellEdit};

    #[ids]
    pub struct Ids {
        readings: AgGrid,
        last_edit: html::P,
        selected: html::P,
        sorting: html::Pre,
        filtering: html::Pre,
    }

    /// The last edit, read as the app's row type.
    #[callback(
        output = "last_edit.children",
        input = "readings.cellValueChanged",
        prevent_initial_call
    )]
    pub fn edited(edits: Option<Vec<CellEdit<Reading>>>) -> String {
        let Some(edit) = edits.unwrap_or_default().pop() else {
            return String::new();
        };
        let celsius = match edit.data.celsius {
            Some(celsius) => format!("{celsius} °C"),
            None => "no reading".to_owned(),
        };
        format!(
            "{} on {}: {celsius}, note {:?} ({} changed from {} to {})",
            edit.data.city, edit.data.date, edit.data.note, edit.col_id, edit.old_value, edit.value
        )
    }

    /// The selected rows, typed.
    #[callback(output = "selected.children", input = "readings.selectedRows")]
    pub fn chosen(rows: Option<Vec<Reading>>) -> String {
        let rows = rows.unwrap_or_default();
        if rows.is_empty() {
            return "nothing selected".to_owned();
        }
        rows.iter()
            .map(|row| format!("{} {}", row.city, row.date))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The sort, from the column state the grid sends.
    #[callback(output = "sorting.children", input = "readings.columnState")]
    pub fn sorted(state: Option<Vec<serde_json::Value>>) -> String {
        let sorted: Vec<String> = state
            .unwrap_or_default()
            .iter()
            .filter(|column| !column["sort"].is_null())
            .map(|column| format!("{} {}", column["colId"], column["sort"]))
            .collect();
        sorted.join(", ")
    }

    /// The filter model, as the grid sends it.
    #[callback(output = "filtering.children", input = "readings.filterModel")]
    pub fn filtered(model: Option<serde_json::Value>) -> String {
        model.map(|model| model.to_string()).unwrap_or_default()
    }
}

fn layout() -> html::Div {
    html::Div::new().children([
        html::H2::new().children("Readings").into(),
        AgGrid::new()
            .id("readings")
            .rows(&readings())
            .column_defs([
                ColumnDef::new("city").filter(true),
                ColumnDef::new("date"),
                ColumnDef::new("celsius")
                    .editable(true)
                    .cell_data_type(CellDataType::Number),
                ColumnDef::new("note").editable(true),
            ])
            .default_col_def(json!({"sortable": true}))
            .dash_grid_options(json!({"rowSelection": {"mode": "multiRow"}}))
            .get_row_id("params.data.city + ' ' + params.data.date")
            .style(json!({"height": "420px"}))
            .into(),
        html::P::new().id("last_edit").into(),
        html::P::new().id("selected").into(),
        html::Pre::new().id("sorting").into(),
        html::Pre::new().id("filtering").into(),
    ])
}

/// The app, configured; `main` runs it and the tests serve it.
pub fn app() -> Dash {
    Dash::new()
        .title("Grid")
        .component_library(dash_ag_grid::library())
        .layout(layout())
        .app::<grid::Ids>()
}

fn main() -> Result<(), dash::StartupError> {
    app().run()
}

/// `cargo test --example grid --features ag-grid`: the grid's events, as the browser sends
/// them, read as the app's row type, without a browser.
#[cfg(test)]
mod tests {
    use dash::TestClient;
    use serde_json::{json, to_value};

    #[tokio::test]
    async fn edits_and_selections_arrive_as_rows() {
        let mut client = TestClient::new(super::app()).await.unwrap();
        assert_eq!(
            client.get::<String>("selected", "children"),
            "nothing selected"
        );
        let rows = super::readings();
        client
            .set("readings", "selectedRows", to_value(&rows[..2]).unwrap())
            .await;
        let selected: String = client.get("selected", "children");
        assert_eq!(
            selected,
            format!(
                "{} {}, {} {}",
                rows[0].city, rows[0].date, rows[1].city, rows[1].date
            )
        );
        let mut edited = to_value(&rows[0]).unwrap();
        edited["note"] = json!("windy");
        client
            .set(
                "readings",
                "cellValueChanged",
                json!([{
                    "rowIndex": 0, "rowId": "x", "colId": "note",
                    "oldValue": "", "value": "windy", "data": edited,
                }]),
            )
            .await;
        let last: String = client.get("last_edit", "children");
        assert!(last.contains("note \"windy\""), "{last}");
        client
            .set(
                "readings",
                "columnState",
                json!([{"colId": "city", "sort": "asc"}]),
            )
            .await;
        assert_eq!(
            client.get::<String>("sorting", "children"),
            "\"city\" \"asc\""
        );
        assert!(client.errors().is_empty(), "{:?}", client.errors());
    }
}
