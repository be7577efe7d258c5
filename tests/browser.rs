//! The examples in real headless Chromium, driven by the official Dash front end.

mod support;

use std::time::Duration;

use serde_json::json;
use support::browser::Session;

const TIMEOUT: Duration = Duration::from_secs(30);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scores_in_the_browser() {
    let server = support::run_example("scores", &[]);
    let session = Session::open(&format!("{}/", server.url)).await;
    session
        .wait_for(
            "document.querySelector('#output')?.innerText",
            json!("3"),
            TIMEOUT,
        )
        .await;
    session.screenshot("scores-initial").await;

    session
        .page
        .find_element("#score")
        .await
        .expect("the dropdown")
        .click()
        .await
        .expect("opens");
    session
        .wait_for(
            "document.querySelectorAll('[role=option]').length",
            json!(5),
            TIMEOUT,
        )
        .await;
    let option = session
        .page
        .find_xpath("//*[@role='option'][normalize-space()='5']")
        .await
        .expect("option 5");
    option.click().await.expect("option 5 chosen");
    session
        .wait_for(
            "document.querySelector('#output')?.innerText",
            json!("4"),
            TIMEOUT,
        )
        .await;
    session.screenshot("scores-after-choosing-5").await;
    session.close_without_errors().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn debug_mode_runs_the_dev_tools_and_development_builds() {
    let server = support::run_example("scores", &[("DASH_DEBUG", "true")]);
    let session = Session::open(&format!("{}/", server.url)).await;
    session
        .wait_for(
            "document.querySelector('#output')?.innerText",
            json!("3"),
            TIMEOUT,
        )
        .await;
    session
        .wait_for(
            "!!document.querySelector('.dash-debug-menu__outer')",
            json!(true),
            TIMEOUT,
        )
        .await;
    session.screenshot("scores-debug").await;
    session.close_without_errors().await;
}

#[dash::app]
mod failing {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        source: Component,
        target: Component,
    }

    #[callback(output = "target.children", input = "source.children")]
    fn explode(_text: Option<String>) -> String {
        panic!("this callback always fails")
    }
}

/// The error collection is real: a failing callback shows up in it, and the page stays up.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_callback_is_reported_by_the_browser() {
    use dash::prelude::*;
    let layout = Component::html("Div").children([
        Component::html("P").id("source").children("input").into(),
        Component::html("P")
            .id("target")
            .children("unchanged")
            .into(),
    ]);
    let base = support::serve(Dash::new().layout(layout).app::<failing::Ids>()).await;
    let session = Session::open(&format!("{base}/")).await;
    session
        .wait_for(
            "document.querySelector('#source')?.innerText",
            json!("input"),
            TIMEOUT,
        )
        .await;
    let started = std::time::Instant::now();
    while session.errors().is_empty() && started.elapsed() < TIMEOUT {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let errors = session.errors();
    let text = session
        .eval("document.querySelector('#target').innerText")
        .await;
    session.close().await;
    assert!(errors.iter().any(|e| e.contains("500")), "{errors:#?}");
    assert_eq!(text, json!("unchanged"));
}
