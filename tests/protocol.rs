//! The Dash protocol over real HTTP on loopback: every route, every status, the bodies the
//! renderer relies on.

use dash::prelude::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

#[allow(dead_code)]
#[path = "../examples/scores.rs"]
mod scores_example;

#[dash::app]
mod lab {
    use dash::prelude::*;
    use serde::Deserialize;

    #[ids]
    pub struct Ids {
        btn: Component,
        store: Component,
        out1: Component,
        out2: Component,
        gate: Component,
        gated: Component,
        typed_in: Component,
        typed: Component,
        boom_in: Component,
        boom: Component,
        async_in: Component,
        async_out: Component,
        async_boom: Component,
        fail_in: Component,
        fail: Component,
        forbid: Component,
        parse: Component,
        inline: Component,
        slow_in: Component,
        slow: Component,
        quiet: Component,
    }

    #[derive(Deserialize)]
    pub struct Cleaned {
        rows: Vec<(String, f64)>,
    }

    /// Two outputs on two components, with state; the second is left alone before a click.
    #[callback(
        output = "out1.children",
        output = "out2.children",
        input = "btn.n_clicks",
        state = "store.data"
    )]
    fn both(clicks: Option<i64>, data: Option<Vec<i64>>) -> (String, Update<usize>) {
        let len = data.map_or(0, |d| d.len());
        match clicks {
            None => ("no clicks".into(), Update::NoUpdate),
            Some(n) => (format!("clicked {n}"), Update::Set(len)),
        }
    }

    /// Prevents the update until something is typed.
    #[callback(output = "gated.children", input = "gate.value", prevent_initial_call)]
    fn gated(value: Option<String>) -> Result<String, CallbackError> {
        value.ok_or(PreventUpdate).map_err(Into::into)
    }

    /// Two outputs on one component: both set, one set, or none ("no update" for each).
    #[callback(
        output = "quiet.children",
        output = "quiet.title",
        input = "gate.n_submit"
    )]
    fn quiet(n: Option<i64>) -> (Update<String>, Update<String>) {
        match n {
            Some(2) => (Update::Set("shown".into()), Update::Set("titled".into())),
            Some(3) => (Update::NoUpdate, Update::Set("titled".into())),
            _ => (Update::NoUpdate, Update::NoUpdate),
        }
    }

    #[callback(output = "typed.children", input = "typed_in.data")]
    fn typed(data: Cleaned) -> f64 {
        data.rows.iter().map(|(_, v)| v).sum()
    }

    #[callback(output = "boom.children", input = "boom_in.value")]
    fn boom(value: Option<i64>) -> i64 {
        let rows: Vec<i64> = Vec::new();
        rows[value.unwrap_or(3) as usize]
    }

    #[callback(output = "async_out.children", input = "async_in.value")]
    async fn echo(value: Option<String>) -> String {
        tokio::time::sleep(std::time::Duration::from_millis(1)).await;
        format!("echo {}", value.unwrap_or_default())
    }

    #[callback(output = "async_boom.children", input = "async_in.n_submit")]
    async fn async_boom(_n: Option<i64>) -> String {
        tokio::task::yield_now().await;
        panic!("async callback exploded")
    }

    #[callback(output = "fail.children", input = "fail_in.value")]
    fn fail(_value: Option<i64>) -> Result<i64, CallbackError> {
        Err(CallbackError::msg("database unavailable"))
    }

    #[callback(output = "forbid.children", input = "fail_in.n_submit")]
    fn forbid(_value: Option<i64>) -> Result<i64, CallbackError> {
        Err(CallbackError::with_status(403, "not yours"))
    }

    #[callback(output = "parse.children", input = "fail_in.title")]
    fn parse(text: String) -> Result<i64, CallbackError> {
        Ok(text.trim().parse::<i64>()?)
    }

    #[callback(output = "inline.children", input = "btn.title", blocking = false)]
    fn inline(title: Option<String>) -> String {
        title.unwrap_or_else(|| "untitled".into()).to_uppercase()
    }

    #[callback(output = "slow.children", input = "slow_in.value")]
    fn slow(millis: u64) -> u64 {
        std::thread::sleep(std::time::Duration::from_millis(millis));
        millis
    }
}

fn lab_layout() -> Component {
    let ids = [
        "btn",
        "store",
        "out1",
        "out2",
        "gate",
        "gated",
        "typed_in",
        "typed",
        "boom_in",
        "boom",
        "async_in",
        "async_out",
        "async_boom",
        "fail_in",
        "fail",
        "forbid",
        "parse",
        "inline",
        "slow_in",
        "slow",
        "quiet",
    ];
    // The props that callbacks read into types without `null` have a value from the
    // start, as startup requires.
    let values = [
        ("typed_in", "data", json!({"rows": []})),
        ("fail_in", "title", json!("")),
        ("slow_in", "value", json!(0)),
    ];
    Component::html("Div").children(
        ids.iter()
            .map(|id| {
                let mut component = Component::html("Div").id(*id);
                for (_, prop, value) in values.iter().filter(|(with, _, _)| with == id) {
                    component = component.prop(*prop, value);
                }
                component
            })
            .collect::<Node>(),
    )
}

fn lab() -> Dash {
    support::dash()
        .layout(lab_layout())
        .app::<lab::Ids>()
        .body_limit(64 * 1024)
}

async fn post(base: &str, body: impl Into<reqwest::Body>) -> (StatusCode, String) {
    let response = support::http()
        .post(format!("{base}/_dash-update-component"))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .expect("request sent");
    let status = response.status();
    (status, response.text().await.expect("body"))
}

/// Calls a callback that has one input and no state.
async fn post_one(
    base: &str,
    output: &str,
    id: &str,
    property: &str,
    value: Value,
) -> (StatusCode, String) {
    post(
        base,
        call(output, json!([input(id, property, value)]), None),
    )
    .await
}

/// A renderer-shaped request for one callback.
fn call(output: &str, inputs: Value, state: Option<Value>) -> String {
    let mut body = json!({"output": output, "inputs": inputs, "changedPropIds": []});
    if let Some(state) = state {
        body["state"] = state;
    }
    body.to_string()
}

fn input(id: &str, property: &str, value: Value) -> Value {
    json!({"id": id, "property": property, "value": value})
}

/// The `error.kind` of a JSON error answer.
async fn error_kind(response: reqwest::Response) -> Value {
    response.json::<Value>().await.expect("a JSON error body")["error"]["kind"].clone()
}

fn parse(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"))
}

/// Why the app refuses to start, as the user reads it.
fn startup_error(app: Dash) -> String {
    app.build()
        .err()
        .expect("the app should not start")
        .to_string()
}

/// The scores callback's update for score 5, ready for more headers.
fn scores_update(client: &reqwest::Client, base: &str) -> reqwest::RequestBuilder {
    client
        .post(format!("{base}/_dash-update-component"))
        .header("content-type", "application/json")
        .body(call(
            "output.children",
            json!([input("score", "value", json!(5))]),
            None,
        ))
}

/// The index page's HTML.
async fn get_page(base: &str) -> String {
    support::get(format!("{base}/")).await.text().await.unwrap()
}

/// The `src` of every `<script src>` of a page, in order.
fn script_sources(page: &str) -> Vec<&str> {
    page.split("<script src=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap())
        .collect()
}

/// The `_dash-config` JSON of a page.
fn page_config(page: &str) -> Value {
    let config = page
        .split(r#"<script id="_dash-config" type="application/json">"#)
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .expect("the page has a _dash-config");
    serde_json::from_str(config).unwrap()
}

async fn get_json(url: &str) -> Value {
    let response = support::get(url).await;
    assert_eq!(response.status(), StatusCode::OK, "{url}");
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        content_type.starts_with("application/json"),
        "{url}: {content_type}"
    );
    response.json().await.expect("JSON")
}

#[tokio::test]
async fn scores_layout_and_dependencies_match_python_dash() {
    let base = support::serve(scores_example::app()).await;
    assert_eq!(
        get_json(&format!("{base}/_dash-layout")).await,
        support::fixture("scores/dash-layout.json")
    );
    assert_eq!(
        get_json(&format!("{base}/_dash-dependencies")).await,
        support::fixture("scores/dash-dependencies.json")
    );
}

#[tokio::test]
async fn scores_updates_match_python_dash() {
    let base = support::serve(scores_example::app()).await;
    let exchanges = support::fixture("scores/updates.json");
    for exchange in exchanges.as_array().unwrap() {
        let (status, body) = post(&base, exchange["request"].to_string()).await;
        assert_eq!(status.as_u16() as u64, exchange["status"].as_u64().unwrap());
        assert_eq!(parse(&body), exchange["response"]);
    }
    // The initial call of the page (score 1) and a cleared dropdown (no value at all).
    let (_, body) = post_one(&base, "output.children", "score", "value", json!(1)).await;
    assert_eq!(
        parse(&body),
        json!({"multi": true, "response": {"output": {"children": 3}}})
    );
    let missing =
        json!({"output": "output.children", "inputs": [{"id": "score", "property": "value"}]});
    let (status, body) = post(&base, missing.to_string()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        parse(&body),
        json!({"multi": true, "response": {"output": {"children": 0}}})
    );
}

#[tokio::test]
async fn multi_output_state_and_no_update() {
    let base = support::serve(lab()).await;
    let key = "..out1.children...out2.children..";
    let dependencies = get_json(&format!("{base}/_dash-dependencies")).await;
    let spec = dependencies
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["output"] == key)
        .expect("multi-output spec");
    assert_eq!(spec["state"], json!([{"id": "store", "property": "data"}]));

    let state = Some(json!([input("store", "data", json!([1, 2, 3]))]));
    let (status, body) = post(
        &base,
        call(
            key,
            json!([input("btn", "n_clicks", json!(2))]),
            state.clone(),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        parse(&body),
        json!({"multi": true, "response": {"out1": {"children": "clicked 2"}, "out2": {"children": 3}}})
    );
    let (_, body) = post(
        &base,
        call(key, json!([input("btn", "n_clicks", Value::Null)]), state),
    )
    .await;
    assert_eq!(
        parse(&body),
        json!({"multi": true, "response": {"out1": {"children": "no clicks"}}})
    );
}

#[tokio::test]
async fn two_outputs_on_one_component_share_an_entry() {
    let base = support::serve(lab()).await;
    let output = "..quiet.children...quiet.title..";
    let (status, body) = post_one(&base, output, "gate", "n_submit", json!(2)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        parse(&body),
        json!({"multi": true, "response": {"quiet": {"children": "shown", "title": "titled"}}}),
        "one entry for the component, holding both props"
    );
    let (status, body) = post_one(&base, output, "gate", "n_submit", json!(3)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        parse(&body),
        json!({"multi": true, "response": {"quiet": {"title": "titled"}}}),
        "the unchanged prop is left out of the entry"
    );
    let (status, body) = post_one(&base, output, "gate", "n_submit", json!(1)).await;
    assert_eq!(
        (status, body.as_str()),
        (StatusCode::NO_CONTENT, ""),
        "every output unchanged"
    );
}

#[tokio::test]
async fn prevent_update_answers_204_and_prevent_initial_call_is_declared() {
    let base = support::serve(lab()).await;
    let dependencies = get_json(&format!("{base}/_dash-dependencies")).await;
    let spec = dependencies
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["output"] == "gated.children")
        .unwrap();
    assert_eq!(spec["prevent_initial_call"], json!(true));
    let (status, body) = post_one(&base, "gated.children", "gate", "value", Value::Null).await;
    assert_eq!((status, body.as_str()), (StatusCode::NO_CONTENT, ""));
    let (status, body) = post_one(&base, "gated.children", "gate", "value", json!("go")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(parse(&body)["response"]["gated"]["children"], "go");
}

#[tokio::test]
async fn async_and_inline_callbacks() {
    let base = support::serve(lab()).await;
    let (_, body) = post_one(
        &base,
        "async_out.children",
        "async_in",
        "value",
        json!("hi"),
    )
    .await;
    assert_eq!(parse(&body)["response"]["async_out"]["children"], "echo hi");
    let (_, body) = post_one(&base, "inline.children", "btn", "title", json!("ok")).await;
    assert_eq!(parse(&body)["response"]["inline"]["children"], "OK");
}

#[tokio::test]
async fn typed_inputs_decode_and_bad_ones_are_400_with_the_path() {
    let base = support::serve(lab()).await;
    let good = json!({"rows": [["a", 1.5], ["b", 2.0]]});
    let (_, body) = post_one(&base, "typed.children", "typed_in", "data", good).await;
    assert_eq!(parse(&body)["response"]["typed"]["children"], 3.5);

    let bad = json!({"rows": [["a", 1.5], ["b", "x"]]});
    let (status, body) = post_one(&base, "typed.children", "typed_in", "data", bad).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let error = &parse(&body)["error"];
    assert_eq!(error["kind"], "bad_input");
    assert_eq!(error["callback"], "typed");
    assert_eq!(error["prop"], "typed_in.data");
    assert_eq!(error["path"], "rows[1][1]");
    let message = error["message"].as_str().unwrap();
    assert!(
        message.contains("Cleaned") && message.contains("invalid type"),
        "{message}"
    );
}

#[tokio::test]
async fn failing_callbacks_answer_500_with_json_and_the_server_keeps_serving() {
    let base = support::serve(lab()).await;
    for (output, id, property) in [
        ("boom.children", "boom_in", "value"),
        ("async_boom.children", "async_in", "n_submit"),
    ] {
        let (status, body) = post_one(&base, output, id, property, json!(1)).await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR, "{output}");
        let error = &parse(&body)["error"];
        assert_eq!(error["kind"], "panic");
        assert!(
            !error["message"].as_str().unwrap().contains("exploded"),
            "production hides details"
        );
    }
    let (status, body) = post_one(&base, "fail.children", "fail_in", "value", json!(1)).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(parse(&body)["error"]["kind"], "callback_error");
    assert!(!body.contains("database unavailable"));

    let (status, _) = post_one(&base, "forbid.children", "fail_in", "n_submit", json!(1)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // Still serving after all of that.
    let (status, _) = post_one(&base, "inline.children", "btn", "title", json!("x")).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn debug_mode_shows_error_details() {
    let base = support::serve(lab().debug(true)).await;
    let (_, body) = post_one(&base, "boom.children", "boom_in", "value", json!(3)).await;
    let error = &parse(&body)["error"];
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("index out of bounds"),
        "{error}"
    );
    assert!(
        error["location"].as_str().unwrap().contains("protocol.rs:"),
        "{error}"
    );
    let (_, body) = post_one(&base, "parse.children", "fail_in", "title", json!("x1")).await;
    assert!(
        parse(&body)["error"]["message"]
            .as_str()
            .unwrap()
            .contains("invalid digit"),
        "{body}"
    );
}

#[tokio::test]
async fn malformed_requests_are_4xx_with_json_bodies() {
    let base = support::serve(lab()).await;
    let cases: Vec<(String, StatusCode, &str)> = vec![
        (
            "{not json".into(),
            StatusCode::BAD_REQUEST,
            "malformed_request",
        ),
        (
            json!({"inputs": []}).to_string(),
            StatusCode::BAD_REQUEST,
            "malformed_request",
        ),
        (
            json!({"output": "x.y", "inputs": 3}).to_string(),
            StatusCode::BAD_REQUEST,
            "malformed_request",
        ),
        (
            call("nobody.children", json!([]), None),
            StatusCode::NOT_FOUND,
            "unknown_output",
        ),
        (
            call("typed.children", json!([]), None),
            StatusCode::BAD_REQUEST,
            "mismatched_request",
        ),
        (
            call(
                "typed.children",
                json!([input("boom_in", "value", json!(1))]),
                None,
            ),
            StatusCode::BAD_REQUEST,
            "mismatched_request",
        ),
        (
            call(
                "..out1.children...out2.children..",
                json!([input("btn", "n_clicks", json!(1))]),
                None,
            ),
            StatusCode::BAD_REQUEST,
            "mismatched_request",
        ),
        (
            call(
                "slow.children",
                json!([input("slow_in", "value", json!("soon"))]),
                None,
            ),
            StatusCode::BAD_REQUEST,
            "bad_input",
        ),
        (
            call(
                "slow.children",
                json!([{"id": "slow_in", "property": "value"}]),
                None,
            ),
            StatusCode::BAD_REQUEST,
            "bad_input",
        ),
    ];
    for (body, expected, kind) in cases {
        let (status, answer) = post(&base, body.clone()).await;
        assert_eq!(status, expected, "{body} -> {answer}");
        assert_eq!(parse(&answer)["error"]["kind"], kind, "{body}");
    }
    let response = support::get(format!("{base}/_dash-update-component")).await;
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(error_kind(response).await, "method_not_allowed");
}

#[tokio::test]
async fn bodies_over_the_limit_are_413() {
    let base = support::serve(lab()).await;
    let huge = "x".repeat(100 * 1024);
    let (status, body) = post_one(&base, "gated.children", "gate", "value", json!(huge)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(parse(&body)["error"]["kind"], "too_large");
    // Without a Content-Length (chunked), the limit still holds.
    let stream = futures::stream::iter(
        (0..100)
            .map(|_| Ok::<_, std::io::Error>(bytes_of("y".repeat(1024))))
            .collect::<Vec<_>>(),
    );
    let (status, _) = post(&base, reqwest::Body::wrap_stream(stream)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
}

fn bytes_of(text: String) -> Vec<u8> {
    text.into_bytes()
}

#[tokio::test]
async fn twelve_concurrent_slow_callbacks_all_answer() {
    let base = support::serve(lab().callback_threads(2)).await;
    let calls = (0..12).map(|i| {
        let base = base.clone();
        async move {
            let (status, body) =
                post_one(&base, "slow.children", "slow_in", "value", json!(20 + i)).await;
            assert_eq!(status, StatusCode::OK);
            parse(&body)["response"]["slow"]["children"]
                .as_u64()
                .unwrap()
        }
    });
    let answers = futures::future::join_all(calls).await;
    assert_eq!(answers, (20..32).collect::<Vec<u64>>());
}

#[tokio::test]
async fn index_page_and_catch_all() {
    let base = support::serve(scores_example::app()).await;
    for path in ["/", "/some/client/route", "/page?x=1"] {
        let response = support::get(format!("{base}{path}")).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(
            response.headers()["content-type"],
            "text/html; charset=utf-8"
        );
        let page = response.text().await.unwrap();
        assert!(page.contains(r#"<div id="react-entry-point">"#));
        assert!(page.contains("<title>Scores</title>"));
        assert!(page.contains("var renderer = new DashRenderer();"));
        let config = page_config(&page);
        assert_eq!(config["requests_pathname_prefix"], "/");
        assert_eq!(config["serve_locally"], true);
        assert_eq!(config["ui"], false);
    }
    // A page path is read-only: other methods are 405, as Python's catch-all route.
    let response = support::http()
        .post(format!("{base}/some/route"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(error_kind(response).await, "method_not_allowed");
}

#[tokio::test]
async fn page_scripts_are_fingerprinted_and_cached_for_a_year() {
    let base = support::serve(scores_example::app()).await;
    let page = get_page(&base).await;
    let scripts = script_sources(&page);
    assert_eq!(scripts.len(), 9);
    assert!(scripts[0].contains("polyfill@7.v4_4_1m"), "{}", scripts[0]);
    assert!(
        scripts[4].contains("dash_renderer.v4_4_1m"),
        "{}",
        scripts[4]
    );
    assert!(
        scripts[8].contains("dash_table/bundle.v7_4_1m"),
        "{}",
        scripts[8]
    );
    for script in scripts {
        let response = support::get(format!("{base}{script}")).await;
        assert_eq!(response.status(), StatusCode::OK, "{script}");
        assert_eq!(
            response.headers()["content-type"],
            "text/javascript; charset=utf-8"
        );
        assert!(
            response.headers()["cache-control"]
                .to_str()
                .unwrap()
                .contains("max-age=31536000")
        );
        assert!(response.bytes().await.unwrap().len() > 1000);
    }
}

#[tokio::test]
async fn other_component_libraries_are_served_and_configured() {
    static BUNDLE: &[u8] = b"window.my_lib = {};";
    static CHUNK: &[u8] = b"/* chunk */";
    let app = scores_example::app().component_library(
        dash::ComponentLibrary::new("my_lib", "2.1.0")
            .script("my_lib.min.js", BUNDLE)
            .file("async/chunk.js", CHUNK)
            .children_props("my_lib", &[("Card", &["header", "items[].label"])]),
    );
    let base = support::serve(app).await;
    let page = get_page(&base).await;
    let scripts = script_sources(&page);
    assert_eq!(scripts.len(), 10, "Dash's nine, then the library's");
    let script = scripts[9];
    assert!(
        script.starts_with("/_dash-component-suites/my_lib/my_lib.v2_1_0m")
            && script.ends_with(".min.js"),
        "{script}"
    );
    let config = page_config(&page);
    assert_eq!(
        config["children_props"]["my_lib"]["Card"],
        json!(["header", "items[].label"])
    );
    assert_eq!(
        config["children_props"]["dash_core_components"]["Tab"],
        json!(["label"])
    );

    let client = support::http();
    let response = client.get(format!("{base}{script}")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("max-age=31536000")
    );
    assert_eq!(
        response.headers()["content-type"],
        "text/javascript; charset=utf-8"
    );
    assert_eq!(response.bytes().await.unwrap(), BUNDLE);

    let url = format!("{base}/_dash-component-suites/my_lib/async/chunk.js");
    let first = client.get(&url).send().await.unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    assert_eq!(first.headers()["cache-control"], "no-cache");
    let etag = first.headers()["etag"].to_str().unwrap().to_owned();
    let again = client
        .get(&url)
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);

    let address = base.trim_start_matches("http://");
    let answer = raw_get(
        address,
        "/_dash-component-suites/my_lib/../my_lib/my_lib.min.js",
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 404"), "{answer}");
    for missing in ["my_lib/other.js", "other_lib/my_lib.min.js", "my_lib/async"] {
        let response = client
            .get(format!("{base}/_dash-component-suites/{missing}"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{missing}");
        assert_eq!(error_kind(response).await, "not_found");
    }
}

#[tokio::test]
async fn chunks_use_etags_and_304() {
    let base = support::serve(scores_example::app()).await;
    let client = support::http();
    for path in [
        "dash/dcc/async-dropdown.js",
        "dash/dcc/async-graph.js",
        "plotly/package_data/plotly.min.js",
    ] {
        let url = format!("{base}/_dash-component-suites/{path}");
        let first = client.get(&url).send().await.unwrap();
        assert_eq!(first.status(), StatusCode::OK);
        let etag = first.headers()["etag"].to_str().unwrap().to_owned();
        assert!(etag.starts_with('"') && etag.ends_with('"'));
        assert!(
            !first.headers()["cache-control"]
                .to_str()
                .unwrap()
                .contains("max-age")
        );
        let again = client
            .get(&url)
            .header("if-none-match", &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
        assert!(again.bytes().await.unwrap().is_empty());
        let stale = client
            .get(&url)
            .header("if-none-match", "\"other\"")
            .send()
            .await
            .unwrap();
        assert_eq!(stale.status(), StatusCode::OK);
    }
}

#[tokio::test]
async fn paths_off_the_allow_list_are_404() {
    let base = support::serve(scores_example::app()).await;
    for path in [
        "/_dash-component-suites/dash/dcc/not-a-chunk.js",
        "/_dash-component-suites/dash/deps/",
        "/_dash-component-suites/",
        "/_dash-component-suites/..%2f..%2fCargo.toml",
        // Escapes of bytes that are not UTF-8 (found by the fuzzer: a 400 in plain text).
        "/_dash-component-suites/dash/%FF%80.js",
        "/_dash-nothing",
    ] {
        let response = support::get(format!("{base}{path}")).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        assert_eq!(error_kind(response).await, "not_found", "{path}");
    }
    // Dot segments, literal and encoded, that an HTTP client would normalize away: sent
    // over a raw socket.
    let address = base.trim_start_matches("http://");
    for path in [
        "/_dash-component-suites/dash/../../../etc/passwd",
        "/_dash-component-suites/dash/%2e%2e/%2e%2e/Cargo.toml",
        "/_dash-component-suites/../_dash-layout",
    ] {
        let raw = raw_get(address, path).await;
        assert!(raw.starts_with("HTTP/1.1 404"), "{path}: {raw}");
    }
}

async fn raw_get(address: &str, path: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    answer
}

#[tokio::test]
async fn favicon_is_an_icon() {
    let base = support::serve(scores_example::app()).await;
    let response = support::get(format!("{base}/_favicon.ico?v=4.4.1")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "image/x-icon");
    let bytes = response.bytes().await.unwrap();
    assert_eq!(&bytes[..4], &[0, 0, 1, 0]);
}

#[test]
fn startup_validation_reports_every_problem() {
    #[dash::app]
    mod broken {
        use dash::prelude::*;

        #[ids]
        pub struct Ids {
            a: Component,
            b: Component,
        }

        #[callback(output = "b.children", input = "a.value")]
        fn one(v: Option<i64>) -> i64 {
            v.unwrap_or(0)
        }
    }
    // The same module registered twice writes `b.children` twice.
    let layout = Component::html("Div").children([Component::html("P").id("a").into()]);
    let error = support::dash()
        .layout(layout.clone())
        .app::<broken::Ids>()
        .app::<broken::Ids>()
        .build()
        .err()
        .unwrap();
    let text = error.to_string();
    assert!(
        text.contains("`b.children` is an output of both `one`"),
        "{text}"
    );
    assert!(text.contains("protocol.rs:"), "{text}");

    let error = support::dash()
        .layout(layout.clone())
        .app::<broken::Ids>()
        .build()
        .err()
        .unwrap();
    let text = error.to_string();
    assert!(
        text.contains("no component in the layout has the id `b`"),
        "{text}"
    );

    assert!(
        support::dash()
            .layout(layout)
            .app::<broken::Ids>()
            .suppress_callback_exceptions(true)
            .build()
            .is_ok()
    );
    assert!(matches!(
        support::dash().build(),
        Err(dash::StartupError::NoLayout)
    ));
}

#[tokio::test]
async fn shared_outputs_get_keys_like_python_dash() {
    #[dash::app]
    mod shared {
        use dash::prelude::*;

        #[ids]
        pub struct Ids {
            a: html::Button,
            b: html::Button,
            out: html::Div,
        }

        #[callback(output = "out.children", input = "a.n_clicks")]
        fn first(n: Option<u32>) -> String {
            format!("a{}", n.unwrap_or(0))
        }

        #[callback(
            output = "out.children",
            input = "b.n_clicks",
            allow_duplicate,
            prevent_initial_call
        )]
        fn second(n: Option<u32>) -> String {
            format!("b{}", n.unwrap_or(0))
        }
    }

    let layout = dash::html::Div::new().children([
        dash::Node::from(dash::html::Button::new().id("a")),
        dash::html::Button::new().id("b").into(),
        dash::html::Div::new().id("out").into(),
    ]);
    let base = support::serve(support::dash().layout(layout).app::<shared::Ids>()).await;
    let dependencies = get_json(&format!("{base}/_dash-dependencies")).await;
    let outputs: Vec<&str> = dependencies
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["output"].as_str().unwrap())
        .collect();
    // The suffix hashes the inputs and the callback's path: unlike Python's hash of the
    // inputs alone, it never collides (plotly/dash#2744).
    assert_eq!(outputs[0], "out.children");
    let suffix = outputs[1].strip_prefix("out.children@").expect("a suffix");
    assert!(
        suffix.len() == 64 && suffix.bytes().all(|b| b.is_ascii_hexdigit()),
        "{suffix}"
    );
    assert_ne!(
        suffix,
        "5b2e8bd50e92d71d4864130afe574ff58273b3c193f9c93b946617ae6a1237f9"
    );
    let body = json!({
        "output": outputs[1],
        "outputs": {"id": "out", "property": outputs[1].trim_start_matches("out.")},
        "inputs": [input("b", "n_clicks", json!(2))],
        "changedPropIds": ["b.n_clicks"],
    });
    let (status, text) = post(&base, body.to_string()).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    assert_eq!(
        parse(&text),
        json!({"multi": true, "response": {"out": {"children": "b2"}}})
    );
}

/// Three `allow_duplicate` callbacks with the same input write one output: each has its
/// own key, and each answers.
#[tokio::test]
async fn duplicate_writers_with_identical_inputs_all_work() {
    #[dash::app]
    mod triple {
        use dash::prelude::*;

        #[ids]
        pub struct Ids {
            go: html::Button,
            out: html::Div,
        }

        #[callback(
            output = "out.children",
            input = "go.n_clicks",
            allow_duplicate,
            prevent_initial_call
        )]
        fn one(n: Option<u32>) -> String {
            format!("one {}", n.unwrap_or(0))
        }

        #[callback(
            output = "out.children",
            input = "go.n_clicks",
            allow_duplicate,
            prevent_initial_call
        )]
        fn two(n: Option<u32>) -> String {
            format!("two {}", n.unwrap_or(0))
        }

        #[callback(
            output = "out.children",
            input = "go.n_clicks",
            allow_duplicate,
            prevent_initial_call
        )]
        fn three(n: Option<u32>) -> String {
            format!("three {}", n.unwrap_or(0))
        }
    }

    let layout = dash::html::Div::new().children([
        dash::Node::from(dash::html::Button::new().id("go")),
        dash::html::Div::new().id("out").into(),
    ]);
    let base = support::serve(support::dash().layout(layout).app::<triple::Ids>()).await;
    let dependencies = get_json(&format!("{base}/_dash-dependencies")).await;
    let outputs: Vec<String> = dependencies
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["output"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(outputs.len(), 3);
    assert!(outputs[0] != outputs[1] && outputs[1] != outputs[2] && outputs[0] != outputs[2]);
    for (output, name) in outputs.iter().zip(["one", "two", "three"]) {
        let body = json!({
            "output": output,
            "outputs": {"id": "out", "property": output.trim_start_matches("out.")},
            "inputs": [input("go", "n_clicks", json!(4))],
            "changedPropIds": ["go.n_clicks"],
        });
        let (status, text) = post(&base, body.to_string()).await;
        assert_eq!(status, StatusCode::OK, "{text}");
        assert_eq!(
            parse(&text),
            json!({"multi": true, "response": {"out": {"children": format!("{name} 4")}}})
        );
    }
}

#[test]
fn a_prop_the_layout_leaves_unset_needs_a_type_that_takes_null() {
    #[dash::app]
    mod unset {
        use dash::prelude::*;

        #[ids]
        pub struct Ids {
            city: dcc::Input,
            picked: html::Div,
            echo: html::Div,
        }

        /// `String` cannot take the `null` of an unset Input.
        #[callback(output = "picked.children", input = "city.value")]
        fn pick(city: String) -> String {
            city
        }

        /// Reads what `pick` writes on page load: filled before it runs.
        #[callback(output = "echo.children", input = "picked.children")]
        fn echo(picked: String) -> String {
            picked
        }
    }

    let app = |city: dcc::Input| {
        support::dash()
            .layout(html::Div::new().children([
                dash::Node::from(city),
                html::Div::new().id("picked").into(),
                html::Div::new().id("echo").into(),
            ]))
            .app::<unset::Ids>()
    };
    let message = startup_error(app(dcc::Input::new().id("city")));
    assert!(
        message.contains("`pick` (")
            && message.contains(
                "takes `alloc::string::String` for `city.value`, which the layout leaves unset"
            ),
        "{message}"
    );
    assert!(
        message.contains("take `Option<alloc::string::String>`"),
        "{message}"
    );
    assert!(!message.contains("`echo`"), "{message}");
    // With a value in the layout, it starts.
    assert!(
        app(dcc::Input::new().id("city").value("Oslo"))
            .build()
            .is_ok()
    );
}

#[test]
fn ids_the_browser_cannot_use_stop_startup() {
    for id in ["my.name", "{x}", ""] {
        let layout = dash::html::Div::new().children([
            dash::Node::from(dash::html::Div::new().id(id)),
            dash::Component::html("P").id("ok").into(),
        ]);
        let message = startup_error(support::dash().layout(layout));
        assert!(
            message.contains(&format!("a Div with the id {id:?}")),
            "{message}"
        );
    }
    // Unicode is fine.
    let layout =
        dash::html::Div::new().children([dash::Node::from(dash::html::Div::new().id("größe-😀"))]);
    assert!(support::dash().layout(layout).build().is_ok());
}

#[tokio::test]
async fn shared_values_reach_callbacks_and_missing_ones_stop_startup() {
    #[dash::app]
    mod lookup {
        use dash::prelude::*;
        use std::collections::HashMap;

        pub struct Capitals(pub HashMap<&'static str, &'static str>);

        #[ids]
        pub struct Ids {
            country: dcc::Input,
            capital: html::Div,
        }

        #[callback(output = "capital.children", input = "country.value")]
        async fn capital(capitals: Shared<Capitals>, country: Option<String>) -> String {
            let country = country.unwrap_or_default();
            capitals
                .0
                .get(country.as_str())
                .copied()
                .unwrap_or("?")
                .to_owned()
        }
    }

    let layout = || {
        dash::html::Div::new().children([
            dash::Node::from(dash::dcc::Input::new().id("country")),
            dash::html::Div::new().id("capital").into(),
        ])
    };
    let error = startup_error(support::dash().layout(layout()).app::<lookup::Ids>());
    assert!(
        error.contains("`capital` (tests/protocol.rs:")
            && error.contains("::lookup::Capitals>`, but the app shares no such value")
            && error.contains(".share(value)"),
        "{error}"
    );

    let capitals = lookup::Capitals([("Peru", "Lima"), ("Norway", "Oslo")].into());
    let app = support::dash()
        .layout(layout())
        .share(capitals)
        .app::<lookup::Ids>();
    let base = support::serve(app).await;
    let (status, text) =
        post_one(&base, "capital.children", "country", "value", json!("Peru")).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    assert_eq!(parse(&text)["response"]["capital"]["children"], "Lima");
}

#[dash::app]
mod split_main {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        pub(crate) city: dcc::Input,
        pub(crate) summary: html::Div,
        pub(crate) detail: html::Div,
    }

    #[callback(output = "summary.children", input = "city.value")]
    fn summary(city: Option<String>) -> String {
        city.unwrap_or_default()
    }
}

#[dash::app(ids = crate::split_main::Ids)]
mod split_details {
    #[callback(output = "detail.children", input = "city.value")]
    fn detail(city: Option<String>) -> String {
        format!("about {}", city.unwrap_or_default())
    }
}

#[dash::app(ids = crate::split_main::Ids)]
mod split_clash {
    // Writes a property `split_main` writes, and closes a loop through `split_details`.
    #[callback(
        output = "summary.children",
        output = "city.value",
        input = "detail.children"
    )]
    fn clash(text: Option<String>) -> (Option<String>, Option<String>) {
        (text.clone(), text)
    }
}

#[tokio::test]
async fn an_app_split_over_modules_shares_one_ids() {
    let layout = || {
        dash::html::Div::new().children([
            dash::Node::from(dash::dcc::Input::new().id("city")),
            dash::html::Div::new().id("summary").into(),
            dash::html::Div::new().id("detail").into(),
        ])
    };
    let app = support::dash()
        .layout(layout())
        .app::<split_main::Ids>()
        .app::<split_details::Callbacks>();
    let base = support::serve(app).await;
    let (status, text) = post_one(&base, "detail.children", "city", "value", json!("Oslo")).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    assert_eq!(parse(&text)["response"]["detail"]["children"], "about Oslo");

    // What one module cannot see, the server finds when it starts.
    let error = startup_error(
        support::dash()
            .layout(layout())
            .app::<split_main::Ids>()
            .app::<split_details::Callbacks>()
            .app::<split_clash::Callbacks>(),
    );
    assert!(
        error.contains("`summary.children` is an output of both `summary` (tests/protocol.rs:")
            && error.contains("`clash` (tests/protocol.rs:"),
        "{error}"
    );
    assert!(error.contains("callback cycle: `detail` ("), "{error}");
}

#[test]
fn callbacks_under_cfg_are_validated_at_startup() {
    #[dash::app]
    mod flagged {
        use dash::prelude::*;

        #[ids]
        pub struct Ids {
            a: dcc::Input,
            b: html::Div,
        }

        #[callback(output = "b.children", input = "a.value")]
        fn first(v: Option<String>) -> String {
            v.unwrap_or_default()
        }

        // Compiled into this test: the macro cannot know that, so the server catches the
        // second writer when it starts.
        #[cfg(test)]
        #[callback(output = "b.children", input = "a.n_submit")]
        fn second(n: Option<u32>) -> String {
            n.unwrap_or(0).to_string()
        }

        // Never compiled into this test: no conflict at all.
        #[cfg(not(test))]
        #[callback(output = "b.children", input = "a.n_blur")]
        fn third(n: Option<u32>) -> String {
            n.unwrap_or(0).to_string()
        }
    }

    let layout = dash::html::Div::new().children([
        dash::Node::from(dash::dcc::Input::new().id("a")),
        dash::html::Div::new().id("b").into(),
    ]);
    let error = startup_error(support::dash().layout(layout).app::<flagged::Ids>());
    assert!(
        error.contains("`b.children` is an output of both `first` (tests/protocol.rs:")
            && error.contains("and `second` (tests/protocol.rs:"),
        "{error}"
    );
    assert!(!error.contains("third"), "{error}");
}

#[test]
fn cycles_across_app_modules_are_found_at_startup() {
    #[dash::app]
    mod forth {
        use dash::prelude::*;

        #[ids]
        pub struct Ids {
            a: dcc::Input,
            b: dcc::Input,
        }

        #[callback(output = "b.value", input = "a.value")]
        fn copy_forth(v: Option<String>) -> Option<String> {
            v
        }
    }

    #[dash::app]
    mod back {
        use dash::prelude::*;

        #[ids]
        pub struct Ids {
            a: dcc::Input,
            b: dcc::Input,
        }

        #[callback(output = "a.value", input = "b.value")]
        fn copy_back(v: Option<String>) -> Option<String> {
            v
        }

        // State does not trigger, so this one closes no loop.
        #[callback(output = "a.n_submit", input = "b.n_submit", state = "a.value")]
        fn submit(n: Option<u32>, _a: Option<String>) -> Option<u32> {
            n
        }
    }

    let layout = dash::html::Div::new().children([
        dash::Node::from(dash::dcc::Input::new().id("a")),
        dash::dcc::Input::new().id("b").into(),
    ]);
    let error = support::dash()
        .layout(layout)
        .app::<forth::Ids>()
        .app::<back::Ids>()
        .build()
        .err()
        .unwrap();
    let text = error.to_string();
    assert!(
        text.contains("callback cycle: `copy_forth` (tests/protocol.rs:")
            && text.contains("-> `copy_back` (tests/protocol.rs:"),
        "{text}"
    );
    assert_eq!(text.matches("callback cycle").count(), 1, "{text}");
}

#[tokio::test]
async fn dynamic_layouts_are_built_per_request() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static BUILT: AtomicUsize = AtomicUsize::new(0);
    let app = support::dash().layout_fn(|| {
        let n = BUILT.fetch_add(1, Ordering::SeqCst);
        Component::html("P").children(n).into()
    });
    let base = support::serve(app).await;
    let first = get_json(&format!("{base}/_dash-layout")).await;
    let second = get_json(&format!("{base}/_dash-layout")).await;
    assert_ne!(first["props"]["children"], second["props"]["children"]);
}

/// How many sync callbacks of [`pool`] run right now, and the most that ever ran at once.
static RUNNING: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
static MOST: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
/// Set by the inline `release` callback; awaited by `hold` on the blocking pool.
static HELD: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
static RELEASED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Callbacks that observe where they run: how many sync ones run at once, and whether an
/// inline one runs while the blocking pool is full.
#[dash::app]
mod pool {
    use dash::prelude::*;
    use std::sync::atomic::Ordering::SeqCst;
    use std::time::{Duration, Instant};

    #[ids]
    pub struct Ids {
        work_in: Component,
        work: Component,
        hold_in: Component,
        hold: Component,
        release_in: Component,
        release: Component,
    }

    /// Waits (at most 20 s) until `n` callbacks run at once, recording the most seen.
    #[callback(
        output = "work.children",
        input = "work_in.value",
        allow_global_writes = "counts concurrent runs for the test"
    )]
    fn work(n: usize) -> usize {
        let now = super::RUNNING.fetch_add(1, SeqCst) + 1;
        super::MOST.fetch_max(now, SeqCst);
        let started = Instant::now();
        while super::RUNNING.load(SeqCst) < n && started.elapsed() < Duration::from_secs(20) {
            std::thread::sleep(Duration::from_millis(5));
        }
        std::thread::sleep(Duration::from_millis(50));
        super::RUNNING.fetch_sub(1, SeqCst);
        n
    }

    /// Holds a pool thread until `release` has run (at most 20 s); says whether it did.
    #[callback(
        output = "hold.children",
        input = "hold_in.value",
        allow_global_writes = "signals the test"
    )]
    fn hold(_go: Option<i64>) -> bool {
        super::HELD.store(true, SeqCst);
        let started = Instant::now();
        while !super::RELEASED.load(SeqCst) && started.elapsed() < Duration::from_secs(20) {
            std::thread::sleep(Duration::from_millis(5));
        }
        super::RELEASED.load(SeqCst)
    }

    #[callback(
        output = "release.children",
        input = "release_in.value",
        blocking = false,
        allow_global_writes = "signals the test"
    )]
    fn release(_go: Option<i64>) -> bool {
        super::RELEASED.store(true, SeqCst);
        true
    }
}

fn pool_app() -> Dash {
    let ids = [
        "work_in",
        "work",
        "hold_in",
        "hold",
        "release_in",
        "release",
    ];
    support::dash()
        .layout(
            Component::html("Div").children(
                ids.iter()
                    // `work` takes a `usize`: its input has a value from the start.
                    .map(|id| match *id {
                        "work_in" => Component::html("Div").id(*id).prop("value", 0),
                        _ => Component::html("Div").id(*id),
                    })
                    .collect::<Node>(),
            ),
        )
        .app::<pool::Ids>()
}

/// The blocking pool is bounded by the number of cores by default: with twice as many
/// calls at once, exactly that many run together (each waits until they do).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_callbacks_run_at_most_as_many_at_once_as_there_are_cores() {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let base = support::serve(pool_app()).await;
    let calls = (0..2 * cores).map(|_| {
        let base = base.clone();
        async move { post_one(&base, "work.children", "work_in", "value", json!(cores)).await }
    });
    for (status, body) in futures::future::join_all(calls).await {
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    assert_eq!(
        MOST.load(std::sync::atomic::Ordering::SeqCst),
        cores,
        "the most sync callbacks running at once"
    );
}

/// `blocking = false` runs on the async workers: it answers while the only pool thread is
/// held by a callback that waits for it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_inline_callback_runs_while_the_pool_is_full() {
    use std::sync::atomic::Ordering::SeqCst;
    let base = support::serve(pool_app().callback_threads(1)).await;
    let holding = tokio::spawn({
        let base = base.clone();
        async move { post_one(&base, "hold.children", "hold_in", "value", json!(1)).await }
    });
    let started = std::time::Instant::now();
    while !HELD.load(SeqCst) {
        assert!(
            started.elapsed() < support::DEADLINE,
            "waited {:?} for `hold` to take the pool's thread",
            support::DEADLINE
        );
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    let (status, body) = post_one(&base, "release.children", "release_in", "value", json!(1)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = holding.await.expect("the hold request");
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        parse(&body)["response"]["hold"]["children"],
        json!(true),
        "released by the inline callback, not after its own wait"
    );
}

#[dash::app]
mod lossy {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        go: html::Button,
        floats: Store<Vec<f64>>,
        count: Store<i64>,
    }

    #[callback(output = "floats.data", input = "go.n_clicks", prevent_initial_call)]
    fn floats(clicks: u32) -> Vec<f64> {
        vec![1.0, if clicks == 1 { f64::NAN } else { 2.0 }]
    }

    #[callback(output = "count.data", input = "go.title")]
    fn count(_title: String) -> i64 {
        i64::MAX
    }
}

/// A value the browser would change is a 500 at the write, naming the callback, the prop,
/// the JSON path and the fix; the server keeps serving.
#[tokio::test]
async fn a_value_the_browser_would_change_fails_at_the_write() {
    let layout = dash::html::Div::new().children([
        dash::Node::from(dash::html::Button::new().id("go").title("t")),
        dash::Store::<Vec<f64>>::new("floats").into(),
        dash::Store::<i64>::new("count").into(),
    ]);
    let base = support::serve(
        support::dash()
            .debug(true)
            .layout(layout)
            .app::<lossy::Ids>(),
    )
    .await;
    let (status, body) = post_one(&base, "floats.data", "go", "n_clicks", json!(1)).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    let error = &parse(&body)["error"];
    assert_eq!(error["kind"], "encode_error");
    let message = error["message"].as_str().unwrap();
    for part in ["`floats`", "`floats.data`", "at `[1]`: NaN", "Option<f64>"] {
        assert!(message.contains(part), "{part}: {message}");
    }
    let (status, body) = post_one(&base, "count.data", "go", "title", json!("t")).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    let message = parse(&body)["error"]["message"]
        .as_str()
        .unwrap()
        .to_owned();
    for part in [
        "9223372036854775807",
        "come back as 9223372036854775808",
        "Exact<_>",
    ] {
        assert!(message.contains(part), "{part}: {message}");
    }
    // Still serving: a value that travels.
    let (status, body) = post_one(&base, "floats.data", "go", "n_clicks", json!(2)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

/// A layout value the browser would change stops the layout where it is written.
#[test]
fn a_layout_value_the_browser_would_change_is_refused_where_it_is_written() {
    let panic = std::panic::catch_unwind(|| {
        dash::Node::from(dash::Store::<Vec<f64>>::new("s").data(vec![f64::INFINITY]))
    })
    .expect_err("an infinity cannot be sent");
    let message = panic.downcast_ref::<String>().expect("a message");
    assert!(
        message.contains("the props of a Store cannot be sent: at `data[0]`: inf"),
        "{message}"
    );
}

#[dash::app]
mod browser_forms {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        cities: dcc::Dropdown,
        count: dcc::Input,
        out: html::Div,
    }

    #[callback(output = "out.children", input = "cities.value", input = "count.value")]
    fn show(cities: Option<String>, count: Option<i64>) -> String {
        format!("{cities:?}{count:?}")
    }
}

/// At startup, each argument is decoded from the forms its layout component sends: a
/// `multi` Dropdown sends lists, a number Input fractions unless its `step` is whole.
#[test]
fn arguments_must_read_every_form_the_layout_makes_the_browser_send() {
    use dash::Component;
    let app = |cities: Component, count: Component| {
        support::dash()
            .layout(dash::html::Div::new().children([
                dash::Node::from(cities),
                count.into(),
                dash::html::Div::new().id("out").into(),
            ]))
            .app::<browser_forms::Ids>()
    };
    let dropdown = || {
        Component::dcc("Dropdown")
            .id("cities")
            .prop("options", json!(["Oslo", "Rome"]))
    };
    let number = || {
        Component::dcc("Input")
            .id("count")
            .prop("type", "number")
            .prop("value", 1)
    };
    let message = startup_error(app(dropdown().prop("multi", true), number()));
    assert!(
        message.contains(
            "`show` (" // the location follows
        ) && message.contains(
            "takes `core::option::Option<alloc::string::String>` for `cities.value`, but the \
             Dropdown sends `[]` when the user clears a `multi` Dropdown"
        ),
        "{message}"
    );
    assert!(
        message.contains("a fraction from an Input of type `number`"),
        "{message}"
    );
    let message = startup_error(app(
        Component::dcc("Dropdown")
            .id("cities")
            .prop("options", json!([{"label": "one", "value": 1}])),
        number().prop("step", 1),
    ));
    assert!(
        message.contains("the chosen option's value, such as `1`") && !message.contains("count"),
        "{message}"
    );
    assert!(app(dropdown(), number().prop("step", 1)).build().is_ok());
}

/// What proxies, load balancers and CORS preflights expect of HTTP: 405 with `Allow` for a
/// known path and the wrong method, `OPTIONS` answered, `HEAD` wherever `GET` works (with
/// the length `GET` would send), and the health check Python Dash serves.
#[tokio::test]
async fn http_methods_as_proxies_expect_them() {
    let base = support::serve(scores_example::app().health_endpoint("health")).await;
    let client = support::http();
    let send = |method: &str, path: &str| {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        client.request(method, format!("{base}{path}")).send()
    };
    for (method, path, allow) in [
        ("POST", "/reports", "GET,HEAD,OPTIONS"),
        ("DELETE", "/", "GET,HEAD,OPTIONS"),
        ("PUT", "/_dash-layout", "GET,HEAD,OPTIONS"),
        ("GET", "/_dash-update-component", "POST,OPTIONS"),
        ("POST", "/health", "GET,HEAD,OPTIONS"),
    ] {
        let response = send(method, path).await.unwrap();
        assert_eq!(response.status(), 405, "{method} {path}");
        assert_eq!(response.headers()["allow"], allow, "{method} {path}");
        let body = parse(&response.text().await.unwrap());
        assert_eq!(body["error"]["kind"], "method_not_allowed");
    }
    for (path, allow) in [
        ("/_dash-update-component", "POST,OPTIONS"),
        ("/", "GET,HEAD,OPTIONS"),
        ("/reports", "GET,HEAD,OPTIONS"),
        ("/_dash-dependencies", "GET,HEAD,OPTIONS"),
    ] {
        let response = send("OPTIONS", path).await.unwrap();
        assert_eq!(response.status(), 204, "OPTIONS {path}");
        assert_eq!(response.headers()["allow"], allow, "OPTIONS {path}");
    }
    let page = get_page(&base).await;
    let script = script_sources(&page)[0].to_owned();
    for path in [
        "/",
        "/reports",
        "/_dash-layout",
        "/_dash-dependencies",
        "/health",
        &script,
    ] {
        let got = send("GET", path).await.unwrap();
        assert_eq!(got.status(), 200, "GET {path}");
        let length = got.bytes().await.unwrap().len();
        let head = send("HEAD", path).await.unwrap();
        assert_eq!(head.status(), 200, "HEAD {path}");
        assert_eq!(
            head.headers()["content-length"].to_str().unwrap(),
            length.to_string(),
            "HEAD {path}"
        );
        assert!(
            head.bytes().await.unwrap().is_empty(),
            "HEAD {path} has no body"
        );
    }
    let health = send("GET", "/health").await.unwrap();
    assert_eq!(
        health.headers()["content-type"],
        "text/plain; charset=utf-8"
    );
    assert_eq!(health.text().await.unwrap(), "OK");
    // Under the protocol's routes, an unknown path is 404 whatever the method.
    let response = send("POST", "/_dash-nothing").await.unwrap();
    assert_eq!(response.status(), 404);
    // Without the setting, `/health` is a page path like any other, as in Python.
    let plain = support::serve(scores_example::app()).await;
    let page = support::get(format!("{plain}/health")).await;
    assert!(
        page.text()
            .await
            .unwrap()
            .contains("<div id=\"react-entry-point\">")
    );
}

#[test]
fn a_health_check_inside_the_protocols_routes_is_refused() {
    let message = startup_error(scores_example::app().health_endpoint("_dash-layout"));
    assert!(
        message.contains("health_endpoint") && message.contains("`_dash-"),
        "{message}"
    );
}

/// A callback past the app's time limit: 504 with a JSON body, on time, and the server
/// keeps serving, the slow call included.
#[tokio::test]
async fn a_callback_past_its_time_limit_answers_504_and_the_server_keeps_serving() {
    let limit = std::time::Duration::from_millis(300);
    let base = support::serve(lab().callback_timeout(limit)).await;
    let started = std::time::Instant::now();
    let (status, body) = post_one(&base, "slow.children", "slow_in", "value", json!(3000)).await;
    let took = started.elapsed();
    assert_eq!(status, StatusCode::GATEWAY_TIMEOUT, "{body}");
    assert!(
        took < std::time::Duration::from_millis(2000),
        "answered after {took:?}"
    );
    let error = &parse(&body)["error"];
    assert_eq!(error["kind"], "timeout");
    assert_eq!(error["callback"], "slow");
    assert!(
        error["message"].as_str().unwrap().contains("300ms"),
        "{error}"
    );
    // Quick calls still answer, while the slow one runs on.
    let (status, body) = post_one(&base, "slow.children", "slow_in", "value", json!(5)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(parse(&body)["response"]["slow"]["children"], 5);
}

/// CORS for an embedded dashboard: off by default; with listed origins, a preflight from
/// one of them is allowed (credentials included) and one from elsewhere is not; with `*`,
/// any origin, without credentials.
#[tokio::test]
async fn cors_is_off_by_default_and_allows_only_the_listed_origins() {
    let client = support::http();
    let preflight = |base: String, origin: &'static str| {
        client
            .request(
                reqwest::Method::OPTIONS,
                format!("{base}/_dash-update-component"),
            )
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "content-type")
            .send()
    };
    let allowed = |response: &reqwest::Response| {
        response
            .headers()
            .get("access-control-allow-origin")
            .map(|v| v.to_str().unwrap().to_owned())
    };
    let off = support::serve(scores_example::app()).await;
    let response = preflight(off.clone(), "https://portal.example.com")
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    assert_eq!(allowed(&response), None, "no CORS unless asked for");

    let listed = support::serve(scores_example::app().cors(["https://portal.example.com"])).await;
    let response = preflight(listed.clone(), "https://portal.example.com")
        .await
        .unwrap();
    assert!(response.status().is_success(), "{}", response.status());
    assert_eq!(
        allowed(&response).as_deref(),
        Some("https://portal.example.com")
    );
    assert_eq!(
        response.headers()["access-control-allow-credentials"],
        "true"
    );
    let methods = response.headers()["access-control-allow-methods"]
        .to_str()
        .unwrap();
    assert!(methods.contains("POST"), "{methods}");
    let response = preflight(listed.clone(), "https://elsewhere.example")
        .await
        .unwrap();
    assert_eq!(allowed(&response), None);
    // The update itself carries the header too, so the page can read the answer.
    let update = scores_update(&client, &listed)
        .header("origin", "https://portal.example.com")
        .send()
        .await
        .unwrap();
    assert_eq!(update.status(), 200);
    assert_eq!(
        allowed(&update).as_deref(),
        Some("https://portal.example.com")
    );

    let any = support::serve(scores_example::app().cors(["*"])).await;
    let response = preflight(any, "https://anywhere.example").await.unwrap();
    assert_eq!(allowed(&response).as_deref(), Some("*"));

    let message = startup_error(scores_example::app().cors(["portal.example.com"]));
    assert!(
        message.contains("`cors`") && message.contains("https://"),
        "{message}"
    );
}

/// The front end goes out compressed when the browser accepts it: each bundle as brotli or
/// gzip made at build time, with an ETag per encoding and `Vary: Accept-Encoding`; the
/// page and the JSON answers above 1 KiB compressed as they go out. Every variant decodes
/// to the bytes sent uncompressed.
#[tokio::test]
async fn bundles_and_large_answers_are_compressed_when_accepted() {
    use std::io::Read;
    let base = support::serve(scores_example::app()).await;
    let client = support::http();
    let fetch = |path: String, accept: &'static str| {
        let mut request = client.get(format!("{base}{path}"));
        if !accept.is_empty() {
            request = request.header("accept-encoding", accept);
        }
        request.send()
    };
    let decode = |encoding: Option<&str>, bytes: &[u8]| -> Vec<u8> {
        let mut out = Vec::new();
        match encoding {
            Some("br") => {
                brotli::Decompressor::new(bytes, 4096)
                    .read_to_end(&mut out)
                    .unwrap();
            }
            Some("gzip") => {
                flate2::read::GzDecoder::new(bytes)
                    .read_to_end(&mut out)
                    .unwrap();
            }
            None => out.extend_from_slice(bytes),
            Some(other) => panic!("unexpected encoding {other}"),
        }
        out
    };
    let page = get_page(&base).await;
    let bundle = script_sources(&page)
        .into_iter()
        .find(|src| src.contains("/dcc/dash_core_components.v"))
        .unwrap()
        .to_owned();
    let mut etags = Vec::new();
    let mut identity = Vec::new();
    for (accept, expected) in [
        ("", None),
        ("gzip", Some("gzip")),
        ("gzip, deflate, br, zstd", Some("br")),
        ("br;q=0, gzip", Some("gzip")),
    ] {
        let response = fetch(bundle.clone(), accept).await.unwrap();
        assert_eq!(response.status(), 200);
        let encoding = response
            .headers()
            .get("content-encoding")
            .map(|v| v.to_str().unwrap().to_owned());
        assert_eq!(encoding.as_deref(), expected, "Accept-Encoding: {accept}");
        assert_eq!(response.headers()["vary"], "accept-encoding");
        etags.push(response.headers()["etag"].to_str().unwrap().to_owned());
        let bytes = response.bytes().await.unwrap();
        let decoded = decode(expected, &bytes);
        if expected.is_none() {
            identity = decoded;
        } else {
            assert!(
                bytes.len() * 3 < identity.len(),
                "{accept}: {} bytes",
                bytes.len()
            );
            assert_eq!(decoded, identity, "{accept}");
        }
    }
    assert_eq!(etags[1], etags[3], "one ETag per encoding");
    assert!(etags[0] != etags[1] && etags[1] != etags[2], "{etags:?}");
    // A cached variant is revalidated against its own ETag.
    let again = client
        .get(format!("{base}{bundle}"))
        .header("accept-encoding", "br")
        .header("if-none-match", &etags[2])
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);

    // The page and the layout answer compressed above 1 KiB; a short update does not.
    for path in ["/", "/_dash-dependencies"] {
        let plain = fetch(path.to_owned(), "")
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        let response = fetch(path.to_owned(), "br").await.unwrap();
        let encoding = response
            .headers()
            .get("content-encoding")
            .map(|v| v.to_str().unwrap().to_owned());
        let bytes = response.bytes().await.unwrap();
        if plain.len() > 1024 {
            assert_eq!(encoding.as_deref(), Some("br"), "{path}");
        }
        assert_eq!(decode(encoding.as_deref(), &bytes), plain, "{path}");
    }
    let update = scores_update(&client, &base)
        .header("accept-encoding", "br, gzip")
        .send()
        .await
        .unwrap();
    assert!(update.headers().get("content-encoding").is_none());
    assert_eq!(
        parse(&update.text().await.unwrap())["response"]["output"]["children"],
        4
    );
}

/// `url_base_pathname`: every route under `/sales/`, the page's scripts and config say
/// so, nothing is served outside it, and `/sales` leads to the page.
#[tokio::test]
async fn every_route_lives_under_the_url_base_pathname() {
    let base = support::serve(
        scores_example::app()
            .url_base_pathname("/sales/")
            .health_endpoint("health"),
    )
    .await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let page = get_page(&format!("{base}/sales")).await;
    let config = page_config(&page);
    assert_eq!(config["url_base_pathname"], "/sales/");
    assert_eq!(config["requests_pathname_prefix"], "/sales/");
    let scripts = script_sources(&page);
    assert!(scripts.len() > 3);
    for script in &scripts {
        assert!(
            script.starts_with("/sales/_dash-component-suites/"),
            "{script}"
        );
        let response = support::get(format!("{base}{script}")).await;
        assert_eq!(response.status(), 200, "{script}");
    }
    assert!(page.contains(r#"href="/sales/_favicon.ico?v="#), "{page}");
    let layout = get_json(&format!("{base}/sales/_dash-layout")).await;
    assert_eq!(layout["type"], "Div");
    get_json(&format!("{base}/sales/_dash-dependencies")).await;
    let answer = scores_update(&client, &format!("{base}/sales"))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    let body = parse(&answer.text().await.unwrap());
    assert_eq!(body["response"]["output"]["children"], 4);
    for path in ["/sales/", "/sales/reports/2026", "/sales/_favicon.ico"] {
        let response = client.get(format!("{base}{path}")).send().await.unwrap();
        assert_eq!(response.status(), 200, "{path}");
    }
    let health = client
        .get(format!("{base}/sales/health"))
        .send()
        .await
        .unwrap();
    assert_eq!(health.text().await.unwrap(), "OK");
    // `/sales` is sent on to `/sales/`, with its query.
    let bare = client
        .get(format!("{base}/sales?q=1"))
        .send()
        .await
        .unwrap();
    assert_eq!(bare.status(), 308);
    assert_eq!(bare.headers()["location"], "/sales/?q=1");
    // HEAD and OPTIONS under the prefix, as at the root.
    for path in ["/sales/", "/sales/reports", "/sales/_dash-layout"] {
        let head = client.head(format!("{base}{path}")).send().await.unwrap();
        assert_eq!(head.status(), 200, "HEAD {path}");
        let options = client
            .request(reqwest::Method::OPTIONS, format!("{base}{path}"))
            .send()
            .await
            .unwrap();
        assert_eq!(options.status(), 204, "OPTIONS {path}");
        assert_eq!(options.headers()["allow"], "GET,HEAD,OPTIONS");
    }
    let unknown = client
        .get(format!("{base}/sales/_dash-nothing"))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);
    // Outside the prefix there is nothing: not the page, not the routes.
    for path in [
        "/",
        "/reports",
        "/_dash-layout",
        "/health",
        "/salesx/",
        "/salesx",
    ] {
        let response = client.get(format!("{base}{path}")).send().await.unwrap();
        assert_eq!(response.status(), 404, "{path}");
        let body = parse(&response.text().await.unwrap());
        assert_eq!(body["error"]["kind"], "not_found", "{path}");
    }
    let outside = scores_update(&client, &base).send().await.unwrap();
    assert_eq!(outside.status(), 404);
}

/// Behind a proxy that strips `/sales`: the server answers at `/`, the page tells the
/// browser to request `/sales/...`, and the session cookie is scoped to `/sales/`.
#[tokio::test]
async fn a_requests_prefix_is_where_the_browser_asks() {
    let base = support::serve(scores_example::app().requests_pathname_prefix("/sales/")).await;
    let page = get_page(&base).await;
    let config = page_config(&page);
    assert_eq!(config["url_base_pathname"], Value::Null);
    assert_eq!(config["requests_pathname_prefix"], "/sales/");
    for script in script_sources(&page) {
        let served = script.strip_prefix("/sales").expect("through the proxy");
        let response = support::get(format!("{base}{served}")).await;
        assert_eq!(response.status(), 200, "{script}");
    }
    get_json(&format!("{base}/_dash-layout")).await;
}

#[test]
fn prefixes_that_do_not_fit_stop_startup() {
    for (app, expected) in [
        (
            scores_example::app().url_base_pathname("sales"),
            "must start and end with `/`",
        ),
        (
            scores_example::app()
                .url_base_pathname("/sales/")
                .routes_pathname_prefix("/sales/"),
            "set it alone",
        ),
        (
            scores_example::app()
                .routes_pathname_prefix("/app/")
                .requests_pathname_prefix("/sales/"),
            "must end with `routes_pathname_prefix`",
        ),
    ] {
        let message = startup_error(app);
        assert!(message.contains(expected), "{message}");
    }
}

/// `Server::router` inside a larger axum app: merged beside other routes with
/// `url_base_pathname`, or nested under a path with `requests_pathname_prefix`.
#[tokio::test]
async fn the_router_goes_into_a_larger_app_under_a_prefix() {
    use axum::routing::get;
    let merged = scores_example::app()
        .url_base_pathname("/sales/")
        .build()
        .unwrap()
        .router();
    let nested = scores_example::app()
        .requests_pathname_prefix("/team/")
        .build()
        .unwrap()
        .router();
    let outer = axum::Router::new()
        .route("/api/ping", get(|| async { "pong" }))
        .merge(merged)
        .nest("/team", nested);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, outer).await });
    let ping = support::get(format!("{base}/api/ping")).await;
    assert_eq!(ping.text().await.unwrap(), "pong");
    for prefix in ["/sales/", "/team/"] {
        let page = get_page(&format!("{base}{}", prefix.trim_end_matches('/'))).await;
        for script in script_sources(&page) {
            assert!(script.starts_with(prefix), "{script}");
            let response = support::get(format!("{base}{script}")).await;
            assert_eq!(response.status(), 200, "{script}");
        }
        get_json(&format!("{base}{prefix}_dash-layout")).await;
        let client = support::http();
        let answer = scores_update(&client, &format!("{base}{}", prefix.trim_end_matches('/')))
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 200, "{prefix}");
    }
}

/// The request's `outputs` is checked with its inputs, before the call: a pattern output
/// that names no matching component is a 400, and the callback never ran (its side
/// effects never happened). The callback's adapter is written by hand, on the typed
/// boundary (`Args` in, `Returned` out), which lets it count its runs.
#[tokio::test]
async fn a_malformed_outputs_list_is_400_and_the_callback_never_ran() {
    use dash::{
        Args, CallContext, CallbackResult, CallbackSpec, ComponentId, Handler, Out, Returned,
    };
    use std::sync::atomic::{AtomicUsize, Ordering};
    static RAN: AtomicUsize = AtomicUsize::new(0);
    fn rows(mut args: Args, call: &CallContext) -> CallbackResult {
        RAN.fetch_add(1, Ordering::SeqCst);
        let clicks = args.take(0).into_value();
        Returned::new(
            vec![Out::Many(vec![Some(clicks.clone()), Some(clicks)])],
            call,
        )
    }
    let all_rows = ComponentId::from_json(&json!({"type": "row", "index": ["ALL"]})).unwrap();
    let spec = CallbackSpec::new("rows", Handler::Inline(rows))
        .location("protocol.rs:1:1")
        .output(dash::PropId::new(all_rows, "children"))
        .input(dash::PropId::parse("go.n_clicks").unwrap());
    // (The rows are made at run time: no layout holds a pattern's components.)
    let layout =
        dash::html::Div::new().children([dash::Node::from(dash::html::Button::new().id("go"))]);
    let base = support::serve(support::dash().layout(layout).callback(spec)).await;
    let row = |index: i64| json!({"id": {"type": "row", "index": index}, "property": "children"});
    let update = |outputs: Value| {
        json!({
            "output": "{\"index\":[\"ALL\"],\"type\":\"row\"}.children",
            "outputs": outputs,
            "inputs": [input("go", "n_clicks", json!(1))],
            "changedPropIds": ["go.n_clicks"],
        })
        .to_string()
    };
    for malformed in [
        json!({"id": "go", "property": "children"}), // not a list for an `ALL` output
        json!([{"id": {"type": "cell", "index": 0}, "property": "children"}]), // another family
        json!([{"id": {"type": "row", "index": 0}, "property": "style"}]), // another prop
        json!([{"property": "children"}]),           // no id
    ] {
        let (status, text) = post(&base, update(malformed.clone())).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{malformed}: {text}");
        assert_eq!(
            parse(&text)["error"]["kind"],
            "mismatched_request",
            "{text}"
        );
    }
    assert_eq!(
        RAN.load(Ordering::SeqCst),
        0,
        "the callback ran for a malformed request"
    );

    // One output: `outputs` is that output's list of components.
    let (status, text) = post(&base, update(json!([row(0), row(1)]))).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    assert_eq!(
        parse(&text)["response"],
        json!({
            "{\"index\":0,\"type\":\"row\"}": {"children": 1},
            "{\"index\":1,\"type\":\"row\"}": {"children": 1},
        })
    );
    assert_eq!(RAN.load(Ordering::SeqCst), 1);
}
