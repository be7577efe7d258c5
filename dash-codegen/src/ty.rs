//! The model of a prop type: the small set of shapes the emitter knows. `types.rs` builds
//! it from the metadata, `overrides.rs` from hand-written rules.

use serde_json::Value;

/// A prop type, normalized.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Ty {
    String,
    Number,
    Bool,
    /// Children: text, numbers, components, lists.
    Node,
    /// Any JSON (`any`, `object`, and TypeScript types the metadata does not spell out).
    Any,
    Vec(Box<Ty>),
    /// An object whose values all have one type (`objectOf`).
    Map(Box<Ty>),
    /// A `shape` (`open`: other keys allowed) or an `exact`.
    Struct {
        fields: Vec<Field>,
        open: bool,
    },
    /// A fixed set of JSON values (`oneOf`, literals).
    Literals(Vec<Value>),
    /// Several of the above; literal members are merged into one `Literals`, placed first.
    Union(Vec<Ty>),
    /// A type written by hand in the support module.
    Named(&'static str),
}

/// A field of a shape.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Field {
    pub name: String,
    pub required: bool,
    pub ty: Ty,
    /// The prop's description in the metadata, if any.
    pub description: Option<String>,
}
