#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        a: dcc::Input,
        b: html::Div,
    }

    #[callback(output = "b.children", input = "a.value", allow_global_writes = " ")]
    fn count(v: Option<String>) -> usize {
        v.map_or(0, |v| v.len())
    }
}

fn main() {}
