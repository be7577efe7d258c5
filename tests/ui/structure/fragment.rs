// A fragment's ids are checked against the shared `Ids` by rustc; its own `#[ids]` is an
// error, and so is an unknown argument.
#[dash::app]
pub mod main_app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        pub(crate) city: dcc::Dropdown,
        pub(crate) summary: html::Div,
    }
}

#[dash::app(ids = crate::main_app::Ids)]
pub mod details {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        other: html::Div,
    }

    #[callback(output = "sumary.children", input = "city.value")]
    fn detail(city: Option<String>) -> String {
        city.unwrap_or_default()
    }
}

#[dash::app(id = crate::main_app::Ids)]
pub mod wrong {}

fn main() {}
