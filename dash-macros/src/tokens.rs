//! The token re-emitter: the user's module as the compiler gave it, our inert attributes
//! removed and the generated items appended inside its braces. Used on every expansion,
//! the error paths included. The module is rebuilt from its original tokens, not from
//! syn's tree: the bodies of functions pass through as the compiler's own token groups
//! instead of being recreated token by token, which is most of the cost of an attribute
//! macro on a large module.

use proc_macro2::{Delimiter, TokenStream, TokenTree};

/// The module's tokens with the inert attributes removed and `extra` appended inside its
/// braces. Only the module's top level and the braces of its structs (where `#[id]` may
/// sit on `#[ids]` fields) are rebuilt; every other group, function bodies included, is
/// passed on untouched. `#[ids]` becomes `#[allow(dead_code)]`: its fields are read only
/// by the generated checks.
pub(crate) fn module_with(module: TokenStream, extra: TokenStream) -> TokenStream {
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

/// The tokens with the inert attributes removed at every depth.
pub(crate) fn strip_inert(tokens: TokenStream) -> TokenStream {
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

/// `callback(..)`, `clientside(..)`, `ids`, `id = ".."` (on `#[ids]` fields), `family(..)`,
/// and their `dash::` forms.
fn is_inert(attribute: TokenStream) -> bool {
    let idents: Vec<String> = attribute
        .into_iter()
        .take_while(|t| !matches!(t, TokenTree::Group(_)))
        .filter_map(|t| match t {
            TokenTree::Ident(ident) => Some(ident.to_string()),
            _ => None,
        })
        .collect();
    matches!(idents.as_slice(), [name] | [_, name] if name == "callback" || name == "clientside" || name == "ids" || name == "id" || name == "family")
        && (idents.len() == 1 || idents[0] == "dash")
}
