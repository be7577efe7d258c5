// `(label, value)` pairs are not options as the browser reads them: the message names the
// conversion that makes them options.
#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        city: dcc::Dropdown,
        go: html::Button,
    }

    #[callback(output = "city.options", input = "go.n_clicks")]
    fn options(_clicks: Option<u32>) -> Vec<(&'static str, &'static str)> {
        vec![("New York City", "NYC")]
    }
}

fn main() {}
