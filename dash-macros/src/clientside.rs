//! `#[clientside]` on a `const`: the JavaScript the browser runs for a callback, as the
//! const's value gives it.

use syn::{Expr, ItemConst, LitStr};

/// Where a clientside callback's function is.
pub(crate) enum Source {
    /// `const NAME: &str = r#"(a) => .."#;`: the source, which the page defines.
    Inline(LitStr),
    /// `const NAME: ClientsideFunction = ClientsideFunction::new("ns", "function");`: a
    /// function a script of the app's assets defines.
    Function { namespace: LitStr, function: LitStr },
}

impl Source {
    /// The source or the function the const's value names, if it has one of the two forms.
    pub(crate) fn of(item: &ItemConst) -> Option<Source> {
        match ungroup(&item.expr) {
            Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(lit),
                ..
            }) => Some(Source::Inline(lit.clone())),
            Expr::Call(call) => {
                let Expr::Path(path) = ungroup(&call.func) else {
                    return None;
                };
                let names: Vec<String> = path
                    .path
                    .segments
                    .iter()
                    .map(|s| s.ident.to_string())
                    .collect();
                if !names.ends_with(&["ClientsideFunction".to_owned(), "new".to_owned()]) {
                    return None;
                }
                let strings: Vec<&LitStr> = call.args.iter().filter_map(string).collect();
                match (strings.as_slice(), call.args.len()) {
                    ([namespace, function], 2) => Some(Source::Function {
                        namespace: (*namespace).clone(),
                        function: (*function).clone(),
                    }),
                    _ => None,
                }
            }
            _ => None,
        }
    }
}

fn ungroup(expr: &Expr) -> &Expr {
    match expr {
        Expr::Group(group) => ungroup(&group.expr),
        Expr::Paren(paren) => ungroup(&paren.expr),
        other => other,
    }
}

fn string(expr: &Expr) -> Option<&LitStr> {
    match ungroup(expr) {
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(lit),
            ..
        }) => Some(lit),
        _ => None,
    }
}
