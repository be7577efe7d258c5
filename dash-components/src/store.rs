//! `dcc.Store` with a typed `data`.

use dash_core::{Number, TypedComponent};
use serde::Serialize;
use serde_json::Value;

crate::__literal_enum! {
    /// Where a [`Store`] keeps its data in the browser.
    pub enum StorageType {
        /// In the page: gone on reload (the default).
        Memory = "memory",
        /// In `window.sessionStorage`: kept across reloads until the tab closes.
        Session = "session",
        /// In `window.localStorage`: kept until cleared.
        Local = "local",
    }
}

/// `dcc.Store`: data kept in the browser that callbacks write and read, typed.
///
/// `T` is the type of `data`. A callback that outputs `"intermediate.data"` returns a `T`,
/// and callbacks that take it as input receive a `T`, so an expensive step runs once and
/// its result is shared. It defaults to any JSON.
///
/// ```
/// use dash::{Store, StorageType};
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
/// struct Cleaned { rows: Vec<(String, f64)> }
///
/// let store: Store<Cleaned> = Store::new("intermediate").storage_type(StorageType::Session);
/// assert_eq!(
///     serde_json::to_value(&store).unwrap(),
///     serde_json::json!({
///         "namespace": "dash_core_components",
///         "type": "Store",
///         "props": {"id": "intermediate", "storage_type": "session"}
///     })
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(remote = "Self")]
pub struct Store<T = Value> {
    /// `id` (required).
    pub id: String,
    /// `storage_type`: memory (the default), session or local.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub storage_type: Option<StorageType>,
    /// `data`: the value kept.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<T>,
    /// `clear_data`: set to true to clear the data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clear_data: Option<bool>,
    /// `modified_timestamp`: when `data` last changed, in ms since the epoch (set by the
    /// browser).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modified_timestamp: Option<Number>,
}

impl<T: Serialize> Store<T> {
    /// A store with this id and no data yet.
    pub fn new(id: impl Into<String>) -> Self {
        Store {
            id: id.into(),
            storage_type: None,
            data: None,
            clear_data: None,
            modified_timestamp: None,
        }
    }

    /// Sets where the browser keeps the data.
    pub fn storage_type(mut self, storage_type: StorageType) -> Self {
        self.storage_type = Some(storage_type);
        self
    }

    /// Sets the initial data.
    pub fn data(mut self, data: impl Into<T>) -> Self {
        self.data = Some(data.into());
        self
    }

    /// Sets `clear_data`.
    pub fn clear_data(mut self, clear_data: bool) -> Self {
        self.clear_data = Some(clear_data);
        self
    }

    /// Sets `modified_timestamp`.
    pub fn modified_timestamp(mut self, timestamp: impl Into<Number>) -> Self {
        self.modified_timestamp = Some(timestamp.into());
        self
    }
}

impl<T: Serialize> TypedComponent for Store<T> {
    const NAMESPACE: &'static str = dash_core::DCC;
    const TYPE: &'static str = "Store";

    fn serialize_props<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Store::serialize(self, serializer)
    }
}

impl<T: Serialize> Serialize for Store<T> {
    /// The whole component, as the renderer reads it.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        dash_core::serialize_component(self, serializer)
    }
}
