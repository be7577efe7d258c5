//! The page's layout as the test client keeps it: a tree of components as JSON, with
//! each component found by its id, and each prop read and written in place.

use serde_json::{Map, Value};

/// Every component of the tree with an id: its id (a string, or a dictionary) and its
/// props, in document order.
pub(crate) fn components(layout: &Value) -> Vec<(Value, &Map<String, Value>)> {
    let mut found = Vec::new();
    walk(layout, &mut |props| {
        if let Some(id) = props.get("id") {
            found.push((id.clone(), props));
        }
    });
    found
}

fn walk<'a>(value: &'a Value, visit: &mut dyn FnMut(&'a Map<String, Value>)) {
    match value {
        Value::Array(items) => items.iter().for_each(|item| walk(item, visit)),
        Value::Object(object) => {
            if let (Some(Value::Object(props)), Some(_)) = (object.get("props"), object.get("type"))
            {
                visit(props);
                props.values().for_each(|prop| walk(prop, visit));
            }
        }
        _ => {}
    }
}

/// The props of the component with this id, to change.
pub(crate) fn props_mut<'a>(
    layout: &'a mut Value,
    id: &Value,
) -> Option<&'a mut Map<String, Value>> {
    match layout {
        Value::Array(items) => items.iter_mut().find_map(|item| props_mut(item, id)),
        Value::Object(object) => {
            if !object.contains_key("type") {
                return None;
            }
            let Some(Value::Object(props)) = object.get_mut("props") else {
                return None;
            };
            if props.get("id") == Some(id) {
                return Some(props);
            }
            props.values_mut().find_map(|prop| props_mut(prop, id))
        }
        _ => None,
    }
}

/// An id as the renderer writes it in `changedPropIds` and answers: a string as it is, a
/// dictionary as compact JSON with its keys sorted.
pub(crate) fn id_text(id: &Value) -> String {
    match id {
        Value::String(text) => text.clone(),
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            let parts: Vec<String> = keys
                .into_iter()
                .map(|key| format!("{}:{}", Value::String(key.clone()), map[key]))
                .collect();
            format!("{{{}}}", parts.join(","))
        }
        other => other.to_string(),
    }
}

/// The id an answer names: a dictionary's JSON, or a string.
pub(crate) fn parse_id(text: &str) -> Value {
    if text.starts_with('{') {
        serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_owned()))
    } else {
        Value::String(text.to_owned())
    }
}
