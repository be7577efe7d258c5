//! Clientside callbacks in headless Chromium: ports of Dash's own clientside tests
//! (tests/integration/clientside/ in plotly/dash, each test named after the one it
//! ports), each an app of its own served in this process, with the named functions of
//! tests/clientside_assets/clientside.js. Their Python twins are in
//! tests/python/clientside_ports.py; the chain of `clsd002` runs against its twin in the
//! same test, and the call counts must agree.
//!
//! Dash's ports of pattern-matching ids write ids without a `type` key (`{"btn1": 0}`);
//! an id family here always has one, so those ports use `{"type": "btn1", "index": 0}`.

use std::time::Duration;

use dash::prelude::*;
use serde_json::{Value, json};
use support::browser::Session;

const TIMEOUT: Duration = Duration::from_secs(30);

/// The app, served with the test assets, and a browser on its page.
async fn open(app: Dash) -> (String, Session) {
    let url = support::serve(app.assets(dash::embed_assets!("clientside_assets"))).await;
    let session = Session::open(&format!("{url}/")).await;
    (url, session)
}

/// Waits until the `value` of the input with this id is `expected`, as Dash's
/// `wait_for_text_to_equal` reads an input.
async fn wait_value(session: &Session, id: &str, expected: &str) {
    session
        .wait_for(
            &format!("String(document.getElementById({id:?})?.value)"),
            json!(expected),
            TIMEOUT,
        )
        .await;
}

/// How many update requests the page has sent since it loaded.
async fn updates(session: &Session) -> u64 {
    session
        .eval(
            "performance.getEntriesByType('resource')\
             .filter(e => e.name.includes('_dash-update-component')).length",
        )
        .await
        .as_u64()
        .unwrap_or_default()
}

#[dash::app]
mod clsd001 {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        input: dcc::Input,
        #[id = "output-clientside"]
        client: html::Div,
        #[id = "output-serverside"]
        server: html::Div,
    }

    #[callback(output = "output-serverside.children", input = "input.value")]
    pub fn update_output(value: Option<String>) -> String {
        format!("Server says \"{}\"", value.as_deref().unwrap_or("None"))
    }

    #[clientside(output = "output-clientside.children", input = "input.value")]
    pub const DISPLAY: ClientsideFunction = ClientsideFunction::new("clientside", "display");
}

/// clsd001: a named function in the assets and a server callback on one input.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clsd001_clientside_and_serverside_on_one_input() {
    let layout = html::Div::new().children([
        dcc::Input::new().id("input").into(),
        html::Div::new().id("output-clientside").into(),
        html::Div::new().id("output-serverside").into(),
    ]);
    let (_url, session) = open(support::dash().layout(layout).app::<clsd001::Ids>()).await;
    session
        .wait_text("output-serverside", "Server says \"None\"")
        .await;
    session
        .wait_text("output-clientside", "Client says \"undefined\"")
        .await;
    session.type_into("#input", "hello world").await;
    session
        .wait_text("output-serverside", "Server says \"hello world\"")
        .await;
    session
        .wait_text("output-clientside", "Client says \"hello world\"")
        .await;
    // The function lives on `dash_clientside`, not on the window.
    assert_eq!(
        session
            .eval("'dash_clientside' in window && !('clientside' in window)")
            .await,
        json!(true)
    );
    session.close_without_errors().await;
}

#[dash::app]
mod clsd002 {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use dash::prelude::*;

    /// How often each server callback ran.
    #[derive(Clone, Default)]
    pub struct Calls {
        pub divide: std::sync::Arc<AtomicUsize>,
        pub display: std::sync::Arc<AtomicUsize>,
    }

    #[ids]
    pub struct Ids {
        x: dcc::Input,
        y: dcc::Input,
        #[id = "x-plus-y"]
        sum: dcc::Input,
        #[id = "x-plus-y-div-2"]
        half: dcc::Input,
        #[id = "display-all-of-the-values"]
        all: dcc::Textarea,
        #[id = "mean-of-all-values"]
        mean: dcc::Input,
    }

    #[clientside(output = "x-plus-y.value", input = "x.value", input = "y.value")]
    pub const ADD: ClientsideFunction = ClientsideFunction::new("clientside", "add");

    #[callback(
        output = "x-plus-y-div-2.value",
        input = "x-plus-y.value",
        allow_global_writes = "it counts its calls for the test"
    )]
    pub fn divide_by_two(calls: Shared<Calls>, value: serde_json::Value) -> Option<f64> {
        calls.divide.fetch_add(1, Ordering::SeqCst);
        // The clientside `add` writes a number; an input the user edits sends text.
        let value = match value {
            serde_json::Value::String(text) => text.parse().ok(),
            other => other.as_f64(),
        };
        Some(value? / 2.0)
    }

    #[callback(
        output = "display-all-of-the-values.value",
        input = "x.value",
        input = "y.value",
        input = "x-plus-y.value",
        input = "x-plus-y-div-2.value",
        allow_global_writes = "it counts its calls for the test"
    )]
    pub fn display_all(
        calls: Shared<Calls>,
        x: serde_json::Value,
        y: serde_json::Value,
        sum: serde_json::Value,
        half: serde_json::Value,
    ) -> String {
        calls.display.fetch_add(1, Ordering::SeqCst);
        [x, y, sum, half]
            .iter()
            .map(|value| match value {
                serde_json::Value::String(text) => text.clone(),
                other => other.to_string(),
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[clientside(
        output = "mean-of-all-values.value",
        input = "x.value",
        input = "y.value",
        input = "x-plus-y.value",
        input = "x-plus-y-div-2.value"
    )]
    pub const MEAN: ClientsideFunction = ClientsideFunction::new("clientside", "mean");
}

fn clsd002_layout() -> html::Div {
    html::Div::new().children([
        dcc::Input::new().id("x").value(3).into(),
        dcc::Input::new().id("y").value(6).into(),
        dcc::Input::new().id("x-plus-y").into(),
        dcc::Input::new().id("x-plus-y-div-2").into(),
        dcc::Textarea::new().id("display-all-of-the-values").into(),
        dcc::Input::new().id("mean-of-all-values").into(),
    ])
}

/// Drives the clsd002 page: the values after load, then after typing "1" into `x`.
async fn drive_clsd002(
    session: &Session,
    after_load: impl AsyncFn() -> (usize, usize),
) -> Vec<(usize, usize)> {
    let mut counts = Vec::new();
    for (id, value) in [
        ("x", "3"),
        ("y", "6"),
        ("x-plus-y", "9"),
        ("x-plus-y-div-2", "4.5"),
        ("display-all-of-the-values", "3\n6\n9\n4.5"),
        ("mean-of-all-values", "5.625"),
    ] {
        wait_value(session, id, value).await;
    }
    counts.push(after_load().await);
    session.type_into("#x", "1").await;
    for (id, value) in [
        ("x", "31"),
        ("x-plus-y", "37"),
        ("x-plus-y-div-2", "18.5"),
        ("display-all-of-the-values", "31\n6\n37\n18.5"),
        ("mean-of-all-values", "23.125"),
    ] {
        wait_value(session, id, value).await;
    }
    // Nothing else is on its way.
    tokio::time::sleep(Duration::from_millis(500)).await;
    counts.push(after_load().await);
    counts
}

/// clsd002: a chain through clientside and server callbacks. Each server callback runs
/// once on load and once after the edit, as in Dash's test, and the Python twin counts
/// the same in the same browser.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clsd002_a_chain_through_both_kinds_runs_each_callback_as_python_does() {
    let calls = clsd002::Calls::default();
    let app = support::dash()
        .layout(clsd002_layout())
        .share(calls.clone())
        .app::<clsd002::Ids>();
    let (_url, session) = open(app).await;
    let read = || {
        let calls = calls.clone();
        async move {
            (
                calls.divide.load(std::sync::atomic::Ordering::SeqCst),
                calls.display.load(std::sync::atomic::Ordering::SeqCst),
            )
        }
    };
    let ours = drive_clsd002(&session, read).await;
    assert_eq!(ours, [(1, 1), (2, 2)], "(divide, display) runs");
    session.close_without_errors().await;

    let twin = support::python_twin("clientside_ports.py", &["clsd002"]);
    let session = Session::open(&format!("{}/", twin.url)).await;
    let url = twin.url.clone();
    let read = || {
        let url = url.clone();
        async move {
            let counts = support::get_json(format!("{url}/counts")).await;
            (
                counts["divide"].as_u64().unwrap() as usize,
                counts["display"].as_u64().unwrap() as usize,
            )
        }
    };
    let python = drive_clsd002(&session, read).await;
    session.close().await;
    assert_eq!(ours, python, "(divide, display) runs: ours, then Python's");
}

#[dash::app]
mod clsd003 {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        first: dcc::Input,
        second: dcc::Input,
        third: dcc::Input,
    }

    #[clientside(output = "second.value", input = "first.value")]
    pub const SECOND: ClientsideFunction =
        ClientsideFunction::new("clientside", "add1_break_at_11");

    #[clientside(output = "third.value", input = "second.value")]
    pub const THIRD: ClientsideFunction = ClientsideFunction::new("clientside", "add1_break_at_11");
}

/// clsd003: an exception leaves the outputs as they are and stops what depends on them;
/// the next change runs again. No request reaches the server.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clsd003_an_exception_halts_the_updates_after_it() {
    let layout = html::Div::new().children([
        dcc::Input::new().id("first").value(1).into(),
        dcc::Input::new().id("second").into(),
        dcc::Input::new().id("third").into(),
    ]);
    let (_url, session) = open(support::dash().layout(layout).app::<clsd003::Ids>()).await;
    for (id, value) in [("first", "1"), ("second", "2"), ("third", "3")] {
        wait_value(&session, id, value).await;
    }
    session.type_into("#first", "1").await;
    wait_value(&session, "first", "11").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    for (id, value) in [("second", "2"), ("third", "3")] {
        wait_value(&session, id, value).await;
    }
    session.type_into("#first", "1").await;
    for (id, value) in [("first", "111"), ("second", "112"), ("third", "113")] {
        wait_value(&session, id, value).await;
    }
    assert_eq!(updates(&session).await, 0, "no request to the server");
    // The renderer records the exception for its dev tools (off here); whatever reaches
    // the console is that exception.
    let errors = session.errors();
    assert!(
        errors.iter().all(|e| e.contains("11 is too many")),
        "{errors:?}"
    );
    session.close().await;
}

#[dash::app]
mod clsd004 {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        input: dcc::Input,
        #[id = "output-1"]
        one: dcc::Input,
        #[id = "output-2"]
        two: dcc::Input,
        #[id = "output-3"]
        three: dcc::Input,
        #[id = "output-4"]
        four: dcc::Input,
    }

    #[clientside(
        output = "output-1.value",
        output = "output-2.value",
        output = "output-3.value",
        output = "output-4.value",
        input = "input.value"
    )]
    pub const FOUR: ClientsideFunction =
        ClientsideFunction::new("clientside", "add_to_four_outputs");
}

/// clsd004: one function, four outputs, from the array it returns.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clsd004_multiple_outputs() {
    let mut children: Vec<Node> = vec![dcc::Input::new().id("input").value(1).into()];
    for n in 1..=4 {
        children.push(dcc::Input::new().id(format!("output-{n}")).into());
    }
    let layout = html::Div::new().children(children);
    let (_url, session) = open(support::dash().layout(layout).app::<clsd004::Ids>()).await;
    for (id, value) in [
        ("output-1", "2"),
        ("output-2", "3"),
        ("output-3", "4"),
        ("output-4", "5"),
    ] {
        wait_value(&session, id, value).await;
    }
    session.type_into("#input", "1").await;
    for (id, value) in [
        ("output-1", "12"),
        ("output-2", "13"),
        ("output-3", "14"),
        ("output-4", "15"),
    ] {
        wait_value(&session, id, value).await;
    }
    assert_eq!(updates(&session).await, 0, "no request to the server");
    session.close_without_errors().await;
}

#[dash::app]
mod clsd006 {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        first: dcc::Input,
        second: dcc::Input,
        third: dcc::Input,
    }

    #[clientside(output = "second.value", input = "first.value", state = "second.value")]
    pub const SECOND: ClientsideFunction =
        ClientsideFunction::new("clientside", "add1_prevent_at_11");

    #[clientside(output = "third.value", input = "second.value", state = "third.value")]
    pub const THIRD: ClientsideFunction =
        ClientsideFunction::new("clientside", "add1_prevent_at_11");
}

fn three_inputs() -> html::Div {
    html::Div::new().children([
        dcc::Input::new().id("first").value(1).into(),
        dcc::Input::new().id("second").value(1).into(),
        dcc::Input::new().id("third").value(1).into(),
    ])
}

/// clsd006: throwing `dash_clientside.PreventUpdate` changes nothing and stops the chain.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clsd006_prevent_update_stops_the_chain() {
    let app = support::dash().layout(three_inputs()).app::<clsd006::Ids>();
    let (_url, session) = open(app).await;
    for (id, value) in [("first", "1"), ("second", "2"), ("third", "2")] {
        wait_value(&session, id, value).await;
    }
    session.type_into("#first", "1").await;
    wait_value(&session, "first", "11").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    for (id, value) in [("second", "2"), ("third", "2")] {
        wait_value(&session, id, value).await;
    }
    session.type_into("#first", "1").await;
    for (id, value) in [("first", "111"), ("second", "3"), ("third", "3")] {
        wait_value(&session, id, value).await;
    }
    assert_eq!(updates(&session).await, 0, "no request to the server");
    session.close_without_errors().await;
}

#[dash::app]
mod clsd007 {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        first: dcc::Input,
        second: dcc::Input,
        third: dcc::Input,
    }

    #[clientside(
        output = "second.value",
        output = "third.value",
        input = "first.value",
        state = "second.value",
        state = "third.value"
    )]
    pub const BOTH: ClientsideFunction =
        ClientsideFunction::new("clientside", "add1_no_update_at_11");
}

/// clsd007: `dash_clientside.no_update` in one place of the array leaves that output.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clsd007_no_update_leaves_one_output() {
    let app = support::dash().layout(three_inputs()).app::<clsd007::Ids>();
    let (_url, session) = open(app).await;
    for (id, value) in [("first", "1"), ("second", "2"), ("third", "2")] {
        wait_value(&session, id, value).await;
    }
    session.type_into("#first", "1").await;
    for (id, value) in [("first", "11"), ("second", "2"), ("third", "3")] {
        wait_value(&session, id, value).await;
    }
    session.type_into("#first", "1").await;
    for (id, value) in [("first", "111"), ("second", "3"), ("third", "4")] {
        wait_value(&session, id, value).await;
    }
    session.close_without_errors().await;
}

#[dash::app]
mod clsd008 {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        input: dcc::Input,
        #[id = "output-clientside"]
        client: html::Div,
        #[id = "output-serverside"]
        server: html::Div,
    }

    #[callback(output = "output-serverside.children", input = "input.value")]
    pub fn update_output(value: Option<String>) -> String {
        format!("Server says \"{}\"", value.as_deref().unwrap_or("None"))
    }

    #[clientside(output = "output-clientside.children", input = "input.value")]
    pub const DISPLAY: &str = r#"
        function (value) {
            return 'Client says "' + value + '"';
        }
        "#;
}

/// clsd008: an inline source, defined by the page under the hash of its text.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clsd008_an_inline_source() {
    let layout = html::Div::new().children([
        dcc::Input::new().id("input").into(),
        html::Div::new().id("output-clientside").into(),
        html::Div::new().id("output-serverside").into(),
    ]);
    let (url, session) = open(support::dash().layout(layout).app::<clsd008::Ids>()).await;
    session
        .wait_text("output-clientside", "Client says \"undefined\"")
        .await;
    session.type_into("#input", "hello world").await;
    session
        .wait_text("output-serverside", "Server says \"hello world\"")
        .await;
    session
        .wait_text("output-clientside", "Client says \"hello world\"")
        .await;
    // Python names the source by the SHA-256 of its text: the same name for the same text.
    let dependencies = support::get_json(format!("{url}/_dash-dependencies")).await;
    let function = dependencies
        .as_array()
        .unwrap()
        .iter()
        .find_map(|spec| spec["clientside_function"].as_object().cloned())
        .unwrap();
    assert_eq!(function["namespace"], "_dashprivate_clientside_funcs");
    assert_eq!(
        function["function_name"],
        // hashlib.sha256(source.encode("utf-8")).hexdigest(), as Python computes it
        "854a94f809eb5a951cede745f1936c53e58a6c5a985eef1380d86290ff5df7da"
    );
    session.close_without_errors().await;
}

#[dash::app]
mod clsd009 {
    use dash::prelude::*;

    #[family(html::Button, type = "btn1")]
    pub struct Btn1 {
        pub index: i64,
    }

    #[ids]
    pub struct Ids {
        btn0: html::Button,
        #[id = "output-clientside"]
        output: html::Div,
        #[id = "output-id"]
        output_id: html::Div,
    }

    #[clientside(
        output = "output-clientside.children",
        input = "btn0.n_clicks",
        input(Btn1 { index: ALL }, "n_clicks")
    )]
    pub const TRIGGERED: ClientsideFunction =
        ClientsideFunction::new("clientside", "triggered_to_str");

    #[clientside(
        output = "output-id.children",
        input = "btn0.n_clicks",
        input(Btn1 { index: ALL }, "n_clicks")
    )]
    pub const TRIGGERED_ID: ClientsideFunction =
        ClientsideFunction::new("clientside", "triggered_id_to_str");
}

/// clsd009 and clsd020: `callback_context.triggered` and `triggered_id` in the browser,
/// for a plain id and for dictionary ids of an `ALL` input.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clsd009_clsd020_the_callback_context_says_what_fired() {
    let mut children: Vec<Node> = vec![html::Button::new().id("btn0").children("btn0").into()];
    for index in 0..3 {
        children.push(
            html::Button::new()
                .id(clsd009::Btn1 { index })
                .children(format!("btn1:{index}"))
                .into(),
        );
    }
    children.push(html::Div::new().id("output-clientside").into());
    children.push(html::Div::new().id("output-id").into());
    let layout = html::Div::new().children(children);
    let (_url, session) = open(support::dash().layout(layout).app::<clsd009::Ids>()).await;
    // The initial call: nothing fired.
    session.wait_text("output-clientside", "").await;
    session.wait_text("output-id", "").await;
    session.click("#btn0").await;
    session
        .wait_text("output-clientside", "btn0.n_clicks = 1")
        .await;
    session.wait_text("output-id", "btn0").await;
    let button = |index: i64| format!("button[id*='\\\"index\\\":{index}']");
    session.click(&button(0)).await;
    session.click(&button(0)).await;
    session
        .wait_text(
            "output-clientside",
            r#"{"index":0,"type":"btn1"}.n_clicks = 2"#,
        )
        .await;
    session.wait_text("output-id", "0").await;
    session.click(&button(2)).await;
    session
        .wait_text(
            "output-clientside",
            r#"{"index":2,"type":"btn1"}.n_clicks = 1"#,
        )
        .await;
    session.wait_text("output-id", "2").await;
    session.close_without_errors().await;
}

#[dash::app]
mod clsd014 {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        #[id = "input-text"]
        text: html::Div,
        input: dcc::Input,
    }

    #[clientside(output = "input.value", input = "input.value")]
    pub const INPUT_OUTPUT: ClientsideFunction =
        ClientsideFunction::new("clientside", "input_output_callback");

    #[clientside(output = "input-text.children", input = "input.value")]
    pub const FOLLOWER: ClientsideFunction =
        ClientsideFunction::new("clientside", "input_output_follower");
}

/// clsd014: a callback that writes its own input does not run again for its own write,
/// and a follower sees the value it wrote.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clsd014_a_callback_writing_its_own_input() {
    let layout = html::Div::new().children([
        html::Div::new().id("input-text").into(),
        dcc::Input::new()
            .id("input")
            .r#type(dcc::input::Type::Number)
            .value(0)
            .into(),
    ]);
    let (_url, session) = open(support::dash().layout(layout).app::<clsd014::Ids>()).await;
    session.wait_text("input-text", "0").await;
    // "0" becomes "02", which the number input reads as 2.
    session.type_into("#input", "2").await;
    session.wait_text("input-text", "3").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    // The follower ran on load and once after the edit, with the written value.
    assert_eq!(session.eval("window.callCount").await, json!(2));
    session.close_without_errors().await;
}

#[dash::app]
mod clsd015 {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        input: html::Div,
        #[id = "div-1"]
        one: html::Div,
        #[id = "div-2"]
        two: html::Div,
        #[id = "clientside-div"]
        client: html::Div,
        #[id = "serverside-div"]
        server: html::Div,
        #[id = "inline-async"]
        inline_async: html::Div,
        #[id = "inline-promise"]
        inline_promise: html::Div,
    }

    /// clsd015: a promise, then a server callback on what it resolved to.
    #[clientside(output = "div-1.children", input = "input.children")]
    pub const CHAINED: ClientsideFunction =
        ClientsideFunction::new("clientside", "chained_promise");

    #[callback(output = "div-2.children", input = "div-1.children")]
    pub fn twice(value: Option<String>) -> String {
        format!("{}-twice", value.unwrap_or_default())
    }

    /// clsd016: a slow promise beside a server callback on the same input.
    #[clientside(output = "clientside-div.children", input = "input.children")]
    pub const DELAYED: ClientsideFunction =
        ClientsideFunction::new("clientside", "delayed_promise");

    #[callback(output = "serverside-div.children", input = "input.children")]
    pub fn server(value: String) -> String {
        format!("serverside-{value}")
    }

    /// clsd018: an inline `async` function.
    #[clientside(output = "inline-async.children", input = "input.children")]
    pub const INLINE_ASYNC: &str = r#"
        async function (input) {
            return input + "-inline";
        }
    "#;

    /// clsd019: an inline function returning a promise.
    #[clientside(output = "inline-promise.children", input = "input.children")]
    pub const INLINE_PROMISE: &str = r#"
        function (input) {
            return new Promise(function (resolve) {
                resolve(input + "-inline");
            });
        }
    "#;
}

/// clsd015, clsd016, clsd018, clsd019: promises and `async` functions are awaited, and
/// what depends on them runs after.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clsd015_to_clsd019_promises_are_awaited() {
    let mut children: Vec<Node> = vec![html::Div::new().id("input").children("initial").into()];
    for id in [
        "div-1",
        "div-2",
        "clientside-div",
        "serverside-div",
        "inline-async",
        "inline-promise",
    ] {
        children.push(html::Div::new().id(id).into());
    }
    let layout = html::Div::new().children(children);
    let (_url, session) = open(support::dash().layout(layout).app::<clsd015::Ids>()).await;
    session.wait_text("div-1", "initial-chained").await;
    session.wait_text("div-2", "initial-chained-twice").await;
    session
        .wait_text("serverside-div", "serverside-initial")
        .await;
    session
        .wait_text("clientside-div", "clientside-initial-deferred")
        .await;
    session.wait_text("inline-async", "initial-inline").await;
    session.wait_text("inline-promise", "initial-inline").await;
    session.close_without_errors().await;
}

#[dash::app]
mod clsd022 {
    use dash::prelude::*;

    #[family(html::Button, type = "input")]
    pub struct Clicker {
        pub index: String,
    }

    #[family(html::Div, type = "output")]
    pub struct Shown {
        pub index: String,
    }

    #[ids]
    pub struct Ids {}

    #[clientside(
        output(Shown { index: MATCH }, "children"),
        input(Clicker { index: MATCH }, "n_clicks"),
        prevent_initial_call
    )]
    pub const CLICKED: &str = r#"(n_clicks) => `clicked ${n_clicks}`"#;
}

/// clsd022: a `MATCH` pattern whose id holds a dot.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clsd022_a_pattern_id_with_a_dot() {
    let layout = html::Div::new().children([
        html::Button::new()
            .id(clsd022::Clicker {
                index: "1.2".into(),
            })
            .children("click")
            .into(),
        html::Div::new()
            .id(clsd022::Shown {
                index: "1.2".into(),
            })
            .class_name("output")
            .into(),
    ]);
    let (_url, session) = open(support::dash().layout(layout).app::<clsd022::Ids>()).await;
    session.click("button").await;
    session
        .wait_for(
            "document.querySelector('.output').textContent",
            json!("clicked 1"),
            TIMEOUT,
        )
        .await;
    session.close_without_errors().await;
}

#[dash::app]
mod sp001 {
    use dash::prelude::*;

    #[family(html::Div, type = "test")]
    pub struct Test {
        pub index: String,
    }

    #[ids]
    pub struct Ids {
        two: html::Div,
        three: html::Div,
        four: html::Div,
        setup: html::Button,
    }

    /// Sets `children` on a dictionary id and on two plain ids, from the browser. (Dash's
    /// test writes `() => ..`, which the macro refuses: the function must take the
    /// input.)
    #[clientside(input = "setup.n_clicks", prevent_initial_call)]
    pub const SET: &str = r#"(_clicks) => {
        [
            {id: {index: "1", type: "test"}, children: ["rawr"]},
            {id: "two", children: "this is a test"},
            {id: "three", children: "i see trees of green"},
        ].forEach(({id, ...props}) => window.dash_clientside.set_props(id, props));
    }"#;

    #[callback(
        output = "four.children",
        input(Test { index: ALL }, "children"),
        prevent_initial_call,
        allow_duplicate
    )]
    pub fn one(calls: Shared<Calls>, _children: Vec<(Test, serde_json::Value)>) -> usize {
        calls.bump()
    }

    #[callback(
        output = "four.children",
        input = "two.children",
        prevent_initial_call,
        allow_duplicate
    )]
    pub fn two(calls: Shared<Calls>, children: Option<String>) -> usize {
        assert_eq!(children.as_deref(), Some("this is a test"));
        calls.bump()
    }

    #[callback(
        output = "four.children",
        input = "three.children",
        prevent_initial_call,
        allow_duplicate
    )]
    pub fn three(calls: Shared<Calls>, children: Option<String>) -> usize {
        assert_eq!(children.as_deref(), Some("i see trees of green"));
        calls.bump()
    }

    /// How many of the server callbacks ran.
    #[derive(Default)]
    pub struct Calls(std::sync::atomic::AtomicUsize);

    impl Calls {
        fn bump(&self) -> usize {
            self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1
        }
    }
}

/// sp001: `dash_clientside.set_props` from the browser, on a dictionary id and on plain
/// ids, runs the server callbacks that read those props.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sp001_set_props_from_the_browser_runs_server_callbacks() {
    let layout = html::Div::new().children([
        html::Div::new()
            .id(sp001::Test { index: "1".into() })
            .into(),
        html::Div::new().id("two").into(),
        html::Div::new().id("three").into(),
        html::Div::new().id("four").into(),
        html::Button::new()
            .id("setup")
            .children("test setprops")
            .into(),
    ]);
    let app = support::dash()
        .layout(layout)
        .share(sp001::Calls::default())
        .app::<sp001::Ids>();
    let (_url, session) = open(app).await;
    session.wait_text("setup", "test setprops").await;
    assert_eq!(updates(&session).await, 0, "nothing runs on load");
    session.click("#setup").await;
    session.wait_text("two", "this is a test").await;
    session.wait_text("three", "i see trees of green").await;
    session.wait_text("four", "3").await;
    assert_eq!(
        updates(&session).await,
        3,
        "one request per server callback"
    );
    session.close_without_errors().await;
}

#[dash::app]
mod cmorsnu001 {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        #[id = "trigger-demo"]
        trigger: html::Button,
        #[id = "output-demo1"]
        one: html::Div,
        #[id = "output-demo2"]
        two: html::Div,
        #[id = "outputs-list"]
        list: html::Pre,
    }

    /// cmorsnu001: one `no_update` for a callback with two outputs leaves both.
    #[clientside(
        output = "output-demo1.children",
        output = "output-demo2.children",
        input = "trigger-demo.n_clicks",
        prevent_initial_call
    )]
    pub const NOTHING: &str = r#"(n_clicks) => {
        try {
            return window.dash_clientside.no_update;
        } catch (e) {
            return [null, null];
        }
    }"#;

    /// clol001: `callback_context.outputs_list` of a single output.
    #[clientside(
        output = "outputs-list.children",
        input = "trigger-demo.n_clicks",
        prevent_initial_call
    )]
    pub const OUTPUTS_LIST: &str = r#"(n_clicks) => {
        return JSON.stringify(window.dash_clientside.callback_context.outputs_list);
    }"#;
}

/// cmorsnu001 and clol001: a lone `no_update` for two outputs, and the outputs list.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cmorsnu001_clol001_no_update_alone_and_the_outputs_list() {
    let layout = html::Div::new().children([
        html::Button::new()
            .id("trigger-demo")
            .children("trigger")
            .into(),
        html::Div::new().id("output-demo1").children("demo1").into(),
        html::Div::new().id("output-demo2").children("demo2").into(),
        html::Pre::new().id("outputs-list").into(),
    ]);
    let (_url, session) = open(support::dash().layout(layout).app::<cmorsnu001::Ids>()).await;
    session.click("#trigger-demo").await;
    session
        .wait_text(
            "outputs-list",
            r#"{"id":"outputs-list","property":"children"}"#,
        )
        .await;
    assert_eq!(session.text("output-demo1").await, "demo1");
    assert_eq!(session.text("output-demo2").await, "demo2");
    session.close_without_errors().await;
}

#[dash::app]
mod running {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        go: html::Button,
        done: html::Div,
        named: html::Div,
    }

    /// A named function under `running`: the wrapper calls it on its namespace, so its
    /// `this` is what the renderer would give it.
    #[clientside(
        output = "named.children",
        input = "go.n_clicks",
        prevent_initial_call,
        running(prop = "go.title", on = "running", off = "idle")
    )]
    pub const NAMED: ClientsideFunction =
        ClientsideFunction::new("clientside", "display_through_this");

    /// The renderer applies `running` to server callbacks only; the page's wrapper sets
    /// it around a clientside one, until its promise settles.
    #[clientside(
        output = "done.children",
        input = "go.n_clicks",
        prevent_initial_call,
        running(prop = "go.disabled", on = true, off = false)
    )]
    pub const SLOW: &str = r#"(clicks) => new Promise((resolve) => {
        setTimeout(() => resolve(`done ${clicks}`), 600);
    })"#;
}

/// Beyond Dash: `running` on a clientside callback disables the button while its
/// promise is pending, and enables it again after.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn running_props_are_set_around_a_clientside_callback() {
    let layout = html::Div::new().children([
        html::Button::new().id("go").children("go").into(),
        html::Div::new().id("done").into(),
        html::Div::new().id("named").into(),
    ]);
    let (_url, session) = open(support::dash().layout(layout).app::<running::Ids>()).await;
    session.click("#go").await;
    session
        .wait_for(
            "document.getElementById('go').disabled",
            json!(true),
            TIMEOUT,
        )
        .await;
    session.wait_text("done", "done 1").await;
    session
        .wait_for(
            "document.getElementById('go').disabled",
            json!(false),
            TIMEOUT,
        )
        .await;
    session.wait_text("named", "Client says \"1\"").await;
    // A function that returns at once sets its running props and sets them back.
    session
        .wait_for(
            "document.getElementById('go').title",
            json!("idle"),
            TIMEOUT,
        )
        .await;
    assert_eq!(updates(&session).await, 0, "no request to the server");
    session.close_without_errors().await;
}

/// A request naming a clientside callback's output is refused like one for a callback
/// the app does not have: the server never runs browser code.
#[tokio::test]
async fn the_server_refuses_to_run_a_clientside_callback() {
    let layout = html::Div::new().children([
        dcc::Input::new().id("input").into(),
        html::Div::new().id("output-clientside").into(),
        html::Div::new().id("output-serverside").into(),
    ]);
    let base = support::serve(support::dash().layout(layout).app::<clsd008::Ids>()).await;
    let body = json!({
        "output": "output-clientside.children",
        "outputs": {"id": "output-clientside", "property": "children"},
        "inputs": [{"id": "input", "property": "value", "value": "x"}],
        "changedPropIds": ["input.value"],
    });
    let (status, answer) = support::update(&base, &body, &[]).await;
    assert_eq!(status.as_u16(), 404, "{answer}");
    assert!(
        answer.to_string().contains("output-clientside.children"),
        "{answer}"
    );
    let _: Value = answer;
}

/// examples/counter.rs: its three clientside steps. The note's characters are counted
/// and the history hidden with no request; the browser's click on `inc` runs the server's
/// `update` once, as a click on `inc` does.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_counter_example_runs_its_clientside_steps_in_the_browser() {
    let server = support::run_example("counter", &[]);
    let session = Session::open(&format!("{}/", server.url)).await;
    session.wait_text("count", "0").await;
    session.wait_text("note_count", "0 characters").await;
    let loaded = updates(&session).await;
    let ran = server.runs("update");
    session.type_into("#note", "hello").await;
    session.wait_text("note_count", "5 characters").await;
    session.click("#toggle").await;
    session
        .wait_for(
            "getComputedStyle(document.getElementById('history')).display",
            json!("none"),
            TIMEOUT,
        )
        .await;
    assert_eq!(
        updates(&session).await,
        loaded,
        "no request for either step"
    );
    session.click("#browser_inc").await;
    session.wait_text("count", "1").await;
    session.click("#toggle").await;
    session
        .wait_for(
            "document.querySelectorAll('#history li').length",
            json!(1),
            TIMEOUT,
        )
        .await;
    assert_eq!(
        session
            .eval("document.querySelector('#history li').innerText")
            .await,
        json!("inc → 1")
    );
    assert_eq!(server.wait_runs("update", ran + 1), ran + 1);
    assert_eq!(updates(&session).await, loaded + 1, "one request: `update`");
    session.screenshot("counter-clientside").await;
    session.close_without_errors().await;
}

#[dash::app]
mod pch_cs001 {
    use dash::prelude::*;
    use serde::{Deserialize, Serialize};

    /// The store's data, typed: what the server reads of it after the browser's patches.
    #[derive(Clone, Debug, Default, Deserialize, Serialize)]
    pub struct Data {
        pub value: String,
        pub n_clicks: i64,
        pub array: Vec<String>,
    }

    #[ids]
    pub struct Ids {
        #[id = "set-value"]
        set_value: dcc::Input,
        #[id = "set-btn"]
        set_btn: html::Button,
        #[id = "append-value"]
        append_value: dcc::Input,
        #[id = "append-btn"]
        append_btn: html::Button,
        store: Store<Data>,
        #[id = "store-content"]
        content: html::Div,
        #[id = "server-seen"]
        seen: html::Div,
    }

    #[clientside(output = "store-content.children", input = "store.data")]
    pub const SHOW: &str = "function a(value) {return JSON.stringify(value)}";

    #[clientside(
        output = "store.data",
        input = "set-btn.n_clicks",
        state = "set-value.value",
        prevent_initial_call
    )]
    pub const SET: &str = r#"
        function a(n_clicks, value) {
            const patch = new dash_clientside.Patch
            return patch
                .assign(["value"], value)
                .add(["n_clicks"], 1)
                .build();
        }
        "#;

    #[clientside(
        output = "store.data",
        input = "append-btn.n_clicks",
        state = "append-value.value",
        prevent_initial_call,
        allow_duplicate
    )]
    pub const APPEND: &str = r#"
        function a(n_clicks, value) {
            const patch = new dash_clientside.Patch
            return patch.append(["array"], value).build();
        }
        "#;

    /// The server reads the whole value the patches made, decoded into `Data`.
    #[callback(output = "server-seen.children", input = "store.data")]
    pub fn seen(data: Option<Data>) -> String {
        let data = data.unwrap_or_default();
        format!("{} {} {}", data.value, data.n_clicks, data.array.join(","))
    }
}

/// pch_cs001 (its set, add and append): `dash_clientside.Patch` from the browser changes
/// parts of a store's data, and a server callback reads the whole of it, typed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pch_cs001_a_patch_from_the_browser_reaches_the_server_whole() {
    let layout = html::Div::new().children([
        dcc::Input::new().id("set-value").into(),
        html::Button::new().id("set-btn").children("Set").into(),
        dcc::Input::new().id("append-value").into(),
        html::Button::new()
            .id("append-btn")
            .children("Append")
            .into(),
        Store::<pch_cs001::Data>::new("store")
            .data(pch_cs001::Data {
                value: "unset".into(),
                n_clicks: 0,
                array: vec!["initial".into()],
            })
            .into(),
        html::Div::new().id("store-content").into(),
        html::Div::new().id("server-seen").into(),
    ]);
    let (_url, session) = open(support::dash().layout(layout).app::<pch_cs001::Ids>()).await;
    session.wait_text("server-seen", "unset 0 initial").await;
    session.type_into("#set-value", "set").await;
    session.click("#set-btn").await;
    // What the browser holds after the patch (its keys in the renderer's order).
    session
        .wait_for(
            "JSON.parse(document.getElementById('store-content').textContent)",
            json!({"value": "set", "n_clicks": 1, "array": ["initial"]}),
            TIMEOUT,
        )
        .await;
    session.wait_text("server-seen", "set 1 initial").await;
    session.type_into("#append-value", "two").await;
    session.click("#append-btn").await;
    session.wait_text("server-seen", "set 1 initial,two").await;
    session.close_without_errors().await;
}

#[dash::app]
mod clsd010 {
    use dash::prelude::*;

    #[family(dcc::Input, type = "in1")]
    pub struct In1 {
        pub index: i64,
    }

    #[ids]
    pub struct Ids {
        in0: dcc::Input,
        #[id = "output-clientside"]
        output: html::Pre,
    }

    #[clientside(
        output = "output-clientside.children",
        input = "in0.n_submit",
        input(In1 { index: ALL }, "n_submit"),
        state = "in0.value",
        state(In1 { index: ALL }, "value")
    )]
    pub const CONTEXT: ClientsideFunction = ClientsideFunction::new("clientside", "context_to_str");
}

fn clsd010_layout() -> html::Div {
    let mut children: Vec<Node> = vec![dcc::Input::new().id("in0").into()];
    for index in 0..3 {
        children.push(dcc::Input::new().id(clsd010::In1 { index }).into());
    }
    children.push(html::Pre::new().id("output-clientside").into());
    html::Div::new().children(children)
}

/// What the page shows after each step of clsd010 to clsd013: on load, after submitting
/// `in0`, then the first and the third `in1`, each as JSON.
async fn drive_clsd010(session: &Session) -> Vec<Value> {
    let read = async || -> Value {
        let text = session.text("output-clientside").await;
        serde_json::from_str(&text).unwrap_or(Value::String(text))
    };
    session
        .wait_for(
            "document.getElementById('output-clientside').textContent.length > 0",
            json!(true),
            TIMEOUT,
        )
        .await;
    let mut seen = vec![read().await];
    let in1 = |index: i64| format!("input[id*='\\\"index\\\":{index}']");
    for (selector, text) in [
        ("#in0".to_owned(), "test 0"),
        (in1(0), "test 1"),
        (in1(2), "test 2"),
    ] {
        session.type_into(&selector, text).await;
        session.press(&selector, &["Enter"]).await;
        let started = std::time::Instant::now();
        loop {
            let value = read().await;
            if value != *seen.last().unwrap() {
                seen.push(value);
                break;
            }
            assert!(started.elapsed() < TIMEOUT, "no change after {selector}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    seen
}

/// clsd010 to clsd013: `inputs`, `inputs_list`, `states` and `states_list` of the callback
/// context, with plain and dictionary ids, after each submit: the same JSON as the Python
/// twin gives in the same browser.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clsd010_to_clsd013_the_context_lists_match_python() {
    let app = support::dash()
        .layout(clsd010_layout())
        .app::<clsd010::Ids>();
    let (_url, session) = open(app).await;
    let ours = drive_clsd010(&session).await;
    session.close_without_errors().await;
    assert_eq!(ours.len(), 4);
    // After the first submit: in0's value is in `states`, the others unset.
    assert_eq!(ours[1]["states"]["in0.value"], json!("test 0"));
    assert_eq!(
        ours[1]["inputs_list"][0],
        json!({"id": "in0", "property": "n_submit", "value": 1})
    );
    let twin = support::python_twin("clientside_ports.py", &["clsd010"]);
    let session = Session::open(&format!("{}/", twin.url)).await;
    let python = drive_clsd010(&session).await;
    session.close().await;
    assert_eq!(ours, python, "ours, then Python's");
}
