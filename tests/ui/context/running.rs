// `running` props are checked like outputs: the prop exists and both values fit it.
#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        go: html::Button,
        out: html::Div,
    }

    #[callback(
        output = "out.children",
        input = "go.n_clicks",
        running(prop = "go.disabld", on = true, off = false),
        running(prop = "go.disabled", on = "yes", off = false),
        running(prop = "go.disabled", on = true)
    )]
    fn click(clicks: Option<i64>) -> String {
        format!("{clicks:?}")
    }
}

fn main() {}
