#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        a: html::Button,
        b: html::Button,
        out: html::Div,
    }

    #[callback(output = "out.children", input = "a.n_clicks")]
    fn first(n: Option<u32>) -> Option<u32> {
        n
    }

    #[callback(output = "out.children", input = "b.n_clicks", allow_duplicate)]
    fn second(n: Option<u32>) -> Option<u32> {
        n
    }
}

fn main() {}
