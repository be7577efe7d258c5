// The function takes one parameter per input and state, in order (a rest parameter takes
// the rest); an array it visibly returns has one element per output.
#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        a: dcc::Input,
        b: dcc::Input,
        c: html::Div,
        d: html::Div,
        e: html::Div,
    }

    #[clientside(output = "c.children", input = "a.value", state = "b.value")]
    const TOO_FEW: &str = "(a) => a";

    #[clientside(output = "d.children", input = "a.value")]
    const TOO_MANY: &str = "function (a, b, c) { return a + b + c; }";

    // Fine: the rest parameter takes both; a default may be left out; a `function` that
    // reads `arguments` takes any number; a trailing `;` is not part of the function.
    #[clientside(output = "e.children", input = "a.value", input = "b.value")]
    const REST: &str = "(...values) => values.join()";

    #[clientside(output = "e.lang", input = "a.value")]
    const DEFAULTS: &str = "(a, b = 1) => a + b;";

    #[clientside(output = "e.dir", input = "a.value", input = "b.value")]
    const ARGUMENTS: &str = "function () { return arguments.length; }";

    #[clientside(
        output = "c.title",
        output = "d.title",
        output = "e.title",
        input = "b.value"
    )]
    const SHORT_ARRAY: &str = r#"(b) => {
        if (b) {
            return [b, b];
        }
        return [1, 2, 3];
    }"#;
}

fn main() {}
