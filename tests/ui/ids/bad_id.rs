// Ids the browser cannot use: a dot (it splits `id.prop` at the last one) or a brace (it
// reads ids starting with `{` as dictionaries).
#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        #[id = "my.name"]
        name: html::Div,
        #[id = "{x}"]
        braces: html::Div,
        button: html::Button,
    }

    #[callback(output = "name.children", input = "button.n_clicks")]
    fn click(clicks: Option<i64>) -> String {
        format!("{clicks:?}")
    }
}

fn main() {}
