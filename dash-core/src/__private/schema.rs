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

/// `T` describes itself: its schema, every subschema inlined, so that it can stand as
/// one property of a tool's input schema.
pub trait Described {
    /// The schema.
    fn json_schema(&self) -> Value;
}

impl<T: schemars::JsonSchema + ?Sized> Described for Probe<T> {
    fn json_schema(&self) -> Value {
        let mut settings = schemars::generate::SchemaSettings::draft2020_12();
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
        value
    }
}

/// `T` does not: a schema with its Rust type's name as the description.
pub trait Undescribed {
    /// The schema.
    fn json_schema(&self) -> Value;
}

impl<T: ?Sized> Undescribed for &Probe<T> {
    fn json_schema(&self) -> Value {
        let mut object = Map::new();
        object.insert(
            "description".to_owned(),
            json!(format!(
                "JSON that decodes as the Rust type `{}`",
                std::any::type_name::<T>()
            )),
        );
        Value::Object(object)
    }
}

/// A Dash component tree, as `children` and other node props take it.
impl schemars::JsonSchema for crate::Node {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DashNode".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Dash children: text, a number, null, a component \
                            `{\"type\": \"Div\", \"namespace\": \"dash_html_components\", \"props\": {..}}` \
                            (its children in `props.children`), or a list of these.",
            "anyOf": [
                { "type": ["string", "number", "null"] },
                {
                    "type": "object",
                    "properties": {
                        "type": { "type": "string" },
                        "namespace": { "type": "string" },
                        "props": { "type": "object" },
                    },
                    "required": ["type", "namespace", "props"],
                },
                { "type": "array" },
            ],
        })
    }
}

/// A JSON number.
impl schemars::JsonSchema for crate::Number {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Number".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "number" })
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
        let schema = (&Probe::<Vec<Row>>::NEW).json_schema();
        assert_eq!(schema["type"], "array");
        assert_eq!(schema["items"]["properties"]["city"]["type"], "string");
        assert!(schema.get("$schema").is_none());
        assert!(schema.get("$defs").is_none(), "{schema}");
    }

    #[test]
    fn a_type_without_one_is_named() {
        struct Opaque;
        let schema = (&Probe::<Opaque>::NEW).json_schema();
        assert!(
            schema["description"].as_str().unwrap().contains("Opaque"),
            "{schema}"
        );
    }
}
