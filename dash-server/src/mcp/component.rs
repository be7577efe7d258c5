//! The tool `get_dash_component`: one component of the layout, its props as the layout
//! sets them, and for each prop the tools that return it and the tools that read it.

use serde_json::{Map, Value, json};

use super::layout::Components;
use super::result::{done, failed};
use super::tools::Tool;

/// The tool's name, as Python Dash names it.
pub(crate) const NAME: &str = "get_dash_component";

/// Its definition.
pub(crate) fn definition() -> Value {
    json!({
        "name": NAME,
        "description": "A component of the layout: its type, its props as the layout sets \
                        them, and for each prop the tools that return it and the tools that \
                        read it. Without `property`, every prop the layout sets. \
                        dash://components lists the component ids.",
        "inputSchema": {
            "type": "object",
            "properties": {
                "component_id": { "type": "string", "description": "The component's id." },
                "property": {
                    "type": "string",
                    "description": "One prop to read, such as `value` or `options`.",
                },
            },
            "required": ["component_id"],
            "additionalProperties": false,
        },
        "outputSchema": {
            "type": "object",
            "properties": {
                "component_id": { "type": "string" },
                "component_type": { "type": "string" },
                "properties": {
                    "type": "object",
                    "additionalProperties": {
                        "type": "object",
                        "properties": {
                            "initial_value": {},
                            "modified_by_tool": { "type": "array", "items": { "type": "string" } },
                            "input_to_tool": { "type": "array", "items": { "type": "string" } },
                        },
                    },
                },
            },
            "required": ["component_id", "component_type", "properties"],
        },
    })
}

/// Answers a call: the `CallToolResult`.
pub(crate) fn call(
    components: &Components,
    tools: &[Tool],
    arguments: &Map<String, Value>,
) -> Value {
    let Some(id) = arguments.get("component_id").and_then(Value::as_str) else {
        return failed(
            "`component_id` is required: a component id, as dash://components lists them",
        );
    };
    let wanted = arguments.get("property").and_then(Value::as_str);
    let writers = |prop: &str| names(tools, |tool| tool.spec.dependency.outputs.iter(), id, prop);
    let readers = |prop: &str| names(tools, |tool| tool.spec.arguments(), id, prop);
    let Some(found) = components.get(id) else {
        let mut message = format!("no component `{id}` in the layout");
        let returning: Vec<String> = tools
            .iter()
            .filter(|tool| {
                tool.spec
                    .dependency
                    .outputs
                    .iter()
                    .any(|p| p.id.to_string() == id)
            })
            .map(|tool| format!("`{}`", tool.name))
            .collect();
        if !returning.is_empty() {
            message.push_str(&format!(
                "; it is made at run time, and the tools {} return its props",
                returning.join(", ")
            ));
        }
        message.push_str("; dash://components lists the layout's ids");
        return failed(&message);
    };
    let mut properties = Map::new();
    for (prop, value) in &found.props {
        if wanted.is_some_and(|wanted| wanted != prop) || prop == "id" {
            continue;
        }
        properties.insert(
            prop.clone(),
            json!({
                "initial_value": value,
                "modified_by_tool": writers(prop),
                "input_to_tool": readers(prop),
            }),
        );
    }
    // A prop the layout leaves unset can still be a tool's output or argument.
    if let Some(wanted) = wanted
        && !properties.contains_key(wanted)
    {
        properties.insert(
            wanted.to_owned(),
            json!({
                "initial_value": null,
                "modified_by_tool": writers(wanted),
                "input_to_tool": readers(wanted),
            }),
        );
    }
    let answer = json!({
        "component_id": id,
        "component_type": found.kind,
        "properties": properties,
    });
    done(answer)
}

/// The tools for which `props` holds `id.prop`.
fn names<'a, I: Iterator<Item = &'a dash_core::PropId>>(
    tools: &'a [Tool],
    props: impl Fn(&'a Tool) -> I,
    id: &str,
    prop: &str,
) -> Vec<String> {
    tools
        .iter()
        .filter(|tool| props(tool).any(|p| p.property == prop && p.id.to_string() == id))
        .map(|tool| tool.name.clone())
        .collect()
}
