//! The server-store half of [`Call`]'s methods: a handle resolved into its value (kept in
//! this process, fetched from a shared backend, or computed again by its producer, which
//! runs the call again: the one way back into `mod.rs`), and a value the callback wrote
//! kept.

use axum::body::Bytes;
use axum::http::StatusCode;
use dash_core::{CallContext, PropId, StoreDecoder, StoreInput, StoredValue};
use serde_json::Value;

use super::keys::{self, CallKey, Handle};
use super::{Call, MAX_DEPTH, Resolved};
use crate::cache::CacheBackend;
use crate::error::ApiError;
use crate::protocol::request::handle_arguments;

/// The largest encoded value decoded on the async worker; larger ones go to the
/// blocking pool (a million rows take tens of milliseconds).
const DECODE_INLINE_BYTES: u64 = 64 * 1024;

impl Call<'_> {
    /// Whether the handles of this call carry its arguments: when their JSON is short.
    /// Otherwise they carry the hash, and the arguments are kept in the cache under it,
    /// for as long as the values.
    pub(super) async fn inline_args(&self, call: &CallKey) -> bool {
        if call.json.len() <= keys::MAX_INLINE_ARGS {
            return true;
        }
        let ttl = self.store_ttl();
        let key = keys::args_key(&call.hash);
        let json = call.json.clone();
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
    pub(super) fn store_ttl(&self) -> Option<std::time::Duration> {
        self.spec
            .memoize
            .and_then(|m| m.ttl)
            .or(Some(self.state.sharing.store_ttl))
    }

    /// Keeps a value written to a server-side store: as returned, in this process, and
    /// encoded in a backend shared between processes. Its size in bytes (encoded), or
    /// `None` when it is null and the store is left empty.
    pub(super) async fn keep(
        &self,
        prop: &PropId,
        hash: &str,
        index: usize,
        stored: &StoredValue,
    ) -> Result<Option<u64>, ApiError> {
        let spec = self.spec;
        let sharing = &self.state.sharing;
        let key = keys::store_key(hash, index);
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
                    keys::encode_store(&value).map(|(bytes, measure)| (Some(bytes), measure))
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
    pub(super) fn as_json(&self, prop: &PropId, input: StoreInput) -> Result<Value, ApiError> {
        let json = match input {
            StoreInput::Value(value) => stored_to_json(&value),
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

    /// The value a server-side store's handle stands for: kept in this process as it was
    /// returned, encoded in a shared cache, or computed again by the callback that wrote
    /// it, with the arguments the handle carries.
    pub(super) async fn resolve(
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
            .get(&handle.producer)
            .filter(|producer| producer.dependency.outputs.get(handle.output) == Some(prop))
            .ok_or_else(|| {
                self.bad_handle(
                    prop,
                    format!(
                        "no callback writes it as output {} of `{}`",
                        handle.output, handle.producer
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
        let wire = match (handle.args, handle.key) {
            (Some(args), None) => args,
            (None, Some(key)) if keys::is_hash(&key) => self.stored_args(&call, prop, &key).await?,
            _ => {
                return Err(self.bad_handle(
                    prop,
                    "it carries neither its producer's arguments nor a valid key".into(),
                ));
            }
        };
        let args = handle_arguments(producer, wire).map_err(|why| {
            self.bad_handle(
                prop,
                format!(
                    "no callback writes it as output {} of `{}` from these arguments: {why}",
                    handle.output, handle.producer
                ),
            )
        })?;
        let call_key = call
            .key(&args)
            .expect("a callback that writes a store has a key");
        let key = keys::store_key(&call_key.hash, handle.output);
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
        let (_, kept) = call
            .run(args, Some(call_key), depth + 1, Some(handle.output))
            .await?;
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
                let encoded = keys::encoded_store(bytes);
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
        let key = keys::args_key(hash);
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

/// A store value as JSON, its `Serialize` panics caught: the error says what went wrong.
pub(super) fn stored_to_json(value: &StoredValue) -> Result<Value, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| value.to_json()))
        .map_err(|_| "its `Serialize` panicked".to_owned())
        .and_then(|json| json.map_err(|error| error.to_string()))
}
