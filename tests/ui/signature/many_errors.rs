// References, generics, `self`-less rules and missing outputs, all reported at once.
#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        a: Component,
        b: Component,
    }

    #[callback(output = "b.children", input = "a.value")]
    fn borrowed(x: &str) -> usize {
        x.len()
    }

    #[callback(output = "b.title", input = "a.value")]
    fn generic<T: ToString>(x: T) -> String {
        x.to_string()
    }

    #[callback(input = "a.value")]
    fn nothing_out(x: i64) -> i64 {
        x
    }

    #[callback(output = "b.style", input = "a.value")]
    fn opaque(x: impl ToString) -> String {
        x.to_string()
    }
}

fn main() {}
