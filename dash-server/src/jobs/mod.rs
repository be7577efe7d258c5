//! Background jobs in this process: each job runs as a task, and the polls that follow
//! take its progress, its side updates and, once, its result (../shared/dash-protocol-part2.md
//! §1). A job is known only by its id, which reaches the browser signed (`handle.rs`):
//! results are kept per job, never shared between requests.
//!
//! Nothing is kept for long: a finished job whose result no poll takes within
//! `RESULT_TTL` is dropped, and a running job that no poll has asked about for
//! `ABANDONED_AFTER` (the page was closed or reloaded: the renderer says nothing when it
//! goes) is cancelled.

pub(crate) mod handle;
#[cfg(feature = "redis")]
pub(crate) mod shared;

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use dash_core::{Args, CallContext, CallbackError, CallbackResult, CallbackSpec, Handler, PropId};
use serde_json::{Map, Value};

use crate::error::ApiError;

/// How long a finished job's result waits for its poll.
pub(crate) const RESULT_TTL: Duration = Duration::from_secs(300);

/// How long a running job goes unpolled before it counts as abandoned (beyond its own
/// polling interval, which the browser waits between polls).
pub(crate) const ABANDONED_AFTER: Duration = Duration::from_secs(15);

/// How a job ended.
pub(crate) enum Finished {
    /// The response body (`None`: 204, nothing to update).
    Body(Option<Vec<u8>>),
    /// The error answer.
    Error(ApiError),
}

/// Where the app's background jobs live.
pub(crate) enum JobStore {
    /// In this process.
    Local(std::sync::Arc<Jobs>),
    /// On Redis, shared by the replicas (when the app's cache is Redis).
    #[cfg(feature = "redis")]
    Shared(std::sync::Arc<shared::SharedJobs>),
}

/// The job store for an app whose cache is `cache`: on Redis when the cache is there (the
/// replicas share both), else in this process.
pub(crate) fn store_for(cache: &crate::cache::Cache) -> JobStore {
    #[cfg(feature = "redis")]
    if let Some(client) = cache.redis_client() {
        return JobStore::Shared(std::sync::Arc::new(shared::SharedJobs::new(client.clone())));
    }
    let _ = cache;
    JobStore::Local(std::sync::Arc::default())
}

/// What signs the handles: the app's secret key (`Dash::secret_key`, or
/// `DASH_SECRET_KEY`); else, for jobs on Redis, the secret the replicas share there; else
/// one of this process's own.
pub(crate) fn signer(secret: Option<Vec<u8>>, jobs: Option<&JobStore>) -> handle::Signer {
    let secret = secret.or_else(|| {
        std::env::var("DASH_SECRET_KEY")
            .ok()
            .filter(|key| !key.is_empty())
            .map(String::into_bytes)
    });
    if let Some(secret) = secret {
        return handle::Signer::new(secret);
    }
    #[cfg(feature = "redis")]
    if let Some(JobStore::Shared(shared)) = jobs {
        match shared::shared_secret(shared.client()) {
            Some(secret) => return handle::Signer::new(secret),
            None => tracing::warn!(
                "redis unreachable at startup: this replica signs background jobs' handles \
                 with a secret of its own, which the others do not accept; set DASH_SECRET_KEY"
            ),
        }
    }
    let _ = jobs;
    handle::Signer::random()
}

/// What a poll finds.
pub(crate) enum Polled {
    /// No such job: cancelled, expired, already answered, or never started here.
    Gone,
    /// Still running, with what it wrote since the last poll.
    Running {
        progress: Option<Value>,
        side: Option<Map<String, Value>>,
    },
    /// Ended; the job is forgotten now.
    Finished {
        finished: Finished,
        progress: Option<Value>,
    },
}

struct Job {
    context: CallContext,
    /// The task of an `async` callback, which a cancel aborts. A sync callback runs on the
    /// blocking pool, where nothing can be aborted: it stops at its next `Progress::set`,
    /// and its task ends then.
    task: Option<tokio::task::AbortHandle>,
    finished: Option<Finished>,
    /// When a poll last asked, or when it finished.
    touched: Instant,
    /// The browser's wait between polls.
    interval: Duration,
    /// The callback, for the log.
    callback: &'static str,
}

/// The jobs of this process.
#[derive(Default)]
pub(crate) struct Jobs {
    jobs: Mutex<HashMap<String, Job>>,
    /// A sweeper runs (`http/background.rs` starts one when it finds none).
    pub(crate) sweeping: std::sync::atomic::AtomicBool,
}

impl Jobs {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Job>> {
        self.jobs.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Registers a job about to start.
    pub(crate) fn insert(
        &self,
        id: &str,
        context: CallContext,
        interval: Duration,
        callback: &'static str,
    ) {
        self.lock().insert(
            id.to_owned(),
            Job {
                context,
                task: None,
                finished: None,
                touched: Instant::now(),
                interval,
                callback,
            },
        );
    }

    /// The task running an `async` callback's job, so that a cancel can abort it.
    pub(crate) fn set_task(&self, id: &str, task: tokio::task::AbortHandle) {
        if let Some(job) = self.lock().get_mut(id) {
            job.task = Some(task);
        }
    }

    /// The job ended; its result waits for a poll. `false` when the job is no longer known
    /// (it was cancelled, or swept).
    pub(crate) fn finish(&self, id: &str, finished: Finished) -> bool {
        let mut jobs = self.lock();
        let Some(job) = jobs.get_mut(id) else {
            return false;
        };
        job.finished = Some(finished);
        job.touched = Instant::now();
        job.task = None;
        true
    }

    /// What a poll of the job finds. A finished job is handed over and forgotten.
    pub(crate) fn poll(&self, id: &str) -> Polled {
        let mut jobs = self.lock();
        let Some(job) = jobs.get_mut(id) else {
            return Polled::Gone;
        };
        job.touched = Instant::now();
        if job.finished.is_none() {
            return Polled::Running {
                progress: job.context.take_progress(),
                side: job.context.drain_side_updates(),
            };
        }
        let job = jobs.remove(id).expect("found above");
        Polled::Finished {
            progress: job.context.take_progress(),
            finished: job.finished.expect("finished"),
        }
    }

    /// Cancels the job, and forgets it: an `async` callback's task is aborted (it stops at
    /// its next `.await`); a sync callback stops at its next `Progress::set`.
    pub(crate) fn cancel(&self, id: &str, why: &str) -> bool {
        let Some(job) = self.lock().remove(id) else {
            return false;
        };
        stop(&job, why);
        true
    }

    /// Drops expired results and cancels abandoned jobs; returns how many jobs remain.
    pub(crate) fn sweep(&self) -> usize {
        self.sweep_with(RESULT_TTL, ABANDONED_AFTER)
    }

    fn sweep_with(&self, result_ttl: Duration, abandoned_after: Duration) -> usize {
        let now = Instant::now();
        let mut jobs = self.lock();
        jobs.retain(|_, job| {
            let idle = now.duration_since(job.touched);
            if job.finished.is_some() {
                if idle > result_ttl {
                    tracing::debug!(callback = job.callback, "background result expired unread");
                    return false;
                }
                return true;
            }
            if idle > job.interval + abandoned_after {
                stop(job, "no poll came for it");
                return false;
            }
            true
        });
        jobs.len()
    }

    /// How many jobs are running or waiting for their poll.
    pub(crate) fn len(&self) -> usize {
        self.lock().len()
    }
}

fn stop(job: &Job, why: &str) {
    job.context.cancel();
    if let Some(task) = &job.task {
        task.abort();
    }
    tracing::info!(
        callback = job.callback,
        reason = why,
        "background job cancelled"
    );
}

/// The callbacks that carry cancels to the server, one per distinct `cancel` input of the
/// background callbacks (Python's, ../shared/dash-protocol-part2.md §1.1): output
/// `<id>.id`, the cancel prop as its input. The renderer adds `cancelJob` to their
/// requests, which cancels the job; they update nothing.
pub(crate) fn cancel_callbacks(specs: &[CallbackSpec]) -> Vec<CallbackSpec> {
    let mut props: Vec<&PropId> = Vec::new();
    for spec in specs {
        if let Some(background) = &spec.dependency.background {
            for prop in &background.cancel {
                if !props.contains(&prop) {
                    props.push(prop);
                }
            }
        }
    }
    props
        .into_iter()
        .map(|prop| {
            CallbackSpec::new("cancel", Handler::Inline(update_nothing))
                .output(PropId::new(prop.id.clone(), "id"))
                .input(prop.clone())
                .prevent_initial_call(true)
                .allow_duplicate(true)
                .path("dash::background::cancel")
        })
        .collect()
}

fn update_nothing(_: Args, _: &CallContext) -> CallbackResult {
    Err(CallbackError::PreventUpdate)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(jobs: &Jobs, id: &str) -> CallContext {
        let context = CallContext::job(Default::default(), Default::default());
        jobs.insert(id, context.clone(), Duration::ZERO, "test");
        context
    }

    #[test]
    fn a_result_is_taken_once() {
        let jobs = Jobs::default();
        job(&jobs, "a");
        assert!(matches!(jobs.poll("a"), Polled::Running { .. }));
        assert!(jobs.finish("a", Finished::Body(Some(b"{}".to_vec()))));
        assert!(matches!(jobs.poll("a"), Polled::Finished { .. }));
        assert!(matches!(jobs.poll("a"), Polled::Gone));
        assert!(matches!(jobs.poll("never"), Polled::Gone));
    }

    #[test]
    fn unread_results_expire_and_unpolled_jobs_are_cancelled() {
        let jobs = Jobs::default();
        let running = job(&jobs, "running");
        job(&jobs, "finished");
        assert!(jobs.finish("finished", Finished::Body(None)));
        // Within their times, both stay.
        assert_eq!(
            jobs.sweep_with(Duration::from_secs(60), Duration::from_secs(60)),
            2
        );
        std::thread::sleep(Duration::from_millis(5));
        // Past them: the result is dropped, the running job cancelled and forgotten.
        assert_eq!(jobs.sweep_with(Duration::ZERO, Duration::ZERO), 0);
        assert!(running.is_cancelled());
        assert!(matches!(jobs.poll("finished"), Polled::Gone));
        assert!(matches!(jobs.poll("running"), Polled::Gone));
    }

    #[test]
    fn a_cancel_reaches_the_callback_and_forgets_the_job() {
        let jobs = Jobs::default();
        let context = job(&jobs, "a");
        assert!(context.set_progress_encoded(Ok(Value::from(1))).is_ok());
        assert!(jobs.cancel("a", "test"));
        assert!(context.is_cancelled());
        assert!(context.set_progress_encoded(Ok(Value::from(2))).is_err());
        assert!(!jobs.cancel("a", "test"), "already gone");
    }
}
