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

    // Options read back as a list of values, and set as one.
    #[callback(output = "names.title", input = "letters.value", state = "letters.options")]
    fn first(_chosen: Vec<String>, options: Vec<String>, ctx: Ctx) -> String {
        ctx.set_props("city", "options", vec!["Rome", "Oslo"]);
        options.into_iter().next().unwrap_or_default()
    }
}

fn main() {}
