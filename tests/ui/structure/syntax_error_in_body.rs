// A syntax error inside one callback yields only that error: no complaints about the
// inert attributes, no missing `Ids`.
#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        a: Component,
        b: Component,
    }

    #[callback(output = "b.children", input = "a.value")]
    fn f(x: i64) -> i64 {
        let y = x +;
        y
    }
}

fn main() {}
