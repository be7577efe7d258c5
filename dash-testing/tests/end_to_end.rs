//! A user's end-to-end test, as the crate's documentation writes one: the app served in
//! the test's process, its page in headless Chromium.

use dash::prelude::*;
use dash_testing::Session;

#[dash::app]
mod counter {
    use dash::prelude::*;

    #[ids]
    pub(crate) struct Ids {
        inc: html::Button,
        count: html::Div,
        name: dcc::Input,
        greeting: html::Div,
    }

    #[callback(output = "count.children", input = "inc.n_clicks")]
    pub(crate) fn count(clicks: Option<u32>) -> String {
        clicks.unwrap_or(0).to_string()
    }

    #[callback(output = "greeting.children", input = "name.value")]
    pub(crate) fn greet(name: Option<String>) -> String {
        format!("Hello, {}!", name.unwrap_or_default())
    }
}

fn app() -> Dash {
    Dash::new()
        .debug(false)
        .layout(html::Div::new().children([
            html::Button::new().id("inc").children("+1").into(),
            html::Div::new().id("count").into(),
            dcc::Input::new().id("name").value("").into(),
            html::Div::new().id("greeting").into(),
        ]))
        .app::<counter::Ids>()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn click_type_and_wait_for_text() {
    let page = Session::open_app(app()).await;
    page.wait_text("count", "0").await;
    page.click("#inc").await;
    page.click("#inc").await;
    page.wait_text("count", "2").await;
    page.type_into("#name", "Ada").await;
    page.wait_text("greeting", "Hello, Ada!").await;
    assert!(page.errors().is_empty(), "{:?}", page.errors());
    page.close_without_errors().await;
}

/// An error the page logs is the test's to see.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_s_errors_are_collected() {
    let page = Session::open_app(app()).await;
    page.wait_text("count", "0").await;
    page.eval("console.error('something broke'); true").await;
    page.wait_for(
        "true",
        serde_json::json!(true),
        std::time::Duration::from_secs(1),
    )
    .await;
    assert!(
        page.errors().iter().any(|e| e.contains("something broke")),
        "{:?}",
        page.errors()
    );
    page.close().await;
}
