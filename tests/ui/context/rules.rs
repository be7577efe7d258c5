// What a callback with a context, no outputs or an error handler may not do.
#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        a: html::Button,
        out: html::Div,
    }

    #[callback(input = "a.n_clicks")]
    fn no_output_returns(clicks: Option<i64>) -> i64 {
        clicks.unwrap_or(0)
    }

    #[callback(output = "out.children", input = "a.n_clicks", on_error = handler)]
    fn cannot_fail(clicks: Option<i64>) -> String {
        format!("{clicks:?}")
    }

    #[callback(output = "out.title", input = "a.n_clicks", memoize)]
    fn memoized(ctx: Ctx, clicks: Option<i64>) -> String {
        format!("{ctx:?} {clicks:?}")
    }

    #[callback(output = "out.className", input = "a.n_clicks", input = "a.n_clicks")]
    fn twice(a: Option<i64>, b: Option<i64>) -> String {
        format!("{a:?}{b:?}")
    }

    #[callback(output = "out.style")]
    fn no_input() -> Option<dash::__private::Value> {
        None
    }

    #[callback(output = "out.hidden", input = "out.n_clicks")]
    fn html(ctx: Ctx<html::Trigger>, _clicks: Option<i64>) -> bool {
        ctx.trigger().is_some()
    }

    fn handler(_error: CallbackError, _ctx: Ctx) -> Option<String> {
        None
    }
}

fn main() {}
