//! `set_props` calls with literal ids and props, rewritten into typed keys.
//!
//! In every body of the app module (callbacks, helpers, closures, macro arguments), a call
//! `set_props(ID, PROP, VALUE)` whose `ID` or `PROP` is a string literal gets that literal
//! replaced by a typed key spanned at it: `plain(|ids: &Ids| &ids.field, "id")` and
//! `prop(|c| &(*c).field, "prop")` (`dash_components::set_props`). rustc then reports a
//! misspelt prop at its string ("no field"), and a value that does not fit the prop at the
//! value. An id that is not in `#[ids]` is this macro's error, at the string; its keys are
//! then loose, so the one mistake is reported once. Only method calls (`.set_props(..)`)
//! are rewritten, never `Type::set_props(..)`; in a fragment, whose `#[ids]` the macro
//! cannot see, the keys are loose. Groups without a rewritten call are passed on as the
//! compiler's own tokens.

use std::collections::HashMap;

use proc_macro2::{Delimiter, Group, Spacing, TokenStream, TokenTree};
use quote::quote_spanned;
use syn::LitStr;

use crate::ast::{App, IdField};
use crate::ctxt::Errors;
use crate::message;
use crate::ty;
use crate::typecheck;
use crate::wrap;

/// The module's tokens with every checked `set_props` call rewritten.
pub(crate) fn rewrite(app: &App, errors: &mut Errors) -> TokenStream {
    let mut rewriter = Rewriter {
        ids: app.ids.as_ref().map(|ids| {
            let ident = &ids.ident;
            quote::quote!(#ident)
        }),
        fields: app
            .ids
            .iter()
            .flat_map(|ids| &ids.fields)
            .map(|field| (field.id.as_str(), field))
            .collect(),
        declared: app
            .ids
            .iter()
            .flat_map(|ids| &ids.fields)
            .map(|field| field.id.clone())
            .collect(),
        errors,
    };
    let tokens = app.tokens.clone();
    rewriter.stream(tokens.clone()).unwrap_or(tokens)
}

struct Rewriter<'a> {
    /// The `#[ids]` struct's name, in an app module.
    ids: Option<TokenStream>,
    fields: HashMap<&'a str, &'a IdField>,
    declared: Vec<String>,
    errors: &'a mut Errors,
}

/// What an id argument became.
enum IdKey {
    /// A typed key of this field.
    Typed(TokenStream),
    /// Not a literal: left as written, its type gives the component.
    Expression,
    /// Reported, or of an untyped component: any prop and value pass.
    Loose(TokenStream),
}

impl Rewriter<'_> {
    /// The stream rewritten, or `None` when nothing in it changed.
    fn stream(&mut self, stream: TokenStream) -> Option<TokenStream> {
        let mut trees: Vec<TokenTree> = stream.into_iter().collect();
        let mut changed = false;
        for i in 0..trees.len() {
            let TokenTree::Group(group) = &trees[i] else {
                continue;
            };
            // Only method calls, `.set_props(..)`: `Type::set_props(..)` and free functions
            // of that name are the user's own.
            let is_call = group.delimiter() == Delimiter::Parenthesis
                && i > 1
                && matches!(&trees[i - 1], TokenTree::Ident(ident) if ident == "set_props")
                && matches!(&trees[i - 2], TokenTree::Punct(dot) if dot.as_char() == '.');
            let inner = self.stream(group.stream());
            let new_stream = if is_call {
                Some(self.call(inner.unwrap_or_else(|| group.stream())))
            } else {
                inner
            };
            if let Some(new_stream) = new_stream {
                let mut rebuilt = Group::new(group.delimiter(), new_stream);
                rebuilt.set_span(group.span());
                trees[i] = TokenTree::Group(rebuilt);
                changed = true;
            }
        }
        changed.then(|| trees.into_iter().collect())
    }

    /// The arguments of one `set_props(..)`, their literal id and prop rewritten.
    fn call(&mut self, arguments: TokenStream) -> TokenStream {
        let mut args: Vec<Vec<TokenTree>> = vec![Vec::new()];
        for tree in arguments {
            match &tree {
                TokenTree::Punct(punct)
                    if punct.as_char() == ',' && punct.spacing() == Spacing::Alone =>
                {
                    args.last_mut().expect("one argument at least").push(tree);
                    args.push(Vec::new());
                }
                _ => args.last_mut().expect("one argument at least").push(tree),
            }
        }
        if args.len() < 2 {
            return args.into_iter().flatten().collect();
        }
        let id = match literal(&args[0]) {
            Some(lit) => self.id(&lit),
            None => IdKey::Expression,
        };
        if let IdKey::Typed(key) | IdKey::Loose(key) = &id {
            replace_keeping_comma(&mut args[0], key.clone());
        }
        if let Some(lit) = literal(&args[1]) {
            let key = match &id {
                IdKey::Loose(_) => loose_prop(&lit),
                IdKey::Typed(_) | IdKey::Expression => self.prop(&lit),
            };
            replace_keeping_comma(&mut args[1], key);
        }
        args.into_iter().flatten().collect()
    }

    fn id(&mut self, lit: &LitStr) -> IdKey {
        let text = lit.value();
        let span = lit.span();
        if let Some(ids) = &self.ids {
            let Some(field) = self.fields.get(text.as_str()) else {
                self.errors
                    .spanned(lit, message::unknown_set_props_id(&text, &self.declared));
                return IdKey::Loose(loose_id(lit));
            };
            if ty::is_untyped(&field.ty) {
                return IdKey::Loose(loose_id(lit));
            }
            let mut ident = field.ident.clone();
            ident.set_span(span);
            let private = wrap::private(span);
            let key = quote_spanned! {span=>
                #private::plain(|ids: &#ids| &ids.#ident, #lit)
            };
            return IdKey::Typed(key);
        }
        // A fragment cannot see which field stands for which id (`#[id = ".."]`), so its
        // calls are not checked, like its attribute props.
        IdKey::Loose(loose_id(lit))
    }

    fn prop(&mut self, lit: &LitStr) -> TokenStream {
        let text = lit.value();
        let span = lit.span();
        match typecheck::rust_field(&text, span) {
            Some(field) if !text.contains(['-', '*', '.']) => {
                let private = wrap::private(span);
                quote_spanned! {span=>
                    #private::prop(|component| &(*component).#field, #lit)
                }
            }
            _ => loose_prop(lit),
        }
    }
}

fn loose_id(lit: &LitStr) -> TokenStream {
    let private = wrap::private(lit.span());
    quote_spanned!(lit.span()=> #private::loose_id(#lit))
}

fn loose_prop(lit: &LitStr) -> TokenStream {
    let private = wrap::private(lit.span());
    quote_spanned!(lit.span()=> #private::loose_prop(#lit))
}

/// The argument as a string literal, when it is one and nothing else.
fn literal(argument: &[TokenTree]) -> Option<LitStr> {
    let tokens: Vec<&TokenTree> = argument
        .iter()
        .filter(|tree| !matches!(tree, TokenTree::Punct(p) if p.as_char() == ','))
        .collect();
    match tokens.as_slice() {
        [TokenTree::Literal(literal)] => {
            syn::parse2(TokenTree::Literal(literal.clone()).into()).ok()
        }
        _ => None,
    }
}

/// Replaces an argument's tokens by `key`, keeping its trailing comma.
fn replace_keeping_comma(argument: &mut Vec<TokenTree>, key: TokenStream) {
    let comma = match argument.last() {
        Some(TokenTree::Punct(p)) if p.as_char() == ',' => argument.pop(),
        _ => None,
    };
    argument.clear();
    argument.extend(key);
    argument.extend(comma);
}
