// A loop through a clientside callback and a server callback is a cycle like any other.
#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        a: dcc::Input,
        b: dcc::Input,
    }

    #[clientside(output = "b.value", input = "a.value")]
    const COPY: &str = "(a) => a";

    #[callback(output = "a.value", input = "b.value")]
    fn back(b: Option<String>) -> Option<String> {
        b
    }
}

fn main() {}
