//! The generic component tree, serialized exactly as the Dash renderer expects it.

use std::borrow::Cow;

use serde::de::{Deserialize, Deserializer, Error as _};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};

/// Namespace of the html components (`window.dash_html_components`).
pub const HTML: &str = "dash_html_components";
/// Namespace of the core components (`window.dash_core_components`).
pub const DCC: &str = "dash_core_components";
/// Namespace of `DataTable` (`window.dash_table`).
pub const DASH_TABLE: &str = "dash_table";

/// One component of a layout: a namespace (the global the renderer looks it up in), a type
/// (the export name) and the props that were set.
///
/// This is the escape hatch for any component library: every component the renderer can
/// draw can be written this way.
///
/// ```
/// use dash::Component;
///
/// let div = Component::html("Div").id("output").children("hello");
/// assert_eq!(
///     serde_json::to_value(&div).unwrap(),
///     serde_json::json!({
///         "namespace": "dash_html_components",
///         "type": "Div",
///         "props": {"id": "output", "children": "hello"}
///     })
/// );
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Component {
    namespace: Cow<'static, str>,
    type_name: Cow<'static, str>,
    props: Map<String, Value>,
}

impl Component {
    /// A component of any library, with no props set.
    pub fn new(
        namespace: impl Into<Cow<'static, str>>,
        type_name: impl Into<Cow<'static, str>>,
    ) -> Self {
        Component {
            namespace: namespace.into(),
            type_name: type_name.into(),
            props: Map::new(),
        }
    }

    /// An html element (`Div`, `H1`, `Table`, …). Like Python Dash it always carries a
    /// `children` prop, `null` until set.
    pub fn html(type_name: impl Into<Cow<'static, str>>) -> Self {
        Component::new(HTML, type_name).prop("children", Value::Null)
    }

    /// A core component (`Dropdown`, `Graph`, `Store`, …).
    pub fn dcc(type_name: impl Into<Cow<'static, str>>) -> Self {
        Component::new(DCC, type_name)
    }

    /// Sets a prop to any serializable value.
    ///
    /// # Panics
    /// If the value cannot be represented as JSON (a map with non-string keys).
    pub fn prop(mut self, name: impl Into<String>, value: impl Serialize) -> Self {
        let name = name.into();
        let value = serde_json::to_value(value)
            .unwrap_or_else(|e| panic!("prop `{name}` of {} is not JSON: {e}", self.type_name));
        self.props.insert(name, value);
        self
    }

    /// Sets the `id` prop: the name callbacks use for this component.
    pub fn id(self, id: impl Into<String>) -> Self {
        self.prop("id", id.into())
    }

    /// Sets the `children` prop: text, a number, a component, or a list of them.
    pub fn children(self, children: impl Into<Node>) -> Self {
        self.prop("children", children.into())
    }

    /// The namespace, e.g. `dash_html_components`.
    pub fn namespace(&self) -> &str {
        &self.namespace
    }

    /// The type, e.g. `Div`.
    pub fn type_name(&self) -> &str {
        &self.type_name
    }

    /// The props that were set.
    pub fn props(&self) -> &Map<String, Value> {
        &self.props
    }

    /// The `id` prop, when it is a string.
    pub fn id_str(&self) -> Option<&str> {
        self.props.get("id").and_then(Value::as_str)
    }
}

impl Serialize for Component {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("namespace", &self.namespace)?;
        map.serialize_entry("type", &self.type_name)?;
        map.serialize_entry("props", &self.props)?;
        map.end()
    }
}

/// A typed component: a struct of props, with the namespace and type the renderer looks
/// it up by.
///
/// The generated components of `dash::html`, `dash::dcc` and `dash::dash_table` implement
/// it, and so does the output of `dash-codegen` for any other library. Every typed
/// component converts into a [`Component`] and a [`Node`], so it goes anywhere in a layout,
/// and serializes as the renderer expects a component (`{"namespace", "type", "props"}`),
/// so a callback may return one for a `children` output.
pub trait TypedComponent {
    /// The JavaScript global that holds the component, e.g. `dash_core_components`.
    const NAMESPACE: &'static str;
    /// The component's export name, e.g. `Dropdown`.
    const TYPE: &'static str;

    /// Serializes the props that are set, as one object.
    fn serialize_props<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;

    /// The component in its generic form.
    fn into_component(self) -> Component
    where
        Self: Sized,
    {
        struct Props<'a, C>(&'a C);

        impl<C: TypedComponent> Serialize for Props<'_, C> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                self.0.serialize_props(serializer)
            }
        }

        // A value the browser would change is the layout author's mistake, reported where
        // it is written, like a prop that is not JSON at all.
        let props = match crate::to_json(&Props(&self)) {
            Ok(Value::Object(props)) => props,
            Ok(other) => panic!("{} props serialized to {other}, not an object", Self::TYPE),
            Err(e) => panic!("the props of a {} cannot be sent: {e}", Self::TYPE),
        };
        Component {
            namespace: Self::NAMESPACE.into(),
            type_name: Self::TYPE.into(),
            props,
        }
    }
}

/// Writes a typed component as the renderer reads one: `{"namespace", "type", "props"}`.
/// Generated components implement `Serialize` with it.
pub fn serialize_component<C: TypedComponent, S: Serializer>(
    component: &C,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    struct Props<'a, C>(&'a C);

    impl<C: TypedComponent> Serialize for Props<'_, C> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            self.0.serialize_props(serializer)
        }
    }

    let mut map = serializer.serialize_map(Some(3))?;
    map.serialize_entry("namespace", C::NAMESPACE)?;
    map.serialize_entry("type", C::TYPE)?;
    map.serialize_entry("props", &Props(component))?;
    map.end()
}

impl<T: TypedComponent> From<T> for Component {
    fn from(component: T) -> Self {
        component.into_component()
    }
}

impl<'de> Deserialize<'de> for Component {
    /// Reads a component as the renderer sends it (in `State` of a `children` prop, say).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        component_from_json(value).map_err(D::Error::custom)
    }
}

fn component_from_json(value: Value) -> Result<Component, String> {
    let Value::Object(mut map) = value else {
        return Err(format!("expected a component, found {value}"));
    };
    let mut text = |key: &str| match map.remove(key) {
        Some(Value::String(s)) => Ok(s),
        _ => Err(format!("a component needs a string `{key}`")),
    };
    let namespace = text("namespace")?;
    let type_name = text("type")?;
    let props = match map.remove("props") {
        Some(Value::Object(props)) => props,
        None | Some(Value::Null) => Map::new(),
        Some(other) => {
            return Err(format!(
                "a component's `props` must be an object, found {other}"
            ));
        }
    };
    Ok(Component {
        namespace: namespace.into(),
        type_name: type_name.into(),
        props,
    })
}

/// What Dash accepts as children: nothing, text, a number, a component, or a list of them.
///
/// Conversions exist from strings, numbers, components, `Option`s and lists of nodes, so
/// most code never names this type:
///
/// ```
/// use dash::{Component, Node};
///
/// let page = Component::html("Div").children([
///     Node::from(Component::html("H1").children("Scores")),
///     "was scored by this many students:".into(),
///     3.into(),
/// ]);
/// # let _ = page;
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Node {
    /// `null`: no children.
    #[default]
    Empty,
    /// A text node.
    Text(String),
    /// A number, rendered as text.
    Number(serde_json::Number),
    /// A component.
    Component(Box<Component>),
    /// Several children, in order.
    List(Vec<Node>),
}

impl Serialize for Node {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Node::Empty => serializer.serialize_unit(),
            Node::Text(text) => serializer.serialize_str(text),
            Node::Number(number) => number.serialize(serializer),
            Node::Component(component) => component.serialize(serializer),
            Node::List(nodes) => nodes.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    /// Reads children as the renderer sends them: `null`, text, a number, a component or
    /// a list of these.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        node_from_json(Value::deserialize(deserializer)?).map_err(D::Error::custom)
    }
}

fn node_from_json(value: Value) -> Result<Node, String> {
    Ok(match value {
        Value::Null => Node::Empty,
        Value::String(text) => Node::Text(text),
        Value::Number(number) => Node::Number(number),
        Value::Bool(b) => return Err(format!("`{b}` is not a valid child")),
        Value::Array(items) => Node::List(
            items
                .into_iter()
                .map(node_from_json)
                .collect::<Result<_, _>>()?,
        ),
        object @ Value::Object(_) => Node::Component(Box::new(component_from_json(object)?)),
    })
}

impl From<Component> for Node {
    fn from(component: Component) -> Self {
        Node::Component(Box::new(component))
    }
}

impl<T: TypedComponent> From<T> for Node {
    fn from(component: T) -> Self {
        Node::Component(Box::new(component.into_component()))
    }
}

impl From<&str> for Node {
    fn from(text: &str) -> Self {
        Node::Text(text.to_owned())
    }
}

impl From<String> for Node {
    fn from(text: String) -> Self {
        Node::Text(text)
    }
}

macro_rules! integer_nodes {
    ($($t:ty),*) => {$(
        impl From<$t> for Node {
            fn from(n: $t) -> Self {
                Node::Number(n.into())
            }
        }
    )*};
}
integer_nodes!(i8, i16, i32, i64, u8, u16, u32, u64, usize, isize);

impl From<f64> for Node {
    /// Finite numbers become numbers; NaN and infinities become `null`, as in Python Dash.
    fn from(n: f64) -> Self {
        serde_json::Number::from_f64(n).map_or(Node::Empty, Node::Number)
    }
}

impl<T: Into<Node>> From<Option<T>> for Node {
    fn from(value: Option<T>) -> Self {
        value.map_or(Node::Empty, Into::into)
    }
}

impl From<Vec<Node>> for Node {
    fn from(nodes: Vec<Node>) -> Self {
        Node::List(nodes)
    }
}

impl<const N: usize> From<[Node; N]> for Node {
    fn from(nodes: [Node; N]) -> Self {
        Node::List(nodes.into())
    }
}

impl<T: Into<Node>> FromIterator<T> for Node {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Node::List(iter.into_iter().map(Into::into).collect())
    }
}

impl Node {
    /// Calls `visit` on every component in this tree, parents before children, including
    /// components held in props other than `children`.
    pub fn for_each_component(&self, visit: &mut dyn FnMut(&Component)) {
        match self {
            Node::Component(component) => {
                visit(component);
                for value in component.props.values() {
                    walk_value(value, visit);
                }
            }
            Node::List(nodes) => nodes.iter().for_each(|n| n.for_each_component(visit)),
            Node::Empty | Node::Text(_) | Node::Number(_) => {}
        }
    }
}

/// Finds components already serialized into prop values (a component inside `children`
/// is stored as JSON once set).
fn walk_value(value: &Value, visit: &mut dyn FnMut(&Component)) {
    match value {
        Value::Object(map) => {
            if let (Some(Value::String(ns)), Some(Value::String(ty)), Some(Value::Object(props))) =
                (map.get("namespace"), map.get("type"), map.get("props"))
            {
                let component = Component {
                    namespace: ns.clone().into(),
                    type_name: ty.clone().into(),
                    props: props.clone(),
                };
                visit(&component);
                props.values().for_each(|v| walk_value(v, visit));
            } else {
                map.values().for_each(|v| walk_value(v, visit));
            }
        }
        Value::Array(items) => items.iter().for_each(|v| walk_value(v, visit)),
        _ => {}
    }
}

/// A Dash component tree, as `children` and other node props take it.
#[cfg(feature = "mcp")]
impl schemars::JsonSchema for Node {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DashNode".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Dash children: text, a number, null, a component \
                            `{\"type\": \"Div\", \"namespace\": \"dash_html_components\", \"props\": {..}}` \
                            (its children in `props.children`), or a list of these.",
            "anyOf": [
                { "type": ["string", "number", "null"] },
                {
                    "type": "object",
                    "properties": {
                        "type": { "type": "string" },
                        "namespace": { "type": "string" },
                        "props": { "type": "object" },
                    },
                    "required": ["type", "namespace", "props"],
                },
                { "type": "array" },
            ],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn html_components_always_carry_children() {
        let json = serde_json::to_value(Component::html("Div").id("out")).unwrap();
        assert_eq!(
            json,
            json!({"namespace": HTML, "type": "Div", "props": {"id": "out", "children": null}})
        );
    }

    #[test]
    fn dcc_components_carry_only_what_was_set() {
        let json =
            serde_json::to_value(Component::dcc("Dropdown").id("d").prop("value", 1)).unwrap();
        assert_eq!(
            json,
            json!({"namespace": DCC, "type": "Dropdown", "props": {"id": "d", "value": 1}})
        );
    }

    #[test]
    fn mixed_children_and_non_finite_numbers() {
        let node = Node::from([
            Node::from("a"),
            2.into(),
            f64::NAN.into(),
            Component::html("B").into(),
        ]);
        assert_eq!(
            serde_json::to_value(node).unwrap(),
            json!(["a", 2, null, {"namespace": HTML, "type": "B", "props": {"children": null}}])
        );
    }

    #[test]
    fn children_read_back_as_sent() {
        let node = Node::from([
            Node::from("a"),
            2.into(),
            Component::html("B").id("b").children("c").into(),
        ]);
        let json = serde_json::to_value(&node).unwrap();
        assert_eq!(serde_json::from_value::<Node>(json).unwrap(), node);
        assert!(serde_json::from_value::<Node>(json!(true)).is_err());
        assert!(serde_json::from_value::<Node>(json!({"type": "Div"})).is_err());
    }

    #[test]
    fn walks_nested_components() {
        let tree = Node::from(
            Component::html("Div")
                .id("a")
                .children(vec![Component::html("Span").id("b").into(), "x".into()]),
        );
        let mut ids = Vec::new();
        tree.for_each_component(&mut |c| ids.push(c.id_str().unwrap_or("-").to_owned()));
        assert_eq!(ids, ["a", "b"]);
    }
}
