//! Gives every nested type of one component a name and a definition.

use serde_json::Value;

use crate::names;
use crate::ty::{Field, Ty};

/// How a builder method turns its argument into the field's type.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Conv {
    /// `bool`, taken as is.
    Plain,
    /// `impl Into<T>`.
    Into,
    /// `impl IntoIterator<Item = impl Into<Item>>`.
    Iter(String),
    /// `impl IntoIterator<Item = (impl Into<String>, impl Into<Value>)>`.
    MapIter(String),
    /// `impl IdFor<Self>`: a string, or an id family declared for this component.
    Id,
}

/// A field with its Rust type resolved.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FieldDef {
    pub json: String,
    /// The prop's description from the metadata, as doc-comment lines.
    pub doc: Vec<String>,
    pub ident: String,
    pub ty: String,
    pub conv: Conv,
    pub required: bool,
    /// The Rust types a callback may use to read or write this prop.
    pub compat: Compat,
}

/// Which Rust types fit a prop, for the compile-time check of callback signatures.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Compat {
    /// Any type: the prop holds arbitrary JSON somewhere inside.
    Loose,
    /// Children: anything that converts into a `Node`.
    Children,
    /// These types (each also as `Option`), besides `Value`.
    Types(Vec<String>),
}

/// A union member: its variant name, type, and the `From` conversions it gets.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Member {
    pub variant: String,
    pub ty: String,
    pub from: Vec<Conversion>,
}

/// A `From` impl for a union (named so as not to shadow the prelude's `From`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Conversion {
    /// `From<T>` wrapping into the variant.
    Exact(String),
    /// `From<&str>` and `From<String>`.
    Text,
    /// Every primitive number type.
    Numbers,
}

/// A named type to emit.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Def {
    Struct { fields: Vec<FieldDef>, open: bool },
    Literals(Vec<(String, Value)>),
    Union(Vec<Member>),
}

/// Collects the named types of one component.
pub(crate) struct Resolver<'a> {
    /// Path to the support module, as generated code names it.
    pub rt: &'a str,
    /// Names that must not be reused (the component's own name, prelude types).
    reserved: Vec<String>,
    pub defs: Vec<(String, Def)>,
    /// Other names of a definition met again under another prop: `(alias, target)`.
    pub aliases: Vec<(String, String)>,
    /// The type names of the component's props (`ColumnSelectable` for
    /// `column_selectable`): kept for them, so a nested field cannot take one.
    props: Vec<String>,
    /// The type name of the prop being resolved.
    current: String,
}

impl<'a> Resolver<'a> {
    pub(crate) fn new(rt: &'a str, component: &str) -> Self {
        let reserved = [
            component, "String", "Vec", "Option", "Box", "Result", "Some", "None", "Ok", "Err",
            "Self",
        ]
        .map(str::to_owned)
        .to_vec();
        Resolver {
            rt,
            reserved,
            defs: Vec::new(),
            aliases: Vec::new(),
            props: Vec::new(),
            current: String::new(),
        }
    }

    /// The Rust type of `ty`, naming nested types after `hint`.
    pub(crate) fn rust_type(&mut self, ty: &Ty, hint: &str) -> String {
        let rt = self.rt;
        match ty {
            Ty::String => "String".to_owned(),
            Ty::Number => format!("{rt}::Number"),
            Ty::Bool => "bool".to_owned(),
            Ty::Node => format!("{rt}::Node"),
            Ty::Any => format!("{rt}::Value"),
            Ty::Named(name) => format!("{rt}::{name}"),
            Ty::Vec(item) => format!("Vec<{}>", self.rust_type(item, &names::singular(hint))),
            Ty::Map(value) => {
                format!(
                    "{rt}::BTreeMap<String, {}>",
                    self.rust_type(value, &format!("{hint}Value"))
                )
            }
            Ty::Struct { fields, open } => {
                let fields = self.fields(fields, hint);
                self.define(
                    hint,
                    Def::Struct {
                        fields,
                        open: *open,
                    },
                )
            }
            Ty::Literals(values) => {
                let mut variants: Vec<(String, Value)> = Vec::new();
                for value in values {
                    let taken: Vec<String> = variants.iter().map(|(n, _)| n.clone()).collect();
                    variants.push((names::unique(names::variant(value), &taken), value.clone()));
                }
                self.define(hint, Def::Literals(variants))
            }
            Ty::Union(members) => {
                let members = self.members(members, hint);
                self.define(hint, Def::Union(members))
            }
        }
    }

    /// Keeps the type names of these props for them.
    pub(crate) fn reserve_props<'p>(&mut self, props: impl IntoIterator<Item = &'p str>) {
        self.props = props.into_iter().map(names::camel).collect();
    }

    /// Resolves one prop of the component.
    pub(crate) fn prop(&mut self, field: &Field) -> FieldDef {
        self.current = names::camel(&field.name);
        let hint = self.current.clone();
        self.field(field, &hint)
    }

    /// Resolves the fields of a struct named `owner`.
    pub(crate) fn fields(&mut self, fields: &[Field], owner: &str) -> Vec<FieldDef> {
        fields
            .iter()
            .map(|field| {
                let hint = format!("{owner}{}", names::camel(&field.name));
                self.field(field, &hint)
            })
            .collect()
    }

    /// Resolves one field, naming its nested types after `hint`.
    pub(crate) fn field(&mut self, field: &Field, hint: &str) -> FieldDef {
        let ty = self.rust_type(&field.ty, hint);
        let conv = match &field.ty {
            Ty::Bool => Conv::Plain,
            Ty::Named("ComponentId") => Conv::Id,
            Ty::Vec(item) => Conv::Iter(self.rust_type(item, &names::singular(hint))),
            Ty::Map(value) => Conv::MapIter(self.rust_type(value, &format!("{hint}Value"))),
            _ => Conv::Into,
        };
        let compat = match &field.ty {
            Ty::Node => Compat::Children,
            other if contains_any(other) => Compat::Loose,
            other => Compat::Types(self.compat(other, hint)),
        };
        FieldDef {
            json: field.name.clone(),
            doc: crate::docs::lines(field.description.as_deref()),
            ident: names::ident(&field.name),
            ty,
            conv,
            required: field.required,
            compat,
        }
    }

    /// The Rust types that fit a prop of type `ty` (named after `hint`, as `rust_type`
    /// names it), besides `Value`.
    fn compat(&mut self, ty: &Ty, hint: &str) -> Vec<String> {
        let rt = self.rt;
        let numbers = || {
            let mut list = vec![format!("{rt}::Number")];
            list.extend(
                [
                    "f64", "f32", "i64", "i32", "i16", "i8", "u64", "u32", "u16", "u8", "usize",
                    "isize",
                ]
                .map(str::to_owned),
            );
            list
        };
        let mut list = match ty {
            Ty::String => vec!["String".to_owned()],
            Ty::Number => numbers(),
            Ty::Bool => vec!["bool".to_owned()],
            Ty::Named("ComponentId") => vec![format!("{rt}::ComponentId"), "String".to_owned()],
            Ty::Named("StringOrNumber") => {
                let mut list = vec![format!("{rt}::StringOrNumber"), "String".to_owned()];
                list.extend(numbers());
                list
            }
            Ty::Named("Scalar") => {
                let mut list = vec![
                    format!("{rt}::Scalar"),
                    "String".to_owned(),
                    "bool".to_owned(),
                ];
                list.extend(numbers());
                list
            }
            Ty::Vec(item) => {
                let item_hint = names::singular(hint);
                self.compat(item, &item_hint)
                    .into_iter()
                    .map(|p| format!("Vec<{p}>"))
                    .collect()
            }
            Ty::Map(value) => {
                let value_hint = format!("{hint}Value");
                self.compat(value, &value_hint)
                    .into_iter()
                    .flat_map(|p| {
                        [
                            format!("{rt}::BTreeMap<String, {p}>"),
                            format!("::std::collections::HashMap<String, {p}>"),
                        ]
                    })
                    .collect()
            }
            Ty::Union(members) => {
                let mut list = vec![self.rust_type(ty, hint)];
                for member in members {
                    let member_hint = match member {
                        Ty::Struct { .. } => format!("{hint}Object"),
                        Ty::Literals(_) => format!("{hint}Keyword"),
                        Ty::Union(_) => format!("{hint}Union"),
                        _ => hint.to_owned(),
                    };
                    list.extend(self.compat(member, &member_hint));
                }
                list
            }
            _ => vec![self.rust_type(ty, hint)],
        };
        let mut seen = Vec::new();
        list.retain(|t| {
            let fresh = !seen.contains(t);
            seen.push(t.clone());
            fresh
        });
        list
    }

    fn members(&mut self, members: &[Ty], hint: &str) -> Vec<Member> {
        let mut out: Vec<Member> = Vec::new();
        let lists = members.iter().filter(|m| matches!(m, Ty::Vec(_))).count();
        for member in members {
            let (variant, inner_hint) = match member {
                Ty::String => ("String".to_owned(), hint.to_owned()),
                Ty::Number => ("Number".to_owned(), hint.to_owned()),
                Ty::Bool => ("Bool".to_owned(), hint.to_owned()),
                Ty::Node => ("Node".to_owned(), hint.to_owned()),
                Ty::Any => ("Any".to_owned(), hint.to_owned()),
                Ty::Named(name) => ((*name).to_owned(), hint.to_owned()),
                Ty::Vec(item) if lists > 1 => {
                    (format!("List{}", variant_of(item)), hint.to_owned())
                }
                Ty::Vec(_) => ("List".to_owned(), hint.to_owned()),
                Ty::Map(_) => ("Map".to_owned(), hint.to_owned()),
                Ty::Struct { .. } => ("Object".to_owned(), format!("{hint}Object")),
                Ty::Literals(_) => ("Keyword".to_owned(), format!("{hint}Keyword")),
                Ty::Union(_) => ("Union".to_owned(), format!("{hint}Union")),
            };
            let ty = self.rust_type(member, &inner_hint);
            let taken: Vec<String> = out.iter().map(|m| m.variant.clone()).collect();
            let variant = names::unique(variant, &taken);
            let mut from = vec![Conversion::Exact(ty.clone())];
            match member {
                Ty::String => from.push(Conversion::Text),
                Ty::Number => from = vec![Conversion::Numbers],
                _ => {}
            }
            out.push(Member { variant, ty, from });
        }
        // One conversion per source type: the first member that takes it wins.
        let mut seen: Vec<Conversion> = Vec::new();
        for member in &mut out {
            member.from.retain(|f| {
                let fresh = !seen.contains(f);
                seen.push(f.clone());
                fresh
            });
        }
        out
    }

    /// Registers a definition under `hint` (or a free variant of it) and returns its name.
    /// An identical definition already registered is reused.
    fn define(&mut self, hint: &str, def: Def) -> String {
        let mut taken: Vec<String> = self.defs.iter().map(|(n, _)| n.clone()).collect();
        taken.extend(self.reserved.iter().cloned());
        taken.extend(self.aliases.iter().map(|(a, _)| a.clone()));
        taken.extend(self.props.iter().filter(|p| **p != self.current).cloned());
        if let Some((name, _)) = self.defs.iter().find(|(_, d)| *d == def) {
            // The same shape under another prop (`fixed_rows` like `fixed_columns`): the
            // prop's own name still works, as an alias.
            if !hint.is_empty() && !taken.iter().any(|t| t == hint) {
                self.aliases.push((hint.to_owned(), name.clone()));
            }
            return name.clone();
        }
        let base = if hint.is_empty() {
            "Prop".to_owned()
        } else {
            hint.to_owned()
        };
        // A definition takes its name back from an alias.
        if let Some(i) = self.aliases.iter().position(|(alias, _)| *alias == base) {
            self.aliases.remove(i);
            taken.retain(|t| *t != base);
        }
        let name = if taken.contains(&base) {
            names::unique(format!("{base}Type"), &taken)
        } else {
            base
        };
        self.defs.push((name.clone(), def));
        name
    }
}

/// Does the type hold arbitrary JSON (or children) anywhere below its top?
fn contains_any(ty: &Ty) -> bool {
    match ty {
        Ty::Any | Ty::Node => true,
        Ty::Vec(inner) | Ty::Map(inner) => contains_any(inner),
        Ty::Union(members) => members.iter().any(contains_any),
        Ty::Struct { .. } | Ty::Literals(_) | Ty::Named(_) => false,
        Ty::String | Ty::Number | Ty::Bool => false,
    }
}

fn variant_of(item: &Ty) -> &'static str {
    match item {
        Ty::String => "String",
        Ty::Number => "Number",
        Ty::Bool => "Bool",
        Ty::Node => "Node",
        Ty::Struct { .. } => "Object",
        Ty::Vec(_) => "List",
        _ => "Any",
    }
}
