// A new input is a new variant: every `match` that does not handle it stops compiling.
#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        inc: html::Button,
        dec: html::Button,
        reset: html::Button,
        count: html::Div,
    }

    #[callback(
        output = "count.children",
        input = "inc.n_clicks",
        input = "dec.n_clicks",
        input = "reset.n_clicks"
    )]
    fn update(ctx: Ctx<update::Trigger>, _a: Option<i64>, _b: Option<i64>, _c: Option<i64>) -> String {
        match ctx.trigger() {
            Some(update::Trigger::Inc) => "up".into(),
            Some(update::Trigger::Dec) => "down".into(),
            None => "start".into(),
        }
    }
}

fn main() {}
