//! The per-call context over real HTTP on loopback: which input fired, side updates,
//! callbacks without outputs, patches, `running` and error handlers, compared with what
//! Python Dash 4.4.1 serves for the same app (tests/python/counter.py).

use dash::prelude::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

#[allow(dead_code)]
#[path = "../examples/counter.rs"]
mod counter_example;

#[dash::app]
mod probe {
    use dash::prelude::*;
    use serde_json::json;

    #[ids]
    pub struct Ids {
        a: html::Button,
        b: html::Button,
        field: dcc::Input,
        out: html::Div,
        side: html::Div,
        quiet: html::Button,
        prevent: html::Button,
        bad: html::Button,
        broken: html::Button,
        broken_out: html::Div,
        memo: html::Button,
        memo_out: html::Div,
        forbidden: html::Button,
    }

    /// Echoes what the context knows, and writes a side update.
    #[callback(
        output = "out.children",
        input = "a.n_clicks",
        input = "b.n_clicks",
        state = "field.value"
    )]
    fn echo(
        ctx: Ctx<echo::Trigger>,
        _a: Option<i64>,
        _b: Option<i64>,
        _field: Option<String>,
    ) -> String {
        let fired = match ctx.trigger() {
            Some(echo::Trigger::A) => "a",
            Some(echo::Trigger::B) => "b",
            None => "nothing",
        };
        let triggers: Vec<String> = ctx.triggers().iter().map(|t| format!("{t:?}")).collect();
        ctx.set_props("side", "children", format!("side of {fired}"));
        json!({
            "fired": fired,
            "triggers": triggers,
            "triggered": ctx.triggered().iter()
                .map(|t| json!({"prop_id": t.prop.to_string(), "value": t.value}))
                .collect::<Vec<_>>(),
            "triggered_id": ctx.triggered_id().map(|id| id.to_string()),
            "inputs_list": ctx.inputs_list(),
            "states_list": ctx.states_list(),
            "outputs_list": ctx.outputs_list(),
            "header": ctx.header("x-probe"),
            "cookie": ctx.cookie("flavour"),
        })
        .to_string()
    }

    /// No outputs and, unless clicked twice, no side update either.
    #[callback(input = "quiet.n_clicks", prevent_initial_call)]
    fn quiet(ctx: Ctx, clicks: Option<i64>) {
        if clicks == Some(2) {
            ctx.set_props("side", "title", "quiet twice");
        }
    }

    /// Writes a side update, then prevents the update: nothing is sent.
    #[callback(output = "out.title", input = "prevent.n_clicks", prevent_initial_call)]
    fn prevent(ctx: Ctx, _clicks: Option<i64>) -> Result<String, CallbackError> {
        ctx.set_props("side", "children", "never sent");
        Err(PreventUpdate.into())
    }

    /// A side update whose value cannot be JSON.
    #[callback(input = "bad.n_clicks", prevent_initial_call)]
    fn bad(ctx: Ctx, _clicks: Option<i64>) {
        let mut map = std::collections::BTreeMap::new();
        map.insert((1, 2), 3);
        ctx.set_props("side", "style", map);
    }

    /// Memoized and failing: the app's handler answers each time, nothing is cached.
    #[callback(
        output = "memo_out.children",
        input = "memo.n_clicks",
        prevent_initial_call,
        memoize
    )]
    fn memo(_clicks: Option<i64>) -> Result<String, CallbackError> {
        Err(CallbackError::msg("memo failed"))
    }

    /// Fails with a status of its own: the app's handler leaves it alone.
    #[callback(
        output = "memo_out.title",
        input = "forbidden.n_clicks",
        prevent_initial_call
    )]
    fn forbidden(_clicks: Option<i64>) -> Result<String, CallbackError> {
        Err(CallbackError::with_status(403, "not yours"))
    }

    /// Fails, with no handler of its own: the app's handler answers.
    #[callback(
        output = "broken_out.children",
        input = "broken.n_clicks",
        prevent_initial_call
    )]
    fn broken(_clicks: Option<i64>) -> Result<String, CallbackError> {
        Err(CallbackError::msg("no luck"))
    }
}

async fn post(base: &str, body: &Value) -> (StatusCode, Value) {
    support::update(
        base,
        body,
        &[("x-probe", "yes"), ("cookie", "flavour=lemon; other=1")],
    )
    .await
}

async fn get_json(url: String) -> Value {
    support::get_json(url).await
}

/// The key of the callback without outputs whose first input is `input`.
fn no_output_key(dependencies: &Value, input: &str) -> String {
    dependencies
        .as_array()
        .unwrap()
        .iter()
        .find(|spec| spec["no_output"] == true && spec["inputs"][0]["id"] == input)
        .map(|spec| spec["output"].as_str().unwrap().to_owned())
        .expect("a callback without outputs")
}

/// The dependencies with each no-output key (a hash each server chooses) replaced.
fn without_no_output_keys(dependencies: &Value) -> Value {
    let mut dependencies = dependencies.clone();
    for spec in dependencies.as_array_mut().unwrap() {
        if spec["no_output"] == true {
            let key = spec["output"].as_str().unwrap();
            assert!(
                key.len() == 64 && key.bytes().all(|b| b.is_ascii_hexdigit()),
                "{key}"
            );
            spec["output"] = json!("NO_OUTPUT");
        }
    }
    dependencies
}

#[tokio::test]
async fn counter_layout_and_dependencies_match_python_dash() {
    let base = support::serve(counter_example::app().debug(false)).await;
    assert_eq!(
        get_json(format!("{base}/_dash-layout")).await,
        support::fixture("counter/dash-layout.json")
    );
    let ours = get_json(format!("{base}/_dash-dependencies")).await;
    let python = support::fixture("counter/dash-dependencies.json");
    assert_eq!(
        without_no_output_keys(&ours),
        without_no_output_keys(&python)
    );
    // `running` is in the spec, exactly as Python writes it.
    let save = ours
        .as_array()
        .unwrap()
        .iter()
        .find(|spec| spec["inputs"][0]["id"] == "save")
        .unwrap();
    assert_eq!(
        save["running"],
        json!({"running": {"save.disabled": true}, "runningOff": {"save.disabled": false}})
    );
}

#[tokio::test]
async fn counter_updates_match_python_dash() {
    let base = support::serve(counter_example::app().debug(false)).await;
    let dependencies = get_json(format!("{base}/_dash-dependencies")).await;
    let save = no_output_key(&dependencies, "save");
    let exchanges = support::fixture("counter/updates.json");
    for exchange in exchanges.as_array().unwrap() {
        let mut request = exchange["request"].clone();
        if request["output"] == "NO_OUTPUT" {
            request["output"] = json!(save);
        }
        let (status, body) = post(&base, &request).await;
        assert_eq!(
            status.as_u16() as u64,
            exchange["status"].as_u64().unwrap(),
            "{request}"
        );
        assert_eq!(body, exchange["response"], "{request}");
    }
}

fn echo_request(changed: &[&str], a: Option<i64>, b: Option<i64>) -> Value {
    let input = |id: &str, value: Option<i64>| match value {
        Some(value) => json!({"id": id, "property": "n_clicks", "value": value}),
        None => json!({"id": id, "property": "n_clicks"}),
    };
    json!({
        "output": "out.children",
        "outputs": {"id": "out", "property": "children"},
        "inputs": [input("a", a), input("b", b)],
        "state": [{"id": "field", "property": "value", "value": "typed"}],
        "changedPropIds": changed,
    })
}

/// What `echo` returned, as JSON.
fn echo_of(body: &Value) -> Value {
    let text = body["response"]["out"]["children"]
        .as_str()
        .expect("a string");
    serde_json::from_str(text).unwrap()
}

fn probe_app() -> Dash {
    support::dash()
        .layout(html::Div::new().children([
            html::Button::new().id("a").into(),
            html::Button::new().id("b").into(),
            dcc::Input::new().id("field").into(),
            html::Div::new().id("out").into(),
            html::Div::new().id("side").into(),
            html::Button::new().id("quiet").into(),
            html::Button::new().id("prevent").into(),
            html::Button::new().id("bad").into(),
            html::Button::new().id("broken").into(),
            html::Div::new().id("broken_out").into(),
            html::Button::new().id("memo").into(),
            html::Div::new().id("memo_out").into(),
            html::Button::new().id("forbidden").into(),
        ]))
        .app::<probe::Ids>()
        .on_error(|error, ctx| {
            ctx.set_props_dyn("side", "children", format!("app handler: {error}"));
        })
}

#[tokio::test]
async fn the_initial_call_has_no_trigger() {
    let base = support::serve(probe_app()).await;
    let (status, body) = post(&base, &echo_request(&[], None, None)).await;
    assert_eq!(status, StatusCode::OK);
    let echo = &echo_of(&body);
    assert_eq!(echo["fired"], "nothing");
    assert_eq!(echo["triggers"], json!([]));
    assert_eq!(echo["triggered"], json!([]));
    assert_eq!(echo["triggered_id"], Value::Null);
    assert_eq!(
        body["sideUpdate"],
        json!({"side": {"children": "side of nothing"}})
    );
}

#[tokio::test]
async fn one_trigger_and_everything_the_request_carried() {
    let base = support::serve(probe_app()).await;
    let request = echo_request(&["b.n_clicks"], None, Some(4));
    let (status, body) = post(&base, &request).await;
    assert_eq!(status, StatusCode::OK);
    let echo = &echo_of(&body);
    assert_eq!(echo["fired"], "b");
    assert_eq!(echo["triggers"], json!(["B"]));
    assert_eq!(
        echo["triggered"],
        json!([{"prop_id": "b.n_clicks", "value": 4}])
    );
    assert_eq!(echo["triggered_id"], "b");
    assert_eq!(echo["inputs_list"], request["inputs"]);
    assert_eq!(echo["states_list"], request["state"]);
    assert_eq!(echo["outputs_list"], request["outputs"]);
    assert_eq!(echo["header"], "yes");
    assert_eq!(echo["cookie"], "lemon");
}

#[tokio::test]
async fn merged_triggers_keep_the_request_order() {
    let base = support::serve(probe_app()).await;
    let (_, body) = post(
        &base,
        &echo_request(&["b.n_clicks", "a.n_clicks"], Some(1), Some(2)),
    )
    .await;
    let echo = &echo_of(&body);
    assert_eq!(echo["fired"], "b");
    assert_eq!(echo["triggers"], json!(["B", "A"]));
    assert_eq!(
        echo["triggered"],
        json!([{"prop_id": "b.n_clicks", "value": 2}, {"prop_id": "a.n_clicks", "value": 1}])
    );
}

#[tokio::test]
async fn a_callback_without_outputs_answers_204_or_its_side_updates() {
    let base = support::serve(probe_app()).await;
    let dependencies = get_json(format!("{base}/_dash-dependencies")).await;
    let key = no_output_key(&dependencies, "quiet");
    let request = |clicks: i64| {
        json!({"output": key, "inputs": [{"id": "quiet", "property": "n_clicks", "value": clicks}],
               "changedPropIds": ["quiet.n_clicks"]})
    };
    let (status, body) = post(&base, &request(1)).await;
    assert_eq!((status, body), (StatusCode::NO_CONTENT, Value::Null));
    let (status, body) = post(&base, &request(2)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body,
        json!({"multi": true, "response": {}, "sideUpdate": {"side": {"title": "quiet twice"}}})
    );
}

#[tokio::test]
async fn prevent_update_drops_the_side_updates() {
    let base = support::serve(probe_app()).await;
    let request = json!({"output": "out.title", "outputs": {"id": "out", "property": "title"},
        "inputs": [{"id": "prevent", "property": "n_clicks", "value": 1}],
        "changedPropIds": ["prevent.n_clicks"]});
    let (status, body) = post(&base, &request).await;
    assert_eq!((status, body), (StatusCode::NO_CONTENT, Value::Null));
}

#[tokio::test]
async fn a_failed_side_update_is_a_500_and_the_server_keeps_serving() {
    let base = support::serve(probe_app()).await;
    let dependencies = get_json(format!("{base}/_dash-dependencies")).await;
    let key = no_output_key(&dependencies, "bad");
    let request = json!({"output": key, "inputs": [{"id": "bad", "property": "n_clicks", "value": 1}],
        "changedPropIds": ["bad.n_clicks"]});
    let (status, body) = post(&base, &request).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(body["error"]["kind"], "encode_error");
    let (status, _) = post(&base, &echo_request(&[], None, None)).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn the_app_error_handler_answers_for_callbacks_without_their_own() {
    let base = support::serve(probe_app()).await;
    let request = json!({"output": "broken_out.children",
        "outputs": {"id": "broken_out", "property": "children"},
        "inputs": [{"id": "broken", "property": "n_clicks", "value": 1}],
        "changedPropIds": ["broken.n_clicks"]});
    let (status, body) = post(&base, &request).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body,
        json!({"multi": true, "response": {}, "sideUpdate": {"side": {"children": "app handler: no luck"}}})
    );
    // Without the app's handler, the same failure is a 500.
    let base = support::serve(
        support::dash()
            .layout(probe_app_layout())
            .app::<probe::Ids>(),
    )
    .await;
    let (status, _) = post(&base, &request).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
}

fn probe_app_layout() -> html::Div {
    html::Div::new().children(
        [
            "a",
            "b",
            "field",
            "out",
            "side",
            "quiet",
            "prevent",
            "bad",
            "broken",
            "broken_out",
            "memo",
            "memo_out",
            "forbidden",
        ]
        .map(|id| Component::html("Div").id(id).into())
        .to_vec(),
    )
}

#[tokio::test]
async fn what_an_error_handler_answers_is_never_cached() {
    let base = support::serve(probe_app()).await;
    let request = json!({"output": "memo_out.children",
        "outputs": {"id": "memo_out", "property": "children"},
        "inputs": [{"id": "memo", "property": "n_clicks", "value": 1}],
        "changedPropIds": ["memo.n_clicks"]});
    for _ in 0..2 {
        let (status, body) = post(&base, &request).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            body["sideUpdate"],
            json!({"side": {"children": "app handler: memo failed"}})
        );
    }
}

#[tokio::test]
async fn the_app_error_handler_leaves_a_chosen_status_alone() {
    let base = support::serve(probe_app()).await;
    let request = json!({"output": "memo_out.title",
        "outputs": {"id": "memo_out", "property": "title"},
        "inputs": [{"id": "forbidden", "property": "n_clicks", "value": 1}],
        "changedPropIds": ["forbidden.n_clicks"]});
    let (status, _) = post(&base, &request).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[test]
fn a_contextual_callback_cannot_be_memoized_nor_write_a_server_store() {
    use dash::{Args, CallContext, CallbackResult, CallbackSpec, Handler, Out, PropId, Returned};
    fn noop(_: Args, call: &CallContext) -> CallbackResult {
        Returned::new(vec![Out::Skip], call)
    }
    let spec = |output: &'static str| {
        CallbackSpec::new("hand_written", Handler::Inline(noop))
            .location("here.rs:1:1")
            .output(PropId::parse(output).unwrap())
            .input(PropId::parse("a.n_clicks").unwrap())
            .contextual(true)
    };
    let layout = || {
        html::Div::new().children([
            html::Button::new().id("a").into(),
            html::Div::new().id("out").into(),
            ServerStore::<Vec<i64>>::new("shared").into(),
        ])
    };
    let memoized = support::dash()
        .layout(layout())
        .callback(spec("out.children").memoize(dash::Memoize {
            ttl: None,
            scope: dash::Scope::App,
        }));
    let message = memoized.build().expect_err("refused").to_string();
    assert!(
        message.contains("`hand_written` (here.rs:1:1) is memoized"),
        "{message}"
    );
    let writer = support::dash()
        .layout(layout())
        .app::<store_ids::Ids>()
        .callback(spec("shared.data"));
    let message = writer.build().expect_err("refused").to_string();
    assert!(
        message.contains("writes the server store `shared.data`"),
        "{message}"
    );
}

/// Declares `shared` as a server-side store, for the startup check above.
#[dash::app]
mod store_ids {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        shared: ServerStore<Vec<i64>>,
    }
}

#[tokio::test]
async fn a_malformed_changed_prop_id_is_a_400() {
    let base = support::serve(probe_app()).await;
    let (status, body) = post(&base, &echo_request(&["nodot"], None, None)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("changedPropIds[0]"),
        "{body}"
    );
}

/// The typed boundary needs no request: a test (or a background job) calls a callback's
/// adapter with `Args` and a context of its own, and reads what it returned: the outputs,
/// the side updates, and no handled error.
#[test]
fn a_callback_runs_without_a_request() {
    use dash::{App, Arg, Args, CallContext, Handler, Out, PropId, Request};
    let spec = probe::Ids::callbacks()
        .into_iter()
        .find(|spec| spec.name == "echo")
        .expect("the probe's echo callback");
    let Handler::Blocking(adapter) = spec.handler else {
        panic!(
            "a sync callback runs on the blocking pool: {:?}",
            spec.handler
        )
    };
    let mut request = Request::default();
    request.changed = vec![PropId::parse("b.n_clicks").unwrap()];
    let call = CallContext::new(Default::default(), request);
    let args = Args::from(vec![
        Arg::Value(json!(1)),
        Arg::Value(json!(2)),
        Arg::Value(json!("x")),
    ]);
    let returned = adapter(args, &call).expect("it returns");
    let [Out::Json(Value::String(echo))] = &returned.outputs[..] else {
        panic!("one text output: {returned:?}")
    };
    let echo: Value = serde_json::from_str(echo).unwrap();
    assert_eq!(echo["fired"], "b");
    assert_eq!(echo["triggers"], json!(["B"]));
    assert_eq!(
        returned.side_updates.as_ref().unwrap()["side"],
        json!({"children": "side of b"})
    );
    assert!(returned.handled.is_none());
}
