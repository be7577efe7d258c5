// A link to a page without the variable its path needs.
use dash::prelude::*;

fn city(_name: String) -> html::Div {
    html::Div::new()
}

#[derive(dash::Pages)]
enum Site {
    #[page(path = "/city/<name>", layout = city)]
    City { name: String },
}

fn main() {
    let _link = dcc::Link::new(Site::City {});
}
