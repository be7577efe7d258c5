//! The boundary between a server and a callback's adapter, typed both ways.
//!
//! The server hands the adapter [`Args`], one [`Arg`] per input and state prop: a plain
//! prop's value, the components a pattern matched, or a server-side store's value. The
//! adapter decodes them, calls the function and answers [`Returned`]: one [`Out`] per
//! output, the side updates the call wrote with `set_props`, and the error an `on_error`
//! handler turned into a fallback. Nothing travels beside these two values: the
//! [`CallContext`] is what the callback reads, and the one thing it writes (`set_props`)
//! comes back in `Returned`.
//!
//! A call needs no HTTP request: a test, a background job or a server store computed
//! again builds `Args` and a context of its own.
//!
//! ```
//! use dash::{Arg, Args, CallContext, CallbackResult, Out, Returned};
//!
//! // An adapter written by hand: doubles its one argument.
//! fn double(mut args: Args, call: &CallContext) -> CallbackResult {
//!     let n = args.take(0).into_value().as_i64().unwrap_or(0);
//!     Returned::new(vec![Out::Json((2 * n).into())], call)
//! }
//! let call = CallContext::internal(Default::default());
//! let returned = double(Args::from(vec![Arg::Value(21.into())]), &call).unwrap();
//! assert!(matches!(&returned.outputs[..], [Out::Json(n)] if n == 42));
//! ```

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};

use crate::context::CallContext;
use crate::error::CallbackError;
use crate::id::ComponentId;
use crate::stored::{StoreInput, StoredValue};

/// One component a pattern input matched: its concrete id and its value (`null` when the
/// browser has none).
#[derive(Clone, Debug, PartialEq)]
pub struct PatternItem {
    /// The component's id, as the request named it.
    pub id: ComponentId,
    /// The prop's value.
    pub value: Value,
}

/// One argument of a call, as the server hands it to the adapter.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Arg {
    /// A plain prop's value as the browser sent it; `null` when it has none.
    Value(Value),
    /// The component that matched a `MATCH` input (or a pattern with no wildcard).
    Match(PatternItem),
    /// The components that matched an `ALL` or `ALLSMALLER` input, in the request's order.
    All(Vec<PatternItem>),
    /// A server-side store's value, for an adapter that reads stores typed
    /// ([`CallbackSpec::typed_stores`](crate::CallbackSpec::typed_stores)).
    Store(StoreInput),
}

impl Arg {
    /// The argument as one JSON value: a plain value, an item's value, or `null` for
    /// anything else.
    pub fn into_value(self) -> Value {
        match self {
            Arg::Value(value) | Arg::Match(PatternItem { value, .. }) => value,
            Arg::All(_) | Arg::Store(_) => Value::Null,
        }
    }

    /// The argument as the request carried it, for cache keys and server store handles:
    /// a plain value, `{"id", "property", "value"}` for an item, a list of those for
    /// several. `property` is the prop's name; a store value (never hashed) is `null`.
    pub fn wire<'a>(&'a self, property: &'a str) -> impl Serialize + 'a {
        Wire {
            arg: self,
            property,
        }
    }
}

struct Wire<'a> {
    arg: &'a Arg,
    property: &'a str,
}

struct WireItem<'a>(&'a PatternItem, &'a str);

impl Serialize for WireItem<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("id", &self.0.id)?;
        map.serialize_entry("property", self.1)?;
        map.serialize_entry("value", &self.0.value)?;
        map.end()
    }
}

impl Serialize for Wire<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.arg {
            Arg::Value(value) => value.serialize(serializer),
            Arg::Match(item) => WireItem(item, self.property).serialize(serializer),
            Arg::All(items) => {
                serializer.collect_seq(items.iter().map(|item| WireItem(item, self.property)))
            }
            Arg::Store(_) => serializer.serialize_unit(),
        }
    }
}

/// The arguments of a call, inputs then state, in declaration order.
#[derive(Clone, Debug, Default)]
pub struct Args(Vec<Arg>);

impl Args {
    /// Argument `index`, taken out (`null` in its place, and when there is none).
    pub fn take(&mut self, index: usize) -> Arg {
        self.0
            .get_mut(index)
            .map(|arg| std::mem::replace(arg, Arg::Value(Value::Null)))
            .unwrap_or(Arg::Value(Value::Null))
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Are there none?
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The arguments, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, Arg> {
        self.0.iter()
    }

    /// The arguments, in order, to change in place.
    pub fn iter_mut(&mut self) -> std::slice::IterMut<'_, Arg> {
        self.0.iter_mut()
    }
}

impl From<Vec<Arg>> for Args {
    fn from(args: Vec<Arg>) -> Self {
        Args(args)
    }
}

/// What a callback produced for one output.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Out {
    /// Leave it as it is ("no update").
    Skip,
    /// Set it to this JSON.
    Json(Value),
    /// An `ALL` output: one entry per matching component, in the order of the request's
    /// `outputs`, `None` to leave that one as it is.
    Many(Vec<Option<Value>>),
    /// A server-side store's new value, as the callback returned it: the server keeps it
    /// and sends the browser a handle.
    Stored(StoredValue),
}

/// What an adapter answers when the callback returned.
#[derive(Debug)]
#[non_exhaustive]
pub struct Returned {
    /// One entry per output, in declaration order.
    pub outputs: Vec<Out>,
    /// The props the call wrote with `set_props`, by id (in its text form), merged: the
    /// response's `sideUpdate`. `None` when there are none.
    pub side_updates: Option<Map<String, Value>>,
    /// The error an `on_error` handler turned into these outputs, for the server's log;
    /// such outputs are sent but never memoized nor kept in a server-side store.
    pub handled: Option<String>,
}

impl Returned {
    /// The outputs of a call, with the side updates it wrote through `call` (taken out of
    /// it: later writes are dropped). Fails when a side update could not be encoded.
    pub fn new(outputs: Vec<Out>, call: &CallContext) -> Result<Returned, CallbackError> {
        Ok(Returned {
            outputs,
            side_updates: call.take_side_updates()?,
            handled: None,
        })
    }

    /// Records the error an `on_error` handler answered for.
    pub fn handled(mut self, message: Option<String>) -> Returned {
        self.handled = message;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn items_travel_as_the_request_sent_them() {
        let id = ComponentId::from_json(&json!({"type": "row", "index": 1})).unwrap();
        let items = Arg::All(vec![PatternItem {
            id,
            value: json!("x"),
        }]);
        assert_eq!(
            serde_json::to_value(items.wire("value")).unwrap(),
            json!([{"id": {"type": "row", "index": 1}, "property": "value", "value": "x"}])
        );
        let plain = Arg::Value(json!(3));
        assert_eq!(serde_json::to_value(plain.wire("value")).unwrap(), json!(3));
    }

    #[test]
    fn taking_an_argument_leaves_null() {
        let mut args = Args::from(vec![Arg::Value(json!(1))]);
        assert!(matches!(args.take(0), Arg::Value(v) if v == 1));
        assert!(matches!(args.take(0), Arg::Value(Value::Null)));
        assert!(matches!(args.take(5), Arg::Value(Value::Null)));
    }
}
