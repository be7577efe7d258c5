//! Sharing an expensive intermediate value between callbacks, over real HTTP against the
//! example binaries: memoization, the three cache backends (a real Redis of the test's own,
//! stopped and restarted mid-test), and server-side stores. Callback runs are counted in
//! each server's debug log.

use std::time::Duration;

use serde_json::{Value, json};
use support::{Redis, Running, run_example, update_body as request};

/// POSTs one `_dash-update-component` request; returns the status, the body as JSON and
/// its size in bytes.
async fn post(server: &Running, body: &Value) -> (u16, Value, usize) {
    let response = support::http()
        .post(format!("{}/_dash-update-component", server.url))
        .json(body)
        .send()
        .await
        .expect("the server answers");
    let status = response.status().as_u16();
    let bytes = response.bytes().await.expect("a body");
    let json = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes).expect("a JSON body")
    };
    (status, json, bytes.len())
}

/// The store example's producer, for `city`: returns the store's data.
async fn clean(server: &Running, city: &str) -> Value {
    let (status, body, _) = post(
        server,
        &request("intermediate.data", vec![("city", "value", json!(city))]),
    )
    .await;
    assert_eq!(status, 200, "{body}\n{}", server.log_text());
    body["response"]["intermediate"]["data"].clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_slow_step_runs_once_per_city_and_both_readers_use_it() {
    let server = run_example("store", &[]);
    let paris = clean(&server, "Paris").await;
    assert_eq!(paris["city"], "Paris");
    assert_eq!(paris["rows"].as_array().map(Vec::len), Some(366));

    // Both readers take the store's data as the renderer sends it back.
    let (status, graph, _) = post(
        &server,
        &request(
            "graph.figure",
            vec![("intermediate", "data", paris.clone())],
        ),
    )
    .await;
    assert_eq!(status, 200, "{graph}");
    let figure = &graph["response"]["graph"]["figure"];
    assert_eq!(figure["data"][0]["x"].as_array().map(Vec::len), Some(366));
    assert!(
        figure["layout"]["title"]["text"]
            .as_str()
            .is_some_and(|t| t.contains("Paris")),
        "{figure}"
    );
    let (status, table, _) = post(
        &server,
        &request("table.children", vec![("intermediate", "data", paris)]),
    )
    .await;
    assert_eq!(status, 200, "{table}");
    assert_eq!(
        table["response"]["table"]["children"]
            .as_array()
            .map(Vec::len),
        Some(12),
        "one row per month"
    );

    // Another city runs the slow step; a city seen before is a cache hit.
    assert_eq!(clean(&server, "Oslo").await["city"], "Oslo");
    assert_eq!(clean(&server, "Paris").await["city"], "Paris");
    assert_eq!(clean(&server, "Oslo").await["city"], "Oslo");
    assert_eq!(
        server.wait_hits("clean_data", 2),
        2,
        "{}",
        server.log_text()
    );
    assert_eq!(
        server.wait_runs("clean_data", 2),
        2,
        "{}",
        server.log_text()
    );
    assert_eq!(server.wait_runs("update_graph", 1), 1);
    assert_eq!(server.wait_runs("update_table", 1), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_share_results_through_redis_and_survive_its_outage() {
    let mut redis = Redis::start();
    let url = redis.url();
    let env = [("DASH_CACHE", "redis"), ("DASH_REDIS_URL", url.as_str())];
    let first = run_example("store", &env);
    let second = run_example("store", &env);

    // One process computes, the other finds the result in Redis.
    let a = clean(&first, "Oslo").await;
    let b = clean(&second, "Oslo").await;
    assert_eq!(a, b);
    assert_eq!(first.wait_runs("clean_data", 1), 1);
    assert_eq!(second.wait_hits("clean_data", 1), 1);
    // The hit is logged where the run would have been.
    assert_eq!(second.runs("clean_data"), 0, "{}", second.log_text());

    // Redis goes away: every request still succeeds, by computing.
    redis.stop();
    assert_eq!(clean(&first, "Cairo").await["city"], "Cairo");
    assert_eq!(clean(&second, "Cairo").await["city"], "Cairo");
    assert_eq!(clean(&second, "Oslo").await["city"], "Oslo");
    assert_eq!(first.wait_runs("clean_data", 2), 2, "{}", first.log_text());
    assert_eq!(
        second.wait_runs("clean_data", 2),
        2,
        "{}",
        second.log_text()
    );
    assert_eq!(
        second.lines_with("redis cache unavailable"),
        1,
        "the outage is logged once: {}",
        second.log_text()
    );

    // Redis is back (empty): after a short pause the processes use it again.
    redis.restart();
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(clean(&first, "Sydney").await["city"], "Sydney");
    assert_eq!(first.wait_runs("clean_data", 3), 3, "{}", first.log_text());
    assert_eq!(clean(&second, "Sydney").await["city"], "Sydney");
    assert_eq!(
        second.wait_hits("clean_data", 2),
        2,
        "the second process found it in Redis: {}",
        second.log_text()
    );
    assert_eq!(second.runs("clean_data"), 2, "{}", second.log_text());
    assert_eq!(second.lines_with("redis cache reachable again"), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_disk_cache_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_str().unwrap().to_owned();
    let env = [("DASH_CACHE", "disk"), ("DASH_CACHE_DIR", path.as_str())];
    let mut first = run_example("store", &env);
    let before = clean(&first, "Montreal").await;
    assert_eq!(first.wait_runs("clean_data", 1), 1);
    first.kill();

    let second = run_example("store", &env);
    assert_eq!(clean(&second, "Montreal").await, before);
    assert_eq!(
        second.wait_hits("clean_data", 1),
        1,
        "{}",
        second.log_text()
    );
    assert_eq!(second.runs("clean_data"), 0, "{}", second.log_text());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_cache_setting_stops_the_app_with_a_clear_message() {
    let mut command = support::app_command(support::example_binary("store"));
    command.env("PORT", "0").env("DASH_CACHE", "memcached");
    let output = support::output(&mut command, "the store example");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("DASH_CACHE") && stderr.contains("`memory`, `disk` or `redis`"),
        "{stderr}"
    );
}

/// A Redis URL's password reaches neither the log (startup, outage) nor an error message.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redis_password_never_reaches_the_log() {
    // Nothing listens on port 1: every lookup fails, and the outage is logged.
    let env = [
        ("DASH_CACHE", "redis"),
        ("DASH_REDIS_URL", "redis://ann:s3cret@127.0.0.1:1/0"),
    ];
    let server = run_example("store", &env);
    let paris = clean(&server, "Paris").await;
    assert_eq!(paris["city"], "Paris", "computed although Redis is down");
    server.sync();
    let log = server.log_text();
    assert!(log.contains("redis cache unavailable"), "{log}");
    assert!(log.contains("redis://ann:***@127.0.0.1:1/0"), "{log}");
    assert!(!log.contains("s3cret"), "{log}");

    let mut command = support::app_command(support::example_binary("store"));
    command
        .env("PORT", "0")
        .env("DASH_CACHE", "redis")
        .env("DASH_REDIS_URL", "redis://:s3cret@[not a host/");
    let output = support::output(&mut command, "the store example");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("DASH_REDIS_URL"), "{stderr}");
    assert!(!stderr.contains("s3cret"), "{stderr}");
}

/// The server-store example's producer for `city`: returns the handle and the size of
/// the whole response.
async fn readings(server: &Running, city: &str) -> (Value, usize) {
    let (status, body, size) = post(
        server,
        &request("readings.data", vec![("city", "value", json!(city))]),
    )
    .await;
    assert_eq!(status, 200, "{body}\n{}", server.log_text());
    (body["response"]["readings"]["data"].clone(), size)
}

async fn summary(server: &Running, handle: &Value) -> (u16, Value) {
    let (status, body, _) = post(
        server,
        &request(
            "summary.children",
            vec![("readings", "data", handle.clone())],
        ),
    )
    .await;
    (status, body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_store_sends_a_handle_and_computes_a_lost_value_again() {
    let first = run_example("server_store", &[]);
    let (handle, size) = readings(&first, "Oslo").await;
    assert!(
        size < 300,
        "the browser gets a handle, not the data: {size} bytes"
    );
    assert_eq!(handle["dash_server_store"]["args"], json!(["Oslo"]));
    assert!(handle["bytes"].as_u64().unwrap() > 10_000_000, "{handle}");

    let (status, text) = summary(&first, &handle).await;
    assert_eq!(status, 200, "{text}");
    let text = text["response"]["summary"]["children"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(text.starts_with("Oslo: 1000000 readings"), "{text}");

    // A page of the table: fifteen rows.
    let (status, page, page_size) = post(
        &first,
        &request(
            "table.data",
            vec![
                ("readings", "data", handle.clone()),
                ("table", "page_current", json!(2)),
            ],
        ),
    )
    .await;
    assert_eq!(status, 200, "{page}");
    let rows = page["response"]["table"]["data"].as_array().unwrap();
    assert_eq!(rows.len(), 15);
    assert_eq!(
        rows[0]["time"], "2024-01-01 00:30",
        "page 2 starts at row 30"
    );
    assert!(page_size < 2_000, "{page_size} bytes for a page");
    assert_eq!(first.wait_runs("clean_data", 1), 1);
    assert_eq!(first.wait_count("server store hit", "clean_data", 2), 2);

    // Another process has never seen the value: it computes it again from the handle.
    let second = run_example("server_store", &[]);
    let (status, again) = summary(&second, &handle).await;
    assert_eq!(status, 200, "{again}\n{}", second.log_text());
    assert_eq!(again["response"]["summary"]["children"], json!(text));
    assert_eq!(second.wait_runs("clean_data", 1), 1, "recomputed once");
    assert_eq!(
        second.wait_count("server store missing", "clean_data", 1),
        1,
        "{}",
        second.log_text()
    );
    let (status, _) = summary(&second, &handle).await;
    assert_eq!(status, 200);
    // Found where it would otherwise have been computed again.
    assert_eq!(second.wait_count("server store hit", "clean_data", 1), 1);
    assert_eq!(second.runs("clean_data"), 1, "and kept");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forged_or_broken_handle_is_a_clear_400() {
    let server = run_example("server_store", &[]);
    for (handle, expected) in [
        (
            json!({"dash_server_store": {"callback": "graph.figure", "output": 0, "args": ["Oslo"]}}),
            "no callback writes it",
        ),
        (
            json!({"dash_server_store": {"callback": "readings.data", "output": 0, "args": []}}),
            "no callback writes it",
        ),
        (json!({"dash_server_store": "nope"}), "does not parse"),
    ] {
        let (status, body) = summary(&server, &handle).await;
        assert_eq!(status, 400, "{body}");
        let message = body["error"]["message"].as_str().unwrap_or_default();
        assert!(message.contains(expected), "{message}");
    }
    // Still serving; the first run of the producer comes after the bad handles.
    let (handle, _) = readings(&server, "Paris").await;
    assert_eq!(summary(&server, &handle).await.0, 200);
    assert_eq!(
        server.wait_runs("clean_data", 1),
        1,
        "nothing ran for a bad handle: {}",
        server.log_text()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_store_values_lost_with_redis_are_computed_again() {
    let mut redis = Redis::start();
    let url = redis.url();
    let env = [("DASH_CACHE", "redis"), ("DASH_REDIS_URL", url.as_str())];
    let first = run_example("server_store", &env);
    let second = run_example("server_store", &env);
    let (handle, _) = readings(&first, "Cairo").await;
    // The other process reads the value from Redis.
    assert_eq!(summary(&second, &handle).await.0, 200);
    assert_eq!(second.wait_count("server store hit", "clean_data", 1), 1);
    assert_eq!(second.runs("clean_data"), 0, "{}", second.log_text());

    // Redis restarts empty. The second process still holds the value it decoded; a
    // third, which never saw it, computes it again from the handle.
    redis.restart();
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(summary(&second, &handle).await.0, 200);
    assert_eq!(
        second.wait_count("server store hit in this process", "clean_data", 1),
        1
    );
    let third = run_example("server_store", &env);
    let (status, body) = summary(&third, &handle).await;
    assert_eq!(status, 200, "{body}");
    assert!(
        body["response"]["summary"]["children"]
            .as_str()
            .unwrap()
            .starts_with("Cairo: 1000000 readings")
    );
    assert_eq!(third.wait_runs("clean_data", 1), 1, "{}", third.log_text());
    assert_eq!(second.runs("clean_data"), 0);
}
