//! Ports of Dash's own background-callback tests (tests/background_callback/ in
//! plotly/dash, `test_lcbc0NN`), in headless Chromium against an app served in this
//! process. Each test names the one it ports.

use std::time::Duration;

use serde_json::json;
use support::browser::Session;

const TIMEOUT: Duration = Duration::from_secs(30);

#[dash::app]
mod ports {
    use std::time::Duration;

    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        text: dcc::Input,
        echoed: html::P,
        go: html::Button,
        counted: html::P,
        steps: html::P,
        triggers: html::P,
        fail: html::Button,
        prevent: html::Button,
        failed: html::P,
        side: html::Button,
        side_out: html::P,
        side_status: html::P,
        zero: html::Button,
        zero_out: html::P,
        zero_progress: html::P,
        handled: html::Button,
        handled_out: html::P,
        handled_note: html::P,
    }

    /// lcbc001: each keystroke starts the job again (`oldJob` cancels the one before);
    /// the last value wins.
    #[callback(
        output = "echoed.children",
        input = "text.value",
        background,
        interval = 100
    )]
    pub fn echo(text: Option<String>) -> String {
        std::thread::sleep(Duration::from_millis(600));
        text.unwrap_or_default()
    }

    /// lcbc010 and lcbc014: progress values trigger a dependent server callback, each
    /// value delivered once.
    #[callback(
        output = "counted.children",
        input = "go.n_clicks",
        background,
        interval = 100,
        progress = "steps.children",
        prevent_initial_call
    )]
    pub fn count(_: Option<u32>, progress: Progress<String>) -> Result<String, CallbackError> {
        for step in 1..=2 {
            progress.set(format!("step {step}"))?;
            std::thread::sleep(Duration::from_millis(500));
        }
        Ok("counted".to_owned())
    }

    /// Counts the progress values it saw.
    #[callback(
        output = "triggers.children",
        input = "steps.children",
        state = "triggers.children"
    )]
    pub fn triggered(step: Option<String>, seen: Option<String>) -> String {
        let seen: u32 = seen.and_then(|s| s.parse().ok()).unwrap_or(0);
        if step.is_some_and(|s| s.starts_with("step")) {
            (seen + 1).to_string()
        } else {
            seen.to_string()
        }
    }

    /// lcbc008: an error in the job is an error of the call (500); `PreventUpdate` in the
    /// job leaves the output as it is.
    #[callback(
        output = "failed.children",
        input = "fail.n_clicks",
        input = "prevent.n_clicks",
        background,
        interval = 100,
        prevent_initial_call
    )]
    pub fn fails(
        ctx: Ctx<fails::Trigger>,
        _: Option<u32>,
        _: Option<u32>,
    ) -> Result<String, CallbackError> {
        std::thread::sleep(Duration::from_millis(200));
        match ctx.trigger() {
            Some(fails::Trigger::Fail) => Err(CallbackError::msg("the job broke")),
            _ => Err(PreventUpdate.into()),
        }
    }

    /// lcbc017: `set_props` while the job runs reaches the browser before the result.
    #[callback(
        output = "side_out.children",
        input = "side.n_clicks",
        background,
        interval = 100,
        prevent_initial_call
    )]
    pub fn sides(ctx: Ctx, _: Option<u32>) -> String {
        ctx.set_props("side_status", "children", "half way");
        std::thread::sleep(Duration::from_millis(800));
        "side done".to_owned()
    }

    /// lcbc009: `interval = 0`; the progress prop ends at its default.
    #[callback(
        output = "zero_out.children",
        input = "zero.n_clicks",
        background,
        interval = 0,
        progress(prop = "zero_progress.children", default = "zero idle"),
        prevent_initial_call
    )]
    pub fn zero(_: Option<u32>, progress: Progress<String>) -> Result<String, CallbackError> {
        for step in 0..3 {
            progress.set(format!("zero {step}"))?;
            std::thread::sleep(Duration::from_millis(150));
        }
        Ok("zero done".to_owned())
    }

    /// lcbc018: the callback's `on_error` runs for the job's error; its value is the
    /// output and its `set_props` arrive.
    #[callback(output = "handled_out.children", input = "handled.n_clicks", background,
               interval = 100, prevent_initial_call, on_error = recover)]
    pub fn handled(_: Option<u32>) -> Result<String, CallbackError> {
        std::thread::sleep(Duration::from_millis(200));
        Err(CallbackError::msg("handled failure"))
    }

    fn recover(error: CallbackError, ctx: Ctx) -> Option<String> {
        ctx.set_props("handled_note", "children", format!("noted: {error}"));
        Some("recovered".to_owned())
    }
}

fn layout() -> dash::html::Div {
    use dash::prelude::*;
    html::Div::new().children([
        dcc::Input::new().id("text").value("").into(),
        html::P::new().id("echoed").into(),
        html::Button::new().id("go").children("go").into(),
        html::P::new().id("counted").into(),
        html::P::new().id("steps").into(),
        html::P::new().id("triggers").into(),
        html::Button::new().id("fail").children("fail").into(),
        html::Button::new().id("prevent").children("prevent").into(),
        html::P::new().id("failed").children("untouched").into(),
        html::Button::new().id("side").children("side").into(),
        html::P::new().id("side_out").into(),
        html::P::new().id("side_status").into(),
        html::Button::new().id("zero").children("zero").into(),
        html::P::new().id("zero_out").into(),
        html::P::new().id("zero_progress").into(),
        html::Button::new().id("handled").children("handled").into(),
        html::P::new().id("handled_out").into(),
        html::P::new().id("handled_note").into(),
    ])
}

async fn open() -> (String, Session) {
    let url = support::serve(support::dash().layout(layout()).app::<ports::Ids>()).await;
    let session = Session::open(&format!("{url}/")).await;
    session.wait_text("failed", "untouched").await;
    (url, session)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lcbc001_fast_input_restarts_the_job_and_the_last_value_wins() {
    let (_url, session) = open().await;
    session.click("#text").await;
    session.type_into("#text", "hello world").await;
    session.wait_text("echoed", "hello world").await;
    tokio::time::sleep(Duration::from_millis(900)).await;
    assert_eq!(session.text("echoed").await, "hello world");
    session.close_without_errors().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lcbc010_lcbc014_progress_triggers_callbacks_once_per_value() {
    let (_url, session) = open().await;
    session.click("#go").await;
    session.wait_text("counted", "counted").await;
    session.wait_text("triggers", "2").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(session.text("triggers").await, "2");
    // No `progress_default`: the last value stays.
    assert_eq!(session.text("steps").await, "step 2");
    session.close_without_errors().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lcbc008_an_error_fails_the_call_and_prevent_update_changes_nothing() {
    let (_url, session) = open().await;
    session.click("#prevent").await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(session.text("failed").await, "untouched");
    session.click("#fail").await;
    session
        .wait_for(
            "performance.getEntriesByType('resource').filter(e => \
             e.name.includes('_dash-update-component') && e.responseStatus === 500).length",
            json!(1),
            TIMEOUT,
        )
        .await;
    assert_eq!(session.text("failed").await, "untouched");
    session.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lcbc017_set_props_arrive_while_the_job_runs() {
    let (_url, session) = open().await;
    session.click("#side").await;
    session.wait_text("side_status", "half way").await;
    assert_eq!(session.text("side_out").await, "", "before the result");
    session.wait_text("side_out", "side done").await;
    session.close_without_errors().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lcbc009_interval_zero_ends_at_the_progress_default() {
    let (_url, session) = open().await;
    session.click("#zero").await;
    session.wait_text("zero_out", "zero done").await;
    session.wait_text("zero_progress", "zero idle").await;
    session.close_without_errors().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lcbc018_on_error_answers_for_the_job() {
    let (_url, session) = open().await;
    session.click("#handled").await;
    session.wait_text("handled_out", "recovered").await;
    session
        .wait_text("handled_note", "noted: handled failure")
        .await;
    session.close_without_errors().await;
}
