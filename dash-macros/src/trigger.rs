//! The `Trigger` enum of a callback that takes `Ctx<name::Trigger>`: one variant per
//! input, in a module named after the callback, so that `match ctx.trigger()` is checked
//! by the compiler (a misspelt variant is "no variant", a new input a missing arm).

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};

use crate::ast::{App, Callback};
use crate::attr::Prop;
use crate::pattern::Pattern;
use crate::wrap::{self, wrap_in_const};

/// Names a trigger module must not take: it would hide the prelude's module of the same
/// name (a glob import), and with it every component path in the app module.
pub(crate) const PRELUDE_MODULES: &[&str] = &["html", "dcc", "dash_table"];

/// Does this callback get a trigger module?
pub(crate) fn has_module(callback: &Callback) -> bool {
    callback.typed_contexts().next().is_some()
}

/// `mod name { pub enum Trigger { .. } }` for each callback with a typed context (none
/// for a name the checks refuse, so that the error is the only one).
pub(crate) fn modules(app: &App) -> TokenStream {
    app.callbacks
        .iter()
        .filter(|callback| has_module(callback))
        .filter(|callback| !PRELUDE_MODULES.contains(&callback.ident.to_string().as_str()))
        .map(|callback| module(app, callback))
        .collect()
}

/// One variant of a `Trigger`.
pub(crate) struct Variant {
    pub ident: syn::Ident,
    pub kind: VariantKind,
}

pub(crate) enum VariantKind {
    /// A plain input, `id.prop`.
    Plain { id: String, prop: String },
    /// A pattern input: the variant carries the concrete id, a value of the family.
    /// `id` builds the input's pattern, which a fired id must match.
    Pattern {
        family: syn::Path,
        prop: String,
        id: TokenStream,
    },
}

/// The variants of a callback's inputs: the `#[ids]` field in CamelCase (the id itself in
/// a fragment), or the family's name for a pattern, with the prop added when one id or
/// family is an input through several props.
pub(crate) fn variants(app: &App, callback: &Callback) -> Vec<Variant> {
    let inputs: Vec<(String, String, Option<&Pattern>)> = callback
        .attr
        .inputs
        .iter()
        .filter_map(|prop| match prop {
            Prop::Plain(lit) => {
                let text = lit.value();
                let (id, prop) = dash_syntax::split_prop(&text)?;
                let base = app
                    .ids
                    .as_ref()
                    .and_then(|ids| ids.fields.iter().find(|field| field.id == id))
                    .map_or_else(|| id.to_owned(), |field| field.ident.to_string());
                Some((base, prop.to_owned(), None))
            }
            Prop::Pattern(pattern) => {
                let base = pattern.family.segments.last()?.ident.to_string();
                Some((base, pattern.prop.value(), Some(&**pattern)))
            }
        })
        .collect();
    let ids: Vec<String> = callback
        .attr
        .inputs
        .iter()
        .filter_map(|prop| {
            let text = prop.plain()?.value();
            dash_syntax::split_prop(&text).map(|(id, _)| id.to_owned())
        })
        .collect();
    let mut plain_ids = ids.into_iter();
    let mut names: Vec<String> = inputs
        .iter()
        .map(|(base, prop, _)| {
            // One id (or family) through several props: the prop tells them apart.
            let shared = inputs
                .iter()
                .any(|(other, other_prop, _)| other == base && other_prop != prop);
            if shared {
                format!("{}{}", dash_syntax::camel(base), dash_syntax::camel(prop))
            } else {
                dash_syntax::camel(base)
            }
        })
        .collect();
    // One family and prop through several patterns (other fixed keys): numbered.
    for i in 0..names.len() {
        let repeats = names[..i].iter().filter(|n| **n == names[i]).count();
        if repeats > 0 && inputs[i].2.is_some() {
            names[i] = format!("{}{}", names[i], repeats + 1);
        }
    }
    inputs
        .iter()
        .zip(names)
        .map(|((_, prop, pattern), name)| {
            let ident = syn::parse_str::<syn::Ident>(&name)
                .unwrap_or_else(|_| format_ident!("Input{}", name.len()));
            let kind = match pattern {
                Some(pattern) => VariantKind::Pattern {
                    family: pattern.family.clone(),
                    prop: prop.clone(),
                    id: pattern.prop_id_with(rerooted(&pattern.family)),
                },
                None => VariantKind::Plain {
                    id: plain_ids.next().unwrap_or_default(),
                    prop: prop.clone(),
                },
            };
            Variant { ident, kind }
        })
        .collect()
}

/// The variants to generate: as [`variants`], a repeated name (which the checks report)
/// made unique so that rustc adds no error of its own.
fn unique_variants(app: &App, callback: &Callback) -> Vec<Variant> {
    let mut variants = variants(app, callback);
    for i in 0..variants.len() {
        if variants[..i]
            .iter()
            .any(|earlier| earlier.ident == variants[i].ident)
        {
            variants[i].ident = format_ident!("{}Input{}", variants[i].ident, i);
        }
    }
    variants
}

fn module(app: &App, callback: &Callback) -> TokenStream {
    let name = &callback.ident;
    let vis = &callback.vis;
    let cfgs = &callback.cfgs;
    let variants = unique_variants(app, callback);
    let declarations = variants.iter().map(|variant| {
        let ident = &variant.ident;
        match &variant.kind {
            VariantKind::Plain { id, prop } => {
                let doc = format!("`{id}.{prop}` fired.");
                quote!(#[doc = #doc] #ident)
            }
            VariantKind::Pattern { family, prop, .. } => {
                let doc = format!("The `{prop}` of this component of the family fired.");
                let family = rerooted(family);
                quote!(#[doc = #doc] #ident(#family))
            }
        }
    });
    let matches = variants.iter().map(|variant| {
        let ident = &variant.ident;
        match &variant.kind {
            VariantKind::Plain { id, prop } => quote! {
                if prop.is(#id, #prop) {
                    return ::core::option::Option::Some(Trigger::#ident);
                }
            },
            VariantKind::Pattern { family, prop, id } => {
                let family = rerooted(family);
                let private = wrap::private(proc_macro2::Span::call_site());
                quote! {
                    if prop.property == #prop && #id.id.matches(&prop.id) {
                        if let ::core::option::Option::Some(id) =
                            <#family as #private::Family>::from_id(&prop.id)
                        {
                            return ::core::option::Option::Some(Trigger::#ident(id));
                        }
                    }
                }
            }
        }
    });
    let module_doc = format!("Which input of [`{name}`](fn@{name}) fired.");
    let private = wrap::private(name.span());
    quote_spanned! {name.span()=>
        #(#cfgs)*
        #[doc = #module_doc]
        #vis mod #name {
            #[allow(unused_imports)]
            use #private as __dash;
            #[doc = #module_doc]
            #[derive(Clone, Debug, PartialEq, Eq, Hash)]
            pub enum Trigger {
                #(#declarations,)*
            }

            #[automatically_derived]
            impl #private::Trigger for Trigger {
                fn from_prop(
                    prop: &#private::PropId,
                ) -> ::core::option::Option<Self> {
                    #(#matches)*
                    ::core::option::Option::None
                }
            }
        }
    }
}

/// A family path as written in the app module, seen from the trigger module inside it:
/// `Item` and `self::Item` become `super::Item`; `crate::..` and `::..` stay.
fn rerooted(path: &syn::Path) -> TokenStream {
    let first = path.segments.first().map(|s| s.ident.to_string());
    match first.as_deref() {
        _ if path.leading_colon.is_some() => quote!(#path),
        Some("crate") => quote!(#path),
        // One module deeper: `super::x` becomes `super::super::x`.
        Some("super") => quote!(super::#path),
        Some("self") => {
            let rest = path.segments.iter().skip(1);
            quote!(super #(:: #rest)*)
        }
        _ => quote!(super::#path),
    }
}

/// The checks that each typed context parameter names its callback's own `Trigger`, in
/// functions that are never called (emitted on the error path too).
pub(crate) fn context_checks(app: &App) -> TokenStream {
    let functions = app
        .callbacks
        .iter()
        .filter(|callback| has_module(callback))
        .filter(|callback| !PRELUDE_MODULES.contains(&callback.ident.to_string().as_str()))
        .map(|callback| {
            let name = &callback.ident;
            let cfgs = &callback.cfgs;
            let checks = callback.typed_contexts().map(|ty| {
                quote_spanned! {syn::spanned::Spanned::span(ty)=>
                    __dash::ctx_of::<#ty, #name::Trigger>();
                }
            });
            let function = format_ident!(
                "__dash_context_{}",
                name,
                span = proc_macro2::Span::mixed_site()
            );
            quote! {
                #(#cfgs)*
                #[allow(dead_code)]
                fn #function() {
                    #(#checks)*
                }
            }
        })
        .collect::<Vec<_>>();
    if functions.is_empty() {
        return TokenStream::new();
    }
    wrap_in_const(quote!(#(#functions)*))
}
