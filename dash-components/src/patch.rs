//! `Patch`: a partial update of a prop, applied by the browser to the value it holds
//! (Python's `dash.Patch`).

use serde::ser::{Error as _, Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value, json};

/// One step of a path into a prop's value: an object key or a list index. Negative
/// indices count from the end, as in Python.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// An object key.
    Key(String),
    /// A list index; `-1` is the last item.
    Index(i64),
}

impl From<&str> for Step {
    fn from(key: &str) -> Self {
        Step::Key(key.to_owned())
    }
}

impl From<String> for Step {
    fn from(key: String) -> Self {
        Step::Key(key)
    }
}

macro_rules! index_steps {
    ($($t:ty)*) => {$(
        impl From<$t> for Step {
            fn from(index: $t) -> Self {
                Step::Index(index as i64)
            }
        }
    )*};
}
index_steps!(i8 i16 i32 i64 isize u8 u16 u32 usize);

/// Where an operation applies, from the prop's root: `()` for the root, one key or index
/// (`"points"`, `-1`), a tuple of them (`("data", 0, "y")`), or a `Vec<Step>`.
pub trait Location {
    /// The steps, from the root.
    fn steps(self) -> Vec<Step>;
}

impl Location for () {
    fn steps(self) -> Vec<Step> {
        Vec::new()
    }
}

impl Location for Vec<Step> {
    fn steps(self) -> Vec<Step> {
        self
    }
}

macro_rules! single_location {
    ($($t:ty)*) => {$(
        impl Location for $t {
            fn steps(self) -> Vec<Step> {
                vec![Step::from(self)]
            }
        }
    )*};
}
single_location!(&str String i8 i16 i32 i64 isize u8 u16 u32 usize);

macro_rules! tuple_location {
    ($($name:ident)+) => {
        impl<$($name: Into<Step>),+> Location for ($($name,)+) {
            #[allow(non_snake_case)]
            fn steps(self) -> Vec<Step> {
                let ($($name,)+) = self;
                vec![$($name.into()),+]
            }
        }
    };
}
tuple_location!(A);
tuple_location!(A B);
tuple_location!(A B C);
tuple_location!(A B C D);
tuple_location!(A B C D E);
tuple_location!(A B C D E F);

/// A partial update: operations the browser applies, in order, to the value the prop
/// holds, instead of receiving the whole value again. Return it for any output (or
/// `Update<Patch>`), or pass it to `set_props`; it fits every prop.
///
/// ```
/// use dash::Patch;
/// let patch = Patch::new()
///     .append((), "one more item")
///     .add(("totals", "clicks"), 1)
///     .delete(("points", -1));
/// let json = serde_json::to_value(&patch).unwrap();
/// assert_eq!(json["__dash_patch_update"], "__dash_patch_update");
/// assert_eq!(json["operations"][1]["location"], serde_json::json!(["totals", "clicks"]));
/// assert_eq!(json["operations"][2]["location"], serde_json::json!(["points", -1]));
/// ```
///
/// The browser refuses to patch a prop that has no value yet ("Cannot patch undefined"):
/// give the prop a value in the layout. Patches are not checked against a typed
/// `Store<T>`'s `T`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Patch {
    operations: Vec<Operation>,
    /// The first value that could not be encoded: serializing the patch fails with it.
    error: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
struct Operation {
    name: &'static str,
    location: Vec<Step>,
    params: Map<String, Value>,
}

impl Patch {
    /// A patch with no operations (the prop is left as it is).
    pub fn new() -> Patch {
        Patch::default()
    }

    /// The number of operations.
    pub fn len(&self) -> usize {
        self.operations.len()
    }

    /// Has it no operations?
    pub fn is_empty(&self) -> bool {
        self.operations.is_empty()
    }

    fn push(mut self, name: &'static str, at: impl Location, params: Vec<(&str, Value)>) -> Self {
        self.operations.push(Operation {
            name,
            location: at.steps(),
            params: params
                .into_iter()
                .map(|(key, value)| (key.to_owned(), value))
                .collect(),
        });
        self
    }

    fn with_value(self, name: &'static str, at: impl Location, value: impl Serialize) -> Self {
        match dash_core::to_json(&value) {
            Ok(value) => self.push(name, at, vec![("value", value)]),
            Err(error) => self.failed(name, error),
        }
    }

    fn failed(mut self, name: &str, error: serde_json::Error) -> Self {
        self.error
            .get_or_insert_with(|| format!("the value of a `{name}` operation: {error}"));
        self
    }

    /// Sets the value at `at`.
    pub fn assign(self, at: impl Location, value: impl Serialize) -> Self {
        self.with_value("Assign", at, value)
    }

    /// Removes the key or index at `at`.
    pub fn delete(self, at: impl Location) -> Self {
        self.push("Delete", at, vec![])
    }

    /// Merges the object `value` into the object at `at` (shallow).
    pub fn merge(self, at: impl Location, value: impl Serialize) -> Self {
        self.with_value("Merge", at, value)
    }

    /// Appends every item of the list `value` to the list at `at`. The browser cannot
    /// grow a typed array: to extend a figure's arrays, send the figure with
    /// [`Figure::plain_arrays`](crate::Figure::plain_arrays).
    pub fn extend(self, at: impl Location, value: impl Serialize) -> Self {
        self.with_value("Extend", at, value)
    }

    /// Appends one item to the list at `at` (a plain list: see [`Patch::extend`]).
    pub fn append(self, at: impl Location, value: impl Serialize) -> Self {
        self.with_value("Append", at, value)
    }

    /// Puts one item first in the list at `at`.
    pub fn prepend(self, at: impl Location, value: impl Serialize) -> Self {
        self.with_value("Prepend", at, value)
    }

    /// Inserts one item at `index` of the list at `at` (negative counts from the end).
    pub fn insert(self, at: impl Location, index: i64, value: impl Serialize) -> Self {
        match dash_core::to_json(&value) {
            Ok(value) => self.push(
                "Insert",
                at,
                vec![("index", json!(index)), ("value", value)],
            ),
            Err(error) => self.failed("Insert", error),
        }
    }

    /// Adds `value` to the number at `at` (or concatenates it to a string).
    pub fn add(self, at: impl Location, value: impl Serialize) -> Self {
        self.with_value("Add", at, value)
    }

    /// Subtracts `value` from the number at `at`.
    pub fn sub(self, at: impl Location, value: impl Serialize) -> Self {
        self.with_value("Sub", at, value)
    }

    /// Multiplies the number at `at` by `value`.
    pub fn mul(self, at: impl Location, value: impl Serialize) -> Self {
        self.with_value("Mul", at, value)
    }

    /// Divides the number at `at` by `value`.
    pub fn div(self, at: impl Location, value: impl Serialize) -> Self {
        self.with_value("Div", at, value)
    }

    /// Empties the list, object or string at `at`.
    pub fn clear(self, at: impl Location) -> Self {
        self.push("Clear", at, vec![])
    }

    /// Reverses the list at `at`.
    pub fn reverse(self, at: impl Location) -> Self {
        self.push("Reverse", at, vec![])
    }

    /// Removes every item equal to `value` from the list at `at`.
    pub fn remove(self, at: impl Location, value: impl Serialize) -> Self {
        self.with_value("Remove", at, value)
    }
}

impl Serialize for Step {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Step::Key(key) => serializer.serialize_str(key),
            Step::Index(index) => serializer.serialize_i64(*index),
        }
    }
}

impl Serialize for Patch {
    /// `{"__dash_patch_update": "__dash_patch_update", "operations": [{"operation",
    /// "location", "params"}, ..]}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if let Some(error) = &self.error {
            return Err(S::Error::custom(error));
        }
        struct Operations<'a>(&'a [Operation]);
        impl Serialize for Operations<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_seq(self.0.iter().map(|operation| {
                    json!({
                        "operation": operation.name,
                        "location": operation.location,
                        "params": operation.params,
                    })
                }))
            }
        }
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("__dash_patch_update", "__dash_patch_update")?;
        map.serialize_entry("operations", &Operations(&self.operations))?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_has_its_wire_form() {
        let patch = Patch::new()
            .assign("a", 1)
            .delete(("b", 0))
            .merge((), json!({"k": 1}))
            .extend("l", [1, 2])
            .append("l", 3)
            .prepend("l", 0)
            .insert("l", -1, 9)
            .add("n", 1)
            .sub("n", 2)
            .mul("n", 3)
            .div("n", 4)
            .clear("s")
            .reverse("l")
            .remove("l", 9);
        let json = serde_json::to_value(&patch).unwrap();
        let names: Vec<&str> = json["operations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["operation"].as_str().unwrap())
            .collect();
        assert_eq!(
            names,
            [
                "Assign", "Delete", "Merge", "Extend", "Append", "Prepend", "Insert", "Add", "Sub",
                "Mul", "Div", "Clear", "Reverse", "Remove"
            ]
        );
        assert_eq!(
            json["operations"][6],
            json!({"operation": "Insert", "location": ["l"], "params": {"index": -1, "value": 9}})
        );
        assert_eq!(
            json["operations"][1],
            json!({"operation": "Delete", "location": ["b", 0], "params": {}})
        );
        assert_eq!(json["operations"][2]["location"], json!([]));
    }

    #[test]
    fn a_value_that_cannot_be_encoded_fails_the_patch() {
        let mut map = std::collections::BTreeMap::new();
        map.insert((1, 2), 3);
        let patch = Patch::new().append((), map);
        let error = serde_json::to_value(&patch).unwrap_err().to_string();
        assert!(error.contains("Append"), "{error}");
    }
}
