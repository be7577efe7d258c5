// Every family mistake of a module, reported in one compile.
#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        total: html::Div,
    }

    #[family(dcc::Input, kind = "x")]
    pub struct BadAttribute {
        pub index: u32,
    }

    #[family(dcc::Input)]
    pub struct BadKey {
        pub weight: f64,
    }

    #[family(dcc::Input)]
    pub struct Generic<T> {
        pub index: T,
    }
}

fn main() {}
