//! Where callbacks run: the blocking pool, its limit, and inline callbacks beside it.

use super::*;

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
