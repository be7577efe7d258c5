//! The shape of a component library's `metadata.json`, as react-docgen writes it.

use std::fmt;

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde_json::Value;

/// A JSON object read with its keys in file order (props keep their declared order).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Ordered<T>(pub Vec<(String, T)>);

struct OrderedVisitor<T>(std::marker::PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for OrderedVisitor<T> {
    type Value = Ordered<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ordered<T>, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(Ordered(entries))
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Ordered<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(OrderedVisitor(std::marker::PhantomData))
    }
}

/// JSON that keeps object keys in file order (a shape's fields become constructor
/// arguments in the order the component declares them).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Json {
    /// `null`, a boolean, a number or a string.
    Scalar(Value),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    /// The value under `key`, if this is an object that has it.
    pub(crate) fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The text, if this is a string.
    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Json::Scalar(Value::String(s)) => Some(s),
            _ => None,
        }
    }

    /// The same value as plain JSON.
    pub(crate) fn to_value(&self) -> Value {
        match self {
            Json::Scalar(v) => v.clone(),
            Json::Array(items) => Value::Array(items.iter().map(Json::to_value).collect()),
            Json::Object(entries) => Value::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_value()))
                    .collect(),
            ),
        }
    }
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct JsonVisitor;

        impl<'de> Visitor<'de> for JsonVisitor {
            type Value = Json;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("JSON")
            }

            fn visit_unit<E>(self) -> Result<Json, E> {
                Ok(Json::Scalar(Value::Null))
            }

            fn visit_bool<E>(self, b: bool) -> Result<Json, E> {
                Ok(Json::Scalar(Value::Bool(b)))
            }

            fn visit_i64<E>(self, n: i64) -> Result<Json, E> {
                Ok(Json::Scalar(n.into()))
            }

            fn visit_u64<E>(self, n: u64) -> Result<Json, E> {
                Ok(Json::Scalar(n.into()))
            }

            fn visit_f64<E>(self, x: f64) -> Result<Json, E> {
                Ok(Json::Scalar(x.into()))
            }

            fn visit_str<E>(self, s: &str) -> Result<Json, E> {
                Ok(Json::Scalar(Value::String(s.to_owned())))
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Json::Array(items))
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Json, A::Error> {
                Ok(Json::Object(
                    OrderedVisitor(std::marker::PhantomData).visit_map(map)?.0,
                ))
            }
        }

        deserializer.deserialize_any(JsonVisitor)
    }
}

/// One component: the file it was documented from maps to its props.
#[derive(Debug, Deserialize)]
pub(crate) struct ComponentMeta {
    #[serde(default)]
    pub props: Ordered<PropMeta>,
}

impl Default for Ordered<PropMeta> {
    fn default() -> Self {
        Ordered(Vec::new())
    }
}

/// One prop. Old-style (PropTypes) metadata has `type`; Flow components have `flowType`,
/// which the generator does not read.
#[derive(Debug, Deserialize)]
pub(crate) struct PropMeta {
    #[serde(rename = "type")]
    pub ty: Option<Json>,
    #[serde(default)]
    pub required: bool,
    /// What the library says of the prop, for its doc comments.
    #[serde(default)]
    pub description: Option<String>,
    /// The value the component uses when the prop is unset, as JavaScript source.
    #[serde(default, rename = "defaultValue")]
    pub default_value: Option<DefaultValue>,
}

/// A prop's default in the metadata: its JavaScript source, and whether it is computed
/// (then the source is an expression, not a value).
#[derive(Debug, Deserialize)]
pub(crate) struct DefaultValue {
    #[serde(default)]
    pub value: Option<String>,
    #[serde(default)]
    pub computed: bool,
}

/// A prop type: `name` says which kind, `value` holds its parameters and `raw` the source
/// text (TypeScript components describe some types only there).
#[derive(Debug, Clone)]
pub(crate) struct TypeMeta {
    pub name: String,
    pub value: Option<Json>,
    pub raw: Option<String>,
    pub required: bool,
}

impl TypeMeta {
    /// Reads a type from its JSON, `None` when it is not one.
    pub(crate) fn from_json(json: &Json) -> Option<TypeMeta> {
        Some(TypeMeta {
            name: json.get("name")?.as_str()?.to_owned(),
            value: json.get("value").cloned(),
            raw: json.get("raw").and_then(Json::as_str).map(str::to_owned),
            required: matches!(json.get("required"), Some(Json::Scalar(Value::Bool(true)))),
        })
    }
}

/// Reads a whole `metadata.json`: source path → component, in file order.
pub(crate) fn parse(text: &str) -> Result<Ordered<ComponentMeta>, serde_json::Error> {
    serde_json::from_str(text)
}

/// The component's type name as Dash uses it: the source file's stem
/// (`src/components/Graph.react.js` → `Graph`).
pub(crate) fn type_name(source_path: &str) -> &str {
    let file = source_path.rsplit('/').next().unwrap_or(source_path);
    file.split('.').next().unwrap_or(file)
}
