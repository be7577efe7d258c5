//! Id families: Rust types whose values are the dictionary ids of pattern-matching
//! callbacks (`{"type": "done", "index": 3}`), and the argument types of wildcard inputs.
//!
//! `#[dash::app]` implements [`Family`] for each struct marked `#[family(Component)]`.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::hash::Hash;

use serde::de::DeserializeOwned;

use crate::callback::PatternItem;
use crate::error::CallbackError;
use crate::id::{ComponentId, KeyValue};

/// A type that can be a key of a dictionary id: `String`, an integer type or `bool`, as
/// Dash allows (floats are left out: `1` and `1.0` would be different ids).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be the type of a key of a pattern-matching id",
    label = "a key is a `String`, an integer type or `bool`",
    note = "Dash allows strings, numbers and booleans; floats are left out, as `1` and `1.0` would be different ids"
)]
pub trait Key: Sized {
    /// The key's value in an id.
    fn to_key(&self) -> KeyValue;
    /// The value of a key an id carries, if it has this type.
    fn from_key(value: &KeyValue) -> Option<Self>;
}

impl Key for String {
    fn to_key(&self) -> KeyValue {
        KeyValue::String(self.clone())
    }
    fn from_key(value: &KeyValue) -> Option<Self> {
        match value {
            KeyValue::String(text) => Some(text.clone()),
            _ => None,
        }
    }
}

impl Key for bool {
    fn to_key(&self) -> KeyValue {
        KeyValue::Bool(*self)
    }
    fn from_key(value: &KeyValue) -> Option<Self> {
        match value {
            KeyValue::Bool(flag) => Some(*flag),
            _ => None,
        }
    }
}

macro_rules! integer_keys {
    ($($t:ty)*) => {$(
        impl Key for $t {
            fn to_key(&self) -> KeyValue {
                KeyValue::Number(serde_json::Number::from(*self))
            }
            fn from_key(value: &KeyValue) -> Option<Self> {
                let KeyValue::Number(number) = value else { return None };
                if let Some(n) = number.as_i64() {
                    return <$t>::try_from(n).ok();
                }
                if let Some(n) = number.as_u64() {
                    return <$t>::try_from(n).ok();
                }
                // A whole number written as a float (`3.0`) is the same key.
                let float = number.as_f64()?;
                (float.fract() == 0.0 && float.abs() < 9.0e15)
                    .then(|| <$t>::try_from(float as i64).ok())
                    .flatten()
            }
        }
    )*};
}
integer_keys!(i8 i16 i32 i64 isize u8 u16 u32 u64 usize);

/// Which key types a fixed value of a pattern may be written as: the key's own type, and
/// `&str` for `String`.
#[diagnostic::on_unimplemented(
    message = "`{V}` is not a value of this key, which is declared as `{Self}`",
    label = "expected a `{Self}`"
)]
pub trait KeyFrom<V> {
    /// The key.
    fn key_from(value: V) -> Self;
}

impl<K: Key> KeyFrom<K> for K {
    fn key_from(value: K) -> Self {
        value
    }
}

impl KeyFrom<&str> for String {
    fn key_from(value: &str) -> Self {
        value.to_owned()
    }
}

/// An id family: its values are dictionary ids `{"type": TYPE, key: value, ..}`, one key
/// per field. `#[dash::app]` implements it for structs marked `#[family(Component)]`.
pub trait Family:
    Sized + Clone + fmt::Debug + PartialEq + Eq + Hash + Send + Sync + 'static
{
    /// The `type` key of its ids.
    const TYPE: &'static str;
    /// The component type its ids are for.
    type Component;
    /// The id of this value.
    fn to_id(&self) -> ComponentId;
    /// The value of an id of this family: `None` if its `type` is another, a key is
    /// missing or extra, or a key has another type.
    fn from_id(id: &ComponentId) -> Option<Self>;
}

/// The keys of an id of family `F` (for generated code): its map, if `type` is
/// `F::TYPE` and the id has exactly `count` other keys.
pub fn keys_of<F: Family>(id: &ComponentId, count: usize) -> Option<&BTreeMap<String, KeyValue>> {
    let ComponentId::Pattern(keys) = id else {
        return None;
    };
    let type_matches = matches!(keys.get("type"), Some(KeyValue::String(t)) if t == F::TYPE);
    (type_matches && keys.len() == count + 1).then_some(keys)
}

/// The id of a family value, built from its keys (for generated code).
pub fn id_of<F: Family>(keys: Vec<(&'static str, KeyValue)>) -> ComponentId {
    let mut map: BTreeMap<String, KeyValue> = keys
        .into_iter()
        .map(|(key, value)| (key.to_owned(), value))
        .collect();
    map.insert("type".to_owned(), KeyValue::String(F::TYPE.to_owned()));
    ComponentId::Pattern(map)
}

/// The argument of an `ALL` or `ALLSMALLER` input or state: every matching component's
/// value with its id, in the browser's order.
#[diagnostic::on_unimplemented(
    message = "an `ALL` or `ALLSMALLER` input takes `Vec<(Family, Value)>`, not `{Self}`",
    label = "write `Vec<(Family, Value)>`: each value with its concrete id"
)]
pub trait AllArg: Sized {
    /// The family of the ids.
    type Id;
    /// The type of each value.
    type Value;
    /// Decodes the components the pattern matched.
    fn from_items(
        items: Vec<PatternItem>,
        callback: &'static str,
        prop: &str,
        index: usize,
    ) -> Result<Self, CallbackError>;
}

impl<K: Family, V: DeserializeOwned> AllArg for Vec<(K, V)> {
    type Id = K;
    type Value = V;

    fn from_items(
        items: Vec<PatternItem>,
        callback: &'static str,
        prop: &str,
        index: usize,
    ) -> Result<Self, CallbackError> {
        let bad = |path: String, message: String, expected: &'static str| CallbackError::BadInput {
            callback,
            prop: prop.to_owned(),
            index,
            expected,
            path,
            message,
        };
        items
            .into_iter()
            .enumerate()
            .map(|(position, item)| {
                let id = K::from_id(&item.id).ok_or_else(|| {
                    bad(
                        format!("[{position}].id"),
                        format!("not an id of the family `{}`", K::TYPE),
                        std::any::type_name::<K>(),
                    )
                })?;
                let value = serde_path_to_error::deserialize(item.value).map_err(|error| {
                    bad(
                        format!(
                            "[{position}].value{}",
                            path_suffix(&error.path().to_string())
                        ),
                        error.into_inner().to_string(),
                        std::any::type_name::<V>(),
                    )
                })?;
                Ok((id, value))
            })
            .collect()
    }
}

fn path_suffix(path: &str) -> Cow<'_, str> {
    if path == "." {
        Cow::Borrowed("")
    } else if path.starts_with('[') {
        Cow::Borrowed(path)
    } else {
        Cow::Owned(format!(".{path}"))
    }
}
