//! The layout as an agent reads it: the components with an id, found by walking the
//! layout's JSON (a component is an object with `type`, `namespace` and `props`, wherever
//! it sits: in `children`, in a list, or in another prop).

use std::collections::BTreeMap;

use dash_core::PropId;
use serde_json::{Value, json};

/// One component with an id.
pub(crate) struct Found {
    /// `dcc.Dropdown`, `html.Div`: its namespace's Python module, then its type.
    pub kind: String,
    pub props: serde_json::Map<String, Value>,
}

/// The layout's components with an id, by the id's text (a dictionary id as its JSON).
#[derive(Default)]
pub(crate) struct Components(BTreeMap<String, Found>);

impl Components {
    /// The components of the app's layout, as the browser gets it (a layout function run
    /// again); the function's failure message otherwise.
    pub(crate) async fn of_app(state: &crate::state::AppState) -> Result<Components, String> {
        let json = state.layout_json().await?;
        let layout: Value = serde_json::from_slice(&json).map_err(|error| error.to_string())?;
        Ok(Components::of(&layout))
    }

    /// The components of a layout given as JSON.
    pub(crate) fn of(layout: &Value) -> Components {
        let mut found = BTreeMap::new();
        walk(layout, &mut found);
        Components(found)
    }

    /// The component's kind, when it is in the layout.
    pub(crate) fn kind(&self, prop: &PropId) -> Option<&str> {
        self.0
            .get(&prop.id.to_string())
            .map(|found| found.kind.as_str())
    }

    /// The prop's value in the layout, when the layout sets it.
    pub(crate) fn value(&self, prop: &PropId) -> Option<&Value> {
        self.0.get(&prop.id.to_string())?.props.get(&*prop.property)
    }

    /// The component with this id.
    pub(crate) fn get(&self, id: &str) -> Option<&Found> {
        self.0.get(id)
    }

    /// Every id with its component's kind, sorted by id: `dash://components`.
    pub(crate) fn list(&self) -> Value {
        Value::Array(
            self.0
                .iter()
                .map(|(id, found)| json!({ "id": id, "type": found.kind }))
                .collect(),
        )
    }
}

fn walk(value: &Value, found: &mut BTreeMap<String, Found>) {
    match value {
        Value::Array(items) => items.iter().for_each(|item| walk(item, found)),
        Value::Object(object) => {
            if let (
                Some(Value::String(kind)),
                Some(Value::String(namespace)),
                Some(Value::Object(props)),
            ) = (
                object.get("type"),
                object.get("namespace"),
                object.get("props"),
            ) {
                if let Some(id) = props.get("id").filter(|id| !id.is_null()) {
                    let id = match id {
                        Value::String(id) => id.clone(),
                        other => dash_core::ComponentId::from_json(other)
                            .map_or_else(|| other.to_string(), |id| id.to_string()),
                    };
                    let module = namespace
                        .replace("dash_core_components", "dcc")
                        .replace("dash_html_components", "html");
                    found.insert(
                        id,
                        Found {
                            kind: format!("{module}.{kind}"),
                            props: props.clone(),
                        },
                    );
                }
                props.values().for_each(|prop| walk(prop, found));
            } else {
                object.values().for_each(|item| walk(item, found));
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_components_wherever_they_sit() {
        let layout = json!({
            "type": "Div", "namespace": "dash_html_components",
            "props": { "children": [
                { "type": "Dropdown", "namespace": "dash_core_components",
                  "props": { "id": "city", "value": "Oslo" } },
                { "type": "Tab", "namespace": "dash_core_components",
                  "props": { "label": { "type": "Span", "namespace": "dash_html_components",
                                        "props": { "id": "inner" } } } },
            ]}
        });
        let components = Components::of(&layout);
        let city = PropId::parse("city.value").unwrap();
        assert_eq!(components.kind(&city), Some("dcc.Dropdown"));
        assert_eq!(components.value(&city), Some(&json!("Oslo")));
        assert_eq!(
            components.list(),
            json!([{ "id": "city", "type": "dcc.Dropdown" }, { "id": "inner", "type": "html.Span" }])
        );
    }
}
