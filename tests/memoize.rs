//! Memoization options over real HTTP, with an app served in this process: session scope
//! and its cookie, time to live, what is never cached, and the app's cache version.
//! Runs are counted by the callbacks themselves, through a global counter the purity lint
//! allows with a stated reason.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use dash::cache::MemoryCache;
use dash::prelude::*;
use reqwest::header::{COOKIE, SET_COOKIE};
use serde_json::{Value, json};

static SESSION_RUNS: AtomicUsize = AtomicUsize::new(0);
static TTL_RUNS: AtomicUsize = AtomicUsize::new(0);
static HOUR_RUNS: AtomicUsize = AtomicUsize::new(0);
static PREVENTED_RUNS: AtomicUsize = AtomicUsize::new(0);
static FAILING_RUNS: AtomicUsize = AtomicUsize::new(0);
static VERSIONED_RUNS: AtomicUsize = AtomicUsize::new(0);
static PRODUCER_RUNS: AtomicUsize = AtomicUsize::new(0);
static GREET_RUNS: AtomicUsize = AtomicUsize::new(0);

/// A server-side store between a producer and a reader, for the eviction and expiry tests.
#[dash::app]
mod kept {
    use dash::prelude::*;
    use std::sync::atomic::Ordering;

    #[ids]
    pub struct Ids {
        n: Component,
        big: ServerStore<Vec<u64>>,
        total: html::Div,
    }

    #[callback(
        output = "big.data",
        input = "n.value",
        allow_global_writes = "counts runs for the test"
    )]
    fn produce(n: u64) -> Vec<u64> {
        super::PRODUCER_RUNS.fetch_add(1, Ordering::SeqCst);
        (0..n).collect()
    }

    #[callback(output = "total.children", input = "big.data")]
    fn total(values: Vec<u64>) -> u64 {
        values.iter().sum()
    }
}

/// A server-side store whose producer takes a long list: its handle carries a hash.
#[dash::app]
mod wide {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        names: Component,
        greetings: ServerStore<Vec<String>>,
        count: html::Div,
    }

    #[callback(
        output = "greetings.data",
        input = "names.value",
        memoize(scope = "session"),
        allow_global_writes = "counts runs for the test"
    )]
    fn greet(names: Vec<String>) -> Vec<String> {
        super::GREET_RUNS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        (0..100)
            .flat_map(|_| names.iter().map(|name| format!("hello {name}")))
            .collect()
    }

    #[callback(output = "count.children", input = "greetings.data")]
    fn count(greetings: Vec<String>) -> usize {
        greetings.len()
    }
}

fn wide_app(cache: MemoryCache) -> Dash {
    support::dash()
        .cache(cache)
        .layout(
            html::Div::new().children([
                Component::html("Div")
                    .id("names")
                    .prop("value", Vec::<String>::new())
                    .into(),
                ServerStore::<Vec<String>>::new("greetings").into(),
                html::Div::new().id("count").into(),
            ]),
        )
        .app::<wide::Ids>()
}

fn kept_app() -> Dash {
    support::dash()
        .layout(html::Div::new().children([
            // `produce` takes a `u64`: the prop has a value from the start.
            Component::html("Div").id("n").prop("value", 10).into(),
            ServerStore::<Vec<u64>>::new("big").into(),
            html::Div::new().id("total").into(),
        ]))
        .app::<kept::Ids>()
}

#[dash::app]
mod memo {
    use dash::prelude::*;
    use std::sync::atomic::Ordering;

    #[ids]
    pub struct Ids {
        s_in: Component,
        s_out: Component,
        t_in: Component,
        t_out: Component,
        h_in: Component,
        h_out: Component,
        p_in: Component,
        p_out: Component,
        f_in: Component,
        f_out: Component,
        v_in: Component,
        v_out: Component,
    }

    #[callback(
        output = "s_out.children",
        input = "s_in.value",
        memoize(scope = "session"),
        allow_global_writes = "counts runs for the test"
    )]
    fn per_session(value: Option<String>) -> String {
        super::SESSION_RUNS.fetch_add(1, Ordering::SeqCst);
        format!("hello {}", value.unwrap_or_default())
    }

    #[callback(
        output = "t_out.children",
        input = "t_in.value",
        memoize(ttl = "1s"),
        allow_global_writes = "counts runs for the test"
    )]
    fn short_lived(value: Option<i64>) -> i64 {
        super::TTL_RUNS.fetch_add(1, Ordering::SeqCst);
        value.unwrap_or(0) * 2
    }

    #[callback(
        output = "h_out.children",
        input = "h_in.value",
        memoize(ttl = "1h"),
        allow_global_writes = "counts runs for the test"
    )]
    fn hour_long(value: Option<i64>) -> i64 {
        super::HOUR_RUNS.fetch_add(1, Ordering::SeqCst);
        value.unwrap_or(0) * 3
    }

    #[callback(
        output = "p_out.children",
        input = "p_in.value",
        memoize,
        allow_global_writes = "counts runs for the test"
    )]
    fn prevented(value: Option<i64>) -> Result<String, CallbackError> {
        super::PREVENTED_RUNS.fetch_add(1, Ordering::SeqCst);
        Err(PreventUpdate.into()).map(|()| format!("{value:?}"))
    }

    #[callback(
        output = "f_out.children",
        input = "f_in.value",
        memoize,
        allow_global_writes = "counts runs for the test"
    )]
    fn failing(value: Option<i64>) -> Result<String, CallbackError> {
        super::FAILING_RUNS.fetch_add(1, Ordering::SeqCst);
        Err(CallbackError::msg(format!("no result for {value:?}")))
    }

    #[callback(
        output = "v_out.children",
        input = "v_in.value",
        memoize,
        allow_global_writes = "counts runs for the test"
    )]
    fn versioned(value: Option<i64>) -> i64 {
        super::VERSIONED_RUNS.fetch_add(1, Ordering::SeqCst);
        value.unwrap_or(0) + 1
    }
}

fn layout() -> html::Div {
    let ids = [
        "s_in", "s_out", "t_in", "t_out", "h_in", "h_out", "p_in", "p_out", "f_in", "f_out",
        "v_in", "v_out",
    ];
    html::Div::new().children(ids.map(|id| Node::from(html::Div::new().id(id))).to_vec())
}

fn app() -> Dash {
    support::dash().layout(layout()).app::<memo::Ids>()
}

/// POSTs a call of the callback writing `output` with one input value; returns the status
/// and the body.
async fn call(
    base: &str,
    output: &str,
    input: &str,
    value: Value,
    cookie: Option<&str>,
) -> (u16, Value) {
    let (id, property) = output.split_once('.').unwrap();
    let (in_id, in_prop) = input.split_once('.').unwrap();
    let mut request = support::http()
        .post(format!("{base}/_dash-update-component"))
        .json(&json!({
            "output": output,
            "outputs": {"id": id, "property": property},
            "inputs": [{"id": in_id, "property": in_prop, "value": value}],
        }));
    if let Some(cookie) = cookie {
        request = request.header(COOKIE, cookie);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

fn runs(counter: &AtomicUsize) -> usize {
    counter.load(Ordering::SeqCst)
}

#[tokio::test]
async fn session_scope_keeps_results_per_browser_session() {
    let base = support::serve(app()).await;
    // The page gives a session cookie, once.
    let page = support::get(format!("{base}/")).await;
    let set = page
        .headers()
        .get(SET_COOKIE)
        .expect("a session cookie")
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        set.starts_with("dash_session=")
            && set.contains("HttpOnly")
            && set.contains("SameSite=Lax")
            && set.contains("; Path=/;"),
        "{set}"
    );
    let cookie = set.split(';').next().unwrap().to_owned();
    let again = support::http()
        .get(format!("{base}/"))
        .header(COOKIE, &cookie)
        .send()
        .await
        .unwrap();
    assert!(
        again.headers().get(SET_COOKIE).is_none(),
        "a session keeps its cookie"
    );

    let call = |cookie: Option<String>| {
        let base = base.clone();
        async move {
            call(
                &base,
                "s_out.children",
                "s_in.value",
                json!("Ada"),
                cookie.as_deref(),
            )
            .await
        }
    };
    let before = runs(&SESSION_RUNS);
    assert_eq!(
        call(Some(cookie.clone())).await.1["response"]["s_out"]["children"],
        "hello Ada"
    );
    assert_eq!(call(Some(cookie.clone())).await.0, 200);
    assert_eq!(
        runs(&SESSION_RUNS) - before,
        1,
        "the same session reuses its result"
    );
    call(Some("dash_session=someoneelse".into())).await;
    assert_eq!(runs(&SESSION_RUNS) - before, 2, "another session does not");
    call(None).await;
    call(None).await;
    assert_eq!(runs(&SESSION_RUNS) - before, 4, "no session, no caching");
}

/// Under a prefix, the cookie goes only with requests to the app, where the browser sees
/// it: behind a proxy that strips `/sales`, that is `/sales/`.
#[tokio::test]
async fn the_session_cookie_is_scoped_to_the_prefix() {
    for (app, page) in [
        (app().url_base_pathname("/sales/"), "/sales/"),
        (app().requests_pathname_prefix("/sales/"), "/"),
    ] {
        let base = support::serve(app).await;
        let answer = support::get(format!("{base}{page}")).await;
        let set = answer.headers()[SET_COOKIE].to_str().unwrap().to_owned();
        assert!(set.contains("; Path=/sales/;"), "{set}");
    }
}

#[tokio::test]
async fn an_app_without_session_scope_sets_no_cookie() {
    let base = support::serve(support::dash().layout(html::Div::new())).await;
    let page = support::get(format!("{base}/")).await;
    assert!(page.headers().get(SET_COOKIE).is_none());
}

/// Kept within the time to live (an hour, so no slow machine reaches its end), run again
/// after it (a second, slept out: a sleep lasts at least that long).
#[tokio::test]
async fn results_expire_after_their_time_to_live() {
    let base = support::serve(app()).await;
    let before = runs(&HOUR_RUNS);
    for _ in 0..3 {
        let (status, body) = call(&base, "h_out.children", "h_in.value", json!(21), None).await;
        assert_eq!(
            (status, &body["response"]["h_out"]["children"]),
            (200, &json!(63))
        );
    }
    assert_eq!(runs(&HOUR_RUNS) - before, 1, "kept within the hour");

    let before = runs(&TTL_RUNS);
    let (status, body) = call(&base, "t_out.children", "t_in.value", json!(21), None).await;
    assert_eq!(
        (status, &body["response"]["t_out"]["children"]),
        (200, &json!(42))
    );
    tokio::time::sleep(Duration::from_millis(1100)).await;
    call(&base, "t_out.children", "t_in.value", json!(21), None).await;
    assert_eq!(runs(&TTL_RUNS) - before, 2, "expired, so run again");
}

#[tokio::test]
async fn prevented_updates_and_errors_are_never_cached() {
    let base = support::serve(app()).await;
    let (prevented, failing) = (runs(&PREVENTED_RUNS), runs(&FAILING_RUNS));
    for _ in 0..2 {
        assert_eq!(
            call(&base, "p_out.children", "p_in.value", json!(1), None)
                .await
                .0,
            204
        );
        let (status, body) = call(&base, "f_out.children", "f_in.value", json!(1), None).await;
        assert_eq!(status, 500, "{body}");
    }
    assert_eq!(runs(&PREVENTED_RUNS) - prevented, 2);
    assert_eq!(runs(&FAILING_RUNS) - failing, 2);
}

#[tokio::test]
async fn the_cache_version_separates_results() {
    let shared = Arc::new(MemoryCache::new(1 << 20));
    let v1 = support::serve(app().cache(shared.clone()).cache_version("1")).await;
    let v1_again = support::serve(app().cache(shared.clone()).cache_version("1")).await;
    let v2 = support::serve(app().cache(shared.clone()).cache_version("2")).await;
    let before = runs(&VERSIONED_RUNS);
    call(&v1, "v_out.children", "v_in.value", json!(5), None).await;
    call(&v1_again, "v_out.children", "v_in.value", json!(5), None).await;
    assert_eq!(
        runs(&VERSIONED_RUNS) - before,
        1,
        "one backend, one version: one run"
    );
    let (status, body) = call(&v2, "v_out.children", "v_in.value", json!(5), None).await;
    assert_eq!(
        (status, &body["response"]["v_out"]["children"]),
        (200, &json!(6))
    );
    assert_eq!(
        runs(&VERSIONED_RUNS) - before,
        2,
        "a new version runs again"
    );
    assert!(!shared.is_empty());
}

/// Produces a store for `n` and reads it back through the handle; returns the total.
async fn produce_and_total(base: &str, n: u64) -> Value {
    let (status, body) = call(base, "big.data", "n.value", json!(n), None).await;
    assert_eq!(status, 200, "{body}");
    let handle = body["response"]["big"]["data"].clone();
    assert!(handle["dash_server_store"].is_object(), "{handle}");
    let (status, body) = call(base, "total.children", "big.data", handle, None).await;
    assert_eq!(status, 200, "{body}");
    body["response"]["total"]["children"].clone()
}

#[tokio::test]
async fn server_store_values_evicted_or_expired_are_computed_again() {
    // Eviction: a cache too small to keep the value.
    let tiny = support::serve(kept_app().cache(MemoryCache::new(100))).await;
    let before = runs(&PRODUCER_RUNS);
    assert_eq!(produce_and_total(&tiny, 1000).await, json!(499_500));
    assert_eq!(
        runs(&PRODUCER_RUNS) - before,
        2,
        "produced, then computed again for the reader"
    );

    // Kept for the default store_ttl (a day): the reader finds the value.
    let kept = support::serve(kept_app()).await;
    let before = runs(&PRODUCER_RUNS);
    assert_eq!(produce_and_total(&kept, 10).await, json!(45));
    assert_eq!(runs(&PRODUCER_RUNS) - before, 1, "produced once, then kept");

    // Expiry: kept for 300 ms only, read after 400.
    let short = support::serve(kept_app().store_ttl(Duration::from_millis(300))).await;
    let (status, body) = call(&short, "big.data", "n.value", json!(10), None).await;
    assert_eq!(status, 200);
    let handle = body["response"]["big"]["data"].clone();
    let before = runs(&PRODUCER_RUNS);
    tokio::time::sleep(Duration::from_millis(400)).await;
    let (status, body) = call(&short, "total.children", "big.data", handle, None).await;
    assert_eq!(
        (status, &body["response"]["total"]["children"]),
        (200, &json!(45))
    );
    assert_eq!(
        runs(&PRODUCER_RUNS) - before,
        1,
        "expired, so computed again"
    );
}

#[tokio::test]
async fn a_handle_of_long_arguments_carries_a_hash_and_stays_small() {
    let names: Vec<String> = (0..100).map(|i| format!("person-{i:03}")).collect();
    let count = |base: String, handle: Value| async move {
        call(&base, "count.children", "greetings.data", handle, None).await
    };
    // A cache that keeps the arguments (1.3 KB) but not the value (160 KB).
    let small = support::serve(wide_app(MemoryCache::new(20_000))).await;
    let (status, body) = call(&small, "greetings.data", "names.value", json!(names), None).await;
    assert_eq!(status, 200, "{body}");
    let handle = body["response"]["greetings"]["data"].clone();
    let size = serde_json::to_vec(&handle).unwrap().len();
    assert!(size < 300, "{size} bytes: {handle}");
    assert!(handle["dash_server_store"]["args"].is_null(), "{handle}");
    assert_eq!(
        handle["dash_server_store"]["key"].as_str().map(str::len),
        Some(64)
    );
    // The value was too large to keep: computed again from the kept arguments.
    let (status, body) = count(small.clone(), handle.clone()).await;
    assert_eq!(
        (status, &body["response"]["count"]["children"]),
        (200, &json!(10_000))
    );

    // A server that has neither: a clear 410, and it keeps serving.
    let other = support::serve(wide_app(MemoryCache::new(1 << 20))).await;
    let (status, body) = count(other.clone(), handle.clone()).await;
    assert_eq!(status, 410, "{body}");
    let message = body["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("greetings.data") && message.contains("change an input of `greet`"),
        "{message}"
    );
    assert_eq!(body["error"]["kind"], "store_gone");

    // A handle whose key was altered is refused, whatever the cache holds.
    let mut forged = handle.clone();
    forged["dash_server_store"]["key"] = json!("0".repeat(64));
    let (status, _) = count(small.clone(), forged).await;
    assert_eq!(status, 410, "no arguments under that key");
    forged = handle.clone();
    forged["dash_server_store"]["key"] = json!("not a hash");
    let (status, body) = count(small.clone(), forged).await;
    assert_eq!(status, 400, "{body}");

    // Short arguments are carried in the handle as before.
    let (status, body) = call(
        &other,
        "greetings.data",
        "names.value",
        json!(["Ann"]),
        None,
    )
    .await;
    assert_eq!(status, 200);
    let handle = &body["response"]["greetings"]["data"]["dash_server_store"];
    assert_eq!(handle["args"], json!([["Ann"]]), "{handle}");
    assert!(handle["key"].is_null());

    a_hashed_handle_of_another_session_computes_this_sessions_value().await;
}

/// Part of the test above (the run counter is shared by both).
async fn a_hashed_handle_of_another_session_computes_this_sessions_value() {
    let names: Vec<String> = (0..100).map(|i| format!("person-{i:03}")).collect();
    let base = support::serve(wide_app(MemoryCache::new(1 << 22))).await;
    let (ann, bob) = (Some("dash_session=ann"), Some("dash_session=bob"));
    let (status, body) = call(&base, "greetings.data", "names.value", json!(names), ann).await;
    assert_eq!(status, 200, "{body}");
    let handle = body["response"]["greetings"]["data"].clone();
    assert!(handle["dash_server_store"]["key"].is_string(), "{handle}");
    let before = runs(&GREET_RUNS);
    let count = |cookie| {
        call(
            &base,
            "count.children",
            "greetings.data",
            handle.clone(),
            cookie,
        )
    };
    // Ann's own value is there; Bob's is computed from the same inputs, in his session.
    for (cookie, ran) in [(ann, 0), (bob, 1), (bob, 1), (ann, 1)] {
        let (status, body) = count(cookie).await;
        assert_eq!(
            (status, &body["response"]["count"]["children"]),
            (200, &json!(10_000))
        );
        assert_eq!(runs(&GREET_RUNS) - before, ran, "{cookie:?}");
    }
    // A memo hit hands out the same hashed handle, and keeps its arguments again.
    let (status, again) = call(&base, "greetings.data", "names.value", json!(names), ann).await;
    assert_eq!(status, 200);
    assert_eq!(again["response"]["greetings"]["data"], handle);
    assert_eq!(runs(&GREET_RUNS) - before, 1, "a memo hit");
}
