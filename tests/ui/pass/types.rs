// The types that fit: a prop's own type, `Option` of it, union members, other number
// types, `Value`, a typed store's data, components for children, `Update`, `Result`.
use serde::{Deserialize, Serialize};

#[derive(Clone, Serialize, Deserialize)]
pub struct Cleaned {
    pub rows: Vec<(String, f64)>,
}

#[dash::app]
pub mod app {
    use super::Cleaned;
    use dash::dash_table::{DataTable, data_table::ActiveCell};
    use dash::prelude::*;
    use serde_json::Value;

    #[ids]
    pub struct Ids {
        city: dcc::Dropdown,
        letters: dcc::Checklist,
        level: dcc::Slider,
        name: dcc::Input,
        store: Store<Cleaned>,
        loose: Store,
        graph: dcc::Graph,
        table: DataTable,
        out: html::Div,
        list: html::Ul,
    }

    #[callback(output = "store.data", input = "city.value", input = "level.value", input = "letters.value")]
    fn clean(city: Option<i64>, level: f64, letters: Vec<String>) -> Cleaned {
        let _ = (city, letters);
        Cleaned { rows: vec![("x".to_owned(), level)] }
    }

    #[callback(output = "graph.figure", output = "out.children", input = "store.data", state = "name.value")]
    fn draw(data: Option<Cleaned>, name: Option<String>) -> (Figure, Update<String>) {
        let _ = data;
        (Figure::new(), name.map_or(Update::NoUpdate, Update::Set))
    }

    #[callback(output = "list.children", input = "table.active_cell", input = "graph.clickData")]
    fn cells(cell: Option<ActiveCell>, click: Option<Value>) -> Vec<Node> {
        let _ = (cell, click);
        vec![html::Li::new().children("one").into()]
    }

    #[callback(output = "loose.data", input = "table.data", state = "level.max")]
    fn anything(rows: Option<Vec<Value>>, max: Option<u32>) -> Result<Value, CallbackError> {
        Ok(serde_json::json!({"rows": rows.map_or(0, |r| r.len()), "max": max}))
    }
}

fn main() {}
