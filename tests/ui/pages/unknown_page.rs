// A link to a page the site does not have.
use dash::prelude::*;

fn home() -> html::Div {
    html::Div::new()
}

fn city(_name: String) -> html::Div {
    html::Div::new()
}

#[derive(dash::Pages)]
enum Site {
    #[page(path = "/", layout = home)]
    Home,
    #[page(path = "/city/<name>", layout = city)]
    City { name: String },
}

fn main() {
    let _link = dcc::Link::new(Site::Cities { name: "oslo".into() });
}
