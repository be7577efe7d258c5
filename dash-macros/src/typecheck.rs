//! Checks rustc makes for us, in a function that is never called:
//!
//! - every `"id.prop"` names a prop the component has: the expansion reads the prop's field
//!   of the `Ids` struct, with the field's name spanned at the string literal, so a misspelt
//!   prop is rustc's "no field `valu` on type `Dropdown`" at the literal;
//! - every parameter and every returned value fits its prop's type: `P: Fits<F>` for the
//!   field's type `F` (`StoreFits` for the data of a typed `Store<T>`), spanned at the
//!   user's type, so a mismatch is reported there with the prop's declared type.
//!
//! Fields typed `Component` (any library, untyped) and wildcard props (`data-*`, `aria-*`)
//! are not checked.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Ident, LitStr, Type};

use crate::ast::App;
use crate::attr::Prop;
use crate::pattern::Pattern;
use crate::ty::{self, spelled_out, type_argument, ungroup, update_inner};
use crate::wrap::wrap_in_const;

/// The never-called function that touches every checked prop and checks every type.
pub(crate) fn existence(app: &App) -> TokenStream {
    if let Some(path) = &app.fragment_of {
        return fragment_ids(app, path);
    }
    let Some(ids) = &app.ids else {
        return TokenStream::new();
    };
    let ids_ident = &ids.ident;
    let fields: Fields = ids.fields.iter().map(|f| (f.id.as_str(), f)).collect();
    let mut functions = Vec::new();
    for callback in &app.callbacks {
        let mut reads = Vec::new();
        let cfgs = &callback.cfgs;
        let props = callback.attr.inputs.iter().chain(&callback.attr.state);
        let params = callback.prop_types();
        let outputs = output_types(callback).unwrap_or_default();
        let bound: Vec<(&Type, &Prop, bool)> = params
            .zip(props)
            .map(|(ty, prop)| (ty, prop, false))
            .chain(
                outputs
                    .into_iter()
                    .zip(&callback.attr.outputs)
                    .map(|(ty, prop)| (ty, prop, true)),
            )
            .collect();
        // A type check reads the prop too; the others are only read. In the order of the
        // attribute, so rustc reports them in that order.
        let checks: Vec<(&LitStr, TokenStream)> = bound
            .iter()
            .filter_map(|(ty, prop, output)| {
                let lit = prop.plain()?;
                Some((lit, fits(&fields, ty, lit, *output)?))
            })
            .collect();
        // Patterns: the struct literal, then the type of the parameter or output.
        for pattern in callback.patterns() {
            reads.push(pattern.literal_check());
        }
        for (ty, prop, output) in &bound {
            if let Some(pattern) = prop.pattern() {
                reads.extend(pattern_fits(app, pattern, ty, *output));
            }
        }
        // Inputs and state the browser may set to `null` on its own.
        for (ty, prop, _) in bound.iter().filter(|(_, _, output)| !output) {
            reads.extend(browser_null(app, &fields, prop, ty));
        }
        for lit in callback.props() {
            if let Some((_, check)) = checks.iter().find(|(typed, _)| std::ptr::eq(*typed, lit)) {
                reads.push(quote!(#check;));
            } else if let Some(access) = access(&fields, lit) {
                reads.push(quote!(let _ = &#access;));
            }
        }
        // `running` values fit their prop, each checked at its expression.
        for running in &callback.attr.running {
            let access = match &running.prop {
                Prop::Plain(lit) => access(&fields, lit),
                Prop::Pattern(pattern) => component_access(app, pattern),
            };
            if let Some(access) = access {
                for value in [&running.on, &running.off] {
                    reads.push(quote_spanned! {value.span()=>
                        __dash::fits_value(&#access, &(#value));
                    });
                }
            }
        }
        // `Progress<T>` fits the progress props (T, or its tuple's elements, in order);
        // each `default` fits its prop; each cancel prop exists.
        if let Some((_, value)) = callback.progress_type() {
            let props = &callback.attr.progress;
            let value = ungroup(value);
            let types: Vec<&Type> = match value {
                Type::Tuple(tuple) if props.len() > 1 && tuple.elems.len() == props.len() => {
                    tuple.elems.iter().collect()
                }
                _ if props.len() == 1 => vec![value],
                _ => Vec::new(),
            };
            for (ty, progress) in types.into_iter().zip(props) {
                reads.extend(fits(&fields, ty, &progress.prop, true).map(|check| quote!(#check;)));
            }
        }
        for progress in &callback.attr.progress {
            if let Some(access) = access(&fields, &progress.prop) {
                reads.push(quote!(let _ = &#access;));
                if let Some(value) = &progress.default {
                    reads.push(quote_spanned! {value.span()=>
                        __dash::fits_value(&#access, &(#value));
                    });
                }
            }
        }
        for cancel in &callback.attr.cancel {
            if let Some(access) = access(&fields, cancel) {
                reads.push(quote!(let _ = &#access;));
            }
        }
        if !reads.is_empty() {
            // One function per callback, like the specs: small bodies check fast.
            let name =
                quote::format_ident!("__dash_check_{}", callback.ident, span = Span::mixed_site());
            functions.push(quote! {
                #(#cfgs)*
                #[allow(dead_code, unused_variables)]
                fn #name(ids: &#ids_ident) {
                    #(#reads)*
                }
            });
        }
    }
    if functions.is_empty() {
        return TokenStream::new();
    }
    wrap_in_const(quote!(#(#functions)*))
}

/// A fragment cannot see the `Ids` fields' types, so it checks only that each id is a
/// field (rustc's "no field" error at the string); props and types are the startup
/// validation's and the owning module's business.
fn fragment_ids(app: &App, path: &syn::Path) -> TokenStream {
    let mut functions = Vec::new();
    for callback in &app.callbacks {
        let cfgs = &callback.cfgs;
        let reads: Vec<TokenStream> = callback
            .props()
            .filter_map(|lit| {
                let text = lit.value();
                let (id, _) = dash_syntax::split_prop(&text)?;
                let field = syn::parse_str::<Ident>(id).ok()?;
                let field = Ident::new(&field.to_string(), lit.span());
                Some(quote!(let _ = &ids.#field;))
            })
            .collect();
        let name =
            quote::format_ident!("__dash_check_{}", callback.ident, span = Span::mixed_site());
        functions.push(quote! {
            #(#cfgs)*
            #[allow(dead_code, unused_variables)]
            fn #name(ids: &#path) {
                #(#reads)*
            }
        });
    }
    wrap_in_const(quote!(#(#functions)*))
}

/// The `#[ids]` fields by component id.
type Fields<'a> = std::collections::HashMap<&'a str, &'a crate::ast::IdField>;

/// `fits::<P, _>(&ids.field.prop)`, spanned at the user's type.
fn fits(fields: &Fields, ty: &Type, lit: &LitStr, output: bool) -> Option<TokenStream> {
    if !spelled_out(ty) {
        return None;
    }
    let access = access(fields, lit)?;
    let text = lit.value();
    let (id, prop) = dash_syntax::split_prop(&text)?;
    let field = fields.get(id)?;
    let check = if prop == "data" && ty::store_data_type(&field.ty).is_some() {
        if output {
            quote!(store_fits)
        } else {
            quote!(store_reads)
        }
    } else {
        quote!(fits)
    };
    Some(quote_spanned! {ty.span()=>
        __dash::#check::<#ty, _>(&#access)
    })
}

/// The type checks of a pattern's parameter or output against the family's component:
/// one value for `MATCH`, `Vec<(Family, Value)>` for an `ALL` or `ALLSMALLER` input, and
/// `Vec<Value>` for an `ALL` output.
fn pattern_fits(app: &App, pattern: &Pattern, ty: &Type, output: bool) -> Option<TokenStream> {
    if !spelled_out(ty) {
        return None;
    }
    let family = &pattern.family;
    // A family of an untyped component has no prop fields to check against.
    let access = component_access(app, pattern)?;
    let check = |value: &Type| {
        quote_spanned! {value.span()=>
            __dash::fits::<#value, _>(&#access);
        }
    };
    if !pattern.is_many() {
        return Some(check(ty));
    }
    let item = type_argument(ty, &["Vec"]);
    if output {
        let item = item?;
        return Some(check(update_inner(ungroup(item)).unwrap_or(item)));
    }
    match item.map(ungroup) {
        Some(Type::Tuple(pair)) if pair.elems.len() == 2 => {
            let id = &pair.elems[0];
            let value = &pair.elems[1];
            let same = quote_spanned! {id.span()=>
                __dash::same::<#id, #family>();
            };
            let fits = check(value);
            Some(quote!(#same #fits))
        }
        // The adapter's `all_arg::<T>` requires `T: AllArg`, with its own message.
        _ => None,
    }
}

/// For a parameter bound to a prop the browser sets to `null` on its own
/// (`dash_syntax::BROWSER_NULLS`), a check that its type takes `null`: a local trait that
/// only `Option` and `Value` implement, whose message says when the browser sends it,
/// spanned at the type. The component is known when its type is written with its
/// library's module (`dcc::Dropdown`); the startup check covers the rest.
fn browser_null(app: &App, fields: &Fields, prop: &Prop, ty: &Type) -> Option<TokenStream> {
    let (component, prop_name, value) = match prop {
        Prop::Plain(lit) => {
            let text = lit.value();
            let (id, prop_name) = dash_syntax::split_prop(&text)?;
            let Type::Path(path) = &fields.get(id)?.ty else {
                return None;
            };
            (path.path.clone(), prop_name.to_owned(), ty)
        }
        Prop::Pattern(pattern) => {
            let component = app.family(&pattern.family)?.component.clone();
            let value = if pattern.is_many() {
                match type_argument(ty, &["Vec"]).map(ungroup)? {
                    Type::Tuple(pair) if pair.elems.len() == 2 => &pair.elems[1],
                    _ => return None,
                }
            } else {
                ty
            };
            (component, pattern.prop.value(), value)
        }
    };
    if !spelled_out(ungroup(value)) {
        return None;
    }
    let mut segments = component.segments.iter().rev();
    let name = segments.next()?.ident.to_string();
    let module = segments.next()?.ident.to_string();
    let namespace = dash_syntax::namespace_of_module(&module)?;
    let row = dash_syntax::browser_null(namespace, &name, &prop_name)?;
    let [message, label, note] = crate::message::browser_null(row);
    let check = quote_spanned! {value.span()=>
        takes_null::<#value>();
    };
    Some(quote! {
        {
            #[diagnostic::on_unimplemented(message = #message, label = #label, note = #note)]
            trait BrowserNull {}
            #[diagnostic::do_not_recommend]
            impl<T> BrowserNull for ::core::option::Option<T> {}
            #[diagnostic::do_not_recommend]
            impl BrowserNull for __dash::Value {}
            fn takes_null<T: ?Sized + BrowserNull>() {}
            #check
        }
    })
}

/// `__dash::component_of::<Family>().prop`, spanned at the prop's string, or `None` when
/// the family's component is untyped or the prop is a wildcard one (`data-*`).
fn component_access(app: &App, pattern: &Pattern) -> Option<TokenStream> {
    let family = &pattern.family;
    let untyped = app.family(family).is_some_and(|declared| {
        declared
            .component
            .segments
            .last()
            .is_some_and(|s| s.ident == "Component")
    });
    let text = pattern.prop.value();
    if untyped || text.contains(['-', '*', '.']) {
        return None;
    }
    let field = rust_field(&text, pattern.prop.span())?;
    Some(quote!(__dash::component_of::<#family>().#field))
}

/// `|c: &Component| &c.prop`: names the field type of an output's prop for `output_as`,
/// which gives a value the prop's shape. `None` where the prop's type is not known here:
/// fragments, untyped components, wildcard props (`data-*`).
pub(crate) fn field_of(app: &App, prop: &Prop) -> Option<TokenStream> {
    if app.fragment_of.is_some() {
        return None;
    }
    match prop {
        Prop::Plain(lit) => {
            let text = lit.value();
            let (id, name) = dash_syntax::split_prop(&text)?;
            let field = app.ids.as_ref()?.fields.iter().find(|f| f.id == id)?;
            if ty::is_untyped(&field.ty) || name.contains(['-', '*', '.']) {
                return None;
            }
            let ty = &field.ty;
            let prop = rust_field(name, lit.span())?;
            Some(quote!(|c: &#ty| &c.#prop))
        }
        Prop::Pattern(pattern) => {
            // Only where the checks read the prop too (`component_access`).
            component_access(app, pattern)?;
            let family = &pattern.family;
            let prop = rust_field(&pattern.prop.value(), pattern.prop.span())?;
            Some(quote!(|c: &<#family as __dash::Family>::Component| &c.#prop))
        }
    }
}

/// The type of each output, read from the signature: the `Ok` type of a `Result`, the
/// elements of a tuple for several outputs, `T` of an `Update<T>`. `None` when the
/// signature does not spell them out (a type alias, say); rustc still checks the values
/// when they are encoded.
pub(crate) fn output_types(callback: &crate::ast::Callback) -> Option<Vec<&Type>> {
    let syn::ReturnType::Type(_, ty) = &callback.output else {
        return None;
    };
    let ty = ty::result_ok_type(ty).unwrap_or(ty);
    let ty = ungroup(ty);
    let outputs = callback.attr.outputs.len();
    let types: Vec<&Type> = if outputs == 1 {
        vec![ty]
    } else if let Type::Tuple(tuple) = ty
        && tuple.elems.len() == outputs
    {
        tuple.elems.iter().collect()
    } else {
        return None;
    };
    Some(
        types
            .into_iter()
            .map(|t| update_inner(ungroup(t)).unwrap_or(t))
            .collect(),
    )
}

/// `ids.field.prop`, spanned at the literal, or `None` when the prop is not checked.
fn access(fields: &Fields, lit: &LitStr) -> Option<TokenStream> {
    let text = lit.value();
    let (id, prop) = dash_syntax::split_prop(&text)?;
    let field = fields.get(id)?;
    if ty::is_untyped(&field.ty) || prop.contains(['-', '*']) || prop.contains('.') {
        return None;
    }
    let span = lit.span();
    let mut field_ident = field.ident.clone();
    field_ident.set_span(span);
    let prop_ident = rust_field(prop, span)?;
    Some(quote!(ids.#field_ident.#prop_ident))
}

/// The Rust field of a prop, named as `dash-codegen` names it (`dash_syntax::field_name`):
/// `className` → `class_name`, `type` → `r#type`.
pub(crate) fn rust_field(prop: &str, span: Span) -> Option<Ident> {
    let name = dash_syntax::field_name(prop)?;
    Some(match name.strip_prefix("r#") {
        Some(keyword) => Ident::new_raw(keyword, span),
        None => Ident::new(&name, span),
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
