// A page's callback naming a component that no page declares.

#[dash::app]
mod city {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        days: dcc::Dropdown,
        graph: dcc::Graph,
    }

    pub fn layout() -> html::Div {
        html::Div::new()
    }

    #[callback(output = "grpah.figure", input = "days.value")]
    fn draw(_days: Option<u32>) -> Figure {
        Figure::new()
    }
}

#[derive(dash::Pages)]
enum Site {
    #[page(path = "/", module = city)]
    City,
}

fn main() {}
