// A server store's data stays on the server: a clientside callback can neither read nor
// write it. Its `running` props have plain ids.
#[dash::app]
mod app {
    use dash::prelude::*;

    #[family(html::Button)]
    pub struct Go {
        pub index: i64,
    }

    #[ids]
    pub struct Ids {
        a: dcc::Input,
        b: html::Div,
        kept: ServerStore<Vec<f64>>,
    }

    #[clientside(output = "b.children", input = "kept.data")]
    const READS: &str = "(data) => data.length";

    #[clientside(output = "kept.data", input = "a.value")]
    const WRITES: &str = "(a) => [a]";

    #[clientside(
        output = "b.title",
        input = "a.value",
        prevent_initial_call,
        running(prop(Go { index: MATCH }, "disabled"), on = true, off = false)
    )]
    const RUNNING: &str = "(a) => a";
}

fn main() {}
