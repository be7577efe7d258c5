// What an id family may be: a struct of keys that are strings, integers or booleans.
#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        total: html::Div,
    }

    #[family(dcc::Input)]
    pub struct Tags {
        pub tags: Vec<u8>,
    }

    #[family(dcc::Input)]
    pub struct Typed {
        pub r#type: String,
    }

    #[family(dcc::Input)]
    pub enum NotAStruct {
        A,
    }

    #[family]
    pub struct NoComponent {
        pub index: u32,
    }

    #[family(dcc::Input)]
    pub struct Tuple(u32);

    #[family(html::Div, type = "tags")]
    pub struct SameType {
        pub index: u32,
    }
}

fn main() {}
