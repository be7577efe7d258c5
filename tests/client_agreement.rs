//! The test client agrees with the renderer: the same scenarios, run through
//! `TestClient` in this process and through the pinned renderer in headless Chromium,
//! give the same call counts per callback and the same values, after every step.
//!
//! In the browser a prop is set with `dash_clientside.set_props` (as a component's own
//! `setProps` does), a click is a click, the calls are counted in a `fetch` wrapper the
//! page gets before its scripts, and the values are read from the renderer's store once
//! it has settled.

use std::collections::BTreeMap;
use std::time::Duration;

use dash::prelude::*;
use dash::{App, TestClient};
use serde_json::{Value, json};
use support::browser::Session;

#[allow(dead_code)]
#[path = "../examples/counter.rs"]
mod counter_example;

#[allow(dead_code)]
#[path = "../examples/todo.rs"]
mod todo_example;

#[allow(dead_code)]
#[path = "../examples/filters.rs"]
mod filters_example;

#[dash::app]
mod chains {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        x: dcc::Input,
        doubled: html::Div,
        plus_one: html::Div,
        shown: html::Div,
        a: dcc::Input,
        left: html::Div,
        right: html::Div,
        joined: html::Div,
        late: html::Button,
        late_out: html::Div,
        gate: dcc::Input,
        gated: html::Div,
        after_gate: html::Div,
        guard: dcc::Input,
        guarded: html::Div,
        after_guard: html::Div,
        side: html::Button,
        side_target: html::Div,
        side_reader: html::Div,
        pair: dcc::Input,
        first: html::Div,
        second: html::Div,
        boom: html::Button,
        boomed: html::Div,
        after_boom: html::Div,
        quiet: dcc::Input,
        loud: dcc::Input,
        mixed: html::Div,
    }

    fn text(value: Option<String>) -> String {
        value.unwrap_or_else(|| "-".into())
    }

    /// A chain: x, then doubled, then plus_one; `shown` reads both, so it waits for both.
    #[callback(output = "doubled.children", input = "x.value")]
    pub fn double(x: Option<String>) -> String {
        let x: f64 = x.as_deref().unwrap_or("0").parse().unwrap_or(0.0);
        (2.0 * x).to_string()
    }

    #[callback(output = "plus_one.children", input = "doubled.children")]
    pub fn plus_one(doubled: Option<String>) -> String {
        let doubled: f64 = doubled.as_deref().unwrap_or("0").parse().unwrap_or(0.0);
        (doubled + 1.0).to_string()
    }

    #[callback(
        output = "shown.children",
        input = "doubled.children",
        input = "plus_one.children"
    )]
    pub fn show(doubled: Option<String>, plus_one: Option<String>) -> String {
        format!("{} / {}", text(doubled), text(plus_one))
    }

    /// A diamond: `a` feeds `left` and `right`, and `joined` reads both.
    #[callback(output = "left.children", input = "a.value")]
    pub fn to_left(a: Option<String>) -> String {
        format!("L{}", text(a))
    }

    #[callback(output = "right.children", input = "a.value")]
    pub fn to_right(a: Option<String>) -> String {
        format!("R{}", text(a))
    }

    #[callback(
        output = "joined.children",
        input = "left.children",
        input = "right.children"
    )]
    pub fn join(left: Option<String>, right: Option<String>) -> String {
        format!("{}+{}", text(left), text(right))
    }

    #[callback(
        output = "late_out.children",
        input = "late.n_clicks",
        prevent_initial_call
    )]
    pub fn late(clicks: Option<u32>) -> String {
        format!("late {}", clicks.unwrap_or(0))
    }

    /// `no_update` leaves `gated`, so `after_gate` does not run.
    #[callback(output = "gated.children", input = "gate.value")]
    pub fn gate(value: Option<String>) -> Update<String> {
        match value.as_deref() {
            Some("stop") => Update::NoUpdate,
            _ => Update::Set(text(value)),
        }
    }

    #[callback(output = "after_gate.children", input = "gated.children")]
    pub fn after_gate(gated: Option<String>) -> String {
        format!("after {}", text(gated))
    }

    /// `PreventUpdate` stops the chain too.
    #[callback(output = "guarded.children", input = "guard.value")]
    pub fn guard(value: Option<String>) -> Result<String, PreventUpdate> {
        match value.as_deref() {
            Some("stop") => Err(PreventUpdate),
            _ => Ok(text(value)),
        }
    }

    #[callback(output = "after_guard.children", input = "guarded.children")]
    pub fn after_guard(guarded: Option<String>) -> String {
        format!("after {}", text(guarded))
    }

    /// A side update triggers the callback that reads it.
    #[callback(input = "side.n_clicks", prevent_initial_call)]
    pub fn side(ctx: Ctx, clicks: Option<u32>) {
        ctx.set_props(
            "side_target",
            "children",
            format!("set {}", clicks.unwrap_or(0)),
        );
    }

    #[callback(output = "side_reader.children", input = "side_target.children")]
    pub fn read_side(target: Option<String>) -> String {
        format!("read {}", text(target))
    }

    /// Two outputs, one of them left alone.
    #[callback(
        output = "first.children",
        output = "second.children",
        input = "pair.value"
    )]
    pub fn pair(value: Option<String>) -> (String, Update<String>) {
        let value = text(value);
        let second = if value.starts_with("keep") {
            Update::NoUpdate
        } else {
            Update::Set(value.clone())
        };
        (value, second)
    }

    /// A failed call stops its dependants.
    #[callback(output = "boomed.children", input = "boom.n_clicks")]
    pub fn boom(clicks: Option<u32>) -> Result<String, CallbackError> {
        match clicks {
            Some(_) => Err(CallbackError::msg("boom")),
            None => Ok("calm".into()),
        }
    }

    #[callback(output = "after_boom.children", input = "boomed.children")]
    pub fn after_boom(boomed: Option<String>) -> String {
        format!("after {}", text(boomed))
    }

    /// State does not trigger.
    #[callback(output = "mixed.children", input = "loud.value", state = "quiet.value")]
    pub fn mixed(loud: Option<String>, quiet: Option<String>) -> String {
        format!("{} {}", text(loud), text(quiet))
    }
}

fn chains_app() -> Dash {
    let mut children: Vec<Node> = Vec::new();
    for id in ["x", "a", "gate", "guard", "pair", "quiet", "loud"] {
        children.push(dcc::Input::new().id(id).into());
    }
    for id in ["late", "side", "boom"] {
        children.push(html::Button::new().id(id).children(id).into());
    }
    for id in [
        "doubled",
        "plus_one",
        "shown",
        "left",
        "right",
        "joined",
        "late_out",
        "gated",
        "after_gate",
        "guarded",
        "after_guard",
        "side_target",
        "side_reader",
        "first",
        "second",
        "boomed",
        "after_boom",
        "mixed",
    ] {
        children.push(html::Div::new().id(id).into());
    }
    support::dash()
        .layout(html::Div::new().children(children))
        .app::<chains::Ids>()
}

/// One step of a scenario.
enum Step {
    /// Set a prop, as a component does.
    Set(Value, &'static str, Value),
    /// Click a button with a plain id.
    Click(&'static str),
}

fn set(id: impl Into<Value>, prop: &'static str, value: impl Into<Value>) -> Step {
    Step::Set(id.into(), prop, value.into())
}

/// What the page holds after a step: the calls per callback, and the watched props.
#[derive(Debug, PartialEq)]
struct Seen {
    calls: BTreeMap<String, usize>,
    values: Vec<Value>,
}

/// The fetch wrapper and the store reader every page gets before its own scripts.
const PAGE_SCRIPT: &str = r#"
window.__calls = {};
(function () {
    var original = window.fetch;
    window.fetch = function (input, init) {
        try {
            var url = String((input && input.url) || input);
            if (url.indexOf('_dash-update-component') >= 0 && init && typeof init.body === 'string') {
                var key = JSON.parse(init.body).output;
                window.__calls[key] = (window.__calls[key] || 0) + 1;
            }
        } catch (e) {}
        return original.apply(this, arguments);
    };
})();
window.__sameId = function (a, b) {
    var norm = function (id) {
        if (typeof id !== 'object' || id === null) { return JSON.stringify(id); }
        var keys = Object.keys(id).sort();
        return JSON.stringify(keys.map(function (k) { return [k, id[k]]; }));
    };
    return norm(a) === norm(b);
};
window.__prop = function (id, prop) {
    var found;
    var walk = function (value) {
        if (found !== undefined || value === null || typeof value !== 'object') { return; }
        if (Array.isArray(value)) { value.forEach(walk); return; }
        if (value.props && value.type) {
            if (value.props.id !== undefined && window.__sameId(value.props.id, id)) {
                found = value.props[prop] === undefined ? null : value.props[prop];
                return;
            }
            Object.keys(value.props).forEach(function (k) { walk(value.props[k]); });
            return;
        }
        // The store keeps the tree under `components`.
        Object.keys(value).forEach(function (k) { walk(value[k]); });
    };
    walk(window.store.getState().layout);
    return found === undefined ? null : found;
};
window.__settled = function () {
    var state = window.store && window.store.getState();
    if (!state || state.isLoading) { return false; }
    var c = state.callbacks || {};
    return ['requested', 'prioritized', 'blocked', 'executing', 'watched', 'executed'].every(function (k) {
        return !c[k] || c[k].length === 0;
    });
};
"#;

/// Runs a scenario through the client and through Chromium and compares what each holds
/// after every step. `watched` are the props compared.
async fn agree(
    name: &str,
    app: fn() -> Dash,
    names: &BTreeMap<String, String>,
    steps: Vec<Step>,
    watched: &[(Value, &str)],
) {
    // The client.
    let mut client = TestClient::new(app()).await.expect("the app is valid");
    let client_seen = |client: &TestClient| Seen {
        calls: client
            .all_calls()
            .iter()
            .map(|(name, count)| (name.clone(), *count))
            .collect(),
        values: watched
            .iter()
            .map(|(id, prop)| {
                let id = dash::ComponentId::parse(&id_text(id)).expect("an id");
                client.value(id, prop).cloned().unwrap_or(Value::Null)
            })
            .collect(),
    };
    let mut ours = vec![client_seen(&client)];
    for step in &steps {
        match step {
            Step::Set(id, prop, value) => {
                let id = dash::ComponentId::parse(&id_text(id)).expect("an id");
                client.set(id, prop, value.clone()).await;
            }
            Step::Click(id) => client.click(*id).await,
        }
        ours.push(client_seen(&client));
    }
    // The browser.
    let url = support::serve(app()).await;
    let session = Session::open_with_script(&format!("{url}/"), PAGE_SCRIPT).await;
    let mut theirs = vec![browser_seen(&session, names, watched).await];
    for step in &steps {
        match step {
            Step::Set(id, prop, value) => {
                session
                    .eval(&format!(
                        "dash_clientside.set_props({id}, {{{prop}: {value}}}); true",
                        prop = Value::String((*prop).to_owned())
                    ))
                    .await;
            }
            Step::Click(id) => session.click(&format!("#{id}")).await,
        }
        theirs.push(browser_seen(&session, names, watched).await);
    }
    session.close().await;
    for (index, (ours, theirs)) in ours.iter().zip(&theirs).enumerate() {
        assert_eq!(
            ours.calls, theirs.calls,
            "{name}, after step {index}: the calls of the client (left) and the browser (right) differ"
        );
        assert_eq!(
            ours, theirs,
            "{name}, after step {index}: the client (left) and the browser (right) differ"
        );
    }
}

fn id_text(id: &Value) -> String {
    match id {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// What the browser holds once its callbacks have settled.
async fn browser_seen(
    session: &Session,
    names: &BTreeMap<String, String>,
    watched: &[(Value, &str)],
) -> Seen {
    session
        .wait_for(
            "window.__settled && window.__settled()",
            json!(true),
            Duration::from_secs(30),
        )
        .await;
    // A callback may be requested just after the store settles: settle twice.
    tokio::time::sleep(Duration::from_millis(250)).await;
    session
        .wait_for("window.__settled()", json!(true), Duration::from_secs(30))
        .await;
    let calls = session.eval("window.__calls").await;
    let calls = calls
        .as_object()
        .into_iter()
        .flatten()
        .map(|(key, count)| {
            let name = names.get(key).cloned().unwrap_or_else(|| key.clone());
            (name, count.as_u64().unwrap_or(0) as usize)
        })
        .collect();
    let mut values = Vec::new();
    for (id, prop) in watched {
        values.push(
            session
                .eval(&format!(
                    "window.__prop({id}, {})",
                    Value::String((*prop).to_owned())
                ))
                .await,
        );
    }
    Seen { calls, values }
}

/// Output key -> callback name, for the browser's counts.
fn names<A: App>() -> BTreeMap<String, String> {
    A::callbacks()
        .iter()
        .map(|spec| (spec.dependency.output_key(), spec.name.to_owned()))
        .collect()
}

fn watch(ids: &[&str], prop: &'static str) -> Vec<(Value, &'static str)> {
    ids.iter().map(|id| (json!(id), prop)).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chains_agree_with_the_renderer() {
    let names = names::<chains::Ids>();
    let everything = watch(
        &[
            "doubled",
            "plus_one",
            "shown",
            "left",
            "right",
            "joined",
            "late_out",
            "gated",
            "after_gate",
            "guarded",
            "after_guard",
            "side_target",
            "side_reader",
            "first",
            "second",
            "boomed",
            "after_boom",
            "mixed",
        ],
        "children",
    );
    let scenarios: Vec<(&str, Vec<Step>)> = vec![
        (
            "a chain, each link waiting for the one before",
            vec![set("x", "value", "3"), set("x", "value", "4")],
        ),
        (
            "a diamond: the join runs once per change",
            vec![set("a", "value", "z")],
        ),
        (
            "prevent_initial_call",
            vec![Step::Click("late"), Step::Click("late")],
        ),
        (
            "no_update stops its dependants",
            vec![set("gate", "value", "go"), set("gate", "value", "stop")],
        ),
        (
            "PreventUpdate stops its dependants",
            vec![set("guard", "value", "go"), set("guard", "value", "stop")],
        ),
        (
            "set_props triggers its reader",
            vec![Step::Click("side"), Step::Click("side")],
        ),
        (
            "two outputs, one left alone",
            vec![set("pair", "value", "v"), set("pair", "value", "keep")],
        ),
        (
            "a failed call stops its dependants",
            vec![Step::Click("boom")],
        ),
        (
            "state does not trigger",
            vec![set("quiet", "value", "q"), set("loud", "value", "l")],
        ),
    ];
    for (name, steps) in scenarios {
        agree(name, chains_app, &names, steps, &everything).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_counter_agrees_with_the_renderer() {
    let names = names::<counter_example::counter::Ids>();
    let watched = vec![
        (json!("count"), "children"),
        (json!("history"), "children"),
        (json!("status"), "children"),
        (json!("save"), "disabled"),
    ];
    let steps = vec![
        Step::Click("inc"),
        Step::Click("inc"),
        Step::Click("dec"),
        Step::Click("reset"),
        Step::Click("save"),
        Step::Click("fail"),
    ];
    agree("the counter", counter_example::app, &names, steps, &watched).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_todo_list_agrees_with_the_renderer() {
    let names = names::<todo_example::todo::Ids>();
    let watched = vec![(json!("summary"), "children"), (json!("list"), "children")];
    let done = |index: u32| json!({"type": "done", "index": index});
    let steps = vec![
        set("new_item", "value", "milk"),
        Step::Click("add"),
        set("new_item", "value", "bread"),
        Step::Click("add"),
        set(done(1), "value", json!(["done"])),
    ];
    agree("the todo list", todo_example::app, &names, steps, &watched).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_filters_agree_with_the_renderer() {
    let names = names::<filters_example::filters::Ids>();
    let watched = vec![
        (json!("table"), "children"),
        (json!("container"), "children"),
    ];
    let filter = |index: u32| json!({"type": "filter", "index": index});
    let steps = vec![
        Step::Click("add"),
        set(filter(1), "value", "Europe"),
        Step::Click("add"),
        set(filter(2), "value", "Germany"),
    ];
    agree("the filters", filters_example::app, &names, steps, &watched).await;
}
