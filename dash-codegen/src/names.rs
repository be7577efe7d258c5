//! Rust names for props, types and variants.

use serde_json::Value;

pub(crate) use dash_syntax::{camel, snake};

/// A field or method name: the prop's field name (`dash_syntax::field_name`), the one rule
/// `#[dash::app]` also uses to find a prop's field. A name that is not a plain identifier
/// (`aria-label`) gets its snake case (`aria_label`); the macro leaves such props unchecked.
pub(crate) fn ident(name: &str) -> String {
    dash_syntax::field_name(name)
        .or_else(|| dash_syntax::field_name(&snake(name)))
        .unwrap_or_else(|| format!("{}_", snake(name)))
}

/// The name of one item of a list: `columns` → `Column`, `sort_by` → `SortByItem`.
pub(crate) fn singular(type_name: &str) -> String {
    match type_name.strip_suffix('s') {
        Some(stem) if !stem.ends_with('s') && !stem.is_empty() => stem.to_owned(),
        _ => format!("{type_name}Item"),
    }
}

/// The variant name of one literal value.
pub(crate) fn variant(value: &Value) -> String {
    match value {
        Value::Null => "Null".to_owned(),
        Value::Bool(true) => "True".to_owned(),
        Value::Bool(false) => "False".to_owned(),
        Value::Number(n) => format!("N{}", n.to_string().replace(['.', '-'], "_")),
        Value::String(s) => {
            let name = camel(s);
            if name.is_empty() {
                "Empty".to_owned()
            } else if name == "Self" {
                "SelfValue".to_owned()
            } else if name.starts_with(|c: char| c.is_ascii_digit()) {
                format!("N{name}")
            } else {
                name
            }
        }
        _ => "Other".to_owned(),
    }
}

/// Makes `name` unique among `taken` by appending a number.
pub(crate) fn unique(name: String, taken: &[String]) -> String {
    if !taken.contains(&name) {
        return name;
    }
    (2..)
        .map(|i| format!("{name}{i}"))
        .find(|n| !taken.contains(n))
        .unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn prop_names() {
        assert_eq!(ident("className"), "class_name");
        assert_eq!(ident("is_RTL"), "is_rtl");
        assert_eq!(ident("plotlyServerURL"), "plotly_server_url");
        assert_eq!(ident("type"), "r#type");
        assert_eq!(ident("n_clicks_timestamp"), "n_clicks_timestamp");
        assert_eq!(ident("self"), "self_");
        assert_eq!(ident("aria-label"), "aria_label");
        assert_eq!(ident("3d"), "_3d");
    }

    #[test]
    fn type_and_variant_names() {
        assert_eq!(singular("Columns"), "Column");
        assert_eq!(singular("Css"), "CssItem");
        assert_eq!(singular("SortBy"), "SortByItem");
        assert_eq!(variant(&json!("reset+autosize")), "ResetAutosize");
        assert_eq!(variant(&json!("_blank")), "Blank");
        assert_eq!(variant(&json!(3)), "N3");
        assert_eq!(variant(&json!(false)), "False");
    }
}
