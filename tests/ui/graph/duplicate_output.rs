#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        a: Component,
        b: Component,
    }

    #[callback(output = "b.children", input = "a.value")]
    fn first(x: i64) -> i64 {
        x
    }

    #[callback(output = "b.children", input = "a.n_clicks")]
    fn second(x: i64) -> i64 {
        x
    }
}

fn main() {}
