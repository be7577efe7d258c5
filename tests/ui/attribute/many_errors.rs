// Every problem of the module is reported in one compile.
#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        a: Component,
        b: Component,
    }

    #[callback(output = "b", input = "a.value")]
    fn one(x: i64) -> i64 {
        x
    }

    #[callback(output = "b.title", input = "a value")]
    fn two(x: i64) -> i64 {
        x
    }

    #[callback(output = "b.children", input = "a.value", blocking = "yes")]
    fn three(x: i64) -> i64 {
        x
    }
}

fn main() {}
