//! The Dash protocol over real HTTP on loopback: every route, every status, the bodies the
//! renderer relies on.

use dash::prelude::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

#[allow(dead_code)]
#[path = "../../examples/scores.rs"]
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
        count_btn: Component,
        points: Component,
        graph: Component,
        opt_in: Component,
        opt_out: Component,
        maybe: Component,
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

    #[callback(
        output = "inline.children",
        input = "btn.title",
        blocking = false,
        hidden
    )]
    fn inline(title: Option<String>) -> String {
        title.unwrap_or_else(|| "untitled".into()).to_uppercase()
    }

    /// `maybe` is on no page of this app: `allow_optional` lets the callback run with
    /// `None` for it.
    #[callback(
        output = "opt_out.children",
        input = "opt_in.value",
        state = "maybe.value",
        allow_optional = "maybe.value"
    )]
    fn with_optional(value: Option<String>, maybe: Option<String>) -> String {
        format!(
            "{} / {}",
            value.unwrap_or_default(),
            maybe.as_deref().unwrap_or("absent")
        )
    }

    /// The figure in State, its typed arrays read back into a `Vec<f64>`.
    #[callback(
        output = "points.children",
        input = "count_btn.n_clicks",
        state = "graph.figure"
    )]
    fn count_points(_clicks: Option<i64>, figure: Option<Figure>) -> String {
        match figure.map(|figure| figure.values::<f64>(0, "x")) {
            None => "no figure".into(),
            Some(Ok(x)) => format!("{} points, the last {}", x.len(), x[x.len() - 1]),
            Some(Err(error)) => error.to_string(),
        }
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
        "count_btn",
        "points",
        "graph",
        "opt_in",
        "opt_out",
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
        .expect_err("the app should not start")
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

mod assets;
mod endpoint;
mod executor;
mod routes;
mod startup;
mod update;
