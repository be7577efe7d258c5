// A family's ids go on the component type it is declared for, and nowhere else.
#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        total: html::Div,
    }

    #[family(dcc::Input)]
    pub struct Item {
        pub index: u32,
    }
}

fn main() {
    use dash::prelude::*;
    let _ = dcc::Input::new().id(app::Item { index: 3 });
    let _ = html::Div::new().id(app::Item { index: 3 });
}
