//! Scale-out, as the deployment guide sets it up: nginx (Debian's, with the guide's own
//! `deploy/nginx/dash.conf`) round-robins over three replicas of the `server_store`
//! example under `/sales/`, and the replicas share a Redis of the test's own.
//!
//! - A browser session works with its requests spread over the replicas, no stickiness,
//!   and the expensive producer runs once per city for all three.
//! - Under load, a replica is killed: no client sees a failed request.
//! - Under load, Redis is killed, then restarted: no failed request, and sharing resumes.
//! - Background jobs (the `simulation` example) live on Redis: started on one replica,
//!   polled and cancelled through all three, and run again elsewhere when their replica
//!   is killed mid-job.
//!
//! The counts are printed (`cargo test --test scale_out -- --nocapture`).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use serde_json::{Value, json};
use support::browser::Session;
use support::nginx::Nginx;
use support::{Redis, Running, run_example, update_body as request};

/// Clients of the load, each sending its next request when the last is answered.
const CLIENTS: usize = 12;

/// POSTs an update to `base` (`.../sales`): the status and the body as JSON.
async fn post(client: &reqwest::Client, base: &str, body: &Value) -> Result<(u16, Value), String> {
    post_to(client, &format!("{base}/_dash-update-component"), body).await
}

/// POSTs an update to `url`, the update route with its query: the status and the body as
/// JSON.
async fn post_to(
    client: &reqwest::Client,
    url: &str,
    body: &Value,
) -> Result<(u16, Value), String> {
    let base = url;
    let response = client
        .post(url)
        .json(body)
        .send()
        .await
        .map_err(|e| format!("POST {base}: {}", support::causes(&e)))?;
    let status = response.status().as_u16();
    let bytes = response
        .bytes()
        .await
        .map_err(|e| format!("POST {base}: the body: {}", support::causes(&e)))?;
    let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Ok((status, json))
}

/// The producer's handle for `city`, asked of `base`.
async fn readings(client: &reqwest::Client, base: &str, city: &str) -> Value {
    let (status, body) = post(
        client,
        base,
        &request("readings.data", vec![("city", "value", json!(city))]),
    )
    .await
    .unwrap();
    assert_eq!(status, 200, "{body}");
    body["response"]["readings"]["data"].clone()
}

fn summary_request(handle: &Value) -> Value {
    request(
        "summary.children",
        vec![("readings", "data", handle.clone())],
    )
}

/// The summary a replica computes from the handle: the text.
async fn summary(client: &reqwest::Client, base: &str, handle: &Value) -> String {
    let (status, body) = post(client, base, &summary_request(handle)).await.unwrap();
    assert_eq!(status, 200, "{body}");
    body["response"]["summary"]["children"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// What the clients saw.
#[derive(Default)]
struct Tally {
    ok: AtomicUsize,
    failed: std::sync::Mutex<Vec<String>>,
}

impl Tally {
    /// Prints the counts of a phase (`details` about the requests answered), and fails
    /// the test on any failed request.
    fn report(&self, phase: &str, details: &str, nginx: &Nginx) {
        let failed = self.failed.lock().unwrap().clone();
        eprintln!(
            "{phase}: {} requests answered ({details}), {} failed",
            self.ok.load(Ordering::Relaxed),
            failed.len()
        );
        assert!(
            failed.is_empty(),
            "failed requests: {failed:#?}\n{}",
            nginx.error_log()
        );
    }

    fn record(&self, outcome: Result<(), String>) {
        match outcome {
            Ok(()) => {
                self.ok.fetch_add(1, Ordering::Relaxed);
            }
            Err(failure) => self.failed.lock().unwrap().push(failure),
        }
    }
}

/// One request of a client's round: the page, the layout, the dependencies, the summary
/// and a page of the table (both read the million rows through the handle), and, for the
/// first client, the memoized producer itself.
async fn one(
    client: &reqwest::Client,
    base: &str,
    handle: &Value,
    producer: bool,
    round: usize,
) -> Result<(), String> {
    let get = |path: &str| {
        let url = format!("{base}{path}");
        async move {
            let response = client
                .get(&url)
                .send()
                .await
                .map_err(|e| format!("GET {url}: {}", support::causes(&e)))?;
            let status = response.status();
            response
                .bytes()
                .await
                .map_err(|e| format!("GET {url}: the body: {}", support::causes(&e)))?;
            if status == 200 {
                Ok(())
            } else {
                Err(format!("GET {url}: {status}"))
            }
        }
    };
    let update = |body: Value, output: &'static str| async move {
        match post(client, base, &body).await? {
            (200, answer) if !answer["response"][output].is_null() => Ok(()),
            (status, answer) => Err(format!("POST {output}: {status} {answer}")),
        }
    };
    match (producer, round % 5) {
        (true, _) => {
            update(
                request("readings.data", vec![("city", "value", json!("Paris"))]),
                "readings",
            )
            .await
        }
        (false, 0) => get("/").await,
        (false, 1) => get("/_dash-layout").await,
        (false, 2) => get("/_dash-dependencies").await,
        (false, 3) => update(summary_request(handle), "summary").await,
        (false, _) => {
            let page = request(
                "table.data",
                vec![
                    ("readings", "data", handle.clone()),
                    ("table", "page_current", json!(round % 60)),
                ],
            );
            update(page, "table").await
        }
    }
}

/// Load on `base` from [`CLIENTS`] clients until `stop` is set.
fn start_load(
    base: &str,
    handle: &Value,
    stop: Arc<AtomicBool>,
) -> (Arc<Tally>, Vec<tokio::task::JoinHandle<()>>) {
    let tally = Arc::new(Tally::default());
    let tasks = (0..CLIENTS)
        .map(|n| {
            let (base, handle, stop, tally) =
                (base.to_owned(), handle.clone(), stop.clone(), tally.clone());
            tokio::spawn(async move {
                let client = support::http();
                let mut round = n;
                while !stop.load(Ordering::Relaxed) {
                    tally.record(one(&client, &base, &handle, n == 0, round).await);
                    round += 1;
                }
            })
        })
        .collect();
    (tally, tasks)
}

async fn stop_load(stop: &AtomicBool, tasks: Vec<tokio::task::JoinHandle<()>>) {
    stop.store(true, Ordering::Relaxed);
    for task in tasks {
        task.await.expect("a load client");
    }
}

/// `127.0.0.1:<port>` of a replica whose URL is `http://127.0.0.1:<port>/sales`.
fn address(replica: &Running) -> String {
    replica
        .url
        .strip_prefix("http://")
        .and_then(|rest| rest.split('/').next())
        .expect("a replica's URL")
        .to_owned()
}

/// How many requests each replica answered, from nginx's access log (`upstream=` lists
/// every replica tried; the last one answered), and how many were tried on more than one.
fn by_replica(log: &[String], replicas: &[String]) -> (Vec<usize>, usize) {
    let mut answered = vec![0; replicas.len()];
    let mut retried = 0;
    for line in log {
        let Some(upstreams) = line.split(" upstream=").nth(1) else {
            continue;
        };
        let upstreams = upstreams
            .split(" upstream_status=")
            .next()
            .unwrap_or_default();
        let tried: Vec<&str> = upstreams.split(", ").collect();
        if tried.len() > 1 {
            retried += 1;
        }
        if let Some(index) = replicas
            .iter()
            .position(|r| tried.last() == Some(&r.as_str()))
        {
            answered[index] += 1;
        }
    }
    (answered, retried)
}

fn runs(replicas: &[&Running], name: &str) -> usize {
    replicas.iter().map(|replica| replica.runs(name)).sum()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_replicas_behind_nginx_share_one_redis_and_survive_faults() {
    let mut redis = Redis::start();
    let redis_url = redis.url();
    let env = [
        ("DASH_CACHE", "redis"),
        ("DASH_REDIS_URL", redis_url.as_str()),
        ("DASH_URL_BASE_PATHNAME", "/sales/"),
        ("DASH_HEALTH_ENDPOINT", "health"),
    ];
    let mut replicas: Vec<Running> = (0..3).map(|_| run_example("server_store", &env)).collect();
    let addresses: Vec<String> = replicas.iter().map(address).collect();
    let nginx = Nginx::deployed(support::nginx::DEPLOYED, &addresses);
    let base = format!("{}/sales", nginx.url);
    let client = support::http();
    let health = client.get(format!("{base}/health")).send().await.unwrap();
    assert_eq!(health.text().await.unwrap(), "OK");

    // (a) A browser session through nginx, its requests round-robined over the replicas.
    let session = Session::open(&format!("{base}/")).await;
    let contains = |selector: &str, text: &str| {
        format!("(document.querySelector({selector:?})?.textContent || '').includes({text:?})")
    };
    let wait = Duration::from_secs(30);
    session
        .wait_for(
            &contains("#summary", "Paris: 1000000 readings"),
            json!(true),
            wait,
        )
        .await;
    session
        .wait_for(&contains("#table", "2024-01-01 00:14"), json!(true), wait)
        .await;
    session.click("#city").await;
    session
        .click_xpath("//*[@role='option'][normalize-space()='Cairo']")
        .await;
    session
        .wait_for(
            &contains("#summary", "Cairo: 1000000 readings"),
            json!(true),
            wait,
        )
        .await;
    session
        .wait_for(
            &contains("#graph .gtitle", "Cairo: daily means"),
            json!(true),
            wait,
        )
        .await;
    // The bundles came compressed through the proxy (plotly.js above all).
    let plotly = session
        .eval(
            "performance.getEntriesByType('resource')
                .filter(e => e.name.includes('plotly'))
                .map(e => [e.encodedBodySize, e.decodedBodySize])
                .reduce((a, b) => (b[1] > a[1] ? b : a), [0, 0])",
        )
        .await;
    let (sent, size) = (plotly[0].as_f64().unwrap(), plotly[1].as_f64().unwrap());
    assert!(
        sent > 0.0 && sent * 3.0 < size,
        "plotly.js: {sent} bytes for {size}"
    );
    session.close_without_errors().await;
    let live: Vec<&Running> = replicas.iter().collect();
    assert_eq!(
        runs(&live, "clean_data"),
        2,
        "one run per city for the three replicas together"
    );
    let (answered, _) = by_replica(&nginx.access_log("dash.access.log"), &addresses);
    eprintln!("browser session: requests answered by each replica: {answered:?}");
    assert!(answered.iter().all(|&n| n > 0), "round robin: {answered:?}");
    let reading = live
        .iter()
        .filter(|replica| {
            ["update_summary", "update_graph", "update_table"]
                .iter()
                .any(|name| replica.runs(name) > 0)
        })
        .count();
    assert!(reading >= 2, "the readers ran on {reading} replica(s)");

    // Every replica holds Paris's rows once it has read them (from Redis).
    let handle = readings(&client, &base, "Paris").await;
    for replica in &replicas {
        assert!(
            summary(&client, &replica.url, &handle)
                .await
                .starts_with("Paris: 1000000")
        );
    }
    assert_eq!(
        runs(&live, "clean_data"),
        2,
        "read from Redis, not computed"
    );

    // (b) Under load, a replica dies.
    let stop = Arc::new(AtomicBool::new(false));
    let (tally, tasks) = start_load(&base, &handle, stop.clone());
    tokio::time::sleep(Duration::from_secs(3)).await;
    let before_kill = tally.ok.load(Ordering::Relaxed);
    let log_before = nginx.access_log("dash.access.log").len();
    replicas[2].kill();
    tokio::time::sleep(Duration::from_secs(5)).await;
    stop_load(&stop, tasks).await;
    let log = nginx.access_log("dash.access.log");
    let (answered, retried) = by_replica(&log[log_before..], &addresses);
    tally.report(
        "replica killed",
        &format!(
            "{before_kill} before the kill; after it, by replica {answered:?}, {retried} \
             moved to another replica by nginx"
        ),
        &nginx,
    );
    assert!(
        tally.ok.load(Ordering::Relaxed) > before_kill + 50,
        "the load went on"
    );

    // (c) Under load, Redis dies, then comes back empty.
    let live: Vec<&Running> = replicas[..2].iter().collect();
    let stop = Arc::new(AtomicBool::new(false));
    let (tally, tasks) = start_load(&base, &handle, stop.clone());
    tokio::time::sleep(Duration::from_secs(2)).await;
    let producer_runs = runs(&live, "clean_data");
    redis.stop();
    tokio::time::sleep(Duration::from_secs(4)).await;
    let during_outage = tally.ok.load(Ordering::Relaxed);
    let recomputed = runs(&live, "clean_data") - producer_runs;
    redis.restart();
    tokio::time::sleep(Duration::from_secs(3)).await;
    stop_load(&stop, tasks).await;
    tally.report(
        "redis killed and restarted",
        &format!(
            "{during_outage} by the end of the outage; the memoized producer ran \
             {recomputed} times without Redis"
        ),
        &nginx,
    );
    assert!(
        recomputed > 0,
        "without Redis, the producer's memo misses and it runs"
    );
    assert!(
        live.iter()
            .any(|r| r.lines_with("redis cache reachable again") > 0),
        "a replica reconnected"
    );

    // Sharing resumes: a new city computed through one replica is read from Redis by the
    // other. (Each replica reconnects on its next use of Redis.)
    let first = &replicas[0];
    let second = &replicas[1];
    let handle = readings(&client, &first.url, "Sydney").await;
    let computed = runs(&live, "clean_data");
    assert!(
        summary(&client, &second.url, &handle)
            .await
            .starts_with("Sydney: 1000000")
    );
    assert_eq!(
        runs(&live, "clean_data"),
        computed,
        "the second replica read Sydney from Redis: {}",
        second.log_text()
    );
    drop(redis);
}

/// Behind a proxy that strips `/sales` (the guide's `dash-stripped.conf`): the app serves
/// at `/`, and the page it sends has the browser ask for `/sales/...`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_app_behind_a_proxy_that_strips_its_prefix_works_in_the_browser() {
    let app = run_example("scores", &[("DASH_REQUESTS_PATHNAME_PREFIX", "/sales/")]);
    let nginx = Nginx::deployed(support::nginx::STRIPPED, &[address(&app)]);
    let bare = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(format!("{}/sales", nginx.url))
        .send()
        .await
        .unwrap();
    assert_eq!(bare.status(), 308);
    let session = Session::open(&format!("{}/sales/", nginx.url)).await;
    session
        .wait_for(
            "document.querySelector('#output')?.textContent",
            json!("3"),
            Duration::from_secs(30),
        )
        .await;
    session.click("#score").await;
    session
        .click_xpath("//*[@role='option'][normalize-space()='5']")
        .await;
    session
        .wait_for(
            "document.querySelector('#output')?.textContent",
            json!("4"),
            Duration::from_secs(30),
        )
        .await;
    let paths = session
        .eval("performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)")
        .await;
    let paths: Vec<&str> = paths
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        paths.iter().all(|path| path.starts_with("/sales/")),
        "every request under /sales/: {paths:?}"
    );
    assert!(
        paths
            .iter()
            .any(|path| path.ends_with("/_dash-update-component"))
    );
    session.close_without_errors().await;
}

/// The start request of the simulation example's background job.
fn simulation_start(city: &str, days: u32) -> Value {
    json!({
        "output": "outcome.data",
        "outputs": {"id": "outcome", "property": "data"},
        "inputs": [{"id": "run", "property": "n_clicks", "value": 1}],
        "state": [
            {"id": "city", "property": "value", "value": city},
            {"id": "days", "property": "value", "value": days},
        ],
        "changedPropIds": ["run.n_clicks"],
    })
}

/// A background job as the renderer drives it through nginx: the start request, then
/// polls every 200 ms until the answer has a `response` or is a 204. Returns the final
/// status and body, and how many polls saw progress.
async fn drive_job(
    client: &reqwest::Client,
    base: &str,
    end: &str,
    days: u32,
    mut on_progress: impl FnMut(usize),
) -> (u16, Value, usize) {
    let start = simulation_start("Oslo", days);
    let (status, started) = post_to(client, &format!("{base}?endId={end}"), &start)
        .await
        .unwrap();
    assert_eq!(status, 200, "{started}");
    let query = format!(
        "endId={end}&cacheKey={}&job={}",
        started["cacheKey"].as_str().unwrap(),
        started["job"].as_str().unwrap()
    );
    let mut poll = start.clone();
    for item in poll["inputs"].as_array_mut().unwrap() {
        item["value"] = Value::Null;
    }
    let mut progressed = 0;
    loop {
        tokio::time::sleep(Duration::from_millis(200)).await;
        let (status, body) = post_to(client, &format!("{base}?{query}"), &poll)
            .await
            .unwrap();
        if body.get("progress").is_some() {
            progressed += 1;
            on_progress(progressed);
        }
        if status != 200 || body.get("response").is_some() {
            return (status, body, progressed);
        }
    }
}

/// Background jobs across three replicas behind nginx, sharing one Redis: every job is
/// started on one replica and polled through all three (nginx round-robins each poll), a
/// cancel sent through any replica stops the job on its owner, and a replica killed
/// mid-job costs the user a restart of the job on another replica, never an error or a
/// hang. The counts are printed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn background_jobs_are_polled_cancelled_and_survive_their_replica_through_nginx() {
    let redis = Redis::start();
    let redis_url = redis.url();
    let env = [
        ("DASH_CACHE", "redis"),
        ("DASH_REDIS_URL", redis_url.as_str()),
        ("DASH_URL_BASE_PATHNAME", "/sales/"),
    ];
    let mut replicas: Vec<Running> = (0..3).map(|_| run_example("simulation", &env)).collect();
    let addresses: Vec<String> = replicas.iter().map(address).collect();
    let nginx = Nginx::deployed(support::nginx::DEPLOYED, &addresses);
    let base = format!("{}/sales", nginx.url);
    let update = format!("{base}/_dash-update-component");
    let client = support::http();
    let end = support::end_id(&base).await;

    // (a) Six jobs, one after another, each polled through every replica.
    let mut polls = 0;
    for _ in 0..6 {
        // (A page load between jobs moves nginx's round robin on: the jobs start on
        // different replicas.)
        client.get(format!("{base}/")).send().await.unwrap();
        let (status, body, progressed) = drive_job(&client, &update, &end, 6, |_| {}).await;
        assert_eq!(
            status,
            200,
            "{body}\n{}\n{}",
            nginx.access_log("dash.access.log").join("\n"),
            replicas
                .iter()
                .map(Running::log_text)
                .collect::<Vec<_>>()
                .join("\n---\n")
        );
        assert!(body["response"]["outcome"]["data"].is_object(), "{body}");
        assert!(progressed >= 1, "{body}");
        polls += progressed;
    }
    let started: Vec<usize> = replicas
        .iter()
        .map(|r| r.count("background job started", "simulate"))
        .collect();
    let ended: usize = replicas
        .iter()
        .map(|r| r.count("background job ended", "simulate"))
        .sum();
    let upstreams: std::collections::HashSet<String> = nginx
        .access_log("dash.access.log")
        .iter()
        .filter(|line| line.contains("_dash-update-component"))
        .filter_map(|line| {
            line.split("upstream=")
                .nth(1)?
                .split(' ')
                .next()
                .map(str::to_owned)
        })
        .collect();
    eprintln!(
        "jobs: 6 started (per replica {started:?}), {ended} ended, {polls} polls with progress, \
         polls answered by {} replicas",
        upstreams.len()
    );
    assert_eq!(started.iter().sum::<usize>(), 6);
    assert_eq!(ended, 6);
    assert_eq!(upstreams.len(), 3, "every replica answered polls");

    // (b) A cancel sent through nginx reaches the job's owner, whichever replica it is.
    let start = simulation_start("Oslo", 200);
    let (_, started) = post_to(&client, &format!("{update}?endId={end}"), &start)
        .await
        .unwrap();
    let job = started["job"].as_str().unwrap().to_owned();
    let key = started["cacheKey"].as_str().unwrap().to_owned();
    tokio::time::sleep(Duration::from_millis(600)).await;
    let cancel_output = support::get_json(format!("{base}/_dash-dependencies"))
        .await
        .as_array()
        .unwrap()
        .iter()
        .find_map(|spec| {
            let output = spec["output"].as_str()?;
            output.starts_with("stop.id").then(|| output.to_owned())
        })
        .unwrap();
    let cancel = json!({
        "output": cancel_output,
        "outputs": {"id": "stop", "property": "id"},
        "inputs": [{"id": "stop", "property": "n_clicks", "value": 1}],
        "changedPropIds": ["stop.n_clicks"],
    });
    for _ in 0..3 {
        // (Through each replica in turn: one of them is the owner, two are not.)
        let (status, _) = post_to(
            &client,
            &format!("{update}?endId={end}&cancelJob={job}"),
            &cancel,
        )
        .await
        .unwrap();
        assert_eq!(status, 204);
    }
    let stopped = support::wait_until(
        "the cancelled job's task to end on its owner",
        Duration::from_secs(10),
        || {
            let stopped: usize = replicas
                .iter()
                .map(|r| r.count("background job stopped after its cancel", "simulate"))
                .sum();
            (stopped == 1).then_some(stopped)
        },
        || {
            replicas
                .iter()
                .map(Running::log_text)
                .collect::<Vec<_>>()
                .join("\n---\n")
        },
    );
    let mut poll = start.clone();
    poll["inputs"][0]["value"] = Value::Null;
    let gone = post_to(
        &client,
        &format!("{update}?endId={end}&cacheKey={key}&job={job}"),
        &poll,
    )
    .await
    .unwrap();
    assert_eq!(gone.0, 204, "{}", gone.1);
    eprintln!("cancel: sent through nginx, the job stopped on its owner ({stopped} task ended)");

    // (c) The replica running a job is killed mid-job: another one takes the job over
    // after its heartbeat stops, runs it again, and the user gets the result.
    let before: Vec<usize> = replicas
        .iter()
        .map(|r| r.count("background job started", "simulate"))
        .collect();
    let owner_of_next = || {
        replicas
            .iter()
            .zip(&before)
            .position(|(r, before)| r.count("background job started", "simulate") > *before)
    };
    // Start the job and find its owner.
    let (status, started) = post_to(
        &client,
        &format!("{update}?endId={end}"),
        &simulation_start("Paris", 25),
    )
    .await
    .unwrap();
    assert_eq!(status, 200);
    let owner = owner_of_next().expect("a replica started the job");
    tokio::time::sleep(Duration::from_millis(700)).await;
    replicas[owner].kill();
    let query = format!(
        "endId={end}&cacheKey={}&job={}",
        started["cacheKey"].as_str().unwrap(),
        started["job"].as_str().unwrap()
    );
    let mut poll = start.clone();
    poll["inputs"][0]["value"] = Value::Null;
    poll["state"][0]["value"] = Value::Null;
    poll["state"][1]["value"] = Value::Null;
    let began = std::time::Instant::now();
    let mut answered = 0;
    let result = loop {
        tokio::time::sleep(Duration::from_millis(200)).await;
        let (status, body) = post_to(&client, &format!("{update}?{query}"), &poll)
            .await
            .unwrap();
        assert_eq!(
            status,
            200,
            "no poll fails or ends early: {body}\n{}\n{}\n{}",
            nginx.error_log(),
            nginx.access_log("dash.access.log").join("\n"),
            replicas
                .iter()
                .map(Running::log_text)
                .collect::<Vec<_>>()
                .join("\n---\n")
        );
        answered += 1;
        if body.get("response").is_some() {
            break body;
        }
        assert!(
            began.elapsed() < Duration::from_secs(30),
            "the job never ended"
        );
    };
    assert!(
        result["response"]["outcome"]["data"].is_object(),
        "{result}"
    );
    let restarted: usize = replicas
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != owner)
        .map(|(_, r)| {
            r.count(
                "background job restarted here: its replica stopped answering",
                "simulate",
            )
        })
        .sum();
    eprintln!(
        "kill: the owner (replica {owner}) was killed 0.7 s into a 3.75 s job; {answered} polls \
         all answered 200, the job restarted {restarted} time(s) elsewhere and ended after {:.1} s",
        began.elapsed().as_secs_f64()
    );
    assert_eq!(restarted, 1);
    drop(redis);
}
