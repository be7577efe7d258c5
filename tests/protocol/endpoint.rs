//! Callbacks served at paths of their own (`api_endpoint`): their arguments by name in a
//! JSON object, what they return as JSON, and the server's error answers.

use super::*;
use serde_json::{Value, json};

#[dash::app]
mod api {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        city: dcc::Input,
        days: dcc::Input,
        summary: html::Div,
        mean: html::Div,
        fail: html::Button,
        failed: html::Div,
        maybe: dcc::Input,
        maybe_out: html::Div,
    }

    /// A summary and a number, from an input and a state.
    #[callback(
        output = "summary.children",
        output = "mean.children",
        input = "city.value",
        state = "days.value",
        api_endpoint = "/api/summary"
    )]
    pub fn summarize(city: Option<String>, days: Option<f64>) -> (String, f64) {
        let days = days.unwrap_or(7.0);
        let city = city.unwrap_or_else(|| "nowhere".into());
        (format!("{city}: {days} days"), days / 2.0)
    }

    #[callback(
        output = "failed.children",
        input = "fail.n_clicks",
        prevent_initial_call,
        api_endpoint = "/api/fail"
    )]
    pub fn fail(_clicks: Option<u32>) -> Result<String, CallbackError> {
        Err(CallbackError::msg("the disk is full"))
    }

    #[callback(
        output = "maybe_out.children",
        input = "maybe.value",
        api_endpoint = "/api/maybe"
    )]
    pub fn maybe(value: Option<String>) -> Result<String, PreventUpdate> {
        value.ok_or(PreventUpdate)
    }
}

fn api_app() -> Dash {
    let layout = dash::html::Div::new().children([
        dash::Node::from(dash::dcc::Input::new().id("city").value("Oslo")),
        dash::dcc::Input::new()
            .id("days")
            .r#type(dash::dcc::input::Type::Number)
            .value(3)
            .into(),
        dash::html::Div::new().id("summary").into(),
        dash::html::Div::new().id("mean").into(),
        dash::html::Button::new().id("fail").into(),
        dash::html::Div::new().id("failed").into(),
        dash::dcc::Input::new().id("maybe").into(),
        dash::html::Div::new().id("maybe_out").into(),
    ]);
    support::dash().layout(layout).app::<api::Ids>()
}

async fn call(base: &str, path: &str, body: &str) -> (StatusCode, Value) {
    let response = support::http()
        .post(format!("{base}{path}"))
        .header("content-type", "application/json")
        .body(body.to_owned())
        .send()
        .await
        .expect("the server answers");
    let status = response.status();
    let text = response.text().await.unwrap();
    let body = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("JSON: {text}"))
    };
    (status, body)
}

#[tokio::test]
async fn an_endpoint_takes_arguments_by_name_and_answers_the_outputs() {
    let base = support::serve(api_app()).await;
    let (status, body) = call(&base, "/api/summary", r#"{"city": "Bergen", "days": 4}"#).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, json!(["Bergen: 4 days", 2.0]));
    // A missing argument is `null`, as an unset prop: the callback's own default.
    let (status, body) = call(&base, "/api/summary", r#"{"city": "Bergen"}"#).await;
    assert_eq!(
        (status, body),
        (StatusCode::OK, json!(["Bergen: 7 days", 3.5]))
    );
    let (status, body) = call(&base, "/api/summary", "").await;
    assert_eq!(
        (status, body),
        (StatusCode::OK, json!(["nowhere: 7 days", 3.5]))
    );
    // One output: the value itself.
    let (status, body) = call(&base, "/api/maybe", r#"{"value": "x"}"#).await;
    assert_eq!((status, body), (StatusCode::OK, json!("x")));
    // PreventUpdate: nothing to answer.
    let (status, body) = call(&base, "/api/maybe", "{}").await;
    assert_eq!((status, body), (StatusCode::NO_CONTENT, Value::Null));
    // The page still calls the same callback through the protocol.
    let request = json!({
        "output": "..summary.children...mean.children..",
        "outputs": [{"id": "summary", "property": "children"}, {"id": "mean", "property": "children"}],
        "inputs": [{"id": "city", "property": "value", "value": "Oslo"}],
        "state": [{"id": "days", "property": "value", "value": 2}],
        "changedPropIds": ["city.value"],
    });
    let (status, answer) = support::update(&base, &request, &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(answer["response"]["summary"]["children"], "Oslo: 2 days");
}

#[tokio::test]
async fn malformed_input_is_a_400_with_a_json_body() {
    let base = support::serve(api_app()).await;
    for (body, expected) in [
        (
            "[1, 2]",
            "`summarize` takes a JSON object of its arguments by name: `city`, `days`",
        ),
        (
            "{not json",
            "`summarize` takes a JSON object of its arguments by name",
        ),
        (
            r#"{"town": "Oslo"}"#,
            "`summarize` has no argument `town`; it takes `city`, `days`",
        ),
        (r#"{"days": "many"}"#, "days.value"),
    ] {
        let (status, answer) = call(&base, "/api/summary", body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}: {answer}");
        let message = answer["error"]["message"].as_str().unwrap_or_default();
        assert!(message.contains(expected), "{body}: {answer}");
    }
    // Only POST.
    let response = support::get(format!("{base}/api/summary")).await;
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn a_failing_callback_is_a_500_and_the_server_keeps_serving() {
    let base = support::serve(api_app()).await;
    let (status, answer) = call(&base, "/api/fail", "{}").await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR, "{answer}");
    // The shape of every failed call: its details stay in the log unless debug is on.
    assert_eq!(answer["error"]["kind"], "callback_error", "{answer}");
    assert_eq!(answer["error"]["callback"], "fail", "{answer}");
    let (status, _) = call(&base, "/api/maybe", r#"{"value": "still here"}"#).await;
    assert_eq!(status, StatusCode::OK);
}

#[test]
fn endpoints_are_checked_at_startup() {
    use dash::{CallbackSpec, PropId};
    fn echo(mut args: dash::Args, call: &dash::CallContext) -> dash::CallbackResult {
        dash::Returned::new(vec![dash::Out::Json(args.take(0).into_value())], call)
    }
    let spec = |name: &'static str, path: &'static str, output: &'static str| {
        CallbackSpec::new(name, dash::Handler::Blocking(echo))
            .location(name)
            .input(PropId::parse("in.title").unwrap())
            .argument_name("title")
            .output(PropId::parse(output).unwrap())
            .api_endpoint(path)
    };
    let layout = dash::html::Div::new().children([
        dash::Node::from(dash::html::Div::new().id("in")),
        dash::html::Div::new().id("out").into(),
    ]);
    let app = support::dash()
        .layout(layout)
        .callback(spec("first", "/api/echo", "out.children"))
        .callback(spec("second", "/api/echo", "out.title"))
        .callback(spec("protocol", "/_dash-layout", "out.className"))
        .callback(spec("assets", "/assets/x", "out.lang"))
        .callback(spec("bad", "/items/{id}", "out.dir"));
    let message = startup_error(app);
    for expected in [
        "the API endpoint `/api/echo` of `second` (second) is also `first`'s (first)",
        "`/_dash-layout` of `protocol` (protocol) starts with `_`",
        "`/assets/x` of `assets` (assets) is taken",
        "`/items/{id}` of `bad` (bad) is not a plain path",
    ] {
        assert!(message.contains(expected), "{expected}\n{message}");
    }
}
