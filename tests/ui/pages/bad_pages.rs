// Paths that are not a page's, two pages at one path, a page with neither module nor
// layout, a redirect that is not a path, and a variant without `#[page]`.
use dash::prelude::*;

fn home() -> html::Div {
    html::Div::new()
}

#[derive(dash::Pages)]
enum Site {
    #[page(path = "city", layout = home)]
    NoSlash,
    #[page(path = "/city-<name>", layout = home)]
    PartSegment { name: String },
    #[page(path = "/", layout = home)]
    Home,
    #[page(path = "/", layout = home)]
    AlsoHome,
    #[page(path = "/about")]
    About,
    #[page(path = "/news", layout = home, redirect_from = "old-news")]
    News,
    Forgotten,
}

fn main() {}
