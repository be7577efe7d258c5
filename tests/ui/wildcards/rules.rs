// The rules the renderer checks on every page load, at the offending token.
#[dash::app]
mod app {
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
    pub struct Label {
        pub index: u32,
    }

    #[callback(output(Label { index: ALLSMALLER }, "children"), input(Item { index: ALL }, "value"))]
    fn smaller_output(_items: Vec<(Item, Option<String>)>) -> Vec<String> {
        Vec::new()
    }

    // `MATCH` in an input is fine with plain outputs (plotly/dash#2462); `ALLSMALLER` is not.
    #[callback(output = "total.children", input(Item { index: MATCH }, "value"))]
    fn match_with_plain_output(_value: Option<String>) -> String {
        String::new()
    }

    #[callback(
        output = "total.hidden",
        input(Item { index: MATCH }, "n_submit"),
        state(Item { index: ALLSMALLER }, "value")
    )]
    fn allsmaller_without_match_output(_n: Option<i64>, _above: Vec<(Item, Option<String>)>) -> bool {
        false
    }

    #[callback(
        output(Label { index: MATCH }, "title"),
        output = "total.title",
        input(Item { index: MATCH }, "value")
    )]
    fn mismatched(_value: Option<String>) -> (String, String) {
        (String::new(), String::new())
    }

    #[callback(
        output(Label { index: MATCH }, "className"),
        input(Item { index: MATCH }, "n_submit"),
        running(prop(Label { index: MATCH }, "hidden"), on = true, off = false)
    )]
    fn running_on_initial_call(_n: Option<i64>) -> String {
        String::new()
    }
}

fn main() {}
