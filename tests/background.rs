//! Long work in examples/simulation.rs: background callbacks and WebSocket callbacks.
//!
//! Background callbacks: the renderer's polling protocol, in headless Chromium and over
//! plain HTTP. Progress advances while the job runs; `running`
//! and `progress_default` apply; the result arrives through a server-side store; a cancel
//! stops the job on the server; two pages' jobs never see each other's results; a page
//! that goes away leaves no job behind. Handles that are forged, another page's, or gone
//! get 204 and touch nothing.
//!
//! WebSocket callbacks (Dash 4.2+), through the renderer's own shared worker and over a
//! raw socket for the protocol's edges: the example's "Run live" goes over the socket, its
//! status pushed while it runs (no HTTP update is sent for it), and it reads the day count
//! from the page at each step; the same behind nginx, with the prefix kept
//! (`dash.conf`) or stripped (`dash-stripped.conf`).

use std::time::Duration;

use serde_json::{Value, json};
use support::browser::Session;
use support::nginx::Nginx;

const TIMEOUT: Duration = Duration::from_secs(30);

async fn set_days(session: &Session, days: &str) {
    session.click("#days").await;
    session
        .press("#days", &["End", "Backspace", "Backspace", "Backspace"])
        .await;
    session.type_into("#days", days).await;
    // In the input, and then in the renderer's store, which a callback reads (a click
    // right after the typing may reach its callback first on a loaded machine).
    session
        .wait_for(
            "document.getElementById('days').value",
            json!(days),
            TIMEOUT,
        )
        .await;
    session
        .wait_for(
            "(() => { let found; const walk = (v) => { \
             if (found !== undefined || !v || typeof v !== 'object') { return; } \
             if (Array.isArray(v)) { v.forEach(walk); return; } \
             if (v.props && v.type) { if (v.props.id === 'days') { found = v.props.value; return; } \
             Object.values(v.props).forEach(walk); return; } \
             Object.values(v).forEach(walk); }; \
             walk(window.store.getState().layout); return String(found); })()",
            json!(days),
            TIMEOUT,
        )
        .await;
    // And a moment more, as before the store was read: the live tests' first calls have
    // been seen to wait for the renderer's worker when sent at once.
    tokio::time::sleep(Duration::from_millis(300)).await;
}

/// Waits until the element's text matches the regular expression `pattern` (JavaScript's).
async fn wait_matching(session: &Session, id: &str, pattern: &str) {
    session
        .wait_for(
            &format!("/{pattern}/.test(document.getElementById('{id}').textContent)"),
            json!(true),
            TIMEOUT,
        )
        .await;
}

/// The expected summary of a finished run.
fn summary(city: &str, days: u32) -> String {
    let values: Vec<f64> = (0..days)
        .map(|day| dash_examples::weather::temperature(city, u64::from(day) * 1440 + 720))
        .collect();
    let mean = values.iter().sum::<f64>() / f64::from(days);
    format!("{city}: mean {mean:.1} °C over {days} days")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn progress_advances_and_the_result_arrives() {
    let running = support::run_example("simulation", &[]);
    let session = Session::open(&format!("{}/", running.url)).await;
    session.wait_text("summary", "no run yet").await;
    // 40 days of 150 ms: six seconds in which the page must see a day part way, which a
    // loaded machine's slow polls have missed in the 1.8 s of 12 days.
    set_days(&session, "40").await;
    session.click("#run").await;
    // While it runs: the button is disabled, the cancel button enabled, and the progress
    // props move through the days.
    session
        .wait_for(
            "document.getElementById('run').disabled",
            json!(true),
            TIMEOUT,
        )
        .await;
    session
        .wait_for(
            "document.getElementById('stop').disabled",
            json!(false),
            TIMEOUT,
        )
        .await;
    wait_matching(&session, "status", r"^day ([2-9]|[1-3][0-9]) of 40$").await;
    let bar: u32 = session
        .eval("document.getElementById('bar').value")
        .await
        .as_f64()
        .unwrap_or_default() as u32;
    assert!(bar > 0 && bar < 100, "the bar is part way: {bar}");
    session.screenshot("background-running").await;
    // Done: the result came through the server-side store; `running` and
    // `progress_default` are set back.
    session.wait_text("summary", &summary("Oslo", 40)).await;
    session.wait_text("status", "idle").await;
    session
        .wait_for("document.getElementById('bar').value", json!(0), TIMEOUT)
        .await;
    session
        .wait_for(
            "document.getElementById('run').disabled",
            json!(false),
            TIMEOUT,
        )
        .await;
    session
        .wait_for(
            "document.querySelectorAll('#chart .scatterlayer .trace').length",
            json!(1),
            TIMEOUT,
        )
        .await;
    session.screenshot("background-done").await;
    assert_eq!(running.count("background job ended", "simulate"), 1);
    session.close_without_errors().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancel_stops_the_job_on_the_server() {
    let running = support::run_example("simulation", &[]);
    let session = Session::open(&format!("{}/", running.url)).await;
    session.wait_text("summary", "no run yet").await;
    set_days(&session, "200").await;
    session.click("#run").await;
    wait_matching(&session, "status", r"^day [2-9] of 200$").await;
    session.click("#stop").await;
    // The browser sets the progress defaults at once, and `running` off once the poll
    // learns the job is gone.
    session.wait_text("status", "idle").await;
    session
        .wait_for(
            "document.getElementById('run').disabled",
            json!(false),
            TIMEOUT,
        )
        .await;
    // On the server: cancelled, and the sync callback's task ended at its next step.
    running.wait_count("background job cancelled", "simulate", 1);
    running.wait_count("background job stopped after its cancel", "simulate", 1);
    assert_eq!(session.text("summary").await, "no run yet");
    // The status stays: no late progress arrives.
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(session.text("status").await, "idle");
    // A run after the cancel completes.
    set_days(&session, "3").await;
    session.click("#run").await;
    session.wait_text("summary", &summary("Oslo", 3)).await;
    session.close_without_errors().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_pages_jobs_keep_their_own_results() {
    let running = support::run_example("simulation", &[]);
    let first = Session::open(&format!("{}/", running.url)).await;
    let second = Session::open(&format!("{}/", running.url)).await;
    first.wait_text("summary", "no run yet").await;
    second.wait_text("summary", "no run yet").await;
    // The same arguments in both pages, then different ones: each page gets its own job.
    set_days(&first, "6").await;
    set_days(&second, "4").await;
    first.click("#run").await;
    second.click("#run").await;
    first.wait_text("summary", &summary("Oslo", 6)).await;
    second.wait_text("summary", &summary("Oslo", 4)).await;
    assert_eq!(running.count("background job ended", "simulate"), 2);
    first.close_without_errors().await;
    second.close_without_errors().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_that_goes_away_leaves_no_job_behind() {
    let running = support::run_example("simulation", &[]);
    let session = Session::open(&format!("{}/", running.url)).await;
    session.wait_text("summary", "no run yet").await;
    set_days(&session, "300").await;
    session.click("#run").await;
    wait_matching(&session, "status", r"^day \d+ of 300$").await;
    // A reload: the renderer says nothing to the server, and stops polling.
    session.reload().await;
    session.wait_text("summary", "no run yet").await;
    // Unpolled, the job is cancelled (after its interval and 15 s) and its task ends.
    running.wait_count("background job cancelled", "simulate", 1);
    running.wait_count("background job stopped after its cancel", "simulate", 1);
    assert_eq!(
        running.lines_with("reason=\"no poll came for it\""),
        1,
        "{}",
        running.log_text()
    );
    session.close_without_errors().await;
}

fn body(days: Value) -> Value {
    json!({
        "output": "outcome.data",
        "outputs": {"id": "outcome", "property": "data"},
        "inputs": [{"id": "run", "property": "n_clicks", "value": 1}],
        "state": [
            {"id": "city", "property": "value", "value": "Oslo"},
            {"id": "days", "property": "value", "value": days},
        ],
        "changedPropIds": ["run.n_clicks"],
    })
}

async fn post(url: &str, query: &str, body: &Value) -> (u16, Value) {
    let response = support::http()
        .post(format!("{url}/_dash-update-component?{query}"))
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_foreign_and_gone_handles_get_204_and_touch_nothing() {
    let running = support::run_example("simulation", &[]);
    let url = &running.url;
    let (mine, theirs) = (support::end_id(url).await, support::end_id(url).await);
    assert_ne!(mine, theirs, "each page load has its own id");
    let (status, started) = post(url, &format!("endId={mine}"), &body(json!(40))).await;
    assert_eq!(status, 200, "{started}");
    let (job, key) = (
        started["job"].as_str().unwrap().to_owned(),
        started["cacheKey"].as_str().unwrap().to_owned(),
    );
    assert_eq!(
        started["cancel"],
        json!([{"id": "stop", "property": "n_clicks"}])
    );
    assert_eq!(
        started["progressDefault"],
        json!({"bar.value": "0", "status.children": "idle"})
    );
    assert!(started.get("response").is_none());
    let poll = |end: &str, key: &str, job: &str| format!("endId={end}&cacheKey={key}&job={job}");
    let nulls = body(Value::Null);
    // Its own page polls it: running, with progress.
    let (status, answer) = post(url, &poll(&mine, &key, &job), &nulls).await;
    assert_eq!((status, &answer["multi"]), (200, &json!(true)), "{answer}");
    // Another page load, a made-up handle, a handle of another kind: 204, nothing else.
    // The last hex digit changed (to `1` when it is `0`: a "forgery" equal to the real
    // handle would be accepted, once in 16 runs).
    let last = if job.ends_with('0') { '1' } else { '0' };
    let forged = format!("{}{last}", &job[..job.len() - 1]);
    for query in [
        poll(&theirs, &key, &job),
        poll(&mine, &key, &forged),
        poll(&mine, &job, &job),
        poll("", &key, &job),
        format!("endId={mine}&job={job}"),
    ] {
        assert_eq!(
            post(url, &query, &nulls).await,
            (204, Value::Null),
            "{query}"
        );
    }
    // Another page's cancel does not reach the job.
    let cancel = json!({
        "output": "stop.id",
        "outputs": {"id": "stop", "property": "id"},
        "inputs": [{"id": "stop", "property": "n_clicks", "value": 1}],
        "changedPropIds": ["stop.n_clicks"],
    });
    let output = support::get_json(format!("{url}/_dash-dependencies"))
        .await
        .as_array()
        .unwrap()
        .iter()
        .find_map(|spec| {
            let output = spec["output"].as_str()?;
            output.starts_with("stop.id").then(|| output.to_owned())
        })
        .expect("the cancel callback is listed");
    let mut cancel = cancel;
    cancel["output"] = json!(output);
    let (status, _) = post(url, &format!("endId={theirs}&cancelJob={job}"), &cancel).await;
    assert_eq!(status, 204);
    assert_eq!(running.count("background job cancelled", "simulate"), 0);
    let (status, _) = post(url, &poll(&mine, &key, &job), &nulls).await;
    assert_eq!(status, 200, "still running");
    // Its own page cancels it; its handle is gone then.
    let (status, _) = post(url, &format!("endId={mine}&cancelJob={job}"), &cancel).await;
    assert_eq!(status, 204);
    running.wait_count("background job cancelled", "simulate", 1);
    assert_eq!(
        post(url, &poll(&mine, &key, &job), &nulls).await,
        (204, Value::Null)
    );
    // A result is taken once: the poll after it gets 204.
    let (_, started) = post(url, &format!("endId={mine}"), &body(json!(1))).await;
    let (job, key) = (
        started["job"].as_str().unwrap().to_owned(),
        started["cacheKey"].as_str().unwrap().to_owned(),
    );
    let finished = loop {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let (status, answer) = post(url, &poll(&mine, &key, &job), &nulls).await;
        assert_eq!(status, 200, "{answer}");
        if answer.get("response").is_some() {
            break answer;
        }
    };
    assert_eq!(finished["progress"]["status.children"], json!("day 1 of 1"));
    assert!(
        finished["response"]["outcome"]["data"].is_object(),
        "{finished}"
    );
    assert_eq!(
        post(url, &poll(&mine, &key, &job), &nulls).await,
        (204, Value::Null)
    );
}

/// Jobs never starve the ordinary callbacks: with one thread for sync callbacks, two jobs
/// that sleep leave it free, and a job runs on the pool however quick its earlier runs
/// were (a quick sync callback may run inline on the async runtime; a job never does).
#[dash::app]
mod starving {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        go: html::Button,
        slow: html::P,
        other: html::Button,
        quick: html::P,
    }

    #[callback(
        output = "slow.children",
        input = "go.n_clicks",
        background,
        prevent_initial_call
    )]
    pub fn sleep(clicks: Option<u64>) -> u64 {
        let ms = clicks.unwrap_or(0);
        std::thread::sleep(std::time::Duration::from_millis(ms));
        ms
    }

    #[callback(output = "quick.children", input = "other.n_clicks")]
    pub fn quick(clicks: Option<u64>) -> u64 {
        clicks.unwrap_or(0)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn jobs_never_starve_ordinary_callbacks() {
    use dash::prelude::*;
    let layout = html::Div::new().children([
        html::Button::new().id("go").into(),
        html::P::new().id("slow").into(),
        html::Button::new().id("other").into(),
        html::P::new().id("quick").into(),
    ]);
    let url = support::serve(
        support::dash()
            .callback_threads(1)
            .layout(layout)
            .app::<starving::Ids>(),
    )
    .await;
    let start = |ms: u64| {
        json!({
            "output": "slow.children",
            "outputs": {"id": "slow", "property": "children"},
            "inputs": [{"id": "go", "property": "n_clicks", "value": ms}],
            "changedPropIds": ["go.n_clicks"],
        })
    };
    // Many quick jobs first (a quick sync callback would be moved inline by now), then
    // two that sleep for 8 s.
    for _ in 0..200 {
        assert_eq!(post(&url, "", &start(0)).await.0, 200);
    }
    let mut sleeping = Vec::new();
    for _ in 0..2 {
        let (status, started) = post(&url, "", &start(8_000)).await;
        assert_eq!(status, 200);
        sleeping.push(format!(
            "cacheKey={}&job={}",
            started["cacheKey"].as_str().unwrap(),
            started["job"].as_str().unwrap()
        ));
    }
    let (status, body) = support::update(
        &url,
        &support::update_body("quick.children", vec![("other", "n_clicks", json!(7))]),
        &[],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["response"]["quick"]["children"], json!(7));
    // It answered while both jobs still hold their threads.
    let mut poll = start(0);
    poll["inputs"][0]["value"] = Value::Null;
    for query in &sleeping {
        assert_eq!(
            post(&url, query, &poll).await,
            (200, json!({"multi": true}))
        );
    }
}

/// How many `_dash-update-component` requests the page has sent.
const UPDATES: &str = "performance.getEntriesByType('resource')\
    .filter(e => e.name.includes('_dash-update-component')).length";

/// The summary of a finished live run.
fn live_summary(city: &str, days: u32) -> String {
    format!("{}, live", summary(city, days))
}

/// A live run in the page at `url`: pushed progress, no HTTP update, the result; then a
/// run whose day count is changed mid-run ends where the page now says.
async fn live_run(url: &str) -> Session {
    let session = Session::open(url).await;
    session.wait_text("summary", "no run yet").await;
    set_days(&session, "6").await;
    let before = session.eval(UPDATES).await;
    session.click("#run_live").await;
    wait_matching(&session, "live_status", r"^day [2-5] of 6$").await;
    assert_eq!(
        session.text("live_summary").await,
        "",
        "pushed before the result"
    );
    session
        .wait_text("live_summary", &live_summary("Oslo", 6))
        .await;
    session.wait_text("live_status", "day 6 of 6").await;
    assert_eq!(
        session.eval(UPDATES).await,
        before,
        "no HTTP update for a live run"
    );
    // Read from the page at each step: 100 days, then 8 while it runs.
    set_days(&session, "100").await;
    session.click("#run_live").await;
    wait_matching(&session, "live_status", r"^day [2-5] of 100$").await;
    session.screenshot("websocket-live").await;
    // One keystroke over the selected count (100 becomes 8): the run never reads a value
    // half typed, such as the "1" that deleting "100" passes through.
    session
        .eval("document.getElementById('days').select()")
        .await;
    session.press("#days", &["8"]).await;
    session
        .wait_text("live_summary", &live_summary("Oslo", 8))
        .await;
    session
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_live_run_pushes_its_progress_and_reads_the_page() {
    let running = support::run_example("simulation", &[]);
    let session = live_run(&format!("{}/", running.url)).await;
    assert!(running.lines_with("websocket open") >= 1);
    // The background job, on the same page, still goes over HTTP.
    set_days(&session, "3").await;
    session.click("#run").await;
    session
        .wait_for(
            "document.getElementById('summary').textContent.endsWith('over 3 days')",
            json!(true),
            TIMEOUT,
        )
        .await;
    session.close_without_errors().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn live_runs_work_behind_nginx_with_the_prefix_kept_or_stripped() {
    let kept = support::run_example("simulation", &[("DASH_URL_BASE_PATHNAME", "/sales/")]);
    let address = |url: &str| {
        url.trim_start_matches("http://")
            .split('/')
            .next()
            .unwrap()
            .to_owned()
    };
    let nginx = Nginx::deployed(support::nginx::DEPLOYED, &[address(&kept.url)]);
    live_run(&format!("{}/sales/", nginx.url))
        .await
        .close_without_errors()
        .await;
    let stripped = support::run_example(
        "simulation",
        &[("DASH_REQUESTS_PATHNAME_PREFIX", "/sales/")],
    );
    let nginx = Nginx::deployed(support::nginx::STRIPPED, &[address(&stripped.url)]);
    live_run(&format!("{}/sales/", nginx.url))
        .await
        .close_without_errors()
        .await;
}

/// The socket of the simulation example at `url`, opened as the page's worker opens it.
async fn socket(
    url: &str,
    origin: &str,
) -> Result<
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>,
    tokio_tungstenite::tungstenite::Error,
> {
    use tokio_tungstenite::tungstenite::client::IntoClientRequest;
    let mut request = format!("{}/_dash-ws-callback", url.replace("http://", "ws://"))
        .into_client_request()
        .unwrap();
    request
        .headers_mut()
        .insert("origin", origin.parse().unwrap());
    tokio_tungstenite::connect_async(request)
        .await
        .map(|(socket, _)| socket)
}

async fn send(
    socket: &mut tokio_tungstenite::WebSocketStream<
        tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>,
    >,
    message: Value,
) {
    use futures::SinkExt;
    socket
        .send(tokio_tungstenite::tungstenite::Message::Text(
            message.to_string().into(),
        ))
        .await
        .unwrap();
}

/// The next message, a batch's items one by one.
async fn receive(
    socket: &mut tokio_tungstenite::WebSocketStream<
        tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>,
    >,
) -> Value {
    use futures::StreamExt;
    loop {
        let message = tokio::time::timeout(TIMEOUT, socket.next())
            .await
            .expect("a message in time")
            .expect("the socket is open")
            .unwrap();
        if let tokio_tungstenite::tungstenite::Message::Text(text) = message {
            return serde_json::from_str(&text).unwrap();
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_protocol_edges_over_a_raw_socket() {
    let running = support::run_example("simulation", &[]);
    let url = &running.url;
    let host = url.trim_start_matches("http://").split('/').next().unwrap();
    // A page of another site may not open it; the app's own may.
    assert!(socket(url, "http://elsewhere.example").await.is_err());
    let mut socket = socket(url, &format!("http://{host}")).await.unwrap();
    // The heartbeat is answered.
    send(&mut socket, json!({"type": "heartbeat"})).await;
    assert_eq!(receive(&mut socket).await, json!({"type": "heartbeat_ack"}));
    // Not JSON, an unknown type: ignored, and the socket stays.
    use futures::SinkExt;
    socket
        .send(tokio_tungstenite::tungstenite::Message::Text(
            "not json".into(),
        ))
        .await
        .unwrap();
    send(&mut socket, json!({"type": "subscribe"})).await;
    // A callback not marked `websocket` is refused with an error answer, not a closed socket.
    send(
        &mut socket,
        json!({"type": "callback_request", "rendererId": "tab-1", "requestId": "tab-1-1",
               "payload": {"output": "..chart.figure...summary.children..",
                           "outputs": [{"id": "chart", "property": "figure"},
                                       {"id": "summary", "property": "children"}],
                           "inputs": [{"id": "outcome", "property": "data", "value": null}],
                           "changedPropIds": []}}),
    )
    .await;
    let refused = receive(&mut socket).await;
    assert_eq!(refused["type"], "callback_response");
    assert_eq!(refused["requestId"], "tab-1-1");
    assert_eq!(refused["payload"]["status"], "error", "{refused}");
    assert!(
        refused["payload"]["message"]
            .as_str()
            .unwrap()
            .contains("is not a WebSocket callback"),
        "{refused}"
    );
    // A live run, answered by hand: it asks for `days.value`; two tabs on one socket get
    // their own messages.
    let start = |tab: &str| {
        json!({"type": "callback_request", "rendererId": tab, "requestId": format!("{tab}-2"),
               "payload": {"output": "live_summary.children",
                           "outputs": {"id": "live_summary", "property": "children"},
                           "inputs": [{"id": "run_live", "property": "n_clicks", "value": 1}],
                           "state": [{"id": "city", "property": "value", "value": "Oslo"}],
                           "changedPropIds": ["run_live.n_clicks"]}})
    };
    send(&mut socket, start("tab-1")).await;
    send(&mut socket, start("tab-2")).await;
    let mut days = std::collections::HashMap::from([("tab-1", 1), ("tab-2", 2)]);
    let mut pushed = std::collections::HashMap::<String, usize>::new();
    let mut done = std::collections::HashMap::<String, Value>::new();
    while done.len() < 2 {
        let message = receive(&mut socket).await;
        let tab = message["rendererId"].as_str().unwrap().to_owned();
        match message["type"].as_str().unwrap() {
            "get_props_request" => {
                assert_eq!(
                    message["payload"],
                    json!({"componentId": "days", "properties": ["value"]})
                );
                send(
                    &mut socket,
                    json!({"type": "get_props_response", "rendererId": tab,
                           "requestId": message["requestId"],
                           "payload": {"value": days[tab.as_str()]}}),
                )
                .await;
            }
            "set_props" => {
                assert_eq!(message["payload"]["componentId"], "live_status");
                assert!(!done.contains_key(&tab), "pushed before its answer");
                *pushed.entry(tab).or_default() += 1;
            }
            "callback_response" => {
                done.insert(tab, message);
            }
            other => panic!("unexpected {other}: {message}"),
        }
    }
    days.clear();
    assert_eq!(pushed["tab-1"], 1);
    assert_eq!(pushed["tab-2"], 2);
    assert_eq!(done["tab-1"]["requestId"], "tab-1-2");
    assert_eq!(
        done["tab-2"]["payload"]["data"]["response"]["live_summary"]["children"],
        json!(live_summary("Oslo", 2))
    );
}

/// The page keeps its WebSocket callbacks across a restart of the server: the socket
/// drops, the renderer's worker opens a new one (for the next callback at the latest),
/// and the new process, which needs nothing of the old connection, answers it.
/// Clicks "Run live" and waits for the run to push its first status. Under the suite's
/// load the renderer's worker has been seen to leave the very first live call of a page
/// waiting for a connection that never came (its `connect` is made lazily, by that call);
/// a second click goes through. Each click is reported in the log of the failure.
async fn start_live_run(session: &Session, days: u32) {
    for attempt in 0..2 {
        session.click("#run_live").await;
        let started = std::time::Instant::now();
        while started.elapsed() < Duration::from_secs(10) {
            let status = session.text("live_status").await;
            if status.ends_with(&format!("of {days}")) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        eprintln!("live run: no status 10 s after click {}", attempt + 1);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn live_runs_go_on_after_the_server_restarts() {
    let port = support::free_port().to_string();
    let mut first = support::run_example("simulation", &[("PORT", port.as_str())]);
    let session = Session::open(&format!("{}/", first.url)).await;
    session.wait_text("summary", "no run yet").await;
    set_days(&session, "2").await;
    start_live_run(&session, 2).await;
    session
        .wait_text("live_summary", &live_summary("Oslo", 2))
        .await;
    first.kill();
    let second = support::run_example("simulation", &[("PORT", port.as_str())]);
    // The page's worker reconnects by itself, with backoff: on a loaded machine a click
    // sent before it has may wait out the backoff. Give it the time to reconnect first.
    let reconnected = std::time::Instant::now();
    while second.lines_with("websocket open") == 0 && reconnected.elapsed() < TIMEOUT / 2 {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    set_days(&session, "3").await;
    start_live_run(&session, 3).await;
    session
        .wait_text("live_summary", &live_summary("Oslo", 3))
        .await;
    assert!(
        second.lines_with("websocket open") >= 1,
        "{}",
        second.log_text()
    );
    // (The page logged the dropped socket: not an error of the app.)
    session.close().await;
}

/// A memoized background callback (the counterpart of Dash's `cache_by`): the same
/// arguments again start a job whose first poll has the kept result, and the callback does
/// not run again; other arguments run it. Without `memoize`, every job runs.
#[dash::app]
mod memoized {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        go: html::Button,
        out: html::P,
    }

    #[callback(
        output = "out.children",
        input = "go.n_clicks",
        background,
        memoize,
        prevent_initial_call,
        allow_global_writes = "counts the runs for the test"
    )]
    pub fn square(runs: Shared<std::sync::Arc<AtomicUsize>>, clicks: Option<u64>) -> u64 {
        runs.fetch_add(1, Ordering::SeqCst);
        let n = clicks.unwrap_or(0);
        n * n
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_memoized_background_callback_answers_from_its_memo() {
    use dash::prelude::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let runs = Arc::new(AtomicUsize::new(0));
    let layout = html::Div::new().children([
        html::Button::new().id("go").into(),
        html::P::new().id("out").into(),
    ]);
    let url = support::serve(
        support::dash()
            .share(runs.clone())
            .layout(layout)
            .app::<memoized::Ids>(),
    )
    .await;
    let body = |n: u64| {
        json!({
            "output": "out.children",
            "outputs": {"id": "out", "property": "children"},
            "inputs": [{"id": "go", "property": "n_clicks", "value": n}],
            "changedPropIds": ["go.n_clicks"],
        })
    };
    // Polls a job to its end: the answer, and how many polls it took.
    let finish = |n: u64| {
        let url = url.clone();
        async move {
            let (status, started) = post(&url, "", &body(n)).await;
            assert_eq!(status, 200, "{started}");
            let query = format!(
                "cacheKey={}&job={}",
                started["cacheKey"].as_str().unwrap(),
                started["job"].as_str().unwrap()
            );
            let mut poll = body(n);
            poll["inputs"][0]["value"] = Value::Null;
            for polls in 1.. {
                let (status, answer) = post(&url, &query, &poll).await;
                assert_eq!(status, 200, "{answer}");
                if answer.get("response").is_some() {
                    return (answer["response"]["out"]["children"].clone(), polls);
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            unreachable!()
        }
    };
    assert_eq!(finish(7).await.0, json!(49));
    assert_eq!(runs.load(Ordering::SeqCst), 1);
    assert_eq!(finish(7).await.0, json!(49));
    assert_eq!(runs.load(Ordering::SeqCst), 1, "answered from the memo");
    assert_eq!(finish(8).await.0, json!(64));
    assert_eq!(runs.load(Ordering::SeqCst), 2);
}

/// A job past `background_timeout` is a timeout like any other (plotly/dash#1991): it is
/// cancelled (a sync job stops at its next `Progress::set`), and its poll gets the app's
/// `on_error` answer, or a 504 without a handler.
#[dash::app]
mod endless {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        go: html::Button,
        out: html::P,
        note: html::P,
    }

    #[callback(
        output = "out.children",
        input = "go.n_clicks",
        background,
        progress = "note.title",
        prevent_initial_call
    )]
    pub fn forever(_: Option<u32>, progress: Progress<String>) -> Result<String, CallbackError> {
        loop {
            progress.set("working".to_owned())?;
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_past_its_time_limit_goes_to_the_error_handler() {
    use dash::prelude::*;
    let app = || {
        support::dash()
            .background_timeout(Duration::from_millis(300))
            .layout(html::Div::new().children([
                html::Button::new().id("go").into(),
                html::P::new().id("out").into(),
                html::P::new().id("note").into(),
            ]))
            .app::<endless::Ids>()
    };
    let body = json!({
        "output": "out.children",
        "outputs": {"id": "out", "property": "children"},
        "inputs": [{"id": "go", "property": "n_clicks", "value": 1}],
        "changedPropIds": ["go.n_clicks"],
    });
    let last_poll = |url: String| {
        let body = body.clone();
        async move {
            let (status, started) = post(&url, "", &body).await;
            assert_eq!(status, 200, "{started}");
            let query = format!(
                "cacheKey={}&job={}",
                started["cacheKey"].as_str().unwrap(),
                started["job"].as_str().unwrap()
            );
            let mut poll = body.clone();
            poll["inputs"][0]["value"] = Value::Null;
            loop {
                tokio::time::sleep(Duration::from_millis(50)).await;
                let (status, answer) = post(&url, &query, &poll).await;
                if status != 200 || answer.get("response").is_some() {
                    return (status, answer);
                }
            }
        }
    };
    let handled = support::serve(app().on_error(|error, ctx| {
        ctx.set_props_dyn("note", "children", format!("{error}"));
    }))
    .await;
    let (status, answer) = last_poll(handled).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        answer["sideUpdate"]["note"]["children"],
        json!("`forever` timed out after 300ms"),
        "{answer}"
    );
    let bare = support::serve(app()).await;
    let (status, answer) = last_poll(bare).await;
    assert_eq!(status, 504, "{answer}");
    assert_eq!(answer["error"]["kind"], "timeout");
}
