//! The JSON schema of a callback's argument or output, for its MCP tool: the type's own
//! `schemars::JsonSchema` when it has one, else a schema that says only which Rust type
//! the value decodes into. The choice is made where the macro expands, by method
//! resolution on a concrete type (a `&Probe<T>` finds [`Described`] when `T` implements
//! `JsonSchema`, and [`Undescribed`] one auto-reference further otherwise).

use std::marker::PhantomData;

use serde_json::{Map, Value, json};

/// Stands for the type `T` in the probe (never holds a value of it).
#[derive(Debug)]
pub struct Probe<T: ?Sized>(PhantomData<T>);

impl<T: ?Sized> Probe<T> {
    /// The probe of `T`.
    pub const NEW: Probe<T> = Probe(PhantomData);
}

/// `T` describes itself: its schema, subschemas inlined (a recursive type keeps its
/// `$defs`, which the tool's schema takes up to its root), so that it can stand as one
/// property of a tool's schema.
pub trait Described {
    /// The schema of `T` as the callback reads it (an argument, deserialized), or, with
    /// `output`, as it returns it (serialized: `skip_serializing_if`, other renames).
    fn json_schema(&self, output: bool) -> Value;
}

impl<T: schemars::JsonSchema + ?Sized> Described for Probe<T> {
    fn json_schema(&self, output: bool) -> Value {
        let mut settings = schemars::generate::SchemaSettings::draft2020_12();
        if output {
            settings = settings.for_serialize();
        }
        settings.inline_subschemas = true;
        let schema = settings.into_generator().into_root_schema_for::<T>();
        let mut value = schema.to_value();
        if let Value::Object(object) = &mut value {
            // The tool's description names the Rust type; schemars' title for a standard
            // type (`Nullable_string`) says nothing more.
            object.remove("$schema");
            if object
                .get("title")
                .and_then(Value::as_str)
                .is_some_and(|title| {
                    !title.starts_with(|c: char| c.is_ascii_uppercase()) || title.contains('_')
                })
            {
                object.remove("title");
            }
        }
        rooted(value, &T::schema_name())
    }
}

/// The schema made fit to stand inside another: a reference to its own root (`"#"`, a
/// recursive type) would name the root of the tool's schema, so the type moves into
/// `$defs` under its name and the references follow it. The tool takes every `$defs` up
/// to its schema's root, where `#/$defs/..` finds them.
fn rooted(mut value: Value, name: &str) -> Value {
    fn refers_to_root(value: &Value) -> bool {
        match value {
            Value::Object(object) => object
                .iter()
                .any(|(key, value)| (key == "$ref" && value == "#") || refers_to_root(value)),
            Value::Array(items) => items.iter().any(refers_to_root),
            _ => false,
        }
    }
    fn point(value: &mut Value, to: &str) {
        match value {
            Value::Object(object) => {
                for (key, value) in object.iter_mut() {
                    if key == "$ref" && value == "#" {
                        *value = Value::String(to.to_owned());
                    } else {
                        point(value, to);
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|item| point(item, to)),
            _ => {}
        }
    }
    if !refers_to_root(&value) {
        return value;
    }
    let target = format!("#/$defs/{name}");
    let mut defs = match value
        .as_object_mut()
        .and_then(|object| object.remove("$defs"))
    {
        Some(Value::Object(defs)) => defs,
        _ => Map::new(),
    };
    point(&mut value, &target);
    defs.insert(name.to_owned(), value);
    json!({ "$ref": target, "$defs": defs })
}

/// `T` does not: a schema with its Rust type's name as the description.
pub trait Undescribed {
    /// The schema.
    fn json_schema(&self, output: bool) -> Value;
}

impl<T: ?Sized> Undescribed for &Probe<T> {
    fn json_schema(&self, output: bool) -> Value {
        let verb = if output {
            "encoded from"
        } else {
            "that decodes as"
        };
        let mut object = Map::new();
        object.insert(
            "description".to_owned(),
            json!(format!(
                "JSON {verb} the Rust type `{}`",
                std::any::type_name::<T>()
            )),
        );
        Value::Object(object)
    }
}

#[cfg(test)]
// The borrow is the probe: it is what the macro writes, and what picks the trait.
#[allow(clippy::needless_borrow)]
mod tests {
    use super::*;

    #[test]
    fn a_type_with_a_schema_gives_it_inlined() {
        #[derive(schemars::JsonSchema)]
        #[allow(dead_code)]
        struct Row {
            city: String,
            mean: Option<f64>,
        }
        let schema = (&Probe::<Vec<Row>>::NEW).json_schema(false);
        assert_eq!(schema["type"], "array");
        assert_eq!(schema["items"]["properties"]["city"]["type"], "string");
        assert!(schema.get("$schema").is_none());
        assert!(schema.get("$defs").is_none(), "{schema}");
    }

    #[test]
    fn a_recursive_type_keeps_its_definitions() {
        #[derive(schemars::JsonSchema)]
        #[allow(dead_code)]
        struct Tree {
            children: Vec<Tree>,
        }
        let schema = (&Probe::<Tree>::NEW).json_schema(false);
        assert!(schema.to_string().contains("#/$defs/Tree"), "{schema}");
        assert!(schema["$defs"]["Tree"].is_object(), "{schema}");
    }

    #[test]
    fn an_output_is_described_as_serialized() {
        #[derive(schemars::JsonSchema)]
        #[allow(dead_code)]
        struct Row {
            #[serde(default, skip_serializing_if = "Option::is_none")]
            note: Option<String>,
            #[serde(default)]
            mean: f64,
        }
        let read = (&Probe::<Row>::NEW).json_schema(false);
        let written = (&Probe::<Row>::NEW).json_schema(true);
        assert!(read.get("required").is_none(), "{read}");
        assert_eq!(written["required"], json!(["mean"]), "{written}");
    }

    #[test]
    fn a_type_without_one_is_named() {
        struct Opaque;
        let schema = (&Probe::<Opaque>::NEW).json_schema(false);
        assert!(
            schema["description"].as_str().unwrap().contains("Opaque"),
            "{schema}"
        );
    }
}
