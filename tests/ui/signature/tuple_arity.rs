#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        a: Component,
        b: Component,
        c: Component,
    }

    #[callback(output = "b.children", output = "c.children", input = "a.value")]
    fn split(x: i64) -> (i64, i64, i64) {
        (x, x, x)
    }
}

fn main() {}
