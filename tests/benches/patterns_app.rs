//! The app of the pattern benchmarks (patterns.rs, big_data.rs): a callback over `ALL` of
//! N `Item` inputs that echoes each into its own `Echo` and writes a total, and the
//! request the browser sends for it. Its Python twin is tests/python/patterns.py.

use dash::prelude::*;
use serde_json::{Value, json};

#[dash::app]
pub mod bench {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        total: html::Div,
    }

    #[family(dcc::Input)]
    pub struct Item {
        pub index: u32,
    }

    #[family(html::Div)]
    pub struct Echo {
        pub index: u32,
    }

    /// Every item's text, echoed into its own `Echo`, and a total.
    #[callback(
        output(Echo { index: ALL }, "children"),
        output = "total.children",
        input(Item { index: ALL }, "value")
    )]
    fn echo(items: Vec<(Item, Option<String>)>) -> (Vec<String>, String) {
        let echoes = items
            .iter()
            .map(|(id, value)| format!("{}: {}", id.index, value.as_deref().unwrap_or("")))
            .collect();
        (echoes, format!("{} items", items.len()))
    }
}

/// The update request for N items, as the renderer sends it.
pub fn request(n: u32) -> String {
    let items: Vec<Value> = (0..n)
        .map(|i| json!({"id": {"index": i, "type": "item"}, "property": "value", "value": format!("text {i}")}))
        .collect();
    let outputs: Vec<Value> = (0..n)
        .map(|i| json!({"id": {"index": i, "type": "echo"}, "property": "children"}))
        .collect();
    json!({
        "output": r#"..{"index":["ALL"],"type":"echo"}.children...total.children.."#,
        "outputs": [outputs, {"id": "total", "property": "children"}],
        "inputs": [items],
        "changedPropIds": [],
    })
    .to_string()
}

/// The app, served by the benchmark in its own process.
pub fn app() -> Dash {
    support::dash()
        .layout(html::Div::new().children([html::Div::new().id("total").into()]))
        .app::<bench::Ids>()
}
