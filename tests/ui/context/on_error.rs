// An `on_error` handler returns the callback's outputs (or `None` for no update).
#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        a: html::Button,
        out: html::Div,
    }

    #[callback(output = "out.children", input = "a.n_clicks", on_error = wrong)]
    fn fails(_clicks: Option<i64>) -> Result<String, CallbackError> {
        Err(CallbackError::msg("no"))
    }

    fn wrong(_error: CallbackError, _ctx: Ctx) -> Option<i64> {
        None
    }
}

fn main() {}
