//! Checks rustc makes for us: every `"id.prop"` names a prop the component has.
//!
//! For each property of each callback, the expansion reads the prop's field of the `Ids`
//! struct in a function that is never called, with the field's name spanned at the string
//! literal, so a misspelt prop is rustc's "no field `valu` on type `Dropdown`" at the
//! literal. Fields typed `Component` (any library, untyped) and wildcard props (`data-*`,
//! `aria-*`) are not checked.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::{Ident, LitStr, Type};

use crate::ast::App;
use crate::check;

/// The never-called function that touches every checked prop.
pub fn existence(app: &App) -> TokenStream {
    let Some(ids) = &app.ids else {
        return TokenStream::new();
    };
    let ids_ident = &ids.ident;
    let mut reads = Vec::new();
    for callback in &app.callbacks {
        let cfgs = &callback.cfgs;
        for lit in callback.props() {
            let Some(access) = access(app, lit) else {
                continue;
            };
            reads.push(quote!(#(#cfgs)* let _ = &#access;));
        }
    }
    if reads.is_empty() {
        return TokenStream::new();
    }
    quote! {
        #[doc(hidden)]
        const _: () = {
            #[allow(dead_code, unused_variables)]
            fn __dash_props(ids: &#ids_ident) {
                #(#reads)*
            }
        };
    }
}

/// `ids.field.prop`, spanned at the literal, or `None` when the prop is not checked.
fn access(app: &App, lit: &LitStr) -> Option<TokenStream> {
    let text = lit.value();
    let (id, prop) = check::split_prop(&text)?;
    let field = app.ids.as_ref()?.fields.iter().find(|f| f.id == id)?;
    if is_untyped(&field.ty) || prop.contains(['-', '*']) || prop.contains('.') {
        return None;
    }
    let span = lit.span();
    let mut field_ident = field.ident.clone();
    field_ident.set_span(span);
    let prop_ident = rust_field(prop, span)?;
    Some(quote!(ids.#field_ident.#prop_ident))
}

/// The generic `Component` has no prop fields.
fn is_untyped(ty: &Type) -> bool {
    match ty {
        Type::Path(path) => path
            .path
            .segments
            .last()
            .is_some_and(|s| s.ident == "Component"),
        _ => true,
    }
}

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "static", "struct", "trait", "true", "try", "type", "unsafe", "use", "where",
    "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof",
    "unsized", "virtual", "yield",
];

/// The Rust field of a prop, named as `dash-codegen` names it: `className` → `class_name`,
/// `type` → `r#type`.
fn rust_field(prop: &str, span: Span) -> Option<Ident> {
    let mut out = String::new();
    let mut previous: Option<char> = None;
    for c in prop.chars() {
        if c.is_ascii_uppercase() {
            if previous.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit()) {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else {
            return None;
        }
        previous = Some(c);
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some(match out.as_str() {
        "self" | "super" | "crate" => Ident::new(&format!("{out}_"), span),
        keyword if KEYWORDS.contains(&keyword) => Ident::new_raw(keyword, span),
        _ => Ident::new(&out, span),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_named_like_the_generator_names_them() {
        let name = |p: &str| rust_field(p, Span::call_site()).map(|i| i.to_string());
        assert_eq!(name("className").as_deref(), Some("class_name"));
        assert_eq!(name("n_clicks").as_deref(), Some("n_clicks"));
        assert_eq!(name("clickData").as_deref(), Some("click_data"));
        assert_eq!(name("is_RTL").as_deref(), Some("is_rtl"));
        assert_eq!(name("type").as_deref(), Some("r#type"));
        assert_eq!(name("data-x"), None);
    }
}
