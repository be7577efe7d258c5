//! Which props other than `children` can hold components: the renderer's `children_props`.
//!
//! Paths follow Dash's notation: `label`, `items[]`, `map{}`, `shape.field`. The walk
//! mirrors the one Python Dash runs over the same metadata, so the two agree.

use crate::metadata::Json;

const NULL: Json = Json::Array(Vec::new());

fn name(t: &Json) -> &str {
    t.get("name").and_then(Json::as_str).unwrap_or("")
}

fn is_node(name: &str) -> bool {
    matches!(name, "node" | "element")
}

fn is_shape(name: &str) -> bool {
    matches!(name, "shape" | "exact")
}

/// The node paths of a component, given its props in metadata order.
pub(crate) fn collect<'a>(props: impl IntoIterator<Item = (&'a str, &'a Json)>) -> Vec<String> {
    let mut nodes = Vec::new();
    for (prop, ty) in props {
        if prop != "children" {
            entry(ty, prop.to_owned(), &mut nodes);
        }
    }
    nodes
}

fn entry(t: &Json, key: String, nodes: &mut Vec<String>) {
    let kind = name(t);
    if is_node(kind) {
        nodes.push(key);
    } else if kind == "arrayOf" {
        array(t.get("value").unwrap_or(t), key, nodes);
    } else if is_shape(kind) {
        shape(t.get("value"), &key, nodes);
    } else if kind == "union" {
        union(t.get("value"), &key, nodes);
    } else if kind == "objectOf" {
        object(t.get("value").unwrap_or(&NULL), &key, nodes);
    }
}

fn shape(fields: Option<&Json>, base: &str, nodes: &mut Vec<String>) {
    if let Some(Json::Object(fields)) = fields {
        for (field, ty) in fields {
            entry(ty, format!("{base}.{field}"), nodes);
        }
    }
}

fn array(t: &Json, base: String, nodes: &mut Vec<String>) {
    let kind = name(t);
    if is_node(kind) {
        nodes.push(base);
    } else if is_shape(kind) {
        shape(t.get("value"), &format!("{base}[]"), nodes);
    } else if kind == "union" {
        union(t.get("value"), &format!("{base}[]"), nodes);
    } else if kind == "objectOf" {
        object(t.get("value").unwrap_or(&NULL), &format!("{base}[]"), nodes);
    }
}

fn union(members: Option<&Json>, base: &str, nodes: &mut Vec<String>) {
    let Some(Json::Array(members)) = members else {
        return;
    };
    for t in members {
        let kind = name(t);
        if is_node(kind) {
            nodes.push(base.to_owned());
        } else if is_shape(kind) {
            shape(t.get("value"), base, nodes);
        } else if kind == "arrayOf" {
            array(t.get("value").unwrap_or(&NULL), base.to_owned(), nodes);
        } else if kind == "objectOf" {
            object(t.get("value").unwrap_or(&NULL), base, nodes);
        }
    }
}

fn object(t: &Json, base: &str, nodes: &mut Vec<String>) {
    let kind = name(t);
    let key = format!("{base}{{}}");
    if is_node(kind) {
        nodes.push(key);
    } else if is_shape(kind) {
        shape(t.get("value"), &key, nodes);
    } else if kind == "union" {
        union(t.get("value"), &key, nodes);
    } else if kind == "arrayOf" {
        array(t, key, nodes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ordered(value: serde_json::Value) -> Json {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn finds_nodes_the_way_dash_does() {
        let label =
            ordered(json!({"name": "union", "value": [{"name": "string"}, {"name": "node"}]}));
        let items = ordered(
            json!({"name": "arrayOf", "value": {"name": "exact", "value": {
            "label": {"name": "node"}, "value": {"name": "string"}}}}),
        );
        let map = ordered(json!({"name": "objectOf", "value": {"name": "node"}}));
        let children = ordered(json!({"name": "node"}));
        let props = [
            ("children", &children),
            ("label", &label),
            ("items", &items),
            ("map", &map),
        ];
        assert_eq!(collect(props), ["label", "items[].label", "map{}"]);
    }
}
