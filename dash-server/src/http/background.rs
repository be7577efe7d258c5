//! The background-callback side of `POST /_dash-update-component`
//! (../shared/dash-protocol-part2.md §1.2–1.3): the query parameters the renderer adds
//! (`endId`, `cacheKey`, `job`, `oldJob`, `cancelJob`), starting a job, answering its
//! polls, and cancelling jobs, whether the jobs live in this process or on Redis.

use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use dash_core::{Background, CallContext, CallbackSpec, PropId};
use serde_json::{Map, Value, json};

use super::update::Prepared;
use crate::call::{Call, Called};
use crate::error::ApiError;
use crate::jobs::{Finished, JobStore, Jobs, Polled};
use crate::protocol::response;
use crate::state::AppState;

/// How often abandoned jobs and unread results are looked for (jobs in this process).
const SWEEP_EVERY: Duration = Duration::from_secs(5);

/// The job parameters of a request's query string, as the renderer writes them (by plain
/// concatenation: nothing is percent-encoded).
#[derive(Default)]
pub(crate) struct JobQuery<'a> {
    /// The page load's id as sent; verified where a handle is made or checked, so that an
    /// ordinary callback's request costs no signature check.
    end: &'a str,
    cache_key: Option<&'a str>,
    job: Option<&'a str>,
    old_jobs: Vec<&'a str>,
    cancel_jobs: Vec<&'a str>,
}

impl<'a> JobQuery<'a> {
    pub(crate) fn parse(query: Option<&'a str>) -> JobQuery<'a> {
        let mut parsed = JobQuery::default();
        for pair in query.unwrap_or_default().split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "endId" => parsed.end = value,
                "cacheKey" => parsed.cache_key = Some(value),
                "job" => parsed.job = Some(value),
                "oldJob" => parsed.old_jobs.push(value),
                "cancelJob" => parsed.cancel_jobs.push(value),
                _ => {}
            }
        }
        parsed
    }

    /// Is this a poll of a running job?
    pub(crate) fn is_poll(&self) -> bool {
        self.job.is_some() || self.cache_key.is_some()
    }

    /// The scope of a handle of this `kind` for this page load: the load's id, verified,
    /// or none when the request carries no id that verifies.
    fn scope(&self, state: &AppState, kind: &str) -> String {
        let end = state.signer.verify("end", self.end).unwrap_or_default();
        format!("{kind}:{end}")
    }

    /// The id of a job handle signed for this page load.
    fn job_id(&self, state: &AppState, handle: &'a str) -> Option<&'a str> {
        state.signer.verify(&self.scope(state, "job"), handle)
    }
}

/// The page load's signed id, for `_dash-config`'s `end_id`.
pub(crate) fn new_end_id(state: &AppState) -> String {
    state
        .signer
        .sign("end", &crate::jobs::handle::random_value())
}

/// Cancels the jobs a request names in `cancelJob` (a cancel input changed) and, for a
/// new run of a background callback, in `oldJob` (the run it replaces). Handles that do
/// not verify for the request's page load are ignored.
pub(crate) async fn cancel_named(
    state: &AppState,
    jobs: &JobStore,
    query: &JobQuery<'_>,
    starting: bool,
) {
    let named = query
        .cancel_jobs
        .iter()
        .map(|handle| (handle, "a cancel input changed"))
        .chain(
            query
                .old_jobs
                .iter()
                .filter(|_| starting)
                .map(|handle| (handle, "the callback started again")),
        );
    for (handle, why) in named {
        let Some(id) = query.job_id(state, handle) else {
            continue;
        };
        match jobs {
            JobStore::Local(jobs) => {
                jobs.cancel(id, why);
            }
            #[cfg(feature = "redis")]
            JobStore::Shared(jobs) => {
                // (Redis away: the job is not cancelled, and ends as it would.)
                let _ = jobs.cancel(id, why).await;
            }
        }
    }
}

/// Answers a poll: `{"multi": true}` with what the job wrote since the last poll while it
/// runs; its response once it has ended; 204 for a job that is gone or a handle that does
/// not verify for this page load (the renderer then stops polling).
pub(crate) async fn poll(
    state: &Arc<AppState>,
    jobs: &JobStore,
    spec: &CallbackSpec,
    query: &JobQuery<'_>,
) -> Response {
    let background = spec
        .dependency
        .background
        .as_ref()
        .expect("a background callback");
    let job = query.job.and_then(|handle| query.job_id(state, handle));
    let key = query
        .cache_key
        .and_then(|handle| state.signer.verify(&query.scope(state, "cacheKey"), handle));
    let (Some(id), Some(key)) = (job, key) else {
        return StatusCode::NO_CONTENT.into_response();
    };
    if id != key {
        return StatusCode::NO_CONTENT.into_response();
    }
    match jobs {
        JobStore::Local(jobs) => match jobs.poll(id) {
            Polled::Gone => StatusCode::NO_CONTENT.into_response(),
            Polled::Running { progress, side } => running(background, progress, side),
            Polled::Finished { finished, progress } => match finished {
                Finished::Body(body) => finished_body(background, body, progress, None),
                Finished::Error(error) => error.into_response_with(state.config.debug),
            },
        },
        #[cfg(feature = "redis")]
        JobStore::Shared(jobs) => {
            use crate::jobs::shared::SharedPoll;
            match jobs.poll(id).await {
                Err(error) => error.into_response_with(state.config.debug),
                Ok(SharedPoll::Gone) => StatusCode::NO_CONTENT.into_response(),
                Ok(SharedPoll::Running {
                    progress,
                    side,
                    restart,
                }) => {
                    if let Some(kept) = restart {
                        restart_job(state, jobs, id, kept);
                    }
                    running(background, progress, side)
                }
                Ok(SharedPoll::Finished {
                    answer,
                    progress,
                    side,
                }) => match answer {
                    (StatusCode::OK, body) => finished_body(background, body, progress, side),
                    (status, Some(body)) => (
                        status,
                        [(header::CONTENT_TYPE, "application/json")],
                        Body::from(body),
                    )
                        .into_response(),
                    (status, None) => status.into_response(),
                },
            }
        }
    }
}

/// `{"multi": true}` with what a running job wrote since the last poll.
fn running(
    background: &Background,
    progress: Option<Value>,
    side: Option<Map<String, Value>>,
) -> Response {
    let mut body = json!({"multi": true});
    if let Some(progress) = progress {
        body["progress"] = Value::Object(progress_map(background, progress));
    }
    if let Some(side) = side {
        body["sideUpdate"] = Value::Object(side);
    }
    json_response(body.to_string().into_bytes())
}

/// A finished job's response, with the progress and side updates no poll took yet.
fn finished_body(
    background: &Background,
    body: Option<Vec<u8>>,
    progress: Option<Value>,
    side: Option<Map<String, Value>>,
) -> Response {
    let Some(bytes) = body else {
        return StatusCode::NO_CONTENT.into_response();
    };
    if progress.is_none() && side.is_none() {
        return json_response(bytes);
    }
    let mut body: Value = serde_json::from_slice(&bytes).expect("the server wrote this JSON");
    if let Some(progress) = progress {
        body["progress"] = Value::Object(progress_map(background, progress));
    }
    if let Some(earlier) = side {
        // Written before the last poll's pump: they come first, the call's own after.
        let mut merged = earlier;
        if let Some(Value::Object(own)) = body.get("sideUpdate").cloned() {
            for (id, props) in own {
                match (merged.get_mut(&id), props) {
                    (Some(Value::Object(existing)), Value::Object(props)) => existing.extend(props),
                    (_, props) => {
                        merged.insert(id, props);
                    }
                }
            }
        }
        body["sideUpdate"] = Value::Object(merged);
    }
    json_response(body.to_string().into_bytes())
}

/// Starts a job for the request and answers with its handles: `{"cacheKey", "job"}`, and
/// `cancel` and `progressDefault` when the callback has them. The job runs as a task of
/// its own; the answer does not wait for it. On Redis, the request is kept there too, so
/// that another replica can run the job again should this one die.
pub(crate) async fn start(
    state: &Arc<AppState>,
    jobs: &JobStore,
    spec: &CallbackSpec,
    query: &JobQuery<'_>,
    prepared: Prepared,
    body: Bytes,
) -> Result<Response, ApiError> {
    let background = spec
        .dependency
        .background
        .as_ref()
        .expect("a background callback");
    let id = crate::jobs::handle::random_value();
    match jobs {
        JobStore::Local(jobs) => {
            run_here(state, jobs, spec, &id, prepared);
            sweep_while_jobs_run(jobs);
        }
        #[cfg(feature = "redis")]
        JobStore::Shared(shared) => {
            let cookie = prepared
                .request
                .headers
                .iter()
                .find(|(name, _)| name == "cookie")
                .map(|(_, value)| value.clone())
                .or_else(|| {
                    prepared
                        .session
                        .as_ref()
                        .map(|session| format!("{}={session}", crate::call::keys::SESSION_COOKIE))
                })
                .unwrap_or_default();
            let kept = crate::jobs::shared::Kept {
                output: spec.dependency.output_key(),
                body,
                cookie,
            };
            let interval = Duration::from_millis(background.interval_ms);
            shared.create(&id, &kept, interval).await?;
            run_here(state, &shared.local, spec, &id, prepared);
            shared.pump(id.clone(), interval, state.config.debug);
        }
    }
    #[cfg(not(feature = "redis"))]
    drop(body);
    let mut answer = json!({
        "cacheKey": state.signer.sign(&query.scope(state, "cacheKey"), &id),
        "job": state.signer.sign(&query.scope(state, "job"), &id),
    });
    if !background.cancel.is_empty() {
        answer["cancel"] = Value::Array(
            background
                .cancel
                .iter()
                .map(|prop| json!({"id": prop.id.to_string(), "property": prop.property}))
                .collect(),
        );
    }
    if let Some(defaults) = &background.progress_default {
        answer["progressDefault"] =
            Value::Object(props_map(&background.progress, defaults.clone()));
    }
    Ok(json_response(answer.to_string().into_bytes()))
}

/// Runs the job `id` in this process, as a task of its own.
fn run_here(
    state: &Arc<AppState>,
    jobs: &Arc<Jobs>,
    spec: &CallbackSpec,
    id: &str,
    prepared: Prepared,
) {
    let background = spec
        .dependency
        .background
        .as_ref()
        .expect("a background callback");
    let context = CallContext::job(state.resources.clone(), prepared.request);
    let interval = Duration::from_millis(background.interval_ms);
    jobs.insert(id, context.clone(), interval, spec.name);
    tracing::debug!(callback = spec.name, job = id, "background job started");
    let key = spec.dependency.output_key();
    let task = {
        let (state, jobs, id) = (state.clone(), jobs.clone(), id.to_owned());
        let (args, targets, session) = (prepared.args, prepared.targets, prepared.session);
        tokio::spawn(async move {
            let spec = state.registry.get(&key).expect("the spec is registered");
            let call = Call {
                state: &state,
                spec,
                session: session.as_deref(),
                context,
            };
            let finished = match call.answer(args).await {
                Ok(Called::Outputs(outputs, side) | Called::Fallback(outputs, side)) => {
                    match response::body(spec, outputs, side.as_ref(), &targets) {
                        Ok(body) => Finished::Body(body),
                        Err(error) => Finished::Error(error),
                    }
                }
                Ok(Called::Prevented) => Finished::Body(None),
                Err(error) => Finished::Error(error),
            };
            // A cancelled job is forgotten: its answer goes nowhere. (A job past its
            // time limit is cancelled too, but still known: its poll gets the timeout.)
            if jobs.finish(&id, finished) {
                tracing::debug!(callback = spec.name, "background job ended");
            } else if call.context.is_cancelled() {
                tracing::info!(
                    callback = spec.name,
                    "background job stopped after its cancel"
                );
            }
        })
    };
    if matches!(spec.handler, dash_core::Handler::Async(_)) {
        jobs.set_task(id, task.abort_handle());
    }
}

/// Runs again, here, a job whose replica stopped answering: its start request is parsed
/// and validated again, and it runs from the start (callbacks are pure, so this is safe).
#[cfg(feature = "redis")]
fn restart_job(
    state: &Arc<AppState>,
    shared: &Arc<crate::jobs::shared::SharedJobs>,
    id: &str,
    kept: crate::jobs::shared::Kept,
) {
    let Some(spec) = state.registry.get(&kept.output) else {
        return;
    };
    let prepared = crate::protocol::request::UpdateRequest::parse(&kept.body).and_then(|request| {
        let mut headers = axum::http::HeaderMap::new();
        if let Ok(cookie) = axum::http::HeaderValue::from_str(&kept.cookie) {
            headers.insert(header::COOKIE, cookie);
        }
        super::update::prepare(state, spec, request, &kept.body, &headers)
    });
    match prepared {
        Ok(prepared) => {
            tracing::info!(
                callback = spec.name,
                "background job restarted here: its replica stopped answering"
            );
            let interval = Duration::from_millis(
                spec.dependency
                    .background
                    .as_ref()
                    .map_or(1000, |b| b.interval_ms),
            );
            run_here(state, &shared.local, spec, id, prepared);
            shared.pump(id.to_owned(), interval, state.config.debug);
        }
        Err(error) => {
            tracing::error!(callback = spec.name, %error, "a background job could not be restarted");
        }
    }
}

/// Looks for abandoned jobs and unread results every few seconds while any job is known;
/// stops when none is left (the next job starts it again) or the app is gone.
fn sweep_while_jobs_run(jobs: &Arc<Jobs>) {
    use std::sync::atomic::Ordering;
    if jobs.sweeping.swap(true, Ordering::AcqRel) {
        return; // (one is sweeping)
    }
    let jobs = Arc::downgrade(jobs);
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(SWEEP_EVERY).await;
            let Some(jobs) = jobs.upgrade() else { return };
            if jobs.sweep() == 0 {
                jobs.sweeping.store(false, Ordering::Release);
                // A job started since the sweep, whose start saw this sweeper running,
                // is swept by this one.
                if jobs.len() == 0 || jobs.sweeping.swap(true, Ordering::AcqRel) {
                    return;
                }
            }
        }
    });
}

/// A progress value as the renderer takes it, `{"id.prop": value}`: the value of the one
/// progress prop, or, for several, the elements of the tuple the callback wrote.
fn progress_map(background: &Background, value: Value) -> Map<String, Value> {
    let values = match value {
        Value::Array(items) if background.progress.len() > 1 => items,
        value => vec![value],
    };
    props_map(&background.progress, values)
}

fn props_map(props: &[PropId], values: Vec<Value>) -> Map<String, Value> {
    props
        .iter()
        .zip(values)
        .map(|(prop, value)| (prop.to_string(), value))
        .collect()
}

fn json_response(body: Vec<u8>) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        Body::from(body),
    )
        .into_response()
}
