#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        graph: Component,
    }

    #[callback(output = "graph", input = "graph.")]
    fn f(x: i64) -> i64 {
        x
    }
}

fn main() {}
