// A source that does not parse is an error at its string, with the line and column in the
// JavaScript and the line with a caret; so is a source that is not a function.
#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        a: dcc::Input,
        b: html::Div,
        c: html::Div,
        d: html::Div,
    }

    #[clientside(output = "b.children", input = "a.value")]
    const UNFINISHED: &str = r#"(value) => {
        const doubled = value *;
        return doubled;
    }"#;

    #[clientside(output = "c.children", input = "a.value")]
    const UNTERMINATED: &str = r#"(value) => `${value}"#;

    #[clientside(output = "d.children", input = "a.value")]
    const NOT_A_FUNCTION: &str = "1 + 2";
}

fn main() {}
