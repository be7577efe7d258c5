//! The values of server-side stores: kept as the callback returned them in the process
//! that computed them, and encoded compactly (MessagePack) where they cross processes.

use std::any::Any;
use std::fmt;
use std::io;
use std::sync::Arc;

use bytes::Bytes;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

type AnyValue = dyn Any + Send + Sync;

/// A value a callback wrote to a `ServerStore`, as it returned it.
///
/// Readers in the same process take it shared (`Arc<T>`) or cloned, without encoding or
/// decoding anything; [`encode`](Self::encode) gives the bytes a cache shared between
/// processes keeps. Cheap to clone.
///
/// ```
/// use std::sync::Arc;
/// use dash::{StoredValue, decode_stored};
///
/// let stored = StoredValue::new(vec![(1u32, 2.5f64)]);
/// let shared: Arc<Vec<(u32, f64)>> = stored.shared().unwrap();
/// assert_eq!(shared[0], (1, 2.5));
/// let bytes = stored.encode().unwrap();
/// assert_eq!(decode_stored::<Vec<(u32, f64)>>(&bytes).unwrap(), vec![(1, 2.5)]);
/// ```
#[derive(Clone)]
pub struct StoredValue {
    value: Arc<AnyValue>,
    type_name: &'static str,
    // One function per writer, so that the encoder's many small writes are inlined.
    encode: fn(&AnyValue, &mut Vec<u8>) -> Result<(), rmp_serde::encode::Error>,
    count: fn(&AnyValue, &mut Counter) -> Result<(), rmp_serde::encode::Error>,
    json: fn(&AnyValue) -> Result<Value, serde_json::Error>,
}

impl StoredValue {
    /// Keeps `value` as it is.
    pub fn new<T: Serialize + Send + Sync + 'static>(value: T) -> StoredValue {
        fn encode<T: Serialize + 'static, W: io::Write>(
            value: &AnyValue,
            out: &mut W,
        ) -> Result<(), rmp_serde::encode::Error> {
            let value = value.downcast_ref::<T>().expect("a value of its own type");
            rmp_serde::encode::write_named(out, value)
        }
        fn json<T: Serialize + 'static>(value: &AnyValue) -> Result<Value, serde_json::Error> {
            crate::to_json(value.downcast_ref::<T>().expect("a value of its own type"))
        }
        StoredValue {
            value: Arc::new(value),
            type_name: std::any::type_name::<T>(),
            encode: encode::<T, Vec<u8>>,
            count: encode::<T, Counter>,
            json: json::<T>,
        }
    }

    /// The Rust type the callback returned, for messages.
    pub fn type_name(&self) -> &'static str {
        self.type_name
    }

    /// The value itself, when it is a `T`; no copy.
    pub fn shared<T: Send + Sync + 'static>(&self) -> Option<Arc<T>> {
        self.value.clone().downcast::<T>().ok()
    }

    /// The compact encoding kept by caches shared between processes: MessagePack, structs
    /// as maps with their field names, so it reads back as any type serde can read from
    /// JSON of the same shape. Fails when a `Serialize` impl fails.
    pub fn encode(&self) -> Result<Vec<u8>, String> {
        let mut bytes = Vec::new();
        self.encode_into(&mut bytes)?;
        Ok(bytes)
    }

    /// [`encode`](Self::encode), appending to `out`.
    pub fn encode_into(&self, out: &mut Vec<u8>) -> Result<(), String> {
        (self.encode)(&*self.value, out).map_err(|error| error.to_string())
    }

    /// The length of [`encode`](Self::encode)'s bytes, and whether the value is `null`
    /// (`None` or `()`), measured without keeping the bytes: what an in-process cache
    /// counts the value as.
    pub fn measure(&self) -> Result<Measure, String> {
        let mut counter = Counter::default();
        (self.count)(&*self.value, &mut counter).map_err(|error| error.to_string())?;
        Ok(Measure {
            bytes: counter.bytes,
            null: counter.bytes == 1 && counter.first == Some(NIL),
        })
    }

    /// The value as JSON, for readers that are not typed: fails, like an output, for a
    /// value JSON cannot carry (see [`to_json`](crate::to_json)).
    pub fn to_json(&self) -> Result<Value, serde_json::Error> {
        (self.json)(&*self.value)
    }
}

impl fmt::Debug for StoredValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "StoredValue({})", self.type_name)
    }
}

/// MessagePack's `nil`.
const NIL: u8 = 0xc0;

/// What [`StoredValue::measure`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Measure {
    /// The bytes of the compact encoding.
    pub bytes: u64,
    /// The value is `null`: the store is left empty.
    pub null: bool,
}

/// A writer that only counts.
#[derive(Default)]
pub(crate) struct Counter {
    bytes: u64,
    first: Option<u8>,
}

impl io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.first.is_none() {
            self.first = buf.first().copied();
        }
        self.bytes += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Reads bytes written by [`StoredValue::encode`] as a `T`. On failure, the JSON-style
/// path of the first value that did not fit (`rows[3].1`) and serde's message.
pub fn decode_stored<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, (String, String)> {
    // Read once without tracking the path (it doubles the time of a large value), and
    // again with it only to word an error.
    T::deserialize(&mut rmp_serde::Deserializer::from_read_ref(bytes)).or_else(|_| {
        let mut deserializer = rmp_serde::Deserializer::from_read_ref(bytes);
        serde_path_to_error::deserialize(&mut deserializer)
            .map_err(|error| (error.path().to_string(), error.into_inner().to_string()))
    })
}

/// A value a callback can return for a server-side store: any `Serialize` value, kept as
/// it is, or [`Update`](crate::Update) of one (`NoUpdate` leaves the store as it is).
pub trait IntoStored {
    /// The value to keep, or `None` to leave the store unchanged.
    fn into_stored(self) -> Option<StoredValue>;
}

impl<T: Serialize + Send + Sync + 'static> IntoStored for T {
    fn into_stored(self) -> Option<StoredValue> {
        Some(StoredValue::new(self))
    }
}

impl<T: Serialize + Send + Sync + 'static> IntoStored for crate::Update<T> {
    fn into_stored(self) -> Option<StoredValue> {
        match self {
            crate::Update::Set(value) => Some(StoredValue::new(value)),
            crate::Update::NoUpdate => None,
        }
    }
}

/// A server-side store's value as the server found it for a typed reader.
#[derive(Clone, Debug)]
pub enum StoreInput {
    /// Kept in this process as the callback returned it.
    Value(StoredValue),
    /// Encoded by [`StoredValue::encode`], from a cache shared between processes.
    Encoded(Bytes),
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Serialize, Deserialize, Debug, PartialEq, Clone)]
    struct Table {
        rows: Vec<(u32, f64)>,
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    }

    #[test]
    fn encoded_values_read_back_as_their_type_and_as_json() {
        let table = Table {
            rows: vec![(1, 0.5), (2, f64::NAN)],
            note: None,
        };
        let stored = StoredValue::new(table.clone());
        let bytes = stored.encode().unwrap();
        let back: Table = decode_stored(&bytes).unwrap();
        assert_eq!(back.rows[0], (1, 0.5));
        assert!(back.rows[1].1.is_nan(), "NaN survives between processes");
        let loose: Value = decode_stored(&bytes).unwrap();
        assert_eq!(loose["rows"][0], serde_json::json!([1, 0.5]));
        assert!(
            stored.to_json().is_err(),
            "JSON cannot carry NaN: {:?}",
            stored.to_json()
        );
        assert_eq!(
            stored.measure().unwrap(),
            Measure {
                bytes: bytes.len() as u64,
                null: false
            }
        );
    }

    #[test]
    fn values_are_shared_not_copied() {
        let stored = StoredValue::new(vec![1u8; 10]);
        let a: Arc<Vec<u8>> = stored.shared().unwrap();
        let b: Arc<Vec<u8>> = stored.clone().shared().unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        assert!(stored.shared::<Vec<u16>>().is_none());
        assert_eq!(stored.type_name(), "alloc::vec::Vec<u8>");
    }

    #[test]
    fn null_values_are_seen() {
        assert!(StoredValue::new(None::<Table>).measure().unwrap().null);
        assert!(StoredValue::new(()).measure().unwrap().null);
        assert!(!StoredValue::new(Some(0)).measure().unwrap().null);
        assert!(StoredValue::new(Value::Null).measure().unwrap().null);
    }

    #[test]
    fn decoding_errors_name_the_path() {
        let bytes = StoredValue::new(serde_json::json!({"rows": [[1, "x"]]}))
            .encode()
            .unwrap();
        let (path, message) = decode_stored::<Table>(&bytes).unwrap_err();
        assert_eq!(path, "rows[0][1]");
        assert!(!message.is_empty());
    }
}
