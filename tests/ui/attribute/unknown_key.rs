#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        a: Component,
        b: Component,
    }

    #[callback(output = "b.children", inptu = "a.value")]
    fn f(x: i64) -> i64 {
        x
    }
}

fn main() {}
