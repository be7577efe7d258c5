// Options take values, `(label, value)` pairs or choices; anything else is refused with
// the conversions that fit.
#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        city: dcc::Dropdown,
        go: html::Button,
    }

    #[callback(output = "city.options", input = "go.n_clicks")]
    fn options(_clicks: Option<u32>) -> Vec<Vec<String>> {
        vec![vec!["New York City".into()]]
    }
}

fn main() {}
