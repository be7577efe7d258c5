// Which input fired is an enum per callback: a misspelt variant, another callback's
// trigger and `trigger()` on a plain `Ctx` are compile errors.
#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        inc: html::Button,
        dec: html::Button,
        reset: html::Button,
        count: html::Div,
        other: html::Div,
    }

    #[callback(
        output = "count.children",
        input = "inc.n_clicks",
        input = "dec.n_clicks",
        input = "reset.n_clicks"
    )]
    fn update(ctx: Ctx<update::Trigger>, _a: Option<i64>, _b: Option<i64>, _c: Option<i64>) -> String {
        match ctx.trigger() {
            Some(update::Trigger::Incc) => "up".into(),
            None => "start".into(),
        }
    }

    #[callback(output = "other.children", input = "count.children")]
    fn other(ctx: Ctx<update::Trigger>, _count: Option<String>) -> String {
        let _ = ctx;
        String::new()
    }

    #[callback(output = "other.title", input = "count.title")]
    fn plain(ctx: Ctx, _title: Option<String>) -> String {
        format!("{:?}", ctx.trigger())
    }
}

fn main() {}
