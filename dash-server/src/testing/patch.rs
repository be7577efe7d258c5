//! A `Patch` answer applied to the value it patches, as dash-renderer 3.4.1 applies one
//! (`actions/patch.ts`): each operation at its location, a negative index from the end.

use serde_json::{Value, json};

/// Is this answer a patch (`{"__dash_patch_update": .., "operations": [..]}`)?
pub(crate) fn is_patch(value: &Value) -> bool {
    value.get("__dash_patch_update").is_some()
}

/// The value after the patch's operations, or why it cannot be applied.
pub(crate) fn apply(previous: &Value, patch: &Value) -> Result<Value, String> {
    let mut value = previous.clone();
    let operations = patch["operations"].as_array().cloned().unwrap_or_default();
    for operation in &operations {
        let location = resolve(
            &value,
            operation["location"]
                .as_array()
                .cloned()
                .unwrap_or_default(),
        );
        let params = &operation["params"];
        let name = operation["operation"].as_str().unwrap_or_default();
        let current = get(&value, &location).cloned().unwrap_or(Value::Null);
        let number = |f: fn(f64, f64) -> f64| -> Value {
            let result = f(
                current.as_f64().unwrap_or(f64::NAN),
                params["value"].as_f64().unwrap_or(f64::NAN),
            );
            // A whole number reads as JavaScript writes it: `3`, not `3.0`.
            if result.fract() == 0.0 && result.abs() < 9_007_199_254_740_992.0 {
                json!(result as i64)
            } else {
                serde_json::Number::from_f64(result).map_or(Value::Null, Value::Number)
            }
        };
        let list = || current.as_array().cloned().unwrap_or_default();
        let new = match name {
            "Assign" => params["value"].clone(),
            "Merge" => {
                let mut merged = current.as_object().cloned().unwrap_or_default();
                for (key, item) in params["value"].as_object().cloned().unwrap_or_default() {
                    merged.insert(key, item);
                }
                Value::Object(merged)
            }
            "Extend" => {
                let mut items = list();
                items.extend(params["value"].as_array().cloned().unwrap_or_default());
                Value::Array(items)
            }
            "Append" => {
                let mut items = list();
                items.push(params["value"].clone());
                Value::Array(items)
            }
            "Prepend" => {
                let mut items = list();
                items.insert(0, params["value"].clone());
                Value::Array(items)
            }
            "Insert" => {
                let mut items = list();
                let index = params["index"].as_i64().unwrap_or(0);
                let index = if index < 0 {
                    items.len() as i64 + index
                } else {
                    index
                };
                let index = index.clamp(0, items.len() as i64) as usize;
                items.insert(index, params["value"].clone());
                Value::Array(items)
            }
            "Add" => number(|a, b| a + b),
            "Sub" => number(|a, b| a - b),
            "Mul" => number(|a, b| a * b),
            "Div" => number(|a, b| a / b),
            "Clear" => match current {
                Value::Array(_) => json!([]),
                Value::Object(_) => json!({}),
                Value::String(_) => json!(""),
                _ => Value::Null,
            },
            "Reverse" => {
                let mut items = list();
                items.reverse();
                Value::Array(items)
            }
            "Remove" => Value::Array(
                list()
                    .into_iter()
                    .filter(|item| *item != params["value"])
                    .collect(),
            ),
            "Delete" => {
                delete(&mut value, &location);
                continue;
            }
            other => return Err(format!("the patch has an unknown operation `{other}`")),
        };
        set(&mut value, &location, new);
    }
    Ok(value)
}

/// The location with negative indexes counted from the end of the list they index.
fn resolve(value: &Value, location: Vec<Value>) -> Vec<Value> {
    let mut resolved = Vec::new();
    for step in location {
        let here = get(value, &resolved);
        let step = match (step.as_i64(), here.and_then(Value::as_array)) {
            (Some(index), Some(items)) if index < 0 => json!(items.len() as i64 + index),
            _ => step,
        };
        resolved.push(step);
    }
    resolved
}

fn get<'a>(value: &'a Value, location: &[Value]) -> Option<&'a Value> {
    location.iter().try_fold(value, |value, step| match step {
        Value::String(key) => value.get(key),
        Value::Number(index) => value.get(index.as_u64()? as usize),
        _ => None,
    })
}

/// Sets the value at the location, making the objects on the way as `assocPath` does.
fn set(value: &mut Value, location: &[Value], new: Value) {
    let Some((last, path)) = location.split_last() else {
        *value = new;
        return;
    };
    let mut target = value;
    for step in path {
        target = match step {
            Value::Number(index) => {
                let index = index.as_u64().unwrap_or(0) as usize;
                if !target.is_array() {
                    *target = json!([]);
                }
                let items = target.as_array_mut().expect("an array");
                while items.len() <= index {
                    items.push(Value::Null);
                }
                &mut items[index]
            }
            other => {
                if !target.is_object() {
                    *target = json!({});
                }
                let key = other
                    .as_str()
                    .map(str::to_owned)
                    .unwrap_or_else(|| other.to_string());
                target
                    .as_object_mut()
                    .expect("an object")
                    .entry(key)
                    .or_insert(Value::Null)
            }
        };
    }
    match (last, target) {
        (Value::Number(index), Value::Array(items)) => {
            let index = index.as_u64().unwrap_or(0) as usize;
            while items.len() <= index {
                items.push(Value::Null);
            }
            items[index] = new;
        }
        (key, target) => {
            if !target.is_object() {
                *target = json!({});
            }
            let key = key
                .as_str()
                .map(str::to_owned)
                .unwrap_or_else(|| key.to_string());
            target.as_object_mut().expect("an object").insert(key, new);
        }
    }
}

fn delete(value: &mut Value, location: &[Value]) {
    let Some((last, path)) = location.split_last() else {
        *value = Value::Null;
        return;
    };
    let mut target = value;
    for step in path {
        let next = match step {
            Value::String(key) => target.get_mut(key.as_str()),
            Value::Number(index) => target.get_mut(index.as_u64().unwrap_or(0) as usize),
            _ => None,
        };
        let Some(next) = next else { return };
        target = next;
    }
    match (last, target) {
        (Value::Number(index), Value::Array(items)) => {
            let index = index.as_u64().unwrap_or(0) as usize;
            if index < items.len() {
                items.remove(index);
            }
        }
        (Value::String(key), Value::Object(map)) => {
            map.remove(key);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::apply;
    use serde_json::json;

    fn patched(previous: serde_json::Value, operations: serde_json::Value) -> serde_json::Value {
        apply(
            &previous,
            &json!({"__dash_patch_update": "__dash_patch_update", "operations": operations}),
        )
        .unwrap()
    }

    #[test]
    fn operations_as_the_renderer_applies_them() {
        assert_eq!(
            patched(
                json!([1]),
                json!([{"operation": "Append", "location": [], "params": {"value": 2}}])
            ),
            json!([1, 2])
        );
        assert_eq!(
            patched(
                json!({"a": {"n": 1}, "l": [1, 2, 3]}),
                json!([
                    {"operation": "Add", "location": ["a", "n"], "params": {"value": 2}},
                    {"operation": "Insert", "location": ["l"], "params": {"index": -1, "value": 9}},
                    {"operation": "Delete", "location": ["l", -1], "params": {}},
                    {"operation": "Assign", "location": ["b", "c"], "params": {"value": true}},
                ])
            ),
            json!({"a": {"n": 3}, "l": [1, 2, 9], "b": {"c": true}})
        );
    }
}
