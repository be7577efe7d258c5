// #[clientside] takes the keys a callback the browser runs has, goes on a const of one of
// two forms, and names no function the renderer or Dash owns.
#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        a: dcc::Input,
        b: html::Div,
        c: html::Div,
        d: html::Div,
        e: html::Div,
    }

    #[clientside(output = "b.children", input = "a.value", memoize)]
    const MEMOIZED: &str = "(a) => a";

    #[clientside(output = "c.children", input = "a.value", speed = 3)]
    const UNKNOWN: &str = "(a) => a";

    #[clientside(output = "d.children", input = "a.value")]
    const RESERVED: ClientsideFunction = ClientsideFunction::new("_dashprivate_mine", "show");

    #[clientside(output = "e.children", input = "a.value")]
    const NEITHER: &str = concat!("(a) ", "=> a");

    #[clientside(output = "e.title", input = "a.value")]
    const CLOSES: &str = "(a) => '</script>' + a";

    #[clientside(output = "e.className", input = "a.value")]
    fn not_a_const() {}
}

fn main() {}
