//! `Children`: what a callback may return for a `children` prop.

use crate::{Component, Node, TypedComponent};

/// What a `children` prop (or any prop typed `node`) takes from a callback: anything that
/// becomes a [`Node`], and a `Vec` of typed components (`Vec<html::Li>`), of
/// [`Component`]s or of text, each of which is sent as the list of children it is.
///
/// The lists are here rather than as `From<Vec<C>> for Node`, which would make
/// `Node::from(vec![a.into(), b.into()])` ambiguous. The trait is a marker: the value is
/// encoded as it serializes.
///
/// ```
/// use dash::{Children, Component, Node};
///
/// fn fits<T: Children>(_: &T) {}
/// fits(&Node::from("text"));
/// fits(&vec![Component::html("Li"), Component::html("Li")]);
/// fits(&vec!["a", "b"]);
/// fits(&serde_json::json!(["a", {"type": "Div", "namespace": "dash_html_components", "props": {}}]));
/// ```
pub trait Children {}

impl<T: Into<Node>> Children for T {}
impl<C: TypedComponent> Children for Vec<C> {}
impl Children for Vec<Component> {}
impl Children for Vec<String> {}
impl Children for Vec<&str> {}
/// Any JSON, as Dash's own `Value` fits every prop: what the browser holds, read or
/// written as it is.
impl Children for serde_json::Value {}
impl Children for Option<serde_json::Value> {}
