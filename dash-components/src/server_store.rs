//! A store whose data stays on the server.

use std::marker::PhantomData;

use dash_core::TypedComponent;
use serde::Serialize;
use serde_json::Value;

use crate::store::StorageType;

/// A `dcc.Store` whose `data` stays on the server: the browser holds only a small handle.
///
/// Declare it in `#[ids]` like a [`Store`](crate::Store), and write callbacks as if it were
/// one: the callback that outputs `"intermediate.data"` returns a `T`, and the callbacks
/// that read it take a `T`, or an `Arc<T>` to share the value without copying it. The
/// server keeps the value in its cache backend (memory, disk or Redis) and sends the
/// browser a handle naming the callback and the input values that produced it, under 300
/// bytes whatever the size of `T`. When a handle's value has been evicted, has expired or
/// was lost with Redis, the server runs the producing callback again from what the handle
/// carries, so a reader never sees an error for it. (A handle whose producer's inputs took
/// more than 160 bytes of JSON carries their hash, and the inputs are kept in the cache: if
/// they are gone too, the reader gets a 410 naming the callback to run again.)
///
/// In the process that computed it, the value stays as the callback returned it: an
/// `Arc<T>` reader shares it, a `T: Clone` reader clones it, and nothing is decoded.
/// Between processes it travels as MessagePack (`T: Serialize + DeserializeOwned`), and
/// another process decodes it once for all its readers.
///
/// Use it when the shared value is large (a table of a million rows would be tens of
/// megabytes in a browser store, sent back to the server by every reader) or should not
/// leave the server.
///
/// ```
/// use dash::ServerStore;
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Serialize, Deserialize)]
/// struct Cleaned { rows: Vec<(i64, f64)> }
///
/// let store: ServerStore<Cleaned> = ServerStore::new("intermediate");
/// assert_eq!(
///     serde_json::to_value(&store).unwrap(),
///     serde_json::json!({
///         "namespace": "dash_core_components",
///         "type": "Store",
///         "props": {"id": "intermediate"}
///     })
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(remote = "Self")]
pub struct ServerStore<T = Value> {
    /// `id` (required).
    pub id: String,
    /// Where the browser keeps the handle: memory (the default), session or local. With
    /// `session` or `local` the handle survives a reload, and the value stays on the server.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub storage_type: Option<StorageType>,
    /// The value, as callbacks see it. It is never sent to the browser, so it cannot be
    /// set in the layout: a callback fills it.
    #[serde(skip)]
    pub data: Option<T>,
    #[serde(skip)]
    marker: PhantomData<fn() -> T>,
}

impl<T> ServerStore<T> {
    /// A server-side store with this id, empty until a callback writes it.
    pub fn new(id: impl Into<String>) -> Self {
        ServerStore {
            id: id.into(),
            storage_type: None,
            data: None,
            marker: PhantomData,
        }
    }

    /// Sets where the browser keeps the handle.
    pub fn storage_type(mut self, storage_type: StorageType) -> Self {
        self.storage_type = Some(storage_type);
        self
    }
}

impl<T> TypedComponent for ServerStore<T> {
    const NAMESPACE: &'static str = dash_core::DCC;
    const TYPE: &'static str = "Store";

    fn serialize_props<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ServerStore::serialize(self, serializer)
    }
}

impl<T> Serialize for ServerStore<T> {
    /// The whole component, as the renderer reads it.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        dash_core::serialize_component(self, serializer)
    }
}
