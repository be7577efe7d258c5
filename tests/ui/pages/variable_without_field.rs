// A path variable the variant has no field for, and a title naming no variable.
use dash::prelude::*;

fn city() -> html::Div {
    html::Div::new()
}

#[derive(dash::Pages)]
enum Site {
    #[page(path = "/city/<name>", layout = city, title = "Weather in {city}")]
    City,
}

fn main() {}
