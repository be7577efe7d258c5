// Paths that are not a page's, two pages at one path, a page with neither module nor
// layout, redirects that are not paths, to a page with variables or from one path to two
// pages, and a variant without `#[page]`.
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
    #[page(path = "/blog", layout = home, redirect_from = "/_dash-layout")]
    Blog,
    #[page(path = "/post/<id>", layout = home, redirect_from = "/post")]
    Post { id: u32 },
    #[page(path = "/a", layout = home, redirect_from = "/old")]
    A,
    #[page(path = "/b", layout = home, redirect_from = "/old")]
    B,
    Forgotten,
}

fn main() {}
