//! Pattern ids as the renderer matches them: which concrete ids a pattern (with
//! `MATCH`, `ALL` or `ALLSMALLER` values) stands for, within one call's `MATCH` values.

use std::collections::BTreeMap;

use serde_json::Value;

/// Is this key's value the wildcard `which` (`["MATCH"]`, ...)?
pub(super) fn is_wild(value: &Value, which: &str) -> bool {
    value
        .as_array()
        .is_some_and(|items| items.len() == 1 && items[0] == which)
}

/// Has this pattern id a key with this wildcard (a plain id: `false`)?
pub(super) fn wild(pattern: &Value, which: &str) -> bool {
    pattern
        .as_object()
        .is_some_and(|keys| keys.values().any(|value| is_wild(value, which)))
}

/// Does the concrete id match the pattern (the same keys, each fixed value equal)?
pub(super) fn matches(pattern: &Value, id: &Value) -> bool {
    match (pattern, id) {
        (Value::Object(keys), Value::Object(values)) => {
            keys.len() == values.len()
                && keys.iter().all(|(key, expected)| {
                    values.get(key).is_some_and(|value| {
                        ["MATCH", "ALL", "ALLSMALLER"]
                            .iter()
                            .any(|w| is_wild(expected, w))
                            || expected == value
                    })
                })
        }
        (pattern, id) => pattern == id,
    }
}

/// The values of the pattern's `MATCH` keys in this id.
pub(super) fn context_of(pattern: &Value, id: &Value) -> BTreeMap<String, Value> {
    pattern
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(_, expected)| is_wild(expected, "MATCH"))
        .filter_map(|(key, _)| Some((key.clone(), id.get(key)?.clone())))
        .collect()
}

/// Is this id one a call with these `MATCH` values uses: its `MATCH` keys equal them, and
/// its `ALLSMALLER` keys are smaller?
pub(super) fn within(pattern: &Value, id: &Value, context: &BTreeMap<String, Value>) -> bool {
    let Some(keys) = pattern.as_object() else {
        return true;
    };
    keys.iter().all(|(key, expected)| {
        let Some(fixed) = context.get(key) else {
            return true;
        };
        if is_wild(expected, "MATCH") {
            return id.get(key) == Some(fixed);
        }
        if is_wild(expected, "ALLSMALLER") {
            return match (id.get(key).and_then(Value::as_f64), fixed.as_f64()) {
                (Some(value), Some(limit)) => value < limit,
                _ => false,
            };
        }
        true
    })
}

/// Can an output with this id write the component an input with this id reads?
pub(super) fn overlaps(output: &Value, input: &Value) -> bool {
    match (output, input) {
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len()
                && a.iter().all(|(key, x)| {
                    b.get(key)
                        .is_some_and(|y| x == y || x.is_array() || y.is_array())
                })
        }
        (a, b) => a == b,
    }
}
