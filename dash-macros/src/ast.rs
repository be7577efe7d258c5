//! The parsed view of an app module. It keeps the original syn nodes for their spans.

use proc_macro2::Span;
use syn::{Attribute, Block, FnArg, Ident, Item, ItemFn, ItemMod, LitStr, Pat, ReturnType, Type};

use crate::attr::{self, CallbackAttr, Site};
use crate::clientside::Source;
use crate::ctxt::Errors;
use crate::message;
use crate::ty;

pub(crate) struct App {
    /// The module as syn parsed it, `#[ids]` and `#[callback]` taken off its items (the
    /// expansion re-emits `tokens`, not this tree).
    pub module: ItemMod,
    pub ids: Option<Ids>,
    pub callbacks: Vec<Callback>,
    /// The id families: structs marked `#[family(Component)]`.
    pub families: Vec<Family>,
    /// `#[dash::app(ids = path)]`: the `Ids` of the app this module is a fragment of.
    pub fragment_of: Option<syn::Path>,
    /// The macro's arguments did not parse: do not also ask for an `#[ids]`.
    pub arguments_failed: bool,
    /// The module's tokens as the compiler gave them, which the expansion re-emits.
    pub tokens: proc_macro2::TokenStream,
}

/// The arguments of `#[dash::app(..)]`.
#[derive(Default)]
pub(crate) struct Arguments {
    /// `ids = path`: the `Ids` of the app this module is a fragment of.
    pub fragment_of: Option<syn::Path>,
    /// They did not parse.
    pub failed: bool,
}

pub(crate) struct Ids {
    pub ident: Ident,
    pub fields: Vec<IdField>,
}

/// `#[family(Component)]` or `#[family(Component, type = "name")]` on a struct: its fields
/// are the keys of dictionary ids `{"type": name, key: value, ..}`.
pub(crate) struct Family {
    pub ident: Ident,
    pub component: syn::Path,
    /// The `type` key: `type = ".."`, else the struct's name in snake_case.
    pub type_name: String,
    pub fields: Vec<(Ident, Type)>,
    /// The traits the user derives (`Clone`, `Debug`, ...): the others a trigger needs
    /// are implemented by the macro.
    pub derives: Vec<String>,
    /// It has generic parameters, which the checks refuse.
    pub generic: bool,
}

/// One field of `#[ids]`: its Rust name and the component id it stands for (the field's
/// name, or the string of `#[id = "..."]`).
pub(crate) struct IdField {
    pub ident: Ident,
    pub id: String,
    /// The component type, e.g. `dcc::Dropdown`, `Store<Cleaned>` or `Component`.
    pub ty: Type,
}

pub(crate) struct Callback {
    pub ident: Ident,
    /// The function's visibility, given to the module of its `Trigger`.
    pub vis: syn::Visibility,
    pub is_async: bool,
    pub attr: CallbackAttr,
    /// The type of each parameter, in order.
    pub params: Vec<Type>,
    /// The pattern of each parameter, in order.
    pub param_pats: Vec<Pat>,
    /// For each parameter, `T` when it is a `Shared<T>`.
    pub shared: Vec<Option<Type>>,
    /// For each parameter, whether it takes its value from the call rather than from a
    /// prop (`Shared<T>`, `Ctx<T>`: see [`CONTEXT_TYPES`]).
    pub context: Vec<bool>,
    /// The body, for the purity lint.
    pub body: Block,
    pub output: ReturnType,
    /// The callback's `#[cfg]` attributes, copied onto everything generated for it.
    pub cfgs: Vec<Attribute>,
    /// `#[clientside]` on a `const`: the browser runs it, and it has no parameters, return
    /// type nor body (the const's value is its JavaScript).
    pub clientside: Option<Source>,
    /// Its doc comment, its lines joined.
    pub doc: Option<String>,
}

impl App {
    pub(crate) fn from_syn(
        mut module: ItemMod,
        tokens: proc_macro2::TokenStream,
        arguments: Arguments,
        errors: &mut Errors,
    ) -> App {
        let Arguments {
            fragment_of,
            failed: arguments_failed,
        } = arguments;
        let mut ids: Option<Ids> = None;
        let mut callbacks = Vec::new();
        let mut families = Vec::new();
        let Some((_, items)) = module.content.as_mut() else {
            errors.spanned(&module, message::APP_NEEDS_INLINE_MODULE);
            return App {
                module,
                ids,
                callbacks,
                families,
                fragment_of,
                arguments_failed,
                tokens,
            };
        };
        for item in items.iter_mut() {
            let Some(attrs) = item_attrs(item) else {
                continue;
            };
            let ids_attrs = take(attrs, "ids");
            let callback_attrs = take(attrs, "callback");
            let clientside_attrs = take(attrs, "clientside");
            for family_attr in take(attrs, "family") {
                match item {
                    Item::Struct(item) => {
                        if let Some(family) = Family::parse(item, family_attr, errors) {
                            families.push(family);
                        }
                    }
                    _ => errors.spanned(&family_attr, message::FAMILY_NOT_A_STRUCT),
                }
            }
            for ids_attr in &ids_attrs {
                if !matches!(ids_attr.meta, syn::Meta::Path(_)) {
                    errors.spanned(ids_attr, message::IDS_TAKES_NO_ARGUMENTS);
                }
            }
            if !ids_attrs.is_empty() {
                match item {
                    Item::Struct(item) => match &mut item.fields {
                        syn::Fields::Named(named) => {
                            let fields = named
                                .named
                                .iter_mut()
                                .filter_map(|field| id_field(field, errors))
                                .collect();
                            let parsed = Ids {
                                ident: item.ident.clone(),
                                fields,
                            };
                            if ids.is_some() {
                                errors.spanned(&item.ident, message::duplicate_ids());
                            } else {
                                ids = Some(parsed);
                            }
                        }
                        _ => errors.spanned(&item.ident, message::IDS_NEEDS_NAMED_FIELDS),
                    },
                    _ => errors.spanned(&ids_attrs[0], message::IDS_NEEDS_NAMED_FIELDS),
                }
            }
            for callback_attr in &callback_attrs {
                match item {
                    Item::Fn(function) => {
                        let parsed = attr::parse_callback(callback_attr, Site::Server, errors);
                        callbacks.push(Callback::from_fn(function, parsed, errors));
                    }
                    _ => errors.spanned(callback_attr, message::CALLBACK_NOT_A_FN),
                }
            }
            for clientside_attr in &clientside_attrs {
                let Item::Const(item) = item else {
                    errors.spanned(clientside_attr, message::CLIENTSIDE_FORMS);
                    continue;
                };
                let parsed = attr::parse_callback(clientside_attr, Site::Browser, errors);
                match Source::of(item) {
                    Some(source) => callbacks.push(Callback::from_const(item, parsed, source)),
                    None => errors.spanned(&item.expr, message::CLIENTSIDE_FORMS),
                }
            }
        }
        // A fragment uses the `Ids` of its app: its own `#[ids]` is an error, and checking
        // ids against it would only cascade.
        if fragment_of.is_some()
            && let Some(own) = ids.take()
        {
            errors.spanned(&own.ident, message::FRAGMENT_WITH_IDS);
        }
        App {
            module,
            ids,
            callbacks,
            families,
            fragment_of,
            arguments_failed,
            tokens,
        }
    }

    /// The family a pattern names, when it is declared in this module (by the path's last
    /// segment).
    pub(crate) fn family(&self, path: &syn::Path) -> Option<&Family> {
        let last = path.segments.last()?;
        self.families
            .iter()
            .find(|family| family.ident == last.ident)
    }

    /// The span used for errors about the module as a whole.
    pub(crate) fn span(&self) -> Span {
        self.module.ident.span()
    }
}

impl Family {
    fn parse(item: &syn::ItemStruct, attr: Attribute, errors: &mut Errors) -> Option<Family> {
        let mut component = None;
        let mut type_name = dash_syntax::snake(&item.ident.to_string());
        let parsed = attr.parse_args_with(|input: syn::parse::ParseStream| {
            component = Some(input.parse::<syn::Path>()?);
            if input.parse::<Option<syn::Token![,]>>()?.is_some() && !input.is_empty() {
                input.parse::<syn::Token![type]>()?;
                input.parse::<syn::Token![=]>()?;
                let name: LitStr = input.parse()?;
                type_name = name.value();
                input.parse::<Option<syn::Token![,]>>()?;
            }
            Ok(())
        });
        if let Err(error) = parsed {
            errors.push(syn::Error::new(error.span(), message::FAMILY_ATTRIBUTE));
            return None;
        }
        let syn::Fields::Named(named) = &item.fields else {
            errors.spanned(&item.ident, message::FAMILY_NEEDS_NAMED_FIELDS);
            return None;
        };
        let mut fields = Vec::new();
        for field in &named.named {
            let ident = field.ident.clone()?;
            if ident == "r#type" || ident == "type_" {
                errors.spanned(&ident, message::FAMILY_TYPE_FIELD);
            }
            fields.push((ident, field.ty.clone()));
        }
        if !item.generics.params.is_empty() {
            errors.spanned(&item.generics, message::FAMILY_GENERIC);
        }
        let mut derives = Vec::new();
        for derive in item.attrs.iter().filter(|a| a.path().is_ident("derive")) {
            let _ = derive.parse_nested_meta(|meta| {
                if let Some(last) = meta.path.segments.last() {
                    derives.push(last.ident.to_string());
                }
                Ok(())
            });
        }
        Some(Family {
            ident: item.ident.clone(),
            component: component?,
            type_name,
            fields,
            derives,
            generic: !item.generics.params.is_empty(),
        })
    }
}

impl Callback {
    fn from_fn(function: &ItemFn, attr: CallbackAttr, errors: &mut Errors) -> Callback {
        let sig = &function.sig;
        if !sig.generics.params.is_empty() {
            errors.spanned(&sig.generics, message::GENERIC_CALLBACK);
        }
        if sig.constness.is_some()
            || !matches!(sig.safety, syn::Safety::Default)
            || sig.abi.is_some()
        {
            errors.spanned(&sig.ident, message::CONST_OR_UNSAFE_CALLBACK);
        }
        let mut params = Vec::new();
        let mut param_pats = Vec::new();
        for input in &sig.inputs {
            match input {
                FnArg::Receiver(receiver) => errors.spanned(receiver, message::SELF_PARAMETER),
                FnArg::Typed(typed) => {
                    match &*typed.ty {
                        Type::Reference(reference) => {
                            errors.spanned(reference, message::REFERENCE_PARAMETER)
                        }
                        Type::ImplTrait(bounds) => {
                            errors.spanned(bounds, message::IMPL_TRAIT_PARAMETER)
                        }
                        _ => {}
                    }
                    params.push((*typed.ty).clone());
                    param_pats.push((*typed.pat).clone());
                }
            }
        }
        Callback {
            ident: sig.ident.clone(),
            vis: function.vis.clone(),
            is_async: sig.asyncness.is_some(),
            attr,
            shared: params.iter().map(shared_inner).collect(),
            context: params.iter().map(is_context).collect(),
            params,
            param_pats,
            body: (*function.block).clone(),
            output: sig.output.clone(),
            cfgs: function
                .attrs
                .iter()
                .filter(|a| a.path().is_ident("cfg"))
                .cloned()
                .collect(),
            clientside: None,
            doc: doc_comment(&function.attrs),
        }
    }

    /// A `#[clientside]` const: the browser runs it, so it has no parameters, return
    /// type nor body.
    fn from_const(item: &syn::ItemConst, attr: CallbackAttr, source: Source) -> Callback {
        Callback {
            ident: item.ident.clone(),
            vis: item.vis.clone(),
            is_async: false,
            attr,
            params: Vec::new(),
            param_pats: Vec::new(),
            shared: Vec::new(),
            context: Vec::new(),
            body: syn::parse_quote!({}),
            output: ReturnType::Default,
            cfgs: item
                .attrs
                .iter()
                .filter(|a| a.path().is_ident("cfg"))
                .cloned()
                .collect(),
            clientside: Some(source),
            doc: doc_comment(&item.attrs),
        }
    }

    /// How many parameters take inputs and state (the others take the call's context).
    pub(crate) fn prop_params(&self) -> usize {
        self.context.iter().filter(|c| !**c).count()
    }

    /// The types of the parameters that take inputs and state, in order.
    pub(crate) fn prop_types(&self) -> impl Iterator<Item = &Type> {
        self.params
            .iter()
            .zip(&self.context)
            .filter(|(_, context)| !**context)
            .map(|(ty, _)| ty)
    }

    /// Every `"id.prop"` literal of this callback: outputs, inputs, state, then the props
    /// of `running` (patterns are not among them).
    pub(crate) fn props(&self) -> impl Iterator<Item = &LitStr> {
        self.attr
            .outputs
            .iter()
            .chain(&self.attr.inputs)
            .chain(&self.attr.state)
            .filter_map(crate::attr::Prop::plain)
            .chain(
                self.attr
                    .running
                    .iter()
                    .filter_map(|running| running.prop.plain()),
            )
    }

    /// Every pattern prop of this callback: outputs, inputs, state, then `running`.
    pub(crate) fn patterns(&self) -> impl Iterator<Item = &crate::pattern::Pattern> {
        self.attr
            .outputs
            .iter()
            .chain(&self.attr.inputs)
            .chain(&self.attr.state)
            .chain(self.attr.running.iter().map(|running| &running.prop))
            .filter_map(crate::attr::Prop::pattern)
    }

    /// The context parameters typed `Ctx<..>` with a type argument: the callback then has
    /// a `Trigger` enum, in a module named after it.
    pub(crate) fn typed_contexts(&self) -> impl Iterator<Item = &Type> {
        self.params
            .iter()
            .filter(|ty| ty::type_argument(ty, &["Ctx"]).is_some())
    }

    /// `T` when `ty` is a `Shared<T>`.
    pub(crate) fn shared_type<'a>(&self, ty: &'a Type) -> Option<&'a Type> {
        ty::type_argument(ty, &["Shared"])
    }

    /// Does this context parameter read the call (`Ctx<T>`), rather than the app's shared
    /// values (`Shared<T>`) or the job it writes to (`Progress<T>`)?
    pub(crate) fn reads_context(&self, ty: &Type) -> bool {
        self.shared_type(ty).is_none() && ty::type_argument(ty, &["Progress"]).is_none()
    }

    /// The `T` of a `Progress<T>` parameter, with the parameter's type.
    pub(crate) fn progress_type(&self) -> Option<(&Type, &Type)> {
        self.params
            .iter()
            .zip(&self.context)
            .filter(|(_, context)| **context)
            .find_map(|(ty, _)| Some((ty, ty::type_argument(ty, &["Progress"])?)))
    }

    /// Does the function return `Result<..>` (by the last path segment's name)?
    pub(crate) fn returns_result(&self) -> bool {
        match &self.output {
            ReturnType::Type(_, ty) => ty::is_named(ty, &["Result"]),
            ReturnType::Default => false,
        }
    }
}

/// The types of parameters that take no prop, by their last path segment: their values
/// come from the call (`dash_core::FromCall`). The one list the macro reads them from.
pub(crate) const CONTEXT_TYPES: &[&str] = &["Shared", "Ctx", "Progress"];

/// Does this parameter take its value from the call rather than from a prop?
fn is_context(ty: &Type) -> bool {
    ty::is_named(ty, CONTEXT_TYPES)
}

/// `T` of a parameter typed `Shared<T>` (by the last path segment).
fn shared_inner(ty: &Type) -> Option<Type> {
    ty::type_argument(ty, &["Shared"]).cloned()
}

/// Reads one `#[ids]` field and removes its `#[id = "..."]`.
fn id_field(field: &mut syn::Field, errors: &mut Errors) -> Option<IdField> {
    let ident = field.ident.clone()?;
    let mut id = ident.to_string();
    for attr in take(&mut field.attrs, "id") {
        match &attr.meta {
            syn::Meta::NameValue(syn::MetaNameValue {
                value:
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(lit),
                        ..
                    }),
                ..
            }) if !lit.value().trim().is_empty() => {
                let value = lit.value();
                // The renderer splits `id.prop` at the last dot and reads ids that start
                // with `{` as dictionaries: such an id could never be updated.
                if value.contains(['.', '{']) {
                    errors.spanned(lit, message::bad_id(&value));
                }
                id = value;
            }
            _ => errors.spanned(&attr, message::ID_ATTRIBUTE),
        }
    }
    Some(IdField {
        ident,
        id,
        ty: field.ty.clone(),
    })
}

/// The text of the `///` lines (`#[doc = ".."]`) among `attrs`, each line's first space
/// dropped as rustdoc does, or `None` without any.
fn doc_comment(attrs: &[Attribute]) -> Option<String> {
    let lines: Vec<String> = attrs
        .iter()
        .filter(|attr| attr.path().is_ident("doc"))
        .filter_map(|attr| match &attr.meta {
            syn::Meta::NameValue(syn::MetaNameValue {
                value:
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(text),
                        ..
                    }),
                ..
            }) => Some(text.value()),
            _ => None,
        })
        .map(|line| {
            line.strip_prefix(' ')
                .unwrap_or(&line)
                .trim_end()
                .to_owned()
        })
        .collect();
    let text = lines.join("\n").trim().to_owned();
    (!text.is_empty()).then_some(text)
}

fn item_attrs(item: &mut Item) -> Option<&mut Vec<Attribute>> {
    Some(match item {
        Item::Fn(i) => &mut i.attrs,
        Item::Struct(i) => &mut i.attrs,
        Item::Enum(i) => &mut i.attrs,
        Item::Const(i) => &mut i.attrs,
        Item::Static(i) => &mut i.attrs,
        Item::Type(i) => &mut i.attrs,
        Item::Impl(i) => &mut i.attrs,
        Item::Mod(i) => &mut i.attrs,
        Item::Use(i) => &mut i.attrs,
        Item::Trait(i) => &mut i.attrs,
        _ => return None,
    })
}

/// Removes and returns the attributes named `name`.
fn take(attrs: &mut Vec<Attribute>, name: &str) -> Vec<Attribute> {
    let (taken, kept) = std::mem::take(attrs)
        .into_iter()
        .partition(|a| attr::is(a, name));
    *attrs = kept;
    taken
}
