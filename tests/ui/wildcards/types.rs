// Parameters and outputs of patterns are typed against the family's component.
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

    #[callback(output = "total.children", input(Item { index: ALL }, "value"))]
    fn values_only(_items: Vec<String>) -> String {
        String::new()
    }

    #[callback(output = "total.title", input(Item { index: ALL }, "value"))]
    fn other_family(_items: Vec<(Label, Option<String>)>) -> String {
        String::new()
    }

    #[callback(output = "total.className", input(Item { index: ALL }, "value"))]
    fn wrong_value(_items: Vec<(Item, Vec<bool>)>) -> String {
        String::new()
    }

    #[callback(output(Label { index: MATCH }, "hidden"), input(Item { index: MATCH }, "value"))]
    fn wrong_output(_value: Option<String>) -> String {
        String::new()
    }

    #[callback(output(Label { index: ALL }, "title"), input(Item { index: ALL }, "n_blur"))]
    fn wrong_all_output(_blurs: Vec<(Item, Option<i64>)>) -> Vec<bool> {
        Vec::new()
    }
}

fn main() {}
