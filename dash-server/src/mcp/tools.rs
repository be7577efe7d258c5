//! The app's callbacks as MCP tools: which callbacks are tools, their names, descriptions
//! and JSON schemas. The schemas come from the callbacks' Rust types, written by the macro
//! when the app compiles (`CallbackSpec::argument_schemas`, `output_schemas`); this module
//! only puts them together.

use std::sync::Arc;

use dash_core::{CallbackSpec, PropId};
use serde_json::{Map, Value, json};

use super::Mcp;
use super::layout::Components;

/// One callback served as a tool.
pub(crate) struct Tool {
    /// Its name: the function's, or, when two callbacks share one, its output key's.
    pub name: String,
    pub spec: Arc<CallbackSpec>,
}

/// Why a callback is not a tool, or `None` when it can be one.
pub(crate) fn unfit(
    spec: &CallbackSpec,
    server_store: &dyn Fn(&PropId) -> bool,
) -> Option<&'static str> {
    let dependency = &spec.dependency;
    if dependency.clientside.is_some() {
        Some("it runs in the browser")
    } else if dependency.background.is_some() {
        Some("it is a background callback, whose answer the browser polls for")
    } else if spec
        .arguments()
        .chain(&dependency.outputs)
        .any(|prop| prop.id.as_str().is_none())
    {
        Some("it has pattern-matching props, which name components made at run time")
    } else if spec
        .arguments()
        .chain(&dependency.outputs)
        .any(server_store)
    {
        Some("it reads or writes a server-side store, whose value stays on the server")
    } else if spec.argument_names.len() != spec.arguments().count() {
        Some("its arguments have no names (`CallbackSpec::argument_name`)")
    } else {
        None
    }
}

/// The callbacks marked `mcp = true` that cannot be tools, each with why: the app asked
/// for a tool it would not get, which the macro catches where it can (background and
/// pattern callbacks) and this at startup for the rest.
pub(crate) fn refused<'a>(
    specs: impl Iterator<Item = &'a Arc<CallbackSpec>>,
    server_store: &dyn Fn(&PropId) -> bool,
) -> Vec<String> {
    specs
        .filter(|spec| spec.mcp == Some(true))
        .filter_map(|spec| {
            let reason = unfit(spec, server_store)?;
            Some(format!(
                "`{}` ({}) is marked `mcp = true`, but cannot be an MCP tool: {reason}",
                spec.name, spec.location
            ))
        })
        .collect()
}

/// The tools of these callbacks, as `config` chooses them, in the registry's order, their
/// names distinct and none of them `reserved` (the built-in tools' names).
pub(crate) fn catalogue<'a>(
    specs: impl Iterator<Item = &'a Arc<CallbackSpec>>,
    config: &Mcp,
    server_store: &dyn Fn(&PropId) -> bool,
    reserved: &[&str],
) -> Vec<Tool> {
    let chosen: Vec<&Arc<CallbackSpec>> = specs
        .filter(|spec| spec.mcp.unwrap_or(config.callbacks))
        .filter(|spec| match unfit(spec, server_store) {
            Some(reason) => {
                tracing::debug!(callback = spec.name, reason, "not an MCP tool");
                false
            }
            None => true,
        })
        .collect();
    let mut tools: Vec<Tool> = Vec::new();
    for spec in &chosen {
        let shared = chosen
            .iter()
            .filter(|other| other.name == spec.name)
            .count()
            > 1;
        let raw = if shared {
            spec.dependency.output_key()
        } else {
            spec.name.to_owned()
        };
        // Two callbacks whose names clean up alike, or one named as a built-in tool:
        // the later one takes a number.
        let base = tool_name(&raw);
        let mut name = base.clone();
        let mut n = 2;
        while reserved.contains(&name.as_str()) || tools.iter().any(|tool| tool.name == name) {
            name = format!("{base}_{n}");
            n += 1;
        }
        tools.push(Tool {
            name,
            spec: Arc::clone(spec),
        });
    }
    tools
}

/// A name MCP clients accept (letters, digits and `_`, at most 64 characters), made from
/// `raw` as Python Dash makes it: other characters become `_`, runs of `_` one, and a
/// name too long keeps its start and ends with 8 hex digits of its SHA-256.
pub(crate) fn tool_name(raw: &str) -> String {
    use sha2::Digest;
    const MAX: usize = 64;
    let mut name = String::new();
    for c in raw.chars() {
        let c = if c.is_ascii_alphanumeric() || c == '_' {
            c
        } else {
            '_'
        };
        if !(c == '_' && name.ends_with('_')) {
            name.push(c);
        }
    }
    let mut name = name.trim_matches('_').to_owned();
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("cb_{name}");
    }
    if name.is_empty() {
        name = "unnamed_callback".to_owned();
    }
    if name.len() <= MAX {
        return name;
    }
    let hash = dash_syntax::hex(&sha2::Sha256::digest(name.as_bytes()));
    let kept = name[..MAX - 9].trim_end_matches('_');
    format!("{kept}_{}", &hash[..8])
}

impl Tool {
    /// Its definition, as `tools/list` gives it.
    pub(crate) fn definition(&self, tools: &[Tool], components: &Components, docs: bool) -> Value {
        json!({
            "name": self.name,
            "description": self.description(tools, docs),
            "inputSchema": self.input_schema(tools, components),
            "outputSchema": self.output_schema(),
        })
    }

    /// What it does: the doc comment (when the app exposes them), then its outputs.
    fn description(&self, tools: &[Tool], docs: bool) -> String {
        let spec = &self.spec;
        let mut lines = Vec::new();
        if docs && let Some(doc) = spec.doc {
            lines.push(doc.to_owned());
            lines.push(String::new());
        }
        let outputs = &spec.dependency.outputs;
        let typed = |at: usize| {
            spec.output_types
                .get(at)
                .map(|ty| format!(" (Rust type `{}`)", short_type(ty)))
                .unwrap_or_default()
        };
        match outputs.as_slice() {
            [] => lines.push("Runs the Dash callback, which sets no prop.".to_owned()),
            [one] => lines.push(format!("Returns `{one}`{}.", typed(0))),
            many => {
                lines.push(format!("Returns {} outputs:", many.len()));
                for (at, prop) in many.iter().enumerate() {
                    lines.push(format!("- `{prop}`{}", typed(at)));
                }
            }
        }
        let readers: Vec<String> = tools
            .iter()
            .filter(|tool| tool.spec.arguments().any(|prop| outputs.contains(prop)))
            .map(|tool| format!("`{}`", tool.name))
            .collect();
        if !readers.is_empty() {
            lines.push(format!(
                "What it returns is what the tools {} read.",
                readers.join(", ")
            ));
        }
        if spec.dependency.prevent_initial_call {
            lines.push("In the app, it does not run when the page loads.".to_owned());
        }
        lines.join("\n")
    }

    /// An object with one property per argument, by the parameter's name: its type's
    /// schema, described by the prop it comes from. An argument is required unless its
    /// Rust type takes `null` (`Option<T>`), as the browser sends for an unset prop.
    fn input_schema(&self, tools: &[Tool], components: &Components) -> Value {
        let spec = &self.spec;
        let inputs = spec.dependency.inputs.len();
        let mut properties = Map::new();
        let mut required = Vec::new();
        let mut defs = Map::new();
        for (at, (prop, name)) in spec.arguments().zip(&spec.argument_names).enumerate() {
            let mut schema = spec
                .argument_schemas
                .get(at)
                .map_or_else(|| json!({}), |schema| hoist(schema(), &mut defs));
            let mut text = vec![format!(
                "The `{}` of the {} `{}`{}.",
                prop.property,
                components.kind(prop).unwrap_or("component"),
                prop.id,
                if at < inputs {
                    ""
                } else {
                    " (state: read, never a trigger)"
                }
            )];
            if let Some(value) = components.value(prop) {
                text.push(format!("In the layout: {}.", short(value)));
            }
            let writers: Vec<String> = tools
                .iter()
                .filter(|tool| tool.spec.dependency.outputs.contains(prop))
                .map(|tool| format!("`{}`", tool.name))
                .collect();
            if !writers.is_empty() {
                text.push(format!("Returned by the tool {}.", writers.join(", ")));
            }
            if let Some(ty) = spec.argument_types.get(at) {
                if ty.accepts_null() {
                    text.push(format!(
                        "May be null (Rust type `{}`).",
                        short_type(ty.name)
                    ));
                } else {
                    text.push(format!("Rust type `{}`.", short_type(ty.name)));
                    required.push(Value::from(*name));
                }
            }
            describe(&mut schema, &text.join(" "));
            properties.insert((*name).to_owned(), schema);
        }
        let mut schema = json!({ "type": "object", "properties": properties });
        if !required.is_empty() {
            schema["required"] = Value::Array(required);
        }
        schema["additionalProperties"] = Value::Bool(false);
        if !defs.is_empty() {
            schema["$defs"] = Value::Object(defs);
        }
        schema
    }

    /// The shape of a call's structured result, as Python Dash answers it: `response`,
    /// an object by component id of objects by prop, each prop with its Rust type's
    /// schema (a prop the callback left alone, `no_update`, is absent); and
    /// `sideUpdate`, the props it set with `set_props`.
    fn output_schema(&self) -> Value {
        let spec = &self.spec;
        let mut response = Map::new();
        let mut defs = Map::new();
        for (at, prop) in spec.dependency.outputs.iter().enumerate() {
            let schema = spec
                .output_schemas
                .get(at)
                .map_or_else(|| json!({}), |schema| hoist(schema(), &mut defs));
            let id = prop.id.to_string();
            let entry = response
                .entry(id)
                .or_insert_with(|| json!({ "type": "object", "properties": {} }));
            entry["properties"][&*prop.property] = schema;
        }
        let mut schema = json!({
            "type": "object",
            "properties": {
                "multi": { "type": "boolean" },
                "response": {
                    "type": "object",
                    "description": "The callback's outputs, by component id, then by prop.",
                    "properties": response,
                },
                "sideUpdate": {
                    "type": "object",
                    "description": "Props the callback set with `set_props`, by component id, then by prop.",
                    "additionalProperties": { "type": "object" },
                },
            },
            "required": ["multi", "response"],
        });
        if !defs.is_empty() {
            schema["$defs"] = Value::Object(defs);
        }
        schema
    }
}

/// The schema without its `$defs`, which go into `defs`, for the root of the tool's
/// schema: `#/$defs/..` references resolve against the document's root.
fn hoist(mut schema: Value, defs: &mut Map<String, Value>) -> Value {
    if let Some(Value::Object(own)) = schema
        .as_object_mut()
        .and_then(|object| object.remove("$defs"))
    {
        defs.extend(own);
    }
    schema
}

/// Puts `text` first in the schema's description.
fn describe(schema: &mut Value, text: &str) {
    let Value::Object(object) = schema else {
        *schema = json!({ "description": text });
        return;
    };
    let description = match object.get("description").and_then(Value::as_str) {
        Some(own) => format!("{text} {own}"),
        None => text.to_owned(),
    };
    object.insert("description".to_owned(), Value::String(description));
}

/// A Rust type's name without its modules' paths: `Option<String>`, not
/// `core::option::Option<alloc::string::String>`.
fn short_type(name: &str) -> String {
    let mut short = String::with_capacity(name.len());
    let mut word = String::new();
    let mut chars = name.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
        } else if c == ':' && chars.peek() == Some(&':') {
            chars.next();
            word.clear();
        } else {
            short.push_str(&word);
            word.clear();
            short.push(c);
        }
    }
    short.push_str(&word);
    short
}

/// A value as JSON, cut to 200 characters.
fn short(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(200) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::{short_type, tool_name};

    #[test]
    fn type_names_lose_their_paths() {
        assert_eq!(
            short_type("core::option::Option<alloc::string::String>"),
            "Option<String>"
        );
        assert_eq!(
            short_type("alloc::vec::Vec<(alloc::string::String, f64)>"),
            "Vec<(String, f64)>"
        );
        assert_eq!(short_type("store::Cleaned"), "Cleaned");
    }

    #[test]
    fn names_are_what_clients_accept() {
        assert_eq!(tool_name("update_graph"), "update_graph");
        assert_eq!(tool_name("graph.figure"), "graph_figure");
        assert_eq!(tool_name("..a--b.."), "a_b");
        assert_eq!(tool_name("2d.x"), "cb_2d_x");
        assert_eq!(tool_name("."), "unnamed_callback");
        let long = tool_name(&"a.".repeat(60));
        assert!(long.len() <= 64, "{long}");
        assert_eq!(long.len() - long.rfind('_').unwrap(), 9);
    }
}
