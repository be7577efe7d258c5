// `mcp = true` asks for an MCP tool the server cannot offer: a background callback (its
// answer comes by polls) or one with a pattern (a tool takes one value per argument).
#[dash::app]
mod app {
    use dash::prelude::*;

    #[family(html::Button)]
    pub struct Item {
        pub index: i64,
    }

    #[ids]
    pub struct Ids {
        a: dcc::Input,
        b: html::Div,
    }

    #[callback(output = "b.className", input = "a.value", background, mcp = true)]
    fn slow(a: Option<String>) -> String {
        a.unwrap_or_default()
    }

    #[callback(output = "b.lang", input(Item { index: ALL }, "n_clicks"), mcp = true)]
    fn items(clicks: Vec<(Item, Option<u32>)>) -> String {
        clicks.len().to_string()
    }

    // Left out on purpose: fine, whatever the callback is.
    #[callback(output = "b.title", input(Item { index: ALL }, "id"), mcp = false)]
    fn ids(items: Vec<(Item, Option<String>)>) -> String {
        items.len().to_string()
    }
}

fn main() {}
