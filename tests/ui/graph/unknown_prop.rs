// A prop the component does not have is an error at its string, next to the macro's own
// errors of the same module.
#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        city: dcc::Dropdown,
        chart: dcc::Graph,
        out: html::Div,
        raw: Component,
    }

    #[callback(output = "out.childen", input = "city.valeu", input = "raw.anything")]
    fn show(city: Option<String>, _raw: Option<String>) -> String {
        city.unwrap_or_default()
    }

    #[callback(output = "chart.figure", input = "chart.clickData", state = "city.className")]
    fn click(_data: Option<serde_json::Value>, _class: Option<String>) -> Figure {
        Figure::new()
    }

    #[callback(output = "out.title", input = "nowhere.value")]
    fn unknown_id(v: Option<String>) -> Option<String> {
        v
    }
}

fn main() {}
