// An API endpoint has a plain path, not one the protocol takes, and its callback can be
// called with a JSON object by name: no background job, no pattern argument.
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

    #[callback(output = "b.children", input = "a.value", api_endpoint = "api/summary")]
    fn relative(a: Option<String>) -> String {
        a.unwrap_or_default()
    }

    #[callback(output = "b.title", input = "a.value", api_endpoint = "/_dash-layout")]
    fn taken(a: Option<String>) -> String {
        a.unwrap_or_default()
    }

    #[callback(
        output = "b.className",
        input = "a.value",
        background,
        api_endpoint = "/api/slow"
    )]
    fn slow(a: Option<String>) -> String {
        a.unwrap_or_default()
    }

    #[callback(
        output = "b.lang",
        input(Item { index: ALL }, "n_clicks"),
        api_endpoint = "/api/items"
    )]
    fn items(clicks: Vec<(Item, Option<u32>)>) -> String {
        clicks.len().to_string()
    }
}

fn main() {}
