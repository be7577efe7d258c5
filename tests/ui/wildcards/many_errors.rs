// Every wildcard mistake of a module, reported in one compile.
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

    #[callback(output(Item { index: ALLSMALLER }, "value"), input(Item { indx: MATCH }, "n_submit"))]
    fn one(_n: Option<i64>) -> Vec<String> {
        Vec::new()
    }

    #[callback(output = "total.children", input(Item { index: ALLSMALLER }, "value"))]
    fn two(_items: Vec<(Item, Option<String>)>) -> String {
        String::new()
    }
}

fn main() {}
