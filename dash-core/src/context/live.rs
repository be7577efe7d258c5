//! A call the page is still connected to: a WebSocket callback. What it writes with
//! `set_props` goes out as it is written, and it can read a prop from the page while it
//! runs. The server implements [`LiveCall`] for its connection; dash-core only calls it.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::callback::BoxFuture;
use crate::error::CallbackError;
use crate::id::ComponentId;

use super::CallContext;

/// The page's end of a WebSocket callback, as the server gives it to the call.
pub trait LiveCall: Send + Sync {
    /// Sends these props of the component `id` to the page now.
    fn push(&self, id: &ComponentId, props: Map<String, Value>);

    /// Asks the page for `prop` of the component `id`: its value (`null` when the page
    /// has none), or why there is none (the page went away, or did not answer in time).
    fn get_prop(&self, id: &ComponentId, prop: &str) -> BoxFuture<Result<Value, String>>;
}

impl CallContext {
    /// Reads `prop` of the component `id` from the page, while the callback runs (Dash's
    /// `ctx.websocket.get_prop`): the value the user sees now, decoded as `T`. Only a
    /// WebSocket callback (`#[callback(websocket)]`) can ask, and only an `async` one can
    /// wait for the answer.
    ///
    /// # Errors
    ///
    /// When the call is not a WebSocket call, the page went away or did not answer in
    /// 30 s, or the value does not decode as `T`.
    pub async fn get_prop<T: DeserializeOwned>(
        &self,
        id: impl Into<ComponentId>,
        prop: &str,
    ) -> Result<T, CallbackError> {
        let id = id.into();
        let Some(live) = self.live_end() else {
            return Err(CallbackError::msg(format_args!(
                "`get_prop(\"{id}\", \"{prop}\")` reads the page during a call over the \
                 WebSocket, and this call came over HTTP: mark the callback `websocket` (a \
                 browser without SharedWorker sends even those over HTTP)"
            )));
        };
        let value = live
            .get_prop(&id, prop)
            .await
            .map_err(|why| CallbackError::msg(format_args!("`{id}.{prop}`: {why}")))?;
        serde_json::from_value(value).map_err(|error| {
            CallbackError::msg(format_args!(
                "`{id}.{prop}` is not a {}: {error}",
                std::any::type_name::<T>()
            ))
        })
    }
}
