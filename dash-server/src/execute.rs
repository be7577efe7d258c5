//! Running one callback: async ones as tasks, sync ones on the bounded blocking pool, or
//! inline once they have shown that they are quick; panics caught and turned into errors.
//!
//! Handing a call to the blocking pool and back costs more CPU than a quick callback
//! itself (two thread wake-ups; about 30 µs a request here, against 20 µs for all the
//! rest: `scripts/bench-http`). So each sync callback keeps a [`Pace`], a score that
//! each call slower than [`QUICK`] raises a lot and each quick one lowers a little. Once
//! the score is low, the callback runs on the async worker that received the request; a
//! callback that turns slow goes back to the pool within a few calls, while the rare slow
//! call of a loaded machine does not move a quick one.

use std::any::Any;
use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use dash_core::{Args, CallContext, CallbackResult, CallbackSpec, Handler, SyncAdapter};
use tokio::sync::Semaphore;

/// The longest call that counts as quick: what an async worker may spend on a callback
/// without delaying the other requests it serves noticeably.
pub(crate) const QUICK: Duration = Duration::from_micros(100);

/// What one slow call adds to a callback's score; each quick call takes one off.
const SLOW: u32 = 64;

/// Below this score a callback runs inline: at most one call in 65 may be slow (the
/// machine delays some calls of any callback), and a callback that is slow every time
/// goes back to the pool after four calls.
const INLINE_BELOW: u32 = 256;

/// The highest score, where every callback starts: it runs inline after this many quick
/// calls less `INLINE_BELOW`.
const MOST: u32 = 1024;

/// How quick one sync callback has been: a score that slow calls raise and quick ones
/// lower.
#[derive(Debug)]
pub(crate) struct Pace {
    score: AtomicU32,
}

impl Default for Pace {
    fn default() -> Self {
        Pace {
            score: AtomicU32::new(MOST),
        }
    }
}

impl Pace {
    /// Has it been quick enough, lately, to run inline?
    fn inline(&self) -> bool {
        self.score.load(Ordering::Relaxed) < INLINE_BELOW
    }

    fn record(&self, took: Duration) {
        let step = |score: u32| {
            Some(if took <= QUICK {
                score.saturating_sub(1)
            } else {
                (score + SLOW).min(MOST)
            })
        };
        let _ = self
            .score
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, step);
    }
}

/// How a run ended when it did not return.
pub(crate) enum Abnormal {
    /// The callback panicked; the message of the panic.
    Panicked(String),
    /// The task was cancelled (the runtime is shutting down).
    Cancelled,
}

/// Runs callbacks, with at most `limit` sync callbacks on the pool at once.
#[derive(Clone)]
pub(crate) struct Executor {
    permits: Arc<Semaphore>,
    /// The pace of each sync callback, by the address of its spec (built once at startup,
    /// behind the registry's `Arc`, so it never moves; unlike the adapter's address, which
    /// the compiler may share between identical functions, it is one callback's own);
    /// built once, so reading it takes no lock.
    paces: Arc<HashMap<usize, Pace>>,
    /// The prefix the browser requests the app under, when it is not `/`: in force while
    /// a sync callback runs, for the links it builds (`pages::relative_path`).
    prefix: Option<Arc<str>>,
}

impl Executor {
    /// An executor for these callbacks.
    pub(crate) fn new<'a>(limit: usize, specs: impl IntoIterator<Item = &'a CallbackSpec>) -> Self {
        let paces = specs
            .into_iter()
            .filter_map(|spec| match spec.handler {
                // A background job may run for minutes: never on an async worker.
                Handler::Blocking(_) if spec.dependency.background.is_none() => {
                    Some((address(spec), Pace::default()))
                }
                _ => None,
            })
            .collect();
        Executor {
            permits: Arc::new(Semaphore::new(limit.max(1))),
            paces: Arc::new(paces),
            prefix: None,
        }
    }

    /// Runs sync callbacks with `prefix` in force for the links they build.
    pub(crate) fn with_prefix(mut self, prefix: &str) -> Self {
        self.prefix = (prefix != "/").then(|| Arc::from(prefix));
        self
    }

    pub(crate) async fn run(
        &self,
        spec: &CallbackSpec,
        args: Args,
        call: &CallContext,
    ) -> Result<CallbackResult, Abnormal> {
        match spec.handler {
            Handler::Blocking(function) => {
                let pace = self.paces.get(&address(spec));
                if let Some(pace) = pace.filter(|pace| pace.inline()) {
                    let started = Instant::now();
                    let result = inline(function, args, call, self.prefix.as_deref());
                    pace.record(started.elapsed());
                    return result;
                }
                // A background job holds its thread for as long as it runs: it takes no
                // permit, so that jobs never starve the ordinary callbacks (tokio's
                // blocking pool bounds them, at 512 threads).
                let permit = if spec.dependency.background.is_some() {
                    None
                } else {
                    Some(
                        self.permits
                            .clone()
                            .acquire_owned()
                            .await
                            .map_err(|_| Abnormal::Cancelled)?,
                    )
                };
                let call = call.clone();
                let prefix = self.prefix.clone();
                let task = tokio::task::spawn_blocking(move || {
                    let _permit = permit;
                    let _scope = prefix.as_deref().map(crate::pages::PrefixScope::enter);
                    let started = Instant::now();
                    let result = function(args, &call);
                    (result, started.elapsed())
                });
                match task.await {
                    Ok((result, took)) => {
                        if let Some(pace) = pace {
                            pace.record(took);
                        }
                        Ok(result)
                    }
                    Err(error) => joined(Err(error)),
                }
            }
            Handler::Inline(function) => inline(function, args, call, self.prefix.as_deref()),
            Handler::Async(function) => {
                // Building the future decodes the arguments, which may panic too.
                let future = std::panic::catch_unwind(AssertUnwindSafe(|| function(args, call)))
                    .map_err(|p| Abnormal::Panicked(panic_message(&*p)))?;
                joined(tokio::spawn(future).await)
            }
        }
    }
}

/// Runs a sync callback on the calling thread.
fn inline(
    function: SyncAdapter,
    args: Args,
    call: &CallContext,
    prefix: Option<&str>,
) -> Result<CallbackResult, Abnormal> {
    let _scope = prefix.map(crate::pages::PrefixScope::enter);
    std::panic::catch_unwind(AssertUnwindSafe(|| function(args, call)))
        .map_err(|p| Abnormal::Panicked(panic_message(&*p)))
}

/// What tells callbacks apart: each has its own spec, which never moves.
fn address(spec: &CallbackSpec) -> usize {
    std::ptr::from_ref(spec) as usize
}

fn joined(
    result: Result<CallbackResult, tokio::task::JoinError>,
) -> Result<CallbackResult, Abnormal> {
    result.map_err(|error| match error.try_into_panic() {
        Ok(payload) => Abnormal::Panicked(panic_message(&*payload)),
        Err(_) => Abnormal::Cancelled,
    })
}

/// The message of a panic, from its payload.
pub(crate) fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_owned()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "a panic without a message".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dash_core::{Request, Resources};
    use std::thread::{self, ThreadId};

    /// Records the thread it ran on, in a global the test reads.
    static LAST: std::sync::Mutex<Option<ThreadId>> = std::sync::Mutex::new(None);

    fn quick(_: Args, call: &CallContext) -> CallbackResult {
        *LAST.lock().unwrap() = Some(thread::current().id());
        dash_core::Returned::new(Vec::new(), call)
    }

    fn slow(_: Args, call: &CallContext) -> CallbackResult {
        *LAST.lock().unwrap() = Some(thread::current().id());
        thread::sleep(Duration::from_millis(2));
        dash_core::Returned::new(Vec::new(), call)
    }

    fn context() -> CallContext {
        CallContext::new(Arc::new(Resources::default()), Request::default())
    }

    /// Runs `spec` until it runs on this thread (inline), at most `limit` times; the
    /// number of calls it took.
    async fn calls_until_inline(
        executor: &Executor,
        spec: &CallbackSpec,
        limit: u32,
    ) -> Option<u32> {
        let here = thread::current().id();
        for n in 1..=limit {
            executor
                .run(spec, Args::default(), &context())
                .await
                .ok()
                .unwrap()
                .unwrap();
            if *LAST.lock().unwrap() == Some(here) {
                return Some(n);
            }
        }
        None
    }

    // One test, so that the callbacks' shared record is not raced.
    #[tokio::test(flavor = "current_thread")]
    async fn quick_callbacks_run_inline_and_slow_ones_on_the_pool() {
        let quick_spec = CallbackSpec::new("quick", Handler::Blocking(quick));
        let slow_spec = CallbackSpec::new("slow", Handler::Blocking(slow));
        let executor = Executor::new(2, [&quick_spec, &slow_spec]);

        // A quick callback starts on the pool and runs inline after enough quick calls.
        // (A call that the machine delays past `QUICK` only makes it take longer.)
        let first = calls_until_inline(&executor, &quick_spec, 100_000).await;
        assert!(first.is_some_and(|n| n > MOST - INLINE_BELOW), "{first:?}");

        // A slow one never runs inline.
        assert_eq!(calls_until_inline(&executor, &slow_spec, 40).await, None);

        // A rare slow call leaves a quick callback inline; a run of them sends it back.
        let pace = &executor.paces[&address(&quick_spec)];
        for _ in 0..MOST {
            pace.record(Duration::ZERO);
        }
        pace.record(QUICK * 2);
        assert!(pace.inline());
        for _ in 0..4 {
            pace.record(QUICK * 2);
        }
        assert!(!pace.inline());
    }
}
