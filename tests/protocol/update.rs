//! `POST /_dash-update-component`: answers, errors, validation, patterns, shared outputs, time limits.

use super::*;

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
        error["location"]
            .as_str()
            .unwrap()
            .contains("tests/protocol/main.rs:"),
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
        error.contains("`capital` (tests/protocol/update.rs:")
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

#[dash::app(ids = crate::update::split_main::Ids)]
mod split_details {
    #[callback(output = "detail.children", input = "city.value")]
    fn detail(city: Option<String>) -> String {
        format!("about {}", city.unwrap_or_default())
    }
}

#[dash::app(ids = crate::update::split_main::Ids)]
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
        error.contains(
            "`summary.children` is an output of both `summary` (tests/protocol/update.rs:"
        ) && error.contains("`clash` (tests/protocol/update.rs:"),
        "{error}"
    );
    assert!(error.contains("callback cycle: `detail` ("), "{error}");
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

/// A timeout reaches the app's `on_error` handler like any failure (plotly/dash#1991):
/// its side updates are sent, with no output updated, instead of a bare 504.
#[tokio::test]
async fn a_timeout_goes_to_the_app_error_handler() {
    let limit = std::time::Duration::from_millis(300);
    let app = lab().callback_timeout(limit).on_error(|error, ctx| {
        let status = match error {
            dash::CallbackError::Failed { status, .. } => *status,
            _ => None,
        };
        ctx.set_props_dyn("slow", "title", format!("{error} ({status:?})"));
    });
    let base = support::serve(app).await;
    let (status, body) = post_one(&base, "slow.children", "slow_in", "value", json!(3000)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let body = parse(&body);
    assert_eq!(
        body["sideUpdate"]["slow"]["title"], "`slow` timed out after 300ms (Some(504))",
        "{body}"
    );
    assert!(
        body["response"].as_object().is_none_or(|r| r.is_empty()),
        "{body}"
    );
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
        .location("tests/protocol/update.rs:1:1")
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

/// Dash 4.5 gzips large callback bodies (`compress_payload`, `Content-Encoding: gzip`): a
/// gzip body answers as the plain one does, the body limit holds for what it inflates to,
/// and another encoding or broken gzip gets a 4xx with a JSON body.
#[tokio::test]
async fn gzip_request_bodies_are_inflated_under_the_limit() {
    use std::io::Write;
    let base = support::serve(lab()).await;
    let gzip = |text: &str| {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(text.as_bytes()).unwrap();
        encoder.finish().unwrap()
    };
    let send = |body: Vec<u8>, encoding: &'static str| {
        support::http()
            .post(format!("{base}/_dash-update-component"))
            .header("content-type", "application/json")
            .header("content-encoding", encoding)
            .body(body)
            .send()
    };
    let plain = call(
        "gated.children",
        json!([input("gate", "value", json!("open"))]),
        None,
    );
    let (status, expected) = post(&base, plain.clone()).await;
    assert_eq!(status, StatusCode::OK, "{expected}");
    for encoding in ["gzip", "GZIP", "x-gzip"] {
        let response = send(gzip(&plain), encoding).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{encoding}");
        assert_eq!(response.text().await.unwrap(), expected, "{encoding}");
    }
    let response = send(plain.clone().into_bytes(), "identity").await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);

    // 100 KiB of JSON inflated from about a hundred bytes: over the 64 KiB limit.
    let huge = "x".repeat(100 * 1024);
    let huge = call(
        "gated.children",
        json!([input("gate", "value", json!(huge))]),
        None,
    );
    let bomb = gzip(&huge);
    assert!(bomb.len() < 1024, "{} bytes", bomb.len());
    let response = send(bomb, "gzip").await.unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(error_kind(response).await, "too_large");

    let response = send(gzip(&plain), "br").await.unwrap();
    assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(error_kind(response).await, "unsupported_encoding");

    let mut broken = gzip(&plain);
    broken.truncate(broken.len() / 2);
    let response = send(broken, "gzip").await.unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(error_kind(response).await, "malformed_request");

    // And the server keeps serving.
    let (status, text) = post(&base, plain).await;
    assert_eq!((status, text), (StatusCode::OK, expected));
}

/// A figure that comes back from the browser (in `State`) reads its typed arrays back into
/// the vectors it was built from; bytes that are not what they claim are the callback's
/// to report.
#[tokio::test]
async fn a_figure_in_state_reads_back_its_typed_arrays() {
    use dash::figure::Trace;
    let base = support::serve(lab()).await;
    let x: Vec<f64> = (0..1000).map(|i| f64::from(i) * 0.5).collect();
    let figure =
        serde_json::to_value(dash::Figure::new().trace(Trace::new("scatter").array("x", &x)))
            .unwrap();
    assert_eq!(
        figure["data"][0]["x"]["dtype"], "f8",
        "sent as a typed array"
    );
    let ask = |figure: Value| {
        call(
            "points.children",
            json!([input("count_btn", "n_clicks", json!(1))]),
            Some(json!([input("graph", "figure", figure)])),
        )
    };
    let (status, body) = post(&base, ask(figure)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        parse(&body)["response"]["points"]["children"],
        "1000 points, the last 499.5"
    );
    let broken = json!({"data": [{"x": {"dtype": "f8", "bdata": "AQID"}}]});
    let (_, body) = post(&base, ask(broken)).await;
    assert_eq!(
        parse(&body)["response"]["points"]["children"],
        "bdata does not hold f8 elements: 3 bytes"
    );
}

/// `hidden` (Dash 3.3): the callback's spec says so, for the dev tools' graph to leave it
/// out; the others say `false`.
#[tokio::test]
async fn a_hidden_callback_says_so_in_its_spec() {
    let base = support::serve(lab()).await;
    let specs = get_json(&format!("{base}/_dash-dependencies")).await;
    let specs = specs.as_array().unwrap();
    let hidden: Vec<&str> = specs
        .iter()
        .filter(|spec| spec["hidden"] == true)
        .map(|spec| spec["output"].as_str().unwrap())
        .collect();
    assert_eq!(hidden, ["inline.children"]);
    assert!(specs.iter().all(|spec| spec["hidden"].is_boolean()));
}

/// `allow_optional` (Dash 3.1): the prop is marked in the spec, the app starts though no
/// component has its id, and a request carrying it as the renderer does (`value: null`)
/// reaches the callback as `None`.
#[tokio::test]
async fn an_optional_prop_may_be_missing_from_the_page() {
    let base = support::serve(lab()).await;
    let specs = get_json(&format!("{base}/_dash-dependencies")).await;
    let spec = specs
        .as_array()
        .unwrap()
        .iter()
        .find(|spec| spec["output"] == "opt_out.children")
        .unwrap();
    assert_eq!(
        spec["inputs"],
        json!([{"id": "opt_in", "property": "value"}])
    );
    assert_eq!(
        spec["state"],
        json!([{"id": "maybe", "property": "value", "allow_optional": true}])
    );
    let body = call(
        "opt_out.children",
        json!([input("opt_in", "value", json!("typed"))]),
        Some(json!([{"id": "maybe", "property": "value", "allow_optional": true, "value": null}])),
    );
    let (status, body) = post(&base, body).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        parse(&body)["response"]["opt_out"]["children"],
        "typed / absent"
    );
}
