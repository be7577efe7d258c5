// A key written twice is reported at its second place, every one of them; `output`,
// `input`, `state` and `running` are the keys a callback may repeat.
#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        a: Component,
        b: Component,
        c: Component,
    }

    #[callback(output = "b.children", input = "a.value", blocking, blocking = false)]
    fn one(x: i64) -> i64 {
        x
    }

    #[callback(
        output = "c.children",
        input = "a.value",
        prevent_initial_call,
        memoize,
        prevent_initial_call = false,
        memoize(ttl = "10m")
    )]
    fn two(x: i64) -> i64 {
        x
    }

    #[callback(output = "b.title", input = "a.value", on_error = quietly, on_error = quietly)]
    fn three(x: i64) -> Result<i64, CallbackError> {
        Ok(x)
    }

    fn quietly(_error: CallbackError) -> Option<i64> {
        None
    }
}

fn main() {}
