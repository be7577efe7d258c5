#[dash::app]
mod app {
    #[callback(output = "b.children", input = "a.value")]
    fn f(x: i64) -> i64 {
        x
    }
}

fn main() {}
