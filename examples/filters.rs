//! Chained filters made at run time: each "add filter" click adds a Dropdown whose
//! options are narrowed by the filters before it (`ALLSMALLER`), and the table shows the
//! rows every filter allows (`ALL`).
//!
//! `cargo run --example filters`, then open http://127.0.0.1:8050/.

use dash::prelude::*;

/// The table: city, country, continent.
pub const CITIES: [[&str; 3]; 8] = [
    ["Paris", "France", "Europe"],
    ["Lyon", "France", "Europe"],
    ["Berlin", "Germany", "Europe"],
    ["Munich", "Germany", "Europe"],
    ["Osaka", "Japan", "Asia"],
    ["Tokyo", "Japan", "Asia"],
    ["Lima", "Peru", "America"],
    ["Quito", "Ecuador", "America"],
];

#[dash::app]
pub mod filters {
    use super::CITIES;
    use dash::Options;
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        add: html::Button,
        container: html::Div,
        table: html::Table,
    }

    /// The dropdown of filter `index`: `{"type": "filter", "index": n}`.
    #[family(dcc::Dropdown)]
    pub struct Filter {
        pub index: u32,
    }

    /// Does the row hold the chosen value (no choice allows every row)?
    fn allows(row: &[&str; 3], choice: Option<&str>) -> bool {
        choice.is_none_or(|value| row.contains(&value))
    }

    /// Each click adds one filter (a patch: the filters already there are not sent again).
    #[callback(
        output = "container.children",
        input = "add.n_clicks",
        prevent_initial_call
    )]
    pub fn add(clicks: Option<u32>) -> Patch {
        let index = clicks.unwrap_or(0);
        let dropdown = dcc::Dropdown::new()
            .id(Filter { index })
            .placeholder(format!("filter {index}"));
        Patch::new().append((), dropdown)
    }

    /// A filter's options: the values of the rows the filters before it allow, without
    /// the values they chose.
    #[callback(
        output(Filter { index: MATCH }, "options"),
        input(Filter { index: MATCH }, "value"),
        state(Filter { index: ALLSMALLER }, "value")
    )]
    pub fn narrow(_value: Option<String>, before: Vec<(Filter, Option<String>)>) -> Options {
        let chosen: Vec<&str> = before.iter().filter_map(|(_, v)| v.as_deref()).collect();
        let mut values: Vec<String> = CITIES
            .iter()
            .filter(|row| chosen.iter().all(|value| allows(row, Some(value))))
            .flat_map(|row| row.iter().copied())
            .filter(|value| !chosen.contains(value))
            .map(str::to_owned)
            .collect();
        values.sort();
        values.dedup();
        values.into()
    }

    /// The rows every filter allows.
    #[callback(output = "table.children", input(Filter { index: ALL }, "value"))]
    pub fn table(filters: Vec<(Filter, Option<String>)>) -> Vec<Node> {
        CITIES
            .iter()
            .filter(|row| {
                filters
                    .iter()
                    .all(|(_, value)| allows(row, value.as_deref()))
            })
            .map(|row| {
                let cells: Vec<Node> = row
                    .iter()
                    .map(|cell| html::Td::new().children(cell.to_string()).into())
                    .collect();
                html::Tr::new().children(cells).into()
            })
            .collect()
    }
}

fn layout() -> html::Div {
    html::Div::new().children([
        html::Button::new().id("add").children("add filter").into(),
        html::Div::new()
            .id("container")
            .children(Vec::<Node>::new())
            .into(),
        html::Table::new().id("table").into(),
    ])
}

/// The app, configured; `main` runs it and the tests serve it.
pub fn app() -> Dash {
    Dash::new()
        .title("Filters")
        .layout(layout())
        .app::<filters::Ids>()
}

fn main() -> Result<(), dash::StartupError> {
    app().run()
}
