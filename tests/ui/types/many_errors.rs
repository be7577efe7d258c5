// Parameters and return values are checked against the props they bind, all at once.
use serde::{Deserialize, Serialize};

#[derive(Clone, Serialize, Deserialize)]
pub struct Cleaned {
    pub rows: Vec<(String, f64)>,
}

#[dash::app]
mod app {
    use super::Cleaned;
    use dash::prelude::*;
    use std::collections::HashMap;

    #[ids]
    pub struct Ids {
        city: dcc::Dropdown,
        level: dcc::Slider,
        #[id = "intermediate-value"]
        intermediate: Store<Cleaned>,
        graph: dcc::Graph,
        table: html::Div,
    }

    // A Dropdown's value is text, a number, a boolean or a list of them.
    #[callback(output = "intermediate-value.data", input = "city.value", input = "level.value")]
    fn clean(city: Option<HashMap<String, String>>, level: String) -> Vec<u8> {
        let _ = (city, level);
        Vec::new()
    }

    // The store holds `Cleaned`; the graph's figure is a `Figure`.
    #[callback(output = "graph.figure", input = "intermediate-value.data")]
    fn draw(data: Option<String>) -> String {
        data.unwrap_or_default()
    }

    // Right: the store's own type, and children take anything that becomes a `Node`.
    #[callback(output = "table.children", input = "intermediate-value.data")]
    fn table(data: Option<Cleaned>) -> usize {
        data.map_or(0, |d| d.rows.len())
    }
}

fn main() {}
