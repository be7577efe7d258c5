//! The shape of a component library's `metadata.json`, as react-docgen writes it.

use std::fmt;

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde_json::Value;

/// A JSON object read with its keys in file order (props keep their declared order).
#[derive(Debug, Clone, PartialEq)]
pub struct Ordered<T>(pub Vec<(String, T)>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Ordered<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
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

        deserializer.deserialize_map(OrderedVisitor(std::marker::PhantomData))
    }
}

/// One component: the file it was documented from maps to its props.
#[derive(Debug, Deserialize)]
pub struct ComponentMeta {
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
pub struct PropMeta {
    #[serde(rename = "type")]
    pub ty: Option<Value>,
    #[serde(default)]
    pub required: bool,
}

/// A prop type: `name` says which kind, `value` holds its parameters and `raw` the source
/// text (TypeScript components describe some types only there).
#[derive(Debug, Clone, Deserialize)]
pub struct TypeMeta {
    pub name: String,
    #[serde(default)]
    pub value: Option<Value>,
    #[serde(default)]
    pub raw: Option<String>,
    #[serde(default)]
    pub required: bool,
}

impl TypeMeta {
    /// Reads a type from its JSON, `None` when it is not one.
    pub fn from_json(value: &Value) -> Option<TypeMeta> {
        serde::Deserialize::deserialize(value).ok()
    }
}

/// Reads a whole `metadata.json`: source path → component, in file order.
pub fn parse(text: &str) -> Result<Ordered<ComponentMeta>, serde_json::Error> {
    serde_json::from_str(text)
}

/// The component's type name as Dash uses it: the source file's stem
/// (`src/components/Graph.react.js` → `Graph`).
pub fn type_name(source_path: &str) -> &str {
    let file = source_path.rsplit('/').next().unwrap_or(source_path);
    file.split('.').next().unwrap_or(file)
}
