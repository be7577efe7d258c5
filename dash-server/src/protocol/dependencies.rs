//! `GET /_dash-dependencies`: what the renderer knows of each callback.

use dash_core::{Dependency, PropId, Running};
use serde_json::json;

/// The `_dash-dependencies` body: one spec per callback, with the fields Python Dash sends
/// (../shared/dash-protocol.md §5.1).
pub(crate) fn json<'a>(dependencies: impl Iterator<Item = &'a Dependency>) -> String {
    let specs: Vec<serde_json::Value> = dependencies.map(dependency_json).collect();
    serde_json::Value::Array(specs).to_string()
}

fn dependency_json(dependency: &Dependency) -> serde_json::Value {
    let prop_list = |props: &[PropId]| -> Vec<serde_json::Value> {
        props
            .iter()
            .map(|p| {
                let mut item = json!({"id": p.id.to_string(), "property": p.property});
                if dependency.optional.contains(p) {
                    item["allow_optional"] = json!(true);
                }
                item
            })
            .collect()
    };
    let mut spec = json!({
        "output": dependency.output_key(),
        "inputs": prop_list(&dependency.inputs),
        "state": prop_list(&dependency.state),
        "clientside_function": super::clientside::function_of(dependency).map(|(namespace, function)| {
            json!({"namespace": namespace, "function_name": function})
        }),
        "prevent_initial_call": dependency.prevent_initial_call,
        "background": dependency
            .background
            .as_ref()
            .map(|background| json!({"interval": background.interval_ms})),
        // Python registers a clientside callback with `False` here, a server one with `None`.
        "dynamic_creator": if dependency.clientside.is_some() { json!(false) } else { json!(null) },
        "no_output": dependency.no_output(),
        "optional": false,
        "hidden": dependency.hidden,
        "websocket": dependency.websocket,
        "persistent": false,
    });
    if !dependency.running.is_empty() {
        let map = |value: fn(&Running) -> &serde_json::Value| -> serde_json::Map<String, serde_json::Value> {
            dependency
                .running
                .iter()
                .map(|running| (running.prop.to_string(), value(running).clone()))
                .collect()
        };
        spec["running"] = json!({"running": map(|r| &r.on), "runningOff": map(|r| &r.off)});
    }
    spec
}
