// `set_props` with literal ids and props is checked like an output: the id, the prop and
// the value's type. An id computed at run time needs `set_props_dyn`.
#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        go: html::Button,
        banner: html::Div,
    }

    #[callback(input = "go.n_clicks")]
    fn click(ctx: Ctx, clicks: Option<i64>) {
        ctx.set_props("baner", "children", "hello");
        ctx.set_props("banner", "childen", "hello");
        ctx.set_props("go", "disabled", "yes");
        let target = format!("banner");
        ctx.set_props(target, "children", clicks.unwrap_or(0));
    }
}

fn main() {}
