// `allow_optional` names an input or state of the callback.
#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        a: Component,
        b: Component,
    }

    #[callback(output = "b.children", input = "a.value", allow_optional = "a.title")]
    fn copy(value: Option<String>) -> String {
        value.unwrap_or_default()
    }
}

fn main() {}
