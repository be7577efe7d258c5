//! The app the benchmarks load besides the examples; `tests/python/bench_app.py` is its
//! Python twin, callback for callback:
//!
//! - a chain of five callbacks, each reading the one before: a click on `go` sets `s1`, and
//!   so on through `s2`, `s3` and `s4` (stores) to `out`, which shows `n_clicks + 5`
//!   (`scripts/bench-chain` times it in Chromium);
//! - `burn`, which spends `burn_ms.data` milliseconds of CPU time in the calling thread
//!   and answers that number (`scripts/bench-http`, the slow-callback rows);
//! - `job`, a background callback that writes one progress value, sleeps `job_ms.data`
//!   milliseconds and answers that number (`scripts/bench-jobs`).
//!
//! Listens on `PORT` (8050 by default).

use dash::prelude::*;

/// The CPU time the calling thread has used.
fn thread_cpu() -> std::time::Duration {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid timespec for the call to fill; the clock id is a constant
    // every Linux has.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    assert_eq!(status, 0, "the thread CPU clock is readable");
    std::time::Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
}

/// Spends `ms` milliseconds of this thread's CPU time.
fn burn_cpu(ms: i64) {
    let until = thread_cpu() + std::time::Duration::from_millis(ms.max(0) as u64);
    while thread_cpu() < until {
        std::hint::spin_loop();
    }
}

#[dash::app]
mod bench {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        go: html::Button,
        s1: Store<i64>,
        s2: Store<i64>,
        s3: Store<i64>,
        s4: Store<i64>,
        out: html::Div,
        burn_ms: Store<i64>,
        work: html::Div,
        job_go: html::Button,
        job_ms: Store<i64>,
        job_progress: html::Div,
        job_out: html::Div,
    }

    #[callback(output = "s1.data", input = "go.n_clicks")]
    fn one(clicks: Option<i64>) -> i64 {
        clicks.unwrap_or(0) + 1
    }

    #[callback(output = "s2.data", input = "s1.data")]
    fn two(value: Option<i64>) -> i64 {
        value.unwrap_or(0) + 1
    }

    #[callback(output = "s3.data", input = "s2.data")]
    fn three(value: Option<i64>) -> i64 {
        value.unwrap_or(0) + 1
    }

    #[callback(output = "s4.data", input = "s3.data")]
    fn four(value: Option<i64>) -> i64 {
        value.unwrap_or(0) + 1
    }

    #[callback(output = "out.children", input = "s4.data")]
    fn five(value: Option<i64>) -> i64 {
        value.unwrap_or(0) + 1
    }

    #[callback(
        output = "job_out.children",
        input = "job_go.n_clicks",
        state = "job_ms.data",
        background,
        progress = "job_progress.children",
        prevent_initial_call
    )]
    fn job(
        _clicks: Option<i64>,
        ms: Option<i64>,
        progress: Progress<String>,
    ) -> Result<i64, CallbackError> {
        progress.set("started".to_owned())?;
        let ms = ms.unwrap_or(0);
        std::thread::sleep(std::time::Duration::from_millis(ms.max(0) as u64));
        Ok(ms)
    }

    #[callback(output = "work.children", input = "burn_ms.data")]
    fn burn(ms: Option<i64>) -> i64 {
        let ms = ms.unwrap_or(0);
        super::burn_cpu(ms);
        ms
    }
}

fn main() -> Result<(), dash::StartupError> {
    let stores = ["s1", "s2", "s3", "s4"].map(|id| Node::from(Store::<i64>::new(id)));
    Dash::new()
        .title("Bench")
        .layout(
            html::Div::new().children(
                [html::Button::new().id("go").children("Go").into()]
                    .into_iter()
                    .chain(stores)
                    .chain([
                        html::Div::new().id("out").into(),
                        Store::<i64>::new("burn_ms").data(0).into(),
                        html::Div::new().id("work").into(),
                        html::Button::new().id("job_go").children("Job").into(),
                        Store::<i64>::new("job_ms").data(0).into(),
                        html::Div::new().id("job_progress").into(),
                        html::Div::new().id("job_out").into(),
                    ])
                    .collect::<Vec<Node>>(),
            ),
        )
        .app::<bench::Ids>()
        .run()
}
