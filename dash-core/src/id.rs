//! Component ids and prop ids: the plain string ids of a layout, and the dictionary ids of
//! pattern-matching callbacks.
//!
//! Dash writes a dictionary id in text, where the renderer expects a string (a spec's
//! `output`, the keys of a response, `changedPropIds`), with its keys sorted, no spaces,
//! each value JSON-encoded and a wildcard as a one-element array: `{"index":["MATCH"],"type":"row"}`
//! as the renderer writes them. Such texts must be compared parsed, never as strings:
//! Python and JavaScript encode floats and escapes differently.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::{self, Write as _};

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;

/// A wildcard of a pattern-matching callback.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Wildcard {
    /// Every component whose other keys match: the values arrive as a list.
    All,
    /// The component whose key equals the one of the component that fired.
    Match,
    /// Every component whose key is smaller than the one of the component that fired.
    AllSmaller,
}

impl Wildcard {
    /// The name Dash writes: `ALL`, `MATCH` or `ALLSMALLER`.
    pub fn as_str(self) -> &'static str {
        match self {
            Wildcard::All => "ALL",
            Wildcard::Match => "MATCH",
            Wildcard::AllSmaller => "ALLSMALLER",
        }
    }
}

/// The value of one key of a dictionary id: a string, a number or a boolean, as Dash
/// allows, or a wildcard in a callback's pattern.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum KeyValue {
    /// A string value.
    String(String),
    /// A number, as JSON carries it. `1` and `1.0` are different values here: write
    /// integer keys as integers.
    Number(serde_json::Number),
    /// A boolean value.
    Bool(bool),
    /// A wildcard, written `["MATCH"]` and so on.
    Wildcard(Wildcard),
}

impl KeyValue {
    /// The key value a JSON value stands for: a string, a number, a boolean, or a
    /// wildcard written `["MATCH"]`; `None` for anything else.
    pub fn from_json(value: &Value) -> Option<KeyValue> {
        Some(match value {
            Value::String(text) => KeyValue::String(text.clone()),
            Value::Number(number) => KeyValue::Number(number.clone()),
            Value::Bool(flag) => KeyValue::Bool(*flag),
            Value::Array(items) => match items.as_slice() {
                [Value::String(name)] => KeyValue::Wildcard(match name.as_str() {
                    "ALL" => Wildcard::All,
                    "MATCH" => Wildcard::Match,
                    "ALLSMALLER" => Wildcard::AllSmaller,
                    _ => return None,
                }),
                _ => return None,
            },
            _ => return None,
        })
    }

    /// The key value as JSON.
    pub fn to_json(&self) -> Value {
        match self {
            KeyValue::String(text) => Value::String(text.clone()),
            KeyValue::Number(number) => Value::Number(number.clone()),
            KeyValue::Bool(flag) => Value::Bool(*flag),
            KeyValue::Wildcard(wildcard) => Value::from(vec![wildcard.as_str()]),
        }
    }
}

/// A component id: a plain string, or a dictionary of a pattern-matching callback.
///
/// It serializes as the layout and the request bodies carry it: a string, or a JSON
/// object. [`Display`](fmt::Display) gives the text form used where the renderer expects a
/// string.
///
/// ```
/// use dash::ComponentId;
/// let plain = ComponentId::from("graph");
/// assert_eq!(plain.to_string(), "graph");
/// let pattern = ComponentId::from_json(&serde_json::json!({"type": "row", "index": 2})).unwrap();
/// assert_eq!(pattern.to_string(), r#"{"index":2,"type":"row"}"#);
/// assert_eq!(ComponentId::parse(r#"{"type":"row","index":2}"#), Some(pattern));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ComponentId {
    /// A string id, as most layouts use.
    Plain(Cow<'static, str>),
    /// A dictionary id, keys sorted.
    Pattern(BTreeMap<String, KeyValue>),
}

impl ComponentId {
    /// The id a request or a layout carries: a string, or an object whose values are
    /// strings, numbers, booleans or wildcards. `None` for anything else.
    pub fn from_json(value: &Value) -> Option<ComponentId> {
        match value {
            Value::String(text) => Some(ComponentId::Plain(Cow::Owned(text.clone()))),
            Value::Object(map) => map
                .iter()
                .map(|(key, value)| Some((key.clone(), KeyValue::from_json(value)?)))
                .collect::<Option<BTreeMap<_, _>>>()
                .map(ComponentId::Pattern),
            _ => None,
        }
    }

    /// The id in its text form: a string id as is, and text starting with `{` parsed as
    /// a dictionary id (`None` if it is not one).
    pub fn parse(text: &str) -> Option<ComponentId> {
        if text.starts_with('{') {
            let value: Value = serde_json::from_str(text).ok()?;
            value.is_object().then(|| Self::from_json(&value))?
        } else {
            Some(ComponentId::Plain(Cow::Owned(text.to_owned())))
        }
    }

    /// The string of a plain id.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            ComponentId::Plain(text) => Some(text),
            ComponentId::Pattern(_) => None,
        }
    }

    /// Does the concrete id `id` match this id, a callback's pattern? A plain id matches
    /// itself; a pattern matches a dictionary id with exactly its keys, every fixed value
    /// equal and any value where it holds a wildcard.
    pub fn matches(&self, id: &ComponentId) -> bool {
        match (self, id) {
            (ComponentId::Plain(a), ComponentId::Plain(b)) => a == b,
            (ComponentId::Pattern(pattern), ComponentId::Pattern(keys)) => {
                pattern.len() == keys.len()
                    && pattern.iter().all(|(key, expected)| {
                        keys.get(key).is_some_and(|value| match expected {
                            KeyValue::Wildcard(_) => !matches!(value, KeyValue::Wildcard(_)),
                            fixed => fixed == value,
                        })
                    })
            }
            _ => false,
        }
    }

    /// The wildcards of a pattern, by key.
    pub fn wildcards(&self) -> impl Iterator<Item = (&str, Wildcard)> {
        let keys = match self {
            ComponentId::Pattern(keys) => Some(keys),
            ComponentId::Plain(_) => None,
        };
        keys.into_iter()
            .flatten()
            .filter_map(|(key, value)| match value {
                KeyValue::Wildcard(wildcard) => Some((key.as_str(), *wildcard)),
                _ => None,
            })
    }

    /// Does this pattern take a list of components (a key holds `ALL` or `ALLSMALLER`)?
    pub fn is_many(&self) -> bool {
        self.wildcards()
            .any(|(_, wildcard)| matches!(wildcard, Wildcard::All | Wildcard::AllSmaller))
    }

    /// Is this a pattern with at least one wildcard?
    pub fn is_wild(&self) -> bool {
        self.wildcards().next().is_some()
    }

    /// The id as JSON: a string, or an object.
    pub fn to_json(&self) -> Value {
        match self {
            ComponentId::Plain(text) => Value::String(text.to_string()),
            ComponentId::Pattern(keys) => Value::Object(
                keys.iter()
                    .map(|(key, value)| (key.clone(), value.to_json()))
                    .collect(),
            ),
        }
    }
}

impl From<&'static str> for ComponentId {
    fn from(text: &'static str) -> Self {
        ComponentId::Plain(Cow::Borrowed(text))
    }
}

impl From<String> for ComponentId {
    fn from(text: String) -> Self {
        ComponentId::Plain(Cow::Owned(text))
    }
}

impl fmt::Display for ComponentId {
    /// A plain id as is; a dictionary id as `JSON.stringify` writes it with sorted keys.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ComponentId::Plain(text) => f.write_str(text),
            // Written in place rather than through a `Value`: ids of `ALL` outputs are
            // written once per matched component.
            ComponentId::Pattern(keys) => {
                f.write_char('{')?;
                for (index, (key, value)) in keys.iter().enumerate() {
                    if index > 0 {
                        f.write_char(',')?;
                    }
                    json_string(f, key)?;
                    f.write_char(':')?;
                    match value {
                        KeyValue::String(text) => json_string(f, text)?,
                        KeyValue::Number(number) => write!(f, "{number}")?,
                        KeyValue::Bool(flag) => write!(f, "{flag}")?,
                        KeyValue::Wildcard(wildcard) => write!(f, "[\"{}\"]", wildcard.as_str())?,
                    }
                }
                f.write_char('}')
            }
        }
    }
}

/// A string as JSON writes it.
fn json_string(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    if text.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        write!(f, "\"{text}\"")
    } else {
        f.write_str(&serde_json::to_string(text).map_err(|_| fmt::Error)?)
    }
}

impl Serialize for ComponentId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            ComponentId::Plain(text) => serializer.serialize_str(text),
            ComponentId::Pattern(keys) => {
                let mut map = serializer.serialize_map(Some(keys.len()))?;
                for (key, value) in keys {
                    match value {
                        KeyValue::String(text) => map.serialize_entry(key, text)?,
                        KeyValue::Number(number) => map.serialize_entry(key, number)?,
                        KeyValue::Bool(flag) => map.serialize_entry(key, flag)?,
                        KeyValue::Wildcard(wildcard) => {
                            map.serialize_entry(key, &[wildcard.as_str()])?
                        }
                    }
                }
                map.end()
            }
        }
    }
}

/// One property of one component, written `"id.prop"` in callback attributes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PropId {
    /// The component id.
    pub id: ComponentId,
    /// The property name, without any `@…` suffix.
    pub property: Cow<'static, str>,
}

impl PropId {
    /// A prop of a component.
    pub fn new(id: impl Into<ComponentId>, property: impl Into<Cow<'static, str>>) -> PropId {
        PropId {
            id: id.into(),
            property: property.into(),
        }
    }

    /// Splits `"id.prop"` at its last dot, by the rule the macro also checks
    /// (`dash_syntax::split_prop`): `None` unless both halves are non-empty and hold no
    /// white space.
    ///
    /// ```
    /// use dash::PropId;
    /// let p = PropId::parse("graph.figure").unwrap();
    /// assert_eq!((p.id.as_str(), &*p.property), (Some("graph"), "figure"));
    /// assert!(PropId::parse("graph").is_none());
    /// ```
    pub fn parse(text: &'static str) -> Option<PropId> {
        let (id, property) = dash_syntax::split_prop(text)?;
        Some(PropId::new(id, property))
    }

    /// Reads a prop id as the renderer writes it in `changedPropIds`: the id, in its text
    /// form, and the prop after the last dot.
    ///
    /// ```
    /// use dash::PropId;
    /// let p = PropId::parse_changed(r#"{"index":1,"type":"row"}.value"#).unwrap();
    /// assert_eq!(p.to_string(), r#"{"index":1,"type":"row"}.value"#);
    /// assert!(PropId::parse_changed("nodot").is_none());
    /// ```
    pub fn parse_changed(text: &str) -> Option<PropId> {
        let (id, property) = text.rsplit_once('.')?;
        if id.is_empty() || property.is_empty() {
            return None;
        }
        Some(PropId {
            id: ComponentId::parse(id)?,
            property: Cow::Owned(property.to_owned()),
        })
    }

    /// Is this the prop `id.property` of a plain id?
    pub fn is(&self, id: &str, property: &str) -> bool {
        self.id.as_str() == Some(id) && self.property == property
    }
}

impl fmt::Display for PropId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.id, self.property)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_text_form_is_json_with_sorted_keys() {
        for value in [
            json!({"type": "row", "index": 2}),
            json!({"b": true, "a": -1.5, "c": "q\"uote\\d\n", "d": ["ALL"]}),
            json!({"é": "ü", "n": 12345678901234_i64}),
        ] {
            let id = ComponentId::from_json(&value).unwrap();
            assert_eq!(
                id.to_string(),
                serde_json::to_string(&id.to_json()).unwrap()
            );
            assert_eq!(serde_json::to_value(&id).unwrap(), value);
        }
    }

    use super::*;
    use serde_json::json;

    #[test]
    fn pattern_ids_have_one_text_form() {
        let id =
            ComponentId::from_json(&json!({"type": "a", "index": ["MATCH"], "on": true})).unwrap();
        assert_eq!(
            id.to_string(),
            r#"{"index":["MATCH"],"on":true,"type":"a"}"#
        );
        assert_eq!(ComponentId::parse(&id.to_string()), Some(id.clone()));
        assert_eq!(serde_json::to_value(&id).unwrap(), id.to_json());
    }

    #[test]
    fn string_values_travel_unescaped_as_json_stringify_writes_them() {
        // What `JSON.stringify` gives in the browser for the same id, keys sorted.
        let id = ComponentId::from_json(&json!({"type": "cell", "name": "a.b \"c\" é/\u{1f600}"}))
            .unwrap();
        assert_eq!(
            id.to_string(),
            "{\"name\":\"a.b \\\"c\\\" é/\u{1f600}\",\"type\":\"cell\"}"
        );
        let prop = PropId::parse_changed(&format!("{id}.value")).unwrap();
        assert_eq!(prop.id, id);
        assert_eq!(prop.property, "value");
    }

    #[test]
    fn what_is_not_an_id() {
        assert_eq!(ComponentId::from_json(&json!(3)), None);
        assert_eq!(ComponentId::from_json(&json!({"a": null})), None);
        assert_eq!(ComponentId::from_json(&json!({"a": ["ANY"]})), None);
        assert_eq!(ComponentId::parse("{not json"), None);
    }

    #[test]
    fn plain_ids_compare_whatever_their_storage() {
        assert_eq!(ComponentId::from("a"), ComponentId::from("a".to_owned()));
        assert!(PropId::parse("a.b").unwrap().is("a", "b"));
    }
}
