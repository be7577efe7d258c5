// Unknown ids and duplicates across callbacks, all in one compile.
#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        a: Component,
        b: Component,
    }

    #[callback(output = "b.children", input = "c.value", state = "d.data")]
    fn first(x: i64, y: i64) -> i64 {
        x + y
    }

    #[callback(output = "b.children", input = "a.value")]
    fn second(x: i64) -> i64 {
        x
    }
}

fn main() {}
