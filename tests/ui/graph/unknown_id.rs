#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        dropdown: Component,
        graph: Component,
    }

    #[callback(output = "grahp.figure", input = "dropdown.value")]
    fn draw(city: String) -> String {
        city
    }
}

fn main() {}
