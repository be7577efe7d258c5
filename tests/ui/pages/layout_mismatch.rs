// A layout function whose parameters do not take the page's fields in order, and a page
// module that is not a `#[dash::app]` module.

mod item {
    use dash::prelude::*;

    pub fn layout(_q: Option<String>, _id: u32) -> html::Div {
        html::Div::new()
    }
}

mod plain {
    use dash::prelude::*;

    pub fn layout() -> html::Div {
        html::Div::new()
    }
}

#[derive(dash::Pages)]
enum Site {
    #[page(path = "/item/<id>", layout = item::layout)]
    Item { id: u32, q: Option<String> },
    #[page(path = "/plain", module = plain)]
    Plain,
}

fn main() {}
