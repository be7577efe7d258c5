//! Callbacks that know which input fired, write side updates, patch a list, show that
//! they are running, and fall back when they fail.
//!
//! - `inc`, `dec` and `reset` feed the `count` through one callback that matches on the
//!   input that fired; each click also appends one line to `history` with a `Patch`, so
//!   the list is never sent whole.
//! - `save` runs a callback with no outputs that takes a second: the button is disabled
//!   while it runs (`running`), and the callback writes "saved N" into `status` with
//!   `set_props`.
//! - `fail` runs a callback that returns an error; its `on_error` handler writes
//!   "failed: <message>" into `status`.
//! - Three steps run in the browser, with no request (`#[clientside]`): `toggle` hides and
//!   shows the history, the characters typed into `note` are counted as they are typed,
//!   and `browser_inc` clicks `inc` with `dash_clientside.set_props`, which runs the
//!   server's `update` as a click on `inc` does.
//!
//! `cargo run --example counter`, then open http://127.0.0.1:8050/.

use dash::prelude::*;

#[dash::app]
pub mod counter {
    use dash::prelude::*;
    use std::time::Duration;

    #[ids]
    pub struct Ids {
        inc: html::Button,
        dec: html::Button,
        reset: html::Button,
        count: html::Div,
        history: html::Ul,
        save: html::Button,
        fail: html::Button,
        status: html::Div,
        toggle: html::Button,
        note: dcc::Input,
        note_count: html::Span,
        browser_inc: html::Button,
    }

    /// Hides the history on every other click of `toggle`.
    #[clientside(output = "history.style", input = "toggle.n_clicks")]
    pub const TOGGLE_HISTORY: &str = r#"(clicks) => (clicks || 0) % 2 ? {display: "none"} : {}"#;

    /// Counts the note's characters as they are typed.
    #[clientside(output = "note_count.children", input = "note.value")]
    pub const COUNT_CHARACTERS: &str = r#"(note) => `${(note || "").length} characters`"#;

    /// Clicks `inc` from the browser: the server's `update` runs as for a click on `inc`.
    #[clientside(
        input = "browser_inc.n_clicks",
        state = "inc.n_clicks",
        prevent_initial_call
    )]
    pub const CLICK_INC: &str = r#"(clicks, inc) => {
    dash_clientside.set_props("inc", {n_clicks: (inc || 0) + 1});
}"#;

    /// The new count, and one more line of history (none on the initial call).
    #[callback(
        output = "count.children",
        output = "history.children",
        input = "inc.n_clicks",
        input = "dec.n_clicks",
        input = "reset.n_clicks",
        state = "count.children"
    )]
    pub fn update(
        ctx: Ctx<update::Trigger>,
        _inc: Option<i64>,
        _dec: Option<i64>,
        _reset: Option<i64>,
        count: Option<String>,
    ) -> (String, Update<Patch>) {
        let count: i64 = count.as_deref().unwrap_or("0").parse().unwrap_or(0);
        let (count, line) = match ctx.trigger() {
            Some(update::Trigger::Inc) => (count + 1, "inc"),
            Some(update::Trigger::Dec) => (count - 1, "dec"),
            Some(update::Trigger::Reset) => (0, "reset"),
            None => return (count.to_string(), Update::NoUpdate),
        };
        let item = html::Li::new().children(format!("{line} → {count}"));
        (
            count.to_string(),
            Update::Set(Patch::new().append((), item)),
        )
    }

    /// Saves (here: waits a second), with `save` disabled meanwhile, and says so in
    /// `status`. It has no outputs: all it writes is the side update.
    #[callback(
        input = "save.n_clicks",
        prevent_initial_call,
        running(prop = "save.disabled", on = true, off = false)
    )]
    pub fn save(ctx: Ctx, clicks: Option<i64>) {
        std::thread::sleep(Duration::from_secs(1));
        ctx.set_props(
            "status",
            "children",
            format!("saved {}", clicks.unwrap_or(0)),
        );
    }

    /// Always fails; `show_failure` answers instead of a 500.
    #[callback(
        output = "count.title",
        input = "fail.n_clicks",
        prevent_initial_call,
        on_error = show_failure
    )]
    pub fn fail(_clicks: Option<i64>) -> Result<String, CallbackError> {
        Err(CallbackError::msg("the disk is full"))
    }

    /// The fallback of `fail`: leaves its output as it is and reports in `status`.
    fn show_failure(error: CallbackError, ctx: Ctx) -> Option<String> {
        ctx.set_props("status", "children", format!("failed: {error}"));
        None
    }
}

fn layout() -> html::Div {
    html::Div::new().children([
        html::Button::new().id("inc").children("+1").into(),
        html::Button::new().id("dec").children("-1").into(),
        html::Button::new().id("reset").children("reset").into(),
        html::Div::new().id("count").children("0").into(),
        html::Ul::new()
            .id("history")
            .children(Vec::<Node>::new())
            .into(),
        html::Button::new().id("save").children("save").into(),
        html::Button::new().id("fail").children("fail").into(),
        html::Div::new().id("status").children("").into(),
        html::Button::new()
            .id("toggle")
            .children("hide/show history")
            .into(),
        dcc::Input::new().id("note").value("").into(),
        html::Span::new()
            .id("note_count")
            .children("0 characters")
            .into(),
        html::Button::new()
            .id("browser_inc")
            .children("+1 from the browser")
            .into(),
    ])
}

/// The app, configured; `main` runs it and the tests serve it.
pub fn app() -> Dash {
    Dash::new()
        .title("Counter")
        .layout(layout())
        .app::<counter::Ids>()
}

fn main() -> Result<(), dash::StartupError> {
    app().run()
}
