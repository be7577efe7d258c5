//! The background-callback side of `POST /_dash-update-component`
//! (../shared/dash-protocol-part2.md §1.2–1.3): the query parameters the renderer adds
//! (`endId`, `cacheKey`, `job`, `oldJob`, `cancelJob`), starting a job, answering its
//! polls, and cancelling jobs.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use dash_core::{Args, Background, CallContext, CallbackSpec, PropId};
use serde_json::{Map, Value, json};

use crate::call::{Call, Called};
use crate::jobs::{Finished, Jobs, Polled};
use crate::protocol::request::Targets;
use crate::protocol::response;
use crate::state::AppState;

/// How often abandoned jobs and unread results are looked for.
const SWEEP_EVERY: Duration = Duration::from_secs(5);

/// The job parameters of a request's query string, as the renderer writes them (by plain
/// concatenation: nothing is percent-encoded).
#[derive(Default)]
pub(crate) struct JobQuery<'a> {
    /// The page load's id, verified; empty when the request carries none that verifies.
    end: &'a str,
    cache_key: Option<&'a str>,
    job: Option<&'a str>,
    old_jobs: Vec<&'a str>,
    cancel_jobs: Vec<&'a str>,
}

impl<'a> JobQuery<'a> {
    pub(crate) fn parse(query: Option<&'a str>, state: &AppState) -> JobQuery<'a> {
        let mut parsed = JobQuery::default();
        for pair in query.unwrap_or_default().split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "endId" => parsed.end = state.signer.verify("end", value).unwrap_or_default(),
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

    fn scope(&self, kind: &str) -> String {
        format!("{kind}:{}", self.end)
    }

    /// The id of a job handle signed for this page load.
    fn job_id(&self, state: &AppState, handle: &'a str) -> Option<&'a str> {
        state.signer.verify(&self.scope("job"), handle)
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
pub(crate) fn cancel_named(state: &AppState, jobs: &Jobs, query: &JobQuery<'_>, starting: bool) {
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
        if let Some(id) = query.job_id(state, handle) {
            jobs.cancel(id, why);
        }
    }
}

/// Answers a poll: `{"multi": true}` with what the job wrote since the last poll while it
/// runs; its response once it has ended; 204 for a job that is gone or a handle that does
/// not verify for this page load (the renderer then stops polling).
pub(crate) fn poll(
    state: &AppState,
    jobs: &Jobs,
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
        .and_then(|handle| state.signer.verify(&query.scope("cacheKey"), handle));
    let (Some(id), Some(key)) = (job, key) else {
        return StatusCode::NO_CONTENT.into_response();
    };
    if id != key {
        return StatusCode::NO_CONTENT.into_response();
    }
    match jobs.poll(id) {
        Polled::Gone => StatusCode::NO_CONTENT.into_response(),
        Polled::Running { progress, side } => {
            let mut body = json!({"multi": true});
            if let Some(progress) = progress {
                body["progress"] = Value::Object(progress_map(background, progress));
            }
            if let Some(side) = side {
                body["sideUpdate"] = Value::Object(side);
            }
            json_response(body.to_string().into_bytes())
        }
        Polled::Finished { finished, progress } => match finished {
            Finished::Body(None) => StatusCode::NO_CONTENT.into_response(),
            Finished::Body(Some(bytes)) => match progress {
                None => json_response(bytes),
                Some(progress) => {
                    let mut body: Value =
                        serde_json::from_slice(&bytes).expect("the server wrote this JSON");
                    body["progress"] = Value::Object(progress_map(background, progress));
                    json_response(body.to_string().into_bytes())
                }
            },
            Finished::Error(error) => error.into_response_with(state.config.debug),
        },
    }
}

/// What starts a job: the validated request, as the call needs it.
pub(crate) struct Start {
    pub args: Args,
    pub targets: Targets,
    pub request: dash_core::Request,
    pub session: Option<String>,
}

/// Starts a job for the request and answers with its handles: `{"cacheKey", "job"}`, and
/// `cancel` and `progressDefault` when the callback has them. The job runs as a task of
/// its own; the answer does not wait for it.
pub(crate) fn start(
    state: &Arc<AppState>,
    jobs: &Arc<Jobs>,
    spec: &CallbackSpec,
    query: &JobQuery<'_>,
    start: Start,
) -> Response {
    let background = spec
        .dependency
        .background
        .as_ref()
        .expect("a background callback");
    let context = CallContext::job(state.resources.clone(), start.request);
    let interval = Duration::from_millis(background.interval_ms);
    let id = jobs.insert(context.clone(), interval, spec.name);
    sweep_while_jobs_run(jobs);
    let key = spec.dependency.output_key();
    let task = {
        let (state, jobs, id) = (state.clone(), jobs.clone(), id.clone());
        tokio::spawn(async move {
            let spec = state.registry.get(&key).expect("the spec is registered");
            let call = Call {
                state: &state,
                spec,
                session: start.session.as_deref(),
                context,
            };
            let finished = match call.answer(start.args).await {
                Ok(Called::Outputs(outputs, side) | Called::Fallback(outputs, side)) => {
                    match response::body(spec, outputs, side.as_ref(), &start.targets) {
                        Ok(body) => Finished::Body(body),
                        Err(error) => Finished::Error(error),
                    }
                }
                Ok(Called::Prevented) => Finished::Body(None),
                Err(error) => Finished::Error(error),
            };
            if call.context.is_cancelled() {
                tracing::info!(
                    callback = spec.name,
                    "background job stopped after its cancel"
                );
            } else {
                tracing::debug!(callback = spec.name, "background job ended");
                jobs.finish(&id, finished);
            }
        })
    };
    if matches!(spec.handler, dash_core::Handler::Async(_)) {
        jobs.set_task(&id, task.abort_handle());
    }
    let mut body = json!({
        "cacheKey": state.signer.sign(&query.scope("cacheKey"), &id),
        "job": state.signer.sign(&query.scope("job"), &id),
    });
    if !background.cancel.is_empty() {
        body["cancel"] = Value::Array(
            background
                .cancel
                .iter()
                .map(|prop| json!({"id": prop.id.to_string(), "property": prop.property}))
                .collect(),
        );
    }
    if let Some(defaults) = &background.progress_default {
        body["progressDefault"] = Value::Object(props_map(&background.progress, defaults.clone()));
    }
    json_response(body.to_string().into_bytes())
}

/// Looks for abandoned jobs and unread results every few seconds while any job is known;
/// stops when none is left (the next job starts it again) or the app is gone.
fn sweep_while_jobs_run(jobs: &Arc<Jobs>) {
    if jobs.len() != 1 {
        return; // (one is already sweeping)
    }
    let jobs = Arc::downgrade(jobs);
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(SWEEP_EVERY).await;
            let Some(jobs) = jobs.upgrade() else { return };
            if jobs.sweep() == 0 {
                return;
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
