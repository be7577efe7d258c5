//! The `Trigger` enum of a callback that takes `Ctx<name::Trigger>`: one variant per
//! input, in a module named after the callback, so that `match ctx.trigger()` is checked
//! by the compiler (a misspelt variant is "no variant", a new input a missing arm).

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};

use crate::ast::{App, Callback};

/// Names a trigger module must not take: it would hide the prelude's module of the same
/// name (a glob import), and with it every component path in the app module.
pub const PRELUDE_MODULES: &[&str] = &["html", "dcc", "dash_table"];

/// Does this callback get a trigger module?
pub fn has_module(callback: &Callback) -> bool {
    callback.typed_contexts().next().is_some()
}

/// `mod name { pub enum Trigger { .. } }` for each callback with a typed context (none
/// for a name the checks refuse, so that the error is the only one).
pub fn modules(app: &App) -> TokenStream {
    app.callbacks
        .iter()
        .filter(|callback| has_module(callback))
        .filter(|callback| !PRELUDE_MODULES.contains(&callback.ident.to_string().as_str()))
        .map(|callback| module(app, callback))
        .collect()
}

/// The variant names of a callback's inputs: the `#[ids]` field in CamelCase (the id
/// itself in a fragment), with the prop added when one id is an input through several
/// props.
pub fn variants(app: &App, callback: &Callback) -> Vec<(syn::Ident, String, String)> {
    let inputs: Vec<(String, String)> = callback
        .attr
        .inputs
        .iter()
        .filter_map(|lit| {
            let text = lit.value();
            let (id, prop) = dash_syntax::split_prop(&text)?;
            Some((id.to_owned(), prop.to_owned()))
        })
        .collect();
    inputs
        .iter()
        .map(|(id, prop)| {
            let base = app
                .ids
                .as_ref()
                .and_then(|ids| ids.fields.iter().find(|field| field.id == *id))
                .map_or_else(|| id.clone(), |field| field.ident.to_string());
            let shared = inputs.iter().filter(|(other, _)| other == id).count() > 1;
            let name = if shared {
                format!("{}{}", camel(&base), camel(prop))
            } else {
                camel(&base)
            };
            let ident = syn::parse_str::<syn::Ident>(&name)
                .unwrap_or_else(|_| format_ident!("Input{}", name.len()));
            (ident, id.clone(), prop.clone())
        })
        .collect()
}

/// The variants to generate: as [`variants`], a repeated name (which the checks report)
/// made unique so that rustc adds no error of its own.
fn unique_variants(app: &App, callback: &Callback) -> Vec<(syn::Ident, String, String)> {
    let mut variants = variants(app, callback);
    for i in 0..variants.len() {
        if variants[..i]
            .iter()
            .any(|(earlier, _, _)| *earlier == variants[i].0)
        {
            variants[i].0 = format_ident!("{}Input{}", variants[i].0, i);
        }
    }
    variants
}

fn module(app: &App, callback: &Callback) -> TokenStream {
    let name = &callback.ident;
    let vis = &callback.vis;
    let cfgs = &callback.cfgs;
    let variants = unique_variants(app, callback);
    let idents: Vec<_> = variants.iter().map(|(ident, _, _)| ident).collect();
    let docs: Vec<String> = variants
        .iter()
        .map(|(_, id, prop)| format!("`{id}.{prop}` fired."))
        .collect();
    let ids: Vec<_> = variants.iter().map(|(_, id, _)| id).collect();
    let props: Vec<_> = variants.iter().map(|(_, _, prop)| prop).collect();
    let module_doc = format!("Which input of [`{name}`](fn@{name}) fired.");
    quote_spanned! {name.span()=>
        #(#cfgs)*
        #[doc = #module_doc]
        #vis mod #name {
            #[doc = #module_doc]
            #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
            pub enum Trigger {
                #(#[doc = #docs] #idents,)*
            }

            #[automatically_derived]
            impl ::dash::__private::Trigger for Trigger {
                fn from_prop(
                    prop: &::dash::__private::PropId,
                ) -> ::core::option::Option<Self> {
                    #(if prop.is(#ids, #props) {
                        return ::core::option::Option::Some(Trigger::#idents);
                    })*
                    ::core::option::Option::None
                }
            }
        }
    }
}

/// `Camel` of a `snake_case`, `kebab-case` or `camelCase` name.
fn camel(name: &str) -> String {
    name.split(['_', '-', '.', ' '])
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

/// The checks that each typed context parameter names its callback's own `Trigger`, in
/// functions that are never called (emitted on the error path too).
pub fn context_checks(app: &App) -> TokenStream {
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
    quote! {
        #[doc(hidden)]
        const _: () = {
            use ::dash::__private as __dash;
            #(#functions)*
        };
    }
}

#[cfg(test)]
mod tests {
    use super::camel;

    #[test]
    fn camel_case() {
        assert_eq!(camel("inc"), "Inc");
        assert_eq!(camel("n_clicks"), "NClicks");
        assert_eq!(camel("my-button"), "MyButton");
        assert_eq!(camel("clickData"), "ClickData");
    }
}
