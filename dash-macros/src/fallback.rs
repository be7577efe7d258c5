//! What the macro emits when something is wrong: the user's code, inert attributes removed,
//! plus the errors. Never just `compile_error!`, so the rest of the crate still resolves and
//! rust-analyzer keeps working.

use proc_macro2::{Delimiter, TokenStream, TokenTree};

use crate::ast::App;
use crate::ctxt::Errors;
use crate::expand;

/// The module parsed, but checks failed: the module, a stub registry, and the errors.
pub fn checked(app: &App, errors: &Errors) -> TokenStream {
    // The prop checks still run, so rustc reports misspelt props in the same compile.
    let mut extra = expand::stub_registry(app);
    extra.extend(crate::family::impls(app));
    extra.extend(crate::trigger::modules(app));
    extra.extend(crate::trigger::context_checks(app));
    extra.extend(crate::props::existence(app));
    let mut output = expand::module_with(app, extra);
    output.extend(errors.to_compile_errors());
    output
}

/// The module did not even parse (for example mid-edit): return it with the inert
/// attributes stripped at token level. Rustc then reports the syntax error itself, once,
/// and nothing else; syn's copy of it would only repeat it.
pub fn unparsed(input: TokenStream, _error: syn::Error) -> TokenStream {
    strip_inert(input)
}

/// The module's tokens with the inert attributes removed and `extra` appended inside its
/// braces. Only the module's top level and the braces of its structs (where `#[id]` may
/// sit on `#[ids]` fields) are rebuilt; every other group, function bodies included, is
/// passed on untouched. `#[ids]` becomes `#[allow(dead_code)]`: its fields are read only
/// by the generated checks.
pub fn module_with(module: TokenStream, extra: TokenStream) -> TokenStream {
    let mut output = Vec::new();
    let mut extra = Some(extra);
    for tree in module {
        match tree {
            TokenTree::Group(group) if group.delimiter() == Delimiter::Brace && extra.is_some() => {
                let mut body = strip_items(group.stream());
                body.extend(extra.take());
                let mut rebuilt = proc_macro2::Group::new(Delimiter::Brace, body);
                rebuilt.set_span(group.span());
                output.push(TokenTree::Group(rebuilt));
            }
            other => output.push(other),
        }
    }
    output.into_iter().collect()
}

/// The items of a module, inert attributes removed at their top level and inside the
/// braces that follow `struct`.
fn strip_items(tokens: TokenStream) -> TokenStream {
    let mut output: Vec<TokenTree> = Vec::new();
    let mut in_struct = false;
    let mut iter = tokens.into_iter().peekable();
    while let Some(tree) = iter.next() {
        match tree {
            TokenTree::Punct(ref punct) if punct.as_char() == '#' => match take_inert(&mut iter) {
                Some(group) => {
                    if is_ids(group.stream()) {
                        let span = group.span();
                        output.extend(quote::quote_spanned!(span=> #[allow(dead_code)]));
                    }
                }
                None => output.push(tree),
            },
            TokenTree::Ident(ref ident) if ident == "struct" => {
                in_struct = true;
                output.push(tree);
            }
            TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => {
                if in_struct {
                    let mut stripped =
                        proc_macro2::Group::new(Delimiter::Brace, strip_inert(group.stream()));
                    stripped.set_span(group.span());
                    output.push(TokenTree::Group(stripped));
                } else {
                    output.push(TokenTree::Group(group));
                }
                in_struct = false;
            }
            TokenTree::Punct(ref punct) if punct.as_char() == ';' => {
                in_struct = false;
                output.push(tree);
            }
            other => output.push(other),
        }
    }
    output.into_iter().collect()
}

/// After a `#`: takes the bracketed attribute that follows if it is one of ours.
fn take_inert(
    iter: &mut std::iter::Peekable<proc_macro2::token_stream::IntoIter>,
) -> Option<proc_macro2::Group> {
    match iter.peek() {
        Some(TokenTree::Group(group))
            if group.delimiter() == Delimiter::Bracket && is_inert(group.stream()) =>
        {
            match iter.next() {
                Some(TokenTree::Group(group)) => Some(group),
                _ => None,
            }
        }
        _ => None,
    }
}

/// `ids` or `dash::ids`.
fn is_ids(attribute: TokenStream) -> bool {
    let idents: Vec<String> = attribute
        .into_iter()
        .filter_map(|t| match t {
            TokenTree::Ident(ident) => Some(ident.to_string()),
            _ => None,
        })
        .collect();
    idents.last().is_some_and(|name| name == "ids")
}

fn strip_inert(tokens: TokenStream) -> TokenStream {
    let mut output = Vec::new();
    let mut iter = tokens.into_iter().peekable();
    while let Some(tree) = iter.next() {
        match tree {
            TokenTree::Punct(ref punct) if punct.as_char() == '#' => {
                if take_inert(&mut iter).is_none() {
                    output.push(tree);
                }
            }
            TokenTree::Group(group) => {
                let mut stripped =
                    proc_macro2::Group::new(group.delimiter(), strip_inert(group.stream()));
                stripped.set_span(group.span());
                output.push(TokenTree::Group(stripped));
            }
            other => output.push(other),
        }
    }
    output.into_iter().collect()
}

/// `callback(..)`, `ids`, `id = ".."` (on `#[ids]` fields), and their `dash::` forms.
fn is_inert(attribute: TokenStream) -> bool {
    let idents: Vec<String> = attribute
        .into_iter()
        .take_while(|t| !matches!(t, TokenTree::Group(_)))
        .filter_map(|t| match t {
            TokenTree::Ident(ident) => Some(ident.to_string()),
            _ => None,
        })
        .collect();
    matches!(idents.as_slice(), [name] | [_, name] if name == "callback" || name == "ids" || name == "id" || name == "family")
        && (idents.len() == 1 || idents[0] == "dash")
}
