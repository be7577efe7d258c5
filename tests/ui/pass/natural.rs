// What a user naturally returns for a prop fits: lists of values for `options`, a `Vec` of
// typed components or of text for `children`, `&str` for text.
#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        city: dcc::Dropdown,
        letters: dcc::Checklist,
        level: dcc::RadioItems,
        list: html::Ul,
        names: html::Div,
        title: html::H1,
    }

    #[family(dcc::Dropdown)]
    pub struct Choice {
        pub index: u32,
    }

    #[callback(
        output = "city.options",
        output = "letters.options",
        output = "level.options",
        input = "title.n_clicks"
    )]
    fn options(_clicks: Option<u32>) -> (Vec<String>, Vec<&'static str>, Vec<i64>) {
        (vec!["Oslo".into()], vec!["a", "b"], vec![1, 2, 3])
    }

    #[callback(output = "list.children", output = "names.children", input = "city.value")]
    fn items(city: Option<String>) -> (Vec<html::Li>, Vec<String>) {
        let city = city.unwrap_or_default();
        (vec![html::Li::new().children(city.clone())], vec![city])
    }

    #[callback(output = "title.children", input = "level.value")]
    fn title(_level: Option<i64>) -> &'static str {
        "Cities"
    }

    // `(label, value)` pairs, in every place an output or a side update can be.
    #[callback(
        output = "level.options",
        output(Choice { index: ALL }, "options"),
        input = "names.n_clicks",
        allow_duplicate,
        prevent_initial_call
    )]
    fn pairs(_clicks: u32, ctx: Ctx) -> (Update<Vec<(&'static str, i64)>>, Vec<Vec<(String, bool)>>) {
        ctx.set_props("city", "options", vec![("Rome", "RM")]);
        (Update::Set(vec![("one", 1)]), vec![vec![("yes".to_owned(), true)]])
    }

    #[callback(output(Choice { index: MATCH }, "options"), input(Choice { index: MATCH }, "value"))]
    fn one(_value: Option<String>) -> Vec<(html::B, &'static str)> {
        vec![(html::B::new().children("bold"), "b")]
    }

    // Options read back as a list of values, and set as one.
    #[callback(output = "names.title", input = "letters.value", state = "letters.options")]
    fn first(_chosen: Vec<String>, options: Vec<String>, ctx: Ctx) -> String {
        ctx.set_props("city", "options", vec!["Rome", "Oslo"]);
        options.into_iter().next().unwrap_or_default()
    }

    // Children read and written as any JSON, as Dash's own tests do.
    #[callback(output = "names.children", input = "list.children", allow_duplicate, prevent_initial_call)]
    fn copy(children: serde_json::Value) -> serde_json::Value {
        children
    }
}

fn main() {}
