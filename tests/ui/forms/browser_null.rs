// A parameter bound to a prop that the browser sets to `null` on its own must take `null`.
#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        city: dcc::Dropdown,
        day: dcc::DatePickerSingle,
        graph: dcc::Graph,
        table: dash_table::DataTable,
        out: html::Div,
    }

    #[family(dcc::Dropdown)]
    pub struct Choice {
        pub index: u32,
    }

    #[callback(
        output = "out.children",
        input = "city.value",
        input = "day.date",
        input = "graph.selectedData",
        state = "table.active_cell"
    )]
    fn show(city: String, day: String, selected: serde_json::Map<String, serde_json::Value>, cell: dash_table::data_table::ActiveCell) -> String {
        format!("{city}{day}{selected:?}{cell:?}")
    }

    #[callback(output(Choice { index: MATCH }, "placeholder"), input(Choice { index: MATCH }, "value"))]
    fn one(choice: String) -> String {
        choice
    }

    #[callback(output = "out.lang", input(Choice { index: ALL }, "value"))]
    fn all(choices: Vec<(Choice, i64)>) -> String {
        format!("{}", choices.len())
    }

    // What takes null compiles.
    #[callback(output = "out.role", input = "city.value", state = "day.date")]
    fn fine(city: Option<String>, day: serde_json::Value) -> String {
        format!("{city:?}{day}")
    }
}

fn main() {}
