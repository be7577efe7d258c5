//! The items of an update request's `inputs`, `state` and `outputs`, read straight from
//! the body into ids and values: no JSON object is built for an item only to be taken
//! apart, which is most of the work of a callback over `ALL` of many components.
//!
//! Reading never fails on an item's shape: what is not a prop is kept as JSON, so that
//! the check against the callback (request.rs) can say what it received.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use dash_core::{ComponentId, KeyValue};
use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// One element of `inputs`, `state` or `outputs`.
#[derive(Debug)]
pub(crate) enum Slot<'a> {
    /// `{id, property, value}`.
    Prop(WireProp<'a>),
    /// A list: the components an `ALL` or `ALLSMALLER` pattern matched.
    List(Vec<Slot<'a>>),
    /// Anything else, as sent.
    Other(Value),
}

impl Default for Slot<'_> {
    /// Absent: `null`.
    fn default() -> Self {
        Slot::Other(Value::Null)
    }
}

/// A prop as the renderer sends it. Keys other than these three are left out.
#[derive(Debug)]
pub(crate) struct WireProp<'a> {
    pub id: WireId,
    /// Borrowed from the body when it holds no escape.
    pub property: Option<Text<'a>>,
    /// Absent when the browser has no value.
    pub value: Option<Value>,
}

/// A prop's `property`: text, or other JSON as sent.
#[derive(Debug)]
pub(crate) enum Text<'a> {
    Str(Cow<'a, str>),
    Other(Value),
}

impl Text<'_> {
    fn to_json(&self) -> Value {
        match self {
            Text::Str(text) => Value::String(text.to_string()),
            Text::Other(value) => value.clone(),
        }
    }
}

/// A prop's `id`.
#[derive(Debug)]
pub(crate) enum WireId {
    Missing,
    Id(ComponentId),
    /// Neither a string nor a dictionary id, as sent.
    Other(Value),
}

impl Slot<'_> {
    /// A slot from JSON already parsed (a server store handle's arguments).
    pub(crate) fn from_json(value: Value) -> Slot<'static> {
        match value {
            Value::Array(items) => Slot::List(items.into_iter().map(Slot::from_json).collect()),
            Value::Object(mut map) => {
                let id = match map.remove("id") {
                    None => WireId::Missing,
                    Some(id) => ComponentId::from_json(&id).map_or(WireId::Other(id), WireId::Id),
                };
                Slot::Prop(WireProp {
                    id,
                    property: map.remove("property").map(|property| match property {
                        Value::String(text) => Text::Str(Cow::Owned(text)),
                        other => Text::Other(other),
                    }),
                    value: map.remove("value"),
                })
            }
            other => Slot::Other(other),
        }
    }

    /// The slot as JSON, as it was sent (but for keys other than `id`, `property` and
    /// `value`).
    pub(crate) fn to_json(&self) -> Value {
        match self {
            Slot::Prop(prop) => {
                let mut map = Map::new();
                match &prop.id {
                    WireId::Missing => {}
                    WireId::Id(id) => {
                        map.insert("id".to_owned(), id.to_json());
                    }
                    WireId::Other(id) => {
                        map.insert("id".to_owned(), id.clone());
                    }
                }
                if let Some(property) = &prop.property {
                    map.insert("property".to_owned(), property.to_json());
                }
                if let Some(value) = &prop.value {
                    map.insert("value".to_owned(), value.clone());
                }
                Value::Object(map)
            }
            Slot::List(items) => Value::Array(items.iter().map(Slot::to_json).collect()),
            Slot::Other(value) => value.clone(),
        }
    }
}

impl WireProp<'_> {
    /// The property, when it is text.
    pub(crate) fn property(&self) -> Option<&str> {
        match &self.property {
            Some(Text::Str(text)) => Some(text),
            _ => None,
        }
    }

    /// The id in its text form, as an error message shows it.
    pub(crate) fn id_text(&self) -> Option<String> {
        match &self.id {
            WireId::Missing | WireId::Other(Value::Null) => None,
            WireId::Id(id) => Some(id.to_string()),
            WireId::Other(other) => Some(other.to_string()),
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Slot<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(SlotVisitor(std::marker::PhantomData))
    }
}

struct SlotVisitor<'a>(std::marker::PhantomData<&'a ()>);

/// The JSON of a scalar, for `Slot::Other` and `WireId::Other`.
macro_rules! scalars {
    ($wrap:expr) => {
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok($wrap(Value::Bool(v)))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok($wrap(Value::from(v)))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok($wrap(Value::from(v)))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok($wrap(Value::from(v)))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok($wrap(Value::Null))
        }
    };
}

impl<'de: 'a, 'a> Visitor<'de> for SlotVisitor<'a> {
    type Value = Slot<'a>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a prop, a list of props, or any JSON value")
    }

    scalars!(Slot::Other);

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Slot<'a>, E> {
        Ok(Slot::Other(Value::String(v.to_owned())))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Slot<'a>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element::<Slot<'a>>()? {
            items.push(item);
        }
        Ok(Slot::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Slot<'a>, A::Error> {
        let mut prop = WireProp {
            id: WireId::Missing,
            property: None,
            value: None,
        };
        while let Some(field) = map.next_key::<Field>()? {
            match field {
                Field::Id => prop.id = map.next_value()?,
                Field::Property => prop.property = Some(map.next_value()?),
                Field::Value => prop.value = Some(map.next_value()?),
                Field::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Slot::Prop(prop))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TextVisitor(std::marker::PhantomData))
    }
}

struct TextVisitor<'a>(std::marker::PhantomData<&'a ()>);

impl<'de: 'a, 'a> Visitor<'de> for TextVisitor<'a> {
    type Value = Text<'a>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a property name")
    }

    scalars!(Text::Other);

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Text<'a>, E> {
        Ok(Text::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text<'a>, E> {
        Ok(Text::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Text<'a>, E> {
        Ok(Text::Str(Cow::Owned(v)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Text<'a>, A::Error> {
        Value::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(Text::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Text<'a>, A::Error> {
        Value::deserialize(de::value::MapAccessDeserializer::new(map)).map(Text::Other)
    }
}

/// A key of a prop, read without allocating.
enum Field {
    Id,
    Property,
    Value,
    Other,
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FieldVisitor;
        impl Visitor<'_> for FieldVisitor {
            type Value = Field;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: de::Error>(self, key: &str) -> Result<Field, E> {
                Ok(match key {
                    "id" => Field::Id,
                    "property" => Field::Property,
                    "value" => Field::Value,
                    _ => Field::Other,
                })
            }
        }
        deserializer.deserialize_identifier(FieldVisitor)
    }
}

impl<'de> Deserialize<'de> for WireId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(IdVisitor)
    }
}

struct IdVisitor;

impl<'de> Visitor<'de> for IdVisitor {
    type Value = WireId;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a component id")
    }

    scalars!(WireId::Other);

    fn visit_str<E: de::Error>(self, v: &str) -> Result<WireId, E> {
        Ok(WireId::Id(ComponentId::from(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<WireId, E> {
        Ok(WireId::Id(ComponentId::from(v)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<WireId, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Value>()? {
            items.push(item);
        }
        Ok(WireId::Other(Value::Array(items)))
    }

    /// A dictionary id: each value read as a key value; one that is not (an object, say)
    /// makes the whole id JSON again, for the message.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<WireId, A::Error> {
        let mut keys = BTreeMap::new();
        let mut invalid: Option<Map<String, Value>> = None;
        while let Some(key) = map.next_key::<String>()? {
            match (&mut invalid, map.next_value::<Key>()?) {
                (None, Key::Valid(value)) => {
                    keys.insert(key, value);
                }
                (Some(json), Key::Valid(value)) => {
                    json.insert(key, value.to_json());
                }
                (Some(json), Key::Invalid(value)) => {
                    json.insert(key, value);
                }
                (None, Key::Invalid(value)) => {
                    let mut json: Map<String, Value> = keys
                        .iter()
                        .map(|(key, value): (&String, &KeyValue)| (key.clone(), value.to_json()))
                        .collect();
                    json.insert(key, value);
                    invalid = Some(json);
                }
            }
        }
        Ok(match invalid {
            Some(json) => WireId::Other(Value::Object(json)),
            None => WireId::Id(ComponentId::Pattern(keys)),
        })
    }
}

/// The value of a dictionary id's key: a key value, or other JSON.
enum Key {
    Valid(KeyValue),
    Invalid(Value),
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = deserializer.deserialize_any(KeyVisitor)?;
        Ok(match value {
            Key::Invalid(value) => {
                KeyValue::from_json(&value).map_or(Key::Invalid(value), Key::Valid)
            }
            valid => valid,
        })
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Key, E> {
        Ok(Key::Valid(KeyValue::Bool(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Key, E> {
        Ok(Key::Valid(KeyValue::Number(v.into())))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Key, E> {
        Ok(Key::Valid(KeyValue::Number(v.into())))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Key, E> {
        Ok(
            serde_json::Number::from_f64(v).map_or(Key::Invalid(Value::Null), |n| {
                Key::Valid(KeyValue::Number(n))
            }),
        )
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
        Ok(Key::Valid(KeyValue::String(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Key, E> {
        Ok(Key::Valid(KeyValue::String(v)))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Key, E> {
        Ok(Key::Invalid(Value::Null))
    }
    /// A wildcard (`["ALL"]`) or anything else: read as JSON, then looked at.
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Key, A::Error> {
        let value = Value::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
        Ok(Key::Invalid(value))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Key, A::Error> {
        let value = Value::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Ok(Key::Invalid(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn slots_read_back_as_sent() {
        for value in [
            json!({"id": "a", "property": "value", "value": [1, {"b": 2}]}),
            json!({"id": "a", "property": "value"}),
            json!([{"id": {"type": "row", "index": 3}, "property": "value", "value": null}]),
            json!({"id": {"type": "row", "index": {"nested": 1}}, "property": "value"}),
            json!({"id": 5, "property": 7}),
            json!([[1, "x"], null, true]),
        ] {
            let text = value.to_string();
            let slot: Slot<'_> = serde_json::from_str(&text).unwrap();
            assert_eq!(slot.to_json(), value);
            let from_json = Slot::from_json(value.clone());
            assert_eq!(from_json.to_json(), value);
        }
    }

    #[test]
    fn ids_are_read_into_component_ids() {
        let slot: Slot<'_> = serde_json::from_str(
            r#"{"value": 1, "id": {"type": "row", "index": 3}, "property": "value", "extra": [1]}"#,
        )
        .unwrap();
        let Slot::Prop(prop) = slot else { panic!() };
        let WireId::Id(id) = &prop.id else {
            panic!("{:?}", prop.id)
        };
        assert_eq!(id.to_string(), r#"{"index":3,"type":"row"}"#);
        assert_eq!(prop.property(), Some("value"));
        assert_eq!(prop.value, Some(json!(1)));
    }
}
