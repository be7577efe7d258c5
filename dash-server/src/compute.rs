//! One callback call from arguments to outputs, with everything around the run itself:
//! the memoized result if there is one, server-side store handles resolved into values
//! (computed again when their value is gone), and values written to server-side stores
//! replaced by handles.

use std::future::Future;
use std::pin::Pin;
use std::time::Instant;

use axum::body::Bytes;
use axum::http::StatusCode;
use dash_core::{
    CallContext, CallbackError, CallbackSpec, Outputs, PropId, StoreDecoder, StoreInput,
    StoredValue,
};
use serde_json::Value;

use crate::cache::CacheBackend;
use crate::error::ApiError;
use crate::execute::Abnormal;
use crate::sharing::{self, Handle};
use crate::state::State;

/// How many server-side stores may feed each other before the chain is refused: a
/// handle whose producer reads another handle, and so on.
const MAX_DEPTH: usize = 16;

/// The largest encoded value decoded on the async worker; larger ones go to the
/// blocking pool (a million rows take tens of milliseconds).
const DECODE_INLINE_BYTES: u64 = 64 * 1024;

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

/// A server-side store argument, ready for the callback.
enum Resolved {
    /// As JSON: empty, or computed again to nothing.
    Json(Value),
    /// The value behind its handle.
    Input(StoreInput),
}

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
                        if state.sharing.writes_server_store(self.spec) {
                            // Its handles may carry only a hash: the arguments behind it
                            // are kept again, for as long as the values.
                            self.inline_args(&args, &self.store_hash(&args)).await;
                        }
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
    /// when `keep` names a server-store output, that output's value as returned (what a
    /// reader needs when it computes a lost value again).
    fn run(
        &self,
        mut args: Vec<Value>,
        depth: usize,
        keep: Option<usize>,
    ) -> Boxed<'_, Result<(Called, Option<StoredValue>), ApiError>> {
        Box::pin(async move {
            let state = self.state;
            let spec = self.spec;
            let stores_written = state.sharing.writes_server_store(spec);
            // The arguments as the request carried them, for the handles this call writes.
            let original = stores_written.then(|| args.clone());
            for (index, (prop, value)) in spec.arguments().zip(args.iter_mut()).enumerate() {
                if !state.sharing.is_server_store(prop) {
                    continue;
                }
                let decoder = spec.store_decoder_of(index);
                match self
                    .resolve(prop, std::mem::take(value), depth, decoder)
                    .await?
                {
                    Resolved::Json(json) => *value = json,
                    // A typed reader takes it from the context, as it was returned or
                    // as the shared cache encoded it.
                    Resolved::Input(input) if spec.typed_stores => {
                        self.context.put_store_input(index, input);
                    }
                    Resolved::Input(input) => *value = self.as_json(prop, input)?,
                }
            }

            let started = Instant::now();
            let run = state.executor.run(spec, args, &self.context);
            let outcome = match state.config.callback_timeout {
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
                // (Writers of server-side stores have no error handlers: checked at
                // startup.)
                let kept = keep.and_then(|index| self.context.take_stored_output(index));
                return Ok((Called::Fallback(values), kept));
            }
            let Some(original) = original else {
                return Ok((Called::Outputs(values), None));
            };
            let hash = self.store_hash(&original);
            let inline = self.inline_args(&original, &hash).await;
            let mut kept = None;
            for (index, prop) in spec.dependency.outputs.iter().enumerate() {
                if !state.sharing.is_server_store(prop) {
                    continue;
                }
                let Some(Some(value)) = values.get_mut(index) else {
                    continue;
                };
                // As returned (the macro's adapters), or the JSON of other adapters.
                let stored = match self.context.take_stored_output(index) {
                    Some(stored) => stored,
                    None if value.is_null() => continue,
                    None => StoredValue::new(std::mem::take(value)),
                };
                let Some(bytes) = self.keep(prop, &hash, index, &stored).await? else {
                    *value = Value::Null; // the store is emptied
                    continue;
                };
                let handle = Handle {
                    callback: spec.dependency.output_key(),
                    output: index,
                    args: inline.then(|| original.clone()),
                    key: (!inline).then(|| hash.clone()),
                };
                *value = handle.to_json(bytes);
                if keep == Some(index) {
                    kept = Some(stored);
                }
            }
            Ok((Called::Outputs(values), kept))
        })
    }

    /// Whether the handles of this call carry its arguments: when their JSON is short.
    /// Otherwise they carry the hash, and the arguments are kept in the cache under it,
    /// for as long as the values.
    async fn inline_args(&self, args: &[Value], hash: &str) -> bool {
        let json = serde_json::to_vec(args).expect("JSON values encode");
        if json.len() <= sharing::MAX_INLINE_ARGS {
            return true;
        }
        let ttl = self.store_ttl();
        let key = sharing::args_key(hash);
        let json = Bytes::from(json);
        let sharing = &self.state.sharing;
        // Near too, so that a backend outage does not hide them from this process.
        if sharing.cache.in_process().is_none() {
            let _ = sharing.near.set(&key, json.clone(), ttl).await;
        }
        if let Err(error) = sharing.cache.set(&key, json, ttl).await {
            tracing::debug!(callback = self.spec.name, %error, "server store arguments not shared; readers elsewhere answer 410 if the value is lost");
        }
        false
    }

    /// How long the values this call writes to server-side stores are kept.
    fn store_ttl(&self) -> Option<std::time::Duration> {
        self.spec
            .memoize
            .and_then(|m| m.ttl)
            .or(Some(self.state.sharing.store_ttl))
    }

    /// Keeps a value written to a server-side store: as returned, in this process, and
    /// encoded in a backend shared between processes. Its size in bytes (encoded), or
    /// `None` when it is null and the store is left empty.
    async fn keep(
        &self,
        prop: &PropId,
        hash: &str,
        index: usize,
        stored: &StoredValue,
    ) -> Result<Option<u64>, ApiError> {
        let spec = self.spec;
        let sharing = &self.state.sharing;
        let key = sharing::store_key(hash, index);
        let ttl = self.store_ttl();
        let unkept = |message: String| ApiError::Encode {
            callback: spec.name,
            location: spec.location,
            message: format!(
                "the `{}` written to `{prop}` cannot be kept: {message}",
                stored.type_name()
            ),
        };
        // Measured (for the memory backend) or encoded (for a shared one) on the blocking
        // pool: a large value takes milliseconds, and its `Serialize` may panic.
        let in_process = sharing.cache.in_process().is_some();
        let value = stored.clone();
        let work = move || {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                if in_process {
                    value.measure().map(|measure| (None, measure))
                } else {
                    sharing::encode_store(&value).map(|(bytes, measure)| (Some(bytes), measure))
                }
            }))
        };
        let (bytes, measure) = match tokio::task::spawn_blocking(work).await {
            Ok(Ok(done)) => done.map_err(unkept)?,
            Ok(Err(_)) | Err(_) => {
                return Err(ApiError::Panic {
                    callback: spec.name,
                    location: spec.location,
                    message: format!(
                        "the `Serialize` of the `{}` written to `{prop}` panicked",
                        stored.type_name()
                    ),
                });
            }
        };
        if measure.null {
            return Ok(None);
        }
        let Some(bytes) = bytes else {
            let memory = sharing
                .cache
                .in_process()
                .expect("measured for the memory backend");
            memory.set_value(&key, stored.clone(), measure.bytes, ttl);
            tracing::debug!(callback = spec.name, store = %prop.id, bytes = measure.bytes, "server store kept in memory");
            return Ok(Some(measure.bytes));
        };
        sharing
            .near
            .set_value(&key, stored.clone(), measure.bytes, ttl);
        match sharing.cache.set(&key, Bytes::from(bytes), ttl).await {
            Ok(()) => tracing::debug!(
                callback = spec.name,
                store = %prop.id,
                bytes = measure.bytes,
                "server store written"
            ),
            Err(error) => {
                tracing::debug!(callback = spec.name, store = %prop.id, %error, "server store not shared; readers elsewhere will compute it again")
            }
        }
        Ok(Some(measure.bytes))
    }

    /// A store's value as JSON, for a reader that does not take it typed.
    fn as_json(&self, prop: &PropId, input: StoreInput) -> Result<Value, ApiError> {
        let json = match input {
            StoreInput::Value(value) => {
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| value.to_json()))
                    .map_err(|_| "its `Serialize` panicked".to_owned())
                    .and_then(|json| json.map_err(|error| error.to_string()))
            }
            StoreInput::Encoded(bytes) => {
                dash_core::decode_stored::<Value>(&bytes).map_err(|(_, message)| message)
            }
        };
        json.map_err(|message| ApiError::Encode {
            callback: self.spec.name,
            location: self.spec.location,
            message: format!("the value of `{prop}` cannot be read as JSON: {message}"),
        })
    }

    /// The hash that names the values this call writes to server-side stores.
    fn store_hash(&self, args: &[Value]) -> String {
        let scope = self.spec.memoize.map(|m| m.scope).unwrap_or_default();
        let session = sharing::scope_part(scope, self.session).unwrap_or("");
        sharing::call_hash(&self.state.sharing.cache_version, self.spec, session, args)
    }

    /// The value a server-side store's handle stands for: kept in this process as it was
    /// returned, encoded in a shared cache, or computed again by the callback that wrote
    /// it, with the arguments the handle carries.
    async fn resolve(
        &self,
        prop: &PropId,
        value: Value,
        depth: usize,
        decoder: Option<StoreDecoder>,
    ) -> Result<Resolved, ApiError> {
        let handle = match Handle::from_json(&value) {
            None => return Ok(Resolved::Json(value)), // empty (null) until written
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
        let args = match (handle.args, handle.key) {
            (Some(args), None) => args,
            (None, Some(key)) if sharing::is_hash(&key) => {
                self.stored_args(&call, prop, &key).await?
            }
            _ => {
                return Err(self.bad_handle(
                    prop,
                    "it carries neither its producer's arguments nor a valid key".into(),
                ));
            }
        };
        let arity = producer.dependency.inputs.len() + producer.dependency.state.len();
        if args.len() != arity {
            return Err(self.bad_handle(
                prop,
                format!(
                    "no callback writes it as output {} of `{}` from {} arguments",
                    handle.output,
                    handle.callback,
                    args.len()
                ),
            ));
        }
        let key = sharing::store_key(&call.store_hash(&args), handle.output);
        let sharing = &state.sharing;
        if let Some(value) = sharing.local().get_value(&key) {
            tracing::debug!(callback = producer.name, store = %prop.id, "server store hit in this process");
            return Ok(Resolved::Input(StoreInput::Value(value)));
        }
        if sharing.cache.in_process().is_none() {
            let found = match decoder {
                // Decoded once for every reader in this process, then kept near.
                Some(decoder) => {
                    let fetch = || self.fetch_decoded(&call, prop, &key, decoder);
                    sharing
                        .flights
                        .run(&key, fetch)
                        .await
                        .map(StoreInput::Value)
                }
                None => self.fetch(prop, &key).await.map(StoreInput::Encoded),
            };
            if let Some(input) = found {
                tracing::debug!(callback = producer.name, store = %prop.id, "server store hit");
                return Ok(Resolved::Input(input));
            }
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
        let (_, kept) = call.run(args, depth + 1, Some(handle.output)).await?;
        Ok(match kept {
            Some(value) => Resolved::Input(StoreInput::Value(value)),
            None => Resolved::Json(Value::Null),
        })
    }

    /// A server-side store's encoded value in a backend shared between processes, if it
    /// is there and in the encoding this build writes.
    async fn fetch(&self, prop: &PropId, key: &str) -> Option<Bytes> {
        match self.state.sharing.cache.get(key).await {
            Ok(Some(bytes)) => {
                let encoded = sharing::encoded_store(bytes);
                if encoded.is_none() {
                    tracing::warn!(store = %prop.id, "server store value in an unknown encoding; computing it again");
                }
                encoded
            }
            Ok(None) => None,
            Err(error) => {
                tracing::debug!(store = %prop.id, %error, "cache unavailable");
                None
            }
        }
    }

    /// [`fetch`](Self::fetch), decoded as the store's type and kept in this process for
    /// as long as its producer keeps it. A large value is decoded on the blocking pool,
    /// so that it does not hold up the requests of an async worker.
    async fn fetch_decoded(
        &self,
        producer: &Call<'_>,
        prop: &PropId,
        key: &str,
        decoder: StoreDecoder,
    ) -> Option<StoredValue> {
        let encoded = self.fetch(prop, key).await?;
        let bytes = encoded.len() as u64;
        let decode = move || {
            std::panic::catch_unwind(|| decoder(&encoded))
                .unwrap_or_else(|_| Err("its `Deserialize` panicked".into()))
        };
        let decoded = if bytes > DECODE_INLINE_BYTES {
            tokio::task::spawn_blocking(decode)
                .await
                .unwrap_or_else(|error| Err(error.to_string()))
        } else {
            decode()
        };
        match decoded {
            Ok(value) => {
                let ttl = producer.store_ttl();
                self.state
                    .sharing
                    .near
                    .set_value(key, value.clone(), bytes, ttl);
                Some(value)
            }
            Err(message) => {
                tracing::warn!(store = %prop.id, %message, "server store value does not read as its type; computing it again");
                None
            }
        }
    }

    /// The arguments kept for a handle that carries only its call's hash: in this process,
    /// else in the backend. The caller hashes them again for this request's session, as it
    /// does a handle's own arguments, so another session's handle computes this session's
    /// value.
    async fn stored_args(
        &self,
        producer: &Call<'_>,
        prop: &PropId,
        hash: &str,
    ) -> Result<Vec<Value>, ApiError> {
        let key = sharing::args_key(hash);
        let sharing = &self.state.sharing;
        let mut found = sharing.local().get(&key).await.ok().flatten();
        if found.is_none() && sharing.cache.in_process().is_none() {
            found = match sharing.cache.get(&key).await {
                Ok(found) => found,
                Err(error) => {
                    return Err(ApiError::Callback {
                        callback: self.spec.name,
                        location: self.spec.location,
                        message: format!(
                            "the cache that holds what `{prop}` was computed from is \
                             unavailable ({error}); try again"
                        ),
                        status: StatusCode::SERVICE_UNAVAILABLE,
                    });
                }
            };
        }
        let Some(bytes) = found else {
            return Err(ApiError::StoreGone {
                callback: self.spec.name,
                message: format!(
                    "the value of `{prop}` is gone from the cache, and so are the arguments \
                     that computed it (its producer's inputs were too large for the handle to \
                     carry): change an input of `{}` to compute it again",
                    producer.spec.name
                ),
            });
        };
        serde_json::from_slice(&bytes)
            .map_err(|error| self.bad_handle(prop, format!("its arguments do not parse: {error}")))
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
