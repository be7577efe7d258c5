// What a callback with a context, no outputs or an error handler may not do.
#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        a: html::Button,
        out: html::Div,
        page_1: html::Button,
        page1: html::Button,
        kept: ServerStore<Vec<i64>>,
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

    #[callback(output = "out.lang", input = "a.n_clicks", memoize, on_error = handler)]
    fn memoized_fallback(clicks: Option<i64>) -> Result<String, CallbackError> {
        Ok(format!("{clicks:?}"))
    }

    #[callback(output = "kept.data", input = "a.n_clicks")]
    fn store_writer(ctx: Ctx, clicks: Option<i64>) -> Vec<i64> {
        let _ = ctx;
        vec![clicks.unwrap_or(0)]
    }

    #[callback(output = "out.dir", input = "page_1.n_clicks", input = "page1.n_clicks")]
    fn pages(ctx: Ctx<pages::Trigger>, _a: Option<i64>, _b: Option<i64>) -> String {
        format!("{:?}", ctx.trigger())
    }

    fn handler(_error: CallbackError, _ctx: Ctx) -> Option<String> {
        None
    }
}

fn main() {}
