#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        a: Component,
        b: Component,
    }

    #[callback(output = "b.children", input = "a.value", state = "a.title")]
    fn count(x: i64) -> i64 {
        x
    }
}

fn main() {}
