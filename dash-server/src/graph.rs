//! The app's callback graph, without serving it: every callback with its inputs, state
//! and outputs and their Rust types, the pattern families, and which callbacks run when
//! the page loads. Written as JSON, Mermaid or DOT, for review and for documentation.

use std::fmt::Write;

use dash_core::{CallbackSpec, ComponentId, PropId};
use serde_json::{Value, json};

/// The callback graph of an app, from [`Dash::graph`](crate::Dash::graph).
///
/// ```
/// use dash::Dash;
/// let graph = Dash::new().graph();
/// assert_eq!(graph.to_json()["callbacks"], serde_json::json!([]));
/// ```
#[derive(Clone, Debug)]
pub struct CallbackGraph {
    callbacks: Vec<Node>,
}

/// One callback, as the graph shows it.
#[derive(Clone, Debug)]
struct Node {
    name: String,
    location: String,
    kind: &'static str,
    at_load: bool,
    hidden: bool,
    allow_duplicate: bool,
    inputs: Vec<Edge>,
    state: Vec<Edge>,
    outputs: Vec<Edge>,
}

/// One prop of a callback, with the Rust type the callback gives or takes for it.
#[derive(Clone, Debug)]
struct Edge {
    prop: PropId,
    ty: Option<String>,
}

impl CallbackGraph {
    pub(crate) fn new(specs: &[CallbackSpec]) -> CallbackGraph {
        let callbacks = specs
            .iter()
            .map(|spec| {
                let dependency = &spec.dependency;
                let typed = |props: &[PropId], types: &mut dyn Iterator<Item = &'static str>| {
                    props
                        .iter()
                        .map(|prop| Edge {
                            prop: prop.clone(),
                            ty: types.next().map(str::to_owned),
                        })
                        .collect::<Vec<_>>()
                };
                let mut arguments = spec.argument_types.iter().map(|argument| argument.name);
                let inputs = typed(&dependency.inputs, &mut arguments);
                let state = typed(&dependency.state, &mut arguments);
                let mut returned = spec.output_types.iter().copied();
                let outputs = typed(&dependency.outputs, &mut returned);
                let kind = if dependency.clientside.is_some() {
                    "clientside"
                } else if dependency.background.is_some() {
                    "background"
                } else if dependency.websocket {
                    "websocket"
                } else {
                    "server"
                };
                Node {
                    name: spec.name.to_owned(),
                    location: spec.location.to_owned(),
                    kind,
                    at_load: !dependency.prevent_initial_call,
                    hidden: dependency.hidden,
                    allow_duplicate: dependency.allow_duplicate,
                    inputs,
                    state,
                    outputs,
                }
            })
            .collect();
        CallbackGraph { callbacks }
    }

    /// The graph as JSON: `callbacks`, each with its `name`, `location`, `kind`
    /// (`server`, `clientside`, `background` or `websocket`), `runs_at_load`, `hidden`,
    /// and its `inputs`, `state` and `outputs`, each `{"id", "property", "type"}` (the
    /// id a string, or a pattern's dictionary with its wildcards as `["MATCH"]`); and
    /// `families`, the `type` of every pattern id.
    pub fn to_json(&self) -> Value {
        let edges = |edges: &[Edge]| -> Vec<Value> {
            edges
                .iter()
                .map(|edge| {
                    json!({
                        "id": edge.prop.id.to_json(),
                        "property": edge.prop.property,
                        "type": edge.ty,
                    })
                })
                .collect()
        };
        let callbacks: Vec<Value> = self
            .callbacks
            .iter()
            .map(|node| {
                json!({
                    "name": node.name,
                    "location": node.location,
                    "kind": node.kind,
                    "runs_at_load": node.at_load,
                    "hidden": node.hidden,
                    "allow_duplicate": node.allow_duplicate,
                    "inputs": edges(&node.inputs),
                    "state": edges(&node.state),
                    "outputs": edges(&node.outputs),
                })
            })
            .collect();
        json!({"callbacks": callbacks, "families": self.families()})
    }

    /// The graph as a Mermaid flowchart, left to right: props as rounded boxes, callbacks
    /// as boxes (a clientside one marked "in the browser"), an input as `-->`, state as
    /// `-.->` and an output as `==>`, each labelled with its Rust type. Callbacks that run
    /// when the page loads say so. Hidden callbacks (the pages' own) are left out.
    pub fn to_mermaid(&self) -> String {
        let mut out = String::from("flowchart LR\n");
        let props = self.props();
        for (i, prop) in props.iter().enumerate() {
            let _ = writeln!(out, "    p{i}([\"{}\"])", escape_mermaid(prop));
        }
        for (c, node) in self.visible() {
            let _ = writeln!(out, "    c{c}[\"{}\"]", escape_mermaid(&node.caption()));
            let index = |edge: &Edge| props.iter().position(|p| *p == label(&edge.prop));
            let arrow = |edge: &Edge, arrow: &str| match &edge.ty {
                Some(ty) => format!("{arrow}|\"{}\"|", escape_mermaid(&short_type(ty))),
                None => arrow.to_owned(),
            };
            for edge in &node.inputs {
                if let Some(p) = index(edge) {
                    let _ = writeln!(out, "    p{p} {} c{c}", arrow(edge, "-->"));
                }
            }
            for edge in &node.state {
                if let Some(p) = index(edge) {
                    let _ = writeln!(out, "    p{p} {} c{c}", arrow(edge, "-.->"));
                }
            }
            for edge in &node.outputs {
                if let Some(p) = index(edge) {
                    let _ = writeln!(out, "    c{c} {} p{p}", arrow(edge, "==>"));
                }
            }
        }
        out
    }

    /// The graph in Graphviz's DOT language, with the same shapes and edges as
    /// [`to_mermaid`](Self::to_mermaid): `dot -Tsvg` draws it.
    pub fn to_dot(&self) -> String {
        let mut out = String::from(
            "digraph callbacks {\n    rankdir=LR;\n    node [fontname=\"Helvetica\"];\n",
        );
        let props = self.props();
        for (i, prop) in props.iter().enumerate() {
            let _ = writeln!(
                out,
                "    p{i} [label={}, shape=box, style=rounded];",
                dot_string(prop)
            );
        }
        for (c, node) in self.visible() {
            let _ = writeln!(
                out,
                "    c{c} [label={}, shape=box];",
                dot_string(&node.caption())
            );
            let index = |edge: &Edge| props.iter().position(|p| *p == label(&edge.prop));
            let attributes = |edge: &Edge, style: &str| {
                let label = edge
                    .ty
                    .as_deref()
                    .map(|ty| format!("label={}", dot_string(&short_type(ty))));
                let parts: Vec<String> = [Some(style.to_owned()).filter(|s| !s.is_empty()), label]
                    .into_iter()
                    .flatten()
                    .collect();
                if parts.is_empty() {
                    String::new()
                } else {
                    format!(" [{}]", parts.join(", "))
                }
            };
            for edge in &node.inputs {
                if let Some(p) = index(edge) {
                    let _ = writeln!(out, "    p{p} -> c{c}{};", attributes(edge, ""));
                }
            }
            for edge in &node.state {
                if let Some(p) = index(edge) {
                    let _ = writeln!(out, "    p{p} -> c{c}{};", attributes(edge, "style=dashed"));
                }
            }
            for edge in &node.outputs {
                if let Some(p) = index(edge) {
                    let _ = writeln!(out, "    c{c} -> p{p}{};", attributes(edge, "penwidth=2"));
                }
            }
        }
        out.push_str("}\n");
        out
    }

    /// The callbacks shown in a picture, with their index.
    fn visible(&self) -> impl Iterator<Item = (usize, &Node)> {
        self.callbacks
            .iter()
            .filter(|node| !node.hidden)
            .enumerate()
    }

    /// Every prop the pictured callbacks use, in the order they first appear.
    fn props(&self) -> Vec<String> {
        let mut props: Vec<String> = Vec::new();
        for (_, node) in self.visible() {
            for edge in node.inputs.iter().chain(&node.state).chain(&node.outputs) {
                let label = label(&edge.prop);
                if !props.contains(&label) {
                    props.push(label);
                }
            }
        }
        props
    }

    /// The `type` of every pattern id, sorted, each once.
    fn families(&self) -> Vec<String> {
        let mut families: Vec<String> = self
            .callbacks
            .iter()
            .flat_map(|node| node.inputs.iter().chain(&node.state).chain(&node.outputs))
            .filter_map(|edge| match &edge.prop.id {
                ComponentId::Pattern(keys) => keys.get("type").map(|value| {
                    value
                        .to_json()
                        .as_str()
                        .map_or_else(|| value.to_json().to_string(), str::to_owned)
                }),
                ComponentId::Plain(_) => None,
            })
            .collect();
        families.sort();
        families.dedup();
        families
    }
}

impl Node {
    /// What a picture writes in the callback's box.
    fn caption(&self) -> String {
        let mut caption = self.name.clone();
        match self.kind {
            "server" => {}
            "clientside" => caption.push_str(" (in the browser)"),
            kind => {
                let _ = write!(caption, " ({kind})");
            }
        }
        if self.at_load {
            caption.push_str(", runs at load");
        }
        caption
    }
}

/// A prop as a picture names it: `id.prop`, or `{index: MATCH, type: todo}.prop`.
fn label(prop: &PropId) -> String {
    match &prop.id {
        ComponentId::Plain(id) => format!("{id}.{}", prop.property),
        ComponentId::Pattern(keys) => {
            let keys: Vec<String> = keys
                .iter()
                .map(|(key, value)| {
                    let value = value.to_json();
                    let value = match &value {
                        Value::String(text) => text.clone(),
                        Value::Array(items) if items.len() == 1 => {
                            items[0].as_str().unwrap_or_default().to_owned()
                        }
                        other => other.to_string(),
                    };
                    format!("{key}: {value}")
                })
                .collect();
            format!("{{{}}}.{}", keys.join(", "), prop.property)
        }
    }
}

/// A type's name without its module paths: `Option<alloc::string::String>` becomes
/// `Option<String>`.
fn short_type(ty: &str) -> String {
    let mut out = String::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        out.push_str(word.rsplit("::").next().unwrap_or(word));
        word.clear();
    };
    for c in ty.chars() {
        if c.is_alphanumeric() || c == '_' || c == ':' {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// Text for a Mermaid label in double quotes.
fn escape_mermaid(text: &str) -> String {
    text.replace('"', "#quot;")
        .replace('<', "#lt;")
        .replace('>', "#gt;")
}

/// A DOT string literal.
fn dot_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

#[cfg(test)]
mod tests {
    use super::short_type;

    #[test]
    fn types_lose_their_paths() {
        assert_eq!(
            short_type("core::option::Option<alloc::string::String>"),
            "Option<String>"
        );
        assert_eq!(
            short_type(
                "(alloc::string::String, dash_core::output::Update<dash_components::patch::Patch>)"
            ),
            "(String, Update<Patch>)"
        );
    }
}
