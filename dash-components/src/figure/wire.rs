//! A figure as it goes out: long arrays of numbers in its traces become typed arrays.
//!
//! Only traces are read this way (`data`, and the `data` of each frame), never the layout:
//! plotly.js decodes typed arrays in trace attributes that hold data (`x`, `marker.color`,
//! …). Arrays inside arrays stay as they are, and so do the two trace attributes that
//! take any value (`selectedpoints`, `meta`), where plotly.js does not decode them, and
//! `customdata`, which event data (`clickData`) carry as they find it.

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::Value;

use super::TypedArray;

/// The trace attributes whose arrays stay JSON: plotly.js does not decode the last two,
/// and event data carry the first as it is.
const KEEP: [&str; 3] = ["customdata", "selectedpoints", "meta"];

/// A figure's `data` (or a frame's): its traces.
pub(super) struct Traces<'a>(pub(super) &'a [Value]);

impl Serialize for Traces<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for trace in self.0 {
            seq.serialize_element(&Node(trace))?;
        }
        seq.end()
    }
}

/// A frame: its `data` are traces, the rest as it is.
pub(super) struct Frame<'a>(pub(super) &'a Value);

impl Serialize for Frame<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Value::Object(keys) = self.0 else {
            return self.0.serialize(serializer);
        };
        let mut map = serializer.serialize_map(Some(keys.len()))?;
        for (key, value) in keys {
            match value {
                Value::Array(traces) if key == "data" => {
                    map.serialize_entry(key, &Traces(traces))?
                }
                _ => map.serialize_entry(key, value)?,
            }
        }
        map.end()
    }
}

/// A value inside a trace that is not directly an attribute's: objects are read on.
struct Node<'a>(&'a Value);

impl Serialize for Node<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Value::Object(keys) = self.0 else {
            return self.0.serialize(serializer);
        };
        let mut map = serializer.serialize_map(Some(keys.len()))?;
        for (key, value) in keys {
            if KEEP.contains(&key.as_str()) {
                map.serialize_entry(key, value)?;
            } else {
                map.serialize_entry(key, &Attribute(value))?;
            }
        }
        map.end()
    }
}

/// An attribute's value: a long array of numbers goes as a typed array.
struct Attribute<'a>(&'a Value);

impl Serialize for Attribute<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Value::Array(items) => {
                if items.len() >= TypedArray::MIN_LEN
                    && let Some(array) = TypedArray::from_numbers(items)
                {
                    return array.serialize(serializer);
                }
                // Objects in a list (`dimensions`, `transforms`) are read on.
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&Node(item))?;
                }
                seq.end()
            }
            other => Node(other).serialize(serializer),
        }
    }
}
