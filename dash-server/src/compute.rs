//! One callback call from arguments to outputs, with everything around the run itself:
//! the memoized result if there is one, server-side store handles resolved into values
//! (computed again when their value is gone), and values written to server-side stores
//! replaced by handles.

use std::future::Future;
use std::pin::Pin;
use std::time::Instant;

use axum::body::Bytes;
use axum::http::StatusCode;
use dash_core::{CallContext, CallbackError, CallbackSpec, Outputs, PropId};
use serde_json::Value;

use crate::error::ApiError;
use crate::execute::Abnormal;
use crate::sharing::{self, Handle};
use crate::state::State;

/// How many server-side stores may feed each other before the chain is refused: a
/// handle whose producer reads another handle, and so on.
const MAX_DEPTH: usize = 16;

/// What a call produced.
pub(crate) enum Called {
    /// The outputs to send, server-side store values already replaced by handles.
    Outputs(Outputs),
    /// What an error handler answered instead: sent, but never cached or kept in a
    /// server-side store.
    Fallback(Outputs),
    /// The callback prevented the update.
    Prevented,
}

/// A call of `spec` with the argument values a request carried.
pub(crate) struct Call<'a> {
    pub state: &'a State,
    pub spec: &'a CallbackSpec,
    pub session: Option<&'a str>,
    /// The context the callback receives; its side updates are read by the caller.
    pub context: CallContext,
}

type Boxed<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

impl<'a> Call<'a> {
    /// Answers a request: from the memo cache when the callback is memoized and the same
    /// call was made before, otherwise by running it.
    pub async fn answer(&self, args: Vec<Value>) -> Result<Called, ApiError> {
        let state = self.state;
        let memo = self.spec.memoize.and_then(|memoize| {
            let session = sharing::scope_part(memoize.scope, self.session)?;
            let hash = sharing::call_hash(&state.sharing.cache_version, self.spec, session, &args);
            Some((sharing::memo_key(&hash), memoize.ttl))
        });
        if let Some((key, _)) = &memo {
            match state.sharing.cache.get(key).await {
                Ok(Some(bytes)) => match serde_json::from_slice::<Outputs>(&bytes) {
                    Ok(outputs) => {
                        tracing::debug!(callback = self.spec.name, "cache hit");
                        return Ok(Called::Outputs(outputs));
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
        let (called, _) = self.run(args, 0, None).await?;
        if let (Some((key, ttl)), Called::Outputs(outputs)) = (&memo, &called) {
            let bytes = serde_json::to_vec(outputs).expect("JSON values encode");
            if let Err(error) = state.sharing.cache.set(key, Bytes::from(bytes), *ttl).await {
                tracing::debug!(callback = self.spec.name, %error, "result not cached");
            }
        }
        Ok(called)
    }

    /// Runs the callback: resolves the server-side stores among its arguments, runs it,
    /// and keeps the values of the server-side stores it writes. Returns what to send and,
    /// when `keep` names a server-store output, that output's value before it became a
    /// handle (what a reader needs when it computes a lost value again).
    fn run(
        &self,
        mut args: Vec<Value>,
        depth: usize,
        keep: Option<usize>,
    ) -> Boxed<'_, Result<(Called, Option<Value>), ApiError>> {
        Box::pin(async move {
            let state = self.state;
            let spec = self.spec;
            let stores_written = state.sharing.writes_server_store(spec);
            // The arguments as the request carried them, for the handles this call writes.
            let original = stores_written.then(|| args.clone());
            let props: Vec<PropId> = spec.arguments().cloned().collect();
            for (prop, value) in props.iter().zip(args.iter_mut()) {
                if state.sharing.is_server_store(prop) {
                    *value = self.resolve(prop, std::mem::take(value), depth).await?;
                }
            }

            let started = Instant::now();
            let outcome = state.executor.run(spec, args, &self.context).await;
            tracing::debug!(
                callback = spec.name,
                elapsed_us = started.elapsed().as_micros() as u64,
                "callback ran"
            );
            let handled = self.context.take_handled();
            for message in &handled {
                tracing::error!(callback = spec.name, location = spec.location, %message, "callback failed; its on_error handler answered");
            }
            let mut values = match outcome {
                Ok(Ok(outputs)) => outputs,
                Ok(Err(CallbackError::PreventUpdate)) => {
                    return Ok((Called::Prevented, None));
                }
                // The app's handler answers for a request's own call, when the callback
                // chose no status; a server store computed again for a reader fails as is.
                Ok(Err(error @ CallbackError::Failed { status: None, .. }))
                    if state.on_error.is_some() && depth == 0 && keep.is_none() =>
                {
                    let message = error.to_string();
                    tracing::error!(callback = spec.name, location = spec.location, %message, "callback failed; the app's on_error handler answered");
                    let handler = state.on_error.as_ref().expect("checked above");
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
                    return Ok((
                        Called::Fallback(vec![None; spec.dependency.outputs.len()]),
                        None,
                    ));
                }
                Ok(Err(error)) => return Err(failure(spec, error)),
                Err(Abnormal::Panicked(message)) => {
                    tracing::error!(callback = spec.name, location = spec.location, %message, "callback panicked");
                    return Err(ApiError::Panic {
                        callback: spec.name,
                        location: spec.location,
                        message,
                    });
                }
                Err(Abnormal::Cancelled) => {
                    return Err(ApiError::Callback {
                        callback: spec.name,
                        location: spec.location,
                        message: "cancelled while the server shuts down".into(),
                        status: StatusCode::SERVICE_UNAVAILABLE,
                    });
                }
            };
            if let Some(message) = self.context.failure() {
                tracing::error!(callback = spec.name, location = spec.location, %message, "side update not encodable");
                return Err(ApiError::Encode {
                    callback: spec.name,
                    location: spec.location,
                    message,
                });
            }
            if !handled.is_empty() {
                let kept = keep.and_then(|index| values.get(index).cloned().flatten());
                return Ok((Called::Fallback(values), kept));
            }
            let Some(original) = original else {
                return Ok((Called::Outputs(values), None));
            };
            let hash = self.store_hash(&original);
            let mut kept = None;
            for (index, prop) in spec.dependency.outputs.iter().enumerate() {
                let Some(Some(value)) = values.get_mut(index) else {
                    continue;
                };
                if !state.sharing.is_server_store(prop) || value.is_null() {
                    continue;
                }
                let bytes = serde_json::to_vec(&*value).expect("JSON values encode");
                let size = bytes.len();
                let key = sharing::store_key(&hash, index);
                let ttl = spec
                    .memoize
                    .and_then(|m| m.ttl)
                    .or(Some(state.sharing.store_ttl));
                match state.sharing.cache.set(&key, Bytes::from(bytes), ttl).await {
                    Ok(()) => tracing::debug!(
                        callback = spec.name,
                        store = %prop.id,
                        bytes = size,
                        "server store written"
                    ),
                    Err(error) => {
                        tracing::debug!(callback = spec.name, store = %prop.id, %error, "server store not kept; readers will compute it again")
                    }
                }
                let handle = Handle {
                    callback: spec.dependency.output_key(),
                    output: index,
                    args: original.clone(),
                };
                let raw = std::mem::replace(value, handle.to_json(size));
                if keep == Some(index) {
                    kept = Some(raw);
                }
            }
            Ok((Called::Outputs(values), kept))
        })
    }

    /// The hash that names the values this call writes to server-side stores.
    fn store_hash(&self, args: &[Value]) -> String {
        let scope = self.spec.memoize.map(|m| m.scope).unwrap_or_default();
        let session = sharing::scope_part(scope, self.session).unwrap_or("");
        sharing::call_hash(&self.state.sharing.cache_version, self.spec, session, args)
    }

    /// The value a server-side store's handle stands for: from the cache, or computed
    /// again by the callback that wrote it, with the arguments the handle carries.
    async fn resolve(&self, prop: &PropId, value: Value, depth: usize) -> Result<Value, ApiError> {
        let handle = match Handle::from_json(&value) {
            None => return Ok(value), // empty (null) until written
            Some(Ok(handle)) => handle,
            Some(Err(error)) => {
                return Err(self.bad_handle(prop, format!("it does not parse: {error}")));
            }
        };
        let state = self.state;
        let producer = state
            .registry
            .get(&handle.callback)
            .filter(|producer| producer.dependency.outputs.get(handle.output) == Some(prop))
            .filter(|producer| {
                producer.dependency.inputs.len() + producer.dependency.state.len()
                    == handle.args.len()
            })
            .ok_or_else(|| {
                self.bad_handle(
                    prop,
                    format!(
                        "no callback writes it as output {} of `{}`",
                        handle.output, handle.callback
                    ),
                )
            })?;
        // Computed again for a reader: no request fired it, and its side updates are
        // not this request's.
        let call = Call {
            state,
            spec: producer,
            session: self.session,
            context: CallContext::internal(state.resources.clone()),
        };
        let key = sharing::store_key(&call.store_hash(&handle.args), handle.output);
        match state.sharing.cache.get(&key).await {
            Ok(Some(bytes)) => match serde_json::from_slice(&bytes) {
                Ok(value) => {
                    tracing::debug!(
                        callback = producer.name,
                        store = %prop.id,
                        "server store hit"
                    );
                    return Ok(value);
                }
                Err(error) => {
                    tracing::warn!(store = %prop.id, %error, "unreadable server store value; computing it again")
                }
            },
            Ok(None) => {}
            Err(error) => tracing::debug!(store = %prop.id, %error, "cache unavailable"),
        }
        if depth >= MAX_DEPTH {
            return Err(self.bad_handle(
                prop,
                format!("more than {MAX_DEPTH} server stores feed each other"),
            ));
        }
        tracing::debug!(
            callback = producer.name,
            store = %prop.id,
            "server store missing; computing it again"
        );
        let (_, kept) = call
            .run(handle.args, depth + 1, Some(handle.output))
            .await?;
        Ok(kept.unwrap_or(Value::Null))
    }

    fn bad_handle(&self, prop: &PropId, why: String) -> ApiError {
        ApiError::Mismatch {
            callback: self.spec.name,
            message: format!("the server store handle in `{prop}` is not valid: {why}"),
        }
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
        CallbackError::Encode { .. } => {
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
