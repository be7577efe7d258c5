//! One callback call from arguments to outputs, with everything around the run itself:
//! the memoized result if there is one, server-side store handles resolved into values
//! (`stores.rs`), the run (`crate::execute`), and values written to server-side stores
//! replaced by handles. The call's key (`keys.rs`) is computed once, when the call is
//! memoized or writes a server-side store.
//!
//! Nothing here reads a request: a call comes with its [`Args`] and a [`CallContext`], and
//! ends as [`Called`] or as the error answer (`ApiError`) it gets.

pub(crate) mod keys;
mod stores;

use std::future::Future;
use std::pin::Pin;
use std::time::Instant;

use axum::body::Bytes;
use axum::http::StatusCode;
use dash_core::{
    Arg, Args, CallContext, CallbackError, CallbackSpec, Out, Returned, StoreInput, StoredValue,
};
use serde_json::{Map, Value};

use crate::error::ApiError;
use crate::execute::Abnormal;
use crate::protocol::response::Outputs;
use crate::state::AppState;
use keys::{CallKey, Handle};

/// How many server-side stores may feed each other before the chain is refused: a
/// handle whose producer reads another handle, and so on.
const MAX_DEPTH: usize = 16;

/// A server-side store argument, ready for the callback.
enum Resolved {
    /// As JSON: empty, or computed again to nothing.
    Json(Value),
    /// The value behind its handle.
    Input(StoreInput),
}

/// The side updates of a call, as the response's `sideUpdate` object.
pub(crate) type SideUpdates = Option<Map<String, Value>>;

/// What a call produced.
pub(crate) enum Called {
    /// The outputs to send (server-side store values already replaced by handles), with
    /// the call's side updates.
    Outputs(Outputs, SideUpdates),
    /// What an error handler answered instead: sent, but never cached or kept in a
    /// server-side store.
    Fallback(Outputs, SideUpdates),
    /// The callback prevented the update (its side updates are dropped, as in Python).
    Prevented,
}

/// A call of `spec`.
pub(crate) struct Call<'a> {
    pub state: &'a AppState,
    pub spec: &'a CallbackSpec,
    /// The browser session, for callbacks memoized per session.
    pub session: Option<&'a str>,
    /// The context the callback receives.
    pub context: CallContext,
}

type Boxed<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

impl<'a> Call<'a> {
    /// The key of this call with these arguments, when it is memoized or writes a
    /// server-side store (the one place the arguments are serialized).
    fn key(&self, args: &Args) -> Option<CallKey> {
        let writes = self.state.sharing.writes_server_store(self.spec);
        (self.spec.memoize.is_some() || writes).then(|| {
            let scope = self.spec.memoize.map(|m| m.scope).unwrap_or_default();
            let session = keys::scope_part(scope, self.session);
            CallKey::new(&self.state.sharing.cache_version, self.spec, session, args)
        })
    }

    /// Answers a request: from the memo cache when the callback is memoized and the same
    /// call was made before, otherwise by running it.
    pub(crate) async fn answer(&self, args: Args) -> Result<Called, ApiError> {
        let state = self.state;
        let key = self.key(&args);
        let memo = self.spec.memoize.and_then(|memoize| {
            let key = key.as_ref().filter(|key| key.memoizable)?;
            Some((keys::memo_key(&key.hash), memoize.ttl))
        });
        if let Some((memo_key, _)) = &memo {
            match state.sharing.cache.get(memo_key).await {
                Ok(Some(bytes)) => match serde_json::from_slice::<Outputs>(&bytes) {
                    Ok(outputs) => {
                        tracing::debug!(callback = self.spec.name, "cache hit");
                        if let Some(key) = &key
                            && state.sharing.writes_server_store(self.spec)
                        {
                            // Its handles may carry only a hash: the arguments behind it
                            // are kept again, for as long as the values.
                            self.inline_args(key).await;
                        }
                        return Ok(Called::Outputs(outputs, None));
                    }
                    Err(error) => {
                        tracing::warn!(callback = self.spec.name, %error, "unreadable cached result; running the callback");
                    }
                },
                Ok(None) => {}
                Err(error) => {
                    tracing::debug!(callback = self.spec.name, %error, "cache unavailable");
                }
            }
        }
        let (called, _) = self.run(args, key, 0, None).await?;
        if let (Some((memo_key, ttl)), Called::Outputs(outputs, _)) = (&memo, &called) {
            let bytes = serde_json::to_vec(outputs).expect("JSON values encode");
            if let Err(error) = state
                .sharing
                .cache
                .set(memo_key, Bytes::from(bytes), *ttl)
                .await
            {
                tracing::debug!(callback = self.spec.name, %error, "result not cached");
            }
        }
        Ok(called)
    }

    /// Runs the callback: resolves the server-side stores among its arguments, runs it,
    /// and keeps the values of the server-side stores it writes. Returns what to send and,
    /// when `keep` names a server-store output, that output's value as returned (what a
    /// reader needs when it computes a lost value again).
    fn run(
        &self,
        mut args: Args,
        key: Option<CallKey>,
        depth: usize,
        keep: Option<usize>,
    ) -> Boxed<'_, Result<(Called, Option<StoredValue>), ApiError>> {
        Box::pin(async move {
            let state = self.state;
            let spec = self.spec;
            self.resolve_stores(&mut args, depth).await?;
            let executed = match self.execute(args).await {
                // A timeout is an error like any other: the app's handler hears of it
                // (plotly/dash#1991), with the 504 it would have answered.
                Err(ApiError::Timeout { limit, .. })
                    if state.on_error.is_some() && depth == 0 && keep.is_none() =>
                {
                    let error = CallbackError::Failed {
                        message: format!("`{}` timed out after {limit:?}", spec.name),
                        status: Some(504),
                    };
                    return self.app_on_error(error).map(|called| (called, None));
                }
                executed => executed?,
            };
            let returned = match executed {
                Ok(returned) => returned,
                Err(CallbackError::PreventUpdate) => return Ok((Called::Prevented, None)),
                // The app's handler answers for a request's own call, when the callback
                // chose no status; a server store computed again for a reader fails as is.
                Err(error @ CallbackError::Failed { status: None, .. })
                    if state.on_error.is_some() && depth == 0 && keep.is_none() =>
                {
                    return self.app_on_error(error).map(|called| (called, None));
                }
                Err(error) => return Err(failure(spec, error)),
            };
            let Returned {
                outputs,
                side_updates,
                handled,
                ..
            } = returned;
            if let Some(message) = &handled {
                // (Writers of server-side stores have no error handlers: checked at
                // startup.)
                tracing::error!(callback = spec.name, location = spec.location, %message, "callback failed; its on_error handler answered");
                let mut kept = None;
                let mut sent = Vec::with_capacity(outputs.len());
                for (index, out) in outputs.into_iter().enumerate() {
                    sent.push(match out {
                        // A fallback is never kept: the store is left empty.
                        Out::Stored(stored) => {
                            if keep == Some(index) {
                                kept = Some(stored);
                            }
                            Some(Value::Null)
                        }
                        out => wire(out),
                    });
                }
                return Ok((Called::Fallback(sent, side_updates), kept));
            }
            let mut kept = None;
            let mut sent = Vec::with_capacity(outputs.len());
            // Whether this call's handles carry its arguments (and those arguments):
            // decided at the first store.
            let mut inline: Option<Option<Vec<Value>>> = None;
            for (index, (out, prop)) in outputs
                .into_iter()
                .zip(&spec.dependency.outputs)
                .enumerate()
            {
                let stored = match out {
                    Out::Stored(stored) if state.sharing.is_server_store(prop) => stored,
                    // (The JSON of a hand-written adapter.)
                    Out::Json(json) if !json.is_null() && state.sharing.is_server_store(prop) => {
                        StoredValue::new(json)
                    }
                    Out::Stored(stored) => {
                        sent.push(Some(self.stored_json(index, &stored)?));
                        continue;
                    }
                    out => {
                        sent.push(wire(out));
                        continue;
                    }
                };
                let key = key.as_ref().expect("a call that writes a store has a key");
                let Some(bytes) = self.keep(prop, &key.hash, index, &stored).await? else {
                    sent.push(Some(Value::Null)); // the store is emptied
                    continue;
                };
                let args = match &inline {
                    Some(args) => args.clone(),
                    None => inline
                        .insert(self.inline_args(key).await.then(|| key.args()))
                        .clone(),
                };
                let handle = Handle {
                    producer: spec.dependency.output_key(),
                    output: index,
                    key: args.is_none().then(|| key.hash.clone()),
                    args,
                };
                sent.push(Some(handle.to_json(bytes)));
                if keep == Some(index) {
                    kept = Some(stored);
                }
            }
            Ok((Called::Outputs(sent, side_updates), kept))
        })
    }

    /// Replaces each argument that holds a server-side store's handle with its value:
    /// typed for an adapter that reads stores typed, as JSON for any other.
    async fn resolve_stores(&self, args: &mut Args, depth: usize) -> Result<(), ApiError> {
        let spec = self.spec;
        for (index, (prop, arg)) in spec.arguments().zip(args.iter_mut()).enumerate() {
            if !self.state.sharing.is_server_store(prop) {
                continue;
            }
            let Arg::Value(value) = arg else { continue };
            let decoder = spec.store_decoder_of(index);
            *arg = match self
                .resolve(prop, std::mem::take(value), depth, decoder)
                .await?
            {
                Resolved::Json(json) => Arg::Value(json),
                Resolved::Input(input) if spec.typed_stores => Arg::Store(input),
                Resolved::Input(input) => Arg::Value(self.as_json(prop, input)?),
            };
        }
        Ok(())
    }

    /// Runs the adapter under the app's time limit: what it answered, or the error
    /// answer for a panic, a cancellation or a timeout.
    async fn execute(&self, args: Args) -> Result<dash_core::CallbackResult, ApiError> {
        let (state, spec) = (self.state, self.spec);
        let started = Instant::now();
        let run = state.executor.run(spec, args, &self.context);
        // A background job has a limit of its own (none by default): the browser polls it.
        let background = spec.dependency.background.is_some();
        let limit = if background {
            state.config.background_timeout
        } else {
            state.config.callback_timeout
        };
        let outcome = match limit {
            None => run.await,
            Some(limit) => match tokio::time::timeout(limit, run).await {
                Ok(outcome) => outcome,
                Err(_) => {
                    tracing::error!(
                        callback = spec.name,
                        location = spec.location,
                        ?limit,
                        "callback timed out"
                    );
                    // A sync job stops at its next `Progress::set`.
                    self.context.cancel();
                    return Err(ApiError::Timeout {
                        callback: spec.name,
                        location: spec.location,
                        limit,
                    });
                }
            },
        };
        tracing::debug!(
            callback = spec.name,
            elapsed_us = started.elapsed().as_micros() as u64,
            "callback ran"
        );
        match outcome {
            Ok(result) => Ok(result),
            Err(Abnormal::Panicked(message)) => {
                tracing::error!(callback = spec.name, location = spec.location, %message, "callback panicked");
                Err(ApiError::Panic {
                    callback: spec.name,
                    location: spec.location,
                    message,
                })
            }
            Err(Abnormal::Cancelled) => Err(ApiError::Callback {
                callback: spec.name,
                location: spec.location,
                message: "cancelled while the server shuts down".into(),
                status: StatusCode::SERVICE_UNAVAILABLE,
            }),
        }
    }

    /// The app's `on_error` handler answers a failed call: every output left as it is,
    /// with the side updates the handler wrote.
    fn app_on_error(&self, error: CallbackError) -> Result<Called, ApiError> {
        let spec = self.spec;
        let message = error.to_string();
        tracing::error!(callback = spec.name, location = spec.location, %message, "callback failed; the app's on_error handler answered");
        let handler = self.state.on_error.as_ref().expect("checked by the caller");
        let handled = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            handler(&error, &self.context)
        }));
        if handled.is_err() {
            return Err(ApiError::Panic {
                callback: spec.name,
                location: spec.location,
                message: "the app's on_error handler panicked".into(),
            });
        }
        // What the handler wrote with `set_props`, taken as an adapter takes it.
        let side = Returned::new(Vec::new(), &self.context)
            .map_err(|error| failure(spec, error))?
            .side_updates;
        Ok(Called::Fallback(
            vec![None; spec.dependency.outputs.len()],
            side,
        ))
    }

    /// A store value sent as JSON, where no server-side store takes it.
    fn stored_json(&self, index: usize, stored: &StoredValue) -> Result<Value, ApiError> {
        let spec = self.spec;
        stores::stored_to_json(stored).map_err(|message| ApiError::Encode {
            callback: spec.name,
            location: spec.location,
            message: format!("output {index} cannot be sent: {message}"),
        })
    }
}

/// One output in the wire form ([`Outputs`]).
fn wire(out: Out) -> Option<Value> {
    match out {
        Out::Skip => None,
        Out::Json(value) => Some(value),
        Out::Many(values) => Some(Value::Array(
            values
                .into_iter()
                .map(|value| Value::Array(value.into_iter().collect()))
                .collect(),
        )),
        Out::Stored(_) => unreachable!("stored values are kept or encoded by the caller"),
        // (A kind of output a later dash-core may add, which this server does not write.)
        _ => None,
    }
}

/// The answer for a callback's own error.
fn failure(spec: &CallbackSpec, error: CallbackError) -> ApiError {
    let message = error.to_string();
    match error {
        CallbackError::PreventUpdate => unreachable!("handled by the caller"),
        CallbackError::BadInput {
            callback,
            prop,
            path,
            ..
        } => ApiError::BadInput {
            callback,
            prop,
            path,
            message,
        },
        CallbackError::Encode { .. } | CallbackError::SetProps { .. } => {
            tracing::error!(callback = spec.name, location = spec.location, %message, "output not encodable");
            ApiError::Encode {
                callback: spec.name,
                location: spec.location,
                message,
            }
        }
        CallbackError::Failed { status, .. } => {
            tracing::error!(callback = spec.name, location = spec.location, %message, "callback failed");
            let status = status
                .and_then(|s| StatusCode::from_u16(s).ok())
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            ApiError::Callback {
                callback: spec.name,
                location: spec.location,
                message,
                status,
            }
        }
    }
}

impl<'a> Call<'a> {
    /// A call made by name rather than by the renderer (an API endpoint, an MCP tool),
    /// with the HTTP request's headers when it came over HTTP: the context gets them when
    /// the callback reads its context or the app has an error handler, and the session
    /// comes from the cookie.
    pub(crate) fn by_name(
        state: &'a AppState,
        spec: &'a CallbackSpec,
        headers: Option<&'a axum::http::HeaderMap>,
    ) -> Call<'a> {
        let mut request = dash_core::Request::default();
        if let Some(headers) = headers
            && reads_headers(state, spec)
        {
            request.headers = copy_headers(headers);
        }
        let session = keys::session_from_cookies(
            headers
                .and_then(|headers| headers.get(axum::http::header::COOKIE))
                .and_then(|value| value.to_str().ok()),
        );
        Call {
            state,
            spec,
            session,
            context: CallContext::new(state.resources.clone(), request),
        }
    }
}

/// Does the call's context get the request's headers? Only a callback that reads its
/// context, or when an error handler may (copying them costs every other call).
pub(crate) fn reads_headers(state: &AppState, spec: &CallbackSpec) -> bool {
    spec.contextual || state.on_error.is_some()
}

/// The request's headers, as the context holds them (those that are text).
pub(crate) fn copy_headers(headers: &axum::http::HeaderMap) -> Vec<(String, String)> {
    headers
        .iter()
        .filter_map(|(name, value)| {
            Some((name.as_str().to_owned(), value.to_str().ok()?.to_owned()))
        })
        .collect()
}

/// The arguments, inputs then state, from a JSON object keyed by their names, as an API
/// endpoint or an MCP tool takes them (`null` for a missing one).
pub(crate) fn arguments_by_name(
    spec: &CallbackSpec,
    mut object: serde_json::Map<String, serde_json::Value>,
) -> Result<Args, ApiError> {
    let names = &spec.argument_names;
    if let Some(unknown) = object.keys().find(|key| !names.contains(&key.as_str())) {
        return Err(ApiError::Malformed {
            message: format!(
                "`{}` has no argument `{unknown}`; it takes {}",
                spec.name,
                expected_arguments(spec)
            ),
        });
    }
    Ok(Args::from(
        names
            .iter()
            .map(|name| dash_core::Arg::Value(object.remove(*name).unwrap_or_default()))
            .collect::<Vec<_>>(),
    ))
}

/// The names of a callback's arguments, as an error message lists them.
pub(crate) fn expected_arguments(spec: &CallbackSpec) -> String {
    let names: Vec<String> = spec
        .argument_names
        .iter()
        .map(|name| format!("`{name}`"))
        .collect();
    if names.is_empty() {
        "no arguments".to_owned()
    } else {
        names.join(", ")
    }
}
