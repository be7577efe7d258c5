// A clientside callback and a server callback may not both write one prop, unless one is
// marked `allow_duplicate`.
#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        a: dcc::Input,
        b: html::Div,
    }

    #[clientside(output = "b.children", input = "a.value")]
    const IN_THE_BROWSER: &str = "(a) => a";

    #[callback(output = "b.children", input = "a.value")]
    fn on_the_server(a: Option<String>) -> String {
        a.unwrap_or_default()
    }
}

fn main() {}
