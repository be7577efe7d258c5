//! Normalizes metadata prop types into the small set of shapes the emitter knows.

use serde_json::Value;

use crate::metadata::{Json, TypeMeta};
use crate::overrides;
use crate::ty::{Field, Ty};

/// Normalizes one prop type; `None` for props a Rust program never sets (functions).
pub(crate) fn normalize(meta: &TypeMeta, prop: &str) -> Option<Ty> {
    let ty = match meta.name.as_str() {
        "string" => Ty::String,
        "number" => Ty::Number,
        "bool" | "boolean" => Ty::Bool,
        "node" | "element" => Ty::Node,
        "object" => Ty::Any,
        "array" => Ty::Vec(Box::new(Ty::Any)),
        "func" | "symbol" | "instanceOf" => return None,
        "any" => match meta.raw.as_deref().map(overrides::raw_type) {
            Some(overrides::Raw::Skip) => return None,
            Some(overrides::Raw::Type(ty)) => ty,
            Some(overrides::Raw::Unknown) | None => Ty::Any,
        },
        "arrayOf" => Ty::Vec(Box::new(inner(meta, prop)?)),
        "objectOf" => Ty::Map(Box::new(inner(meta, prop)?)),
        "shape" | "exact" => shape(meta, meta.name == "shape"),
        "literal" => Ty::Literals(meta.value.iter().map(Json::to_value).collect()),
        "enum" => enumeration(meta),
        "union" => union(meta, prop)?,
        _ => Ty::Any,
    };
    Some(ty)
}

fn inner(meta: &TypeMeta, prop: &str) -> Option<Ty> {
    let value = meta.value.as_ref().and_then(TypeMeta::from_json);
    match value {
        Some(inner) => normalize(&inner, prop),
        None => Some(Ty::Any),
    }
}

fn shape(meta: &TypeMeta, open: bool) -> Ty {
    let Some(Json::Object(entries)) = &meta.value else {
        return Ty::Any;
    };
    if entries.is_empty() {
        return Ty::Map(Box::new(Ty::Any));
    }
    let mut fields = Vec::new();
    for (name, value) in entries {
        let Some(field) = TypeMeta::from_json(value) else {
            continue;
        };
        if let Some(ty) = normalize(&field, name) {
            fields.push(Field {
                name: name.clone(),
                required: field.required,
                ty,
                description: value
                    .get("description")
                    .and_then(Json::as_str)
                    .map(str::to_owned),
            });
        }
    }
    Ty::Struct { fields, open }
}

/// `oneOf([...])`: each entry carries the JavaScript source of one value.
fn enumeration(meta: &TypeMeta) -> Ty {
    let Some(Json::Array(entries)) = &meta.value else {
        return Ty::Any;
    };
    let mut values = Vec::new();
    for entry in entries {
        // An entry without a value is TypeScript's `undefined`: the prop is simply unset.
        match entry.get("value").map(Json::to_value) {
            None => continue,
            Some(Value::String(source)) => match js_literal(&source) {
                Some(value) => values.push(value),
                None => return Ty::Any,
            },
            Some(value) => values.push(value),
        }
    }
    literals(values)
}

/// Reads a JavaScript literal as written in metadata: `'text'`, `"text"`, `true`, `4`, `null`.
fn js_literal(source: &str) -> Option<Value> {
    let source = source.trim();
    if let Some(text) = source
        .strip_prefix('\'')
        .and_then(|s| s.strip_suffix('\''))
        .or_else(|| source.strip_prefix('"').and_then(|s| s.strip_suffix('"')))
    {
        return Some(Value::String(text.to_owned()));
    }
    serde_json::from_str(source).ok()
}

fn literals(values: Vec<Value>) -> Ty {
    // A range of numbers (days of the week) reads better as a number.
    if !values.is_empty() && values.iter().all(Value::is_number) {
        return Ty::Number;
    }
    let mut sorted: Vec<&str> = values.iter().filter_map(Value::as_str).collect();
    sorted.sort_unstable();
    if values.len() == 3 && sorted == ["local", "memory", "session"] {
        return Ty::Named("StorageType");
    }
    Ty::Literals(values)
}

fn union(meta: &TypeMeta, prop: &str) -> Option<Ty> {
    let Some(Json::Array(entries)) = &meta.value else {
        return Some(Ty::Any);
    };
    let mut members: Vec<Ty> = Vec::new();
    let mut keywords: Vec<Value> = Vec::new();
    for entry in entries {
        let Some(member) = TypeMeta::from_json(entry) else {
            continue;
        };
        let Some(ty) = normalize(&member, prop) else {
            continue;
        };
        let flat = match ty {
            Ty::Union(inner) => inner,
            other => vec![other],
        };
        for ty in flat {
            match ty {
                Ty::Literals(values) => {
                    for value in values {
                        if !keywords.contains(&value) {
                            keywords.push(value);
                        }
                    }
                }
                Ty::Named("StorageType") => keywords
                    .extend(["local", "session", "memory"].map(|s| Value::String(s.to_owned()))),
                other if !members.contains(&other) => members.push(other),
                _ => {}
            }
        }
    }
    if members.is_empty() && keywords.is_empty() {
        return None;
    }
    // Children already take text and numbers.
    if members.contains(&Ty::Node) {
        members.retain(|m| !matches!(m, Ty::String | Ty::Number));
    }
    // `true`, or the attribute's own name in any case (`hidden`, `HIDDEN`): a flag.
    if members == [Ty::Bool]
        && keywords
            .iter()
            .all(|k| k.as_str().is_some_and(|s| s.eq_ignore_ascii_case(prop)))
    {
        return Some(Ty::Bool);
    }
    if members.contains(&Ty::Any) {
        return Some(Ty::Any);
    }
    if !keywords.is_empty() {
        members.insert(0, literals(keywords));
    }
    Some(match members.as_slice() {
        [only] => only.clone(),
        [Ty::String, Ty::Number] | [Ty::Number, Ty::String] => Ty::Named("StringOrNumber"),
        three
            if three.len() == 3
                && [Ty::String, Ty::Number, Ty::Bool]
                    .iter()
                    .all(|t| three.contains(t)) =>
        {
            Ty::Named("Scalar")
        }
        _ => Ty::Union(members),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ty(value: Value, prop: &str) -> Option<Ty> {
        let json: Json = serde_json::from_value(value).unwrap();
        normalize(&TypeMeta::from_json(&json).unwrap(), prop)
    }

    #[test]
    fn single_member_unions_collapse() {
        let t = ty(
            json!({"name": "union", "value": [{"name": "bool", "raw": "false"}]}),
            "multi",
        );
        assert_eq!(t, Some(Ty::Bool));
    }

    #[test]
    fn attribute_flags_become_bools() {
        let t = ty(
            json!({"name": "union", "value": [
                {"name": "enum", "value": [{"value": "'hidden'"}, {"value": "'HIDDEN'"}]},
                {"name": "bool"}]}),
            "hidden",
        );
        assert_eq!(t, Some(Ty::Bool));
    }

    #[test]
    fn keywords_come_first_and_undefined_is_dropped() {
        let t = ty(
            json!({"name": "union", "value": [
                {"name": "bool"},
                {"name": "enum", "value": [{"computed": false}, {"value": "'first'"}, {"value": "'last'"}]}]}),
            "selectable",
        );
        assert_eq!(
            t,
            Some(Ty::Union(vec![
                Ty::Literals(vec![json!("first"), json!("last")]),
                Ty::Bool
            ]))
        );
    }

    #[test]
    fn common_unions_use_shared_types() {
        let t = ty(
            json!({"name": "union", "value": [{"name": "string"}, {"name": "number"}]}),
            "width",
        );
        assert_eq!(t, Some(Ty::Named("StringOrNumber")));
        let t = ty(
            json!({"name": "enum", "value": [{"value": "'local'"}, {"value": "'session'"}, {"value": "'memory'"}]}),
            "x",
        );
        assert_eq!(t, Some(Ty::Named("StorageType")));
    }

    #[test]
    fn functions_are_left_out() {
        assert_eq!(ty(json!({"name": "func"}), "setProps"), None);
    }
}
