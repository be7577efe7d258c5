//! What the macro reads from a type as written. It cannot resolve paths, so every helper
//! goes by the last path segment's name.

use syn::Type;

/// Is this a path type whose last segment is one of `names`?
pub(crate) fn is_named(ty: &Type, names: &[&str]) -> bool {
    let Type::Path(path) = ty else { return false };
    path.path
        .segments
        .last()
        .is_some_and(|last| names.iter().any(|name| last.ident == name))
}

/// The first type argument of a path type whose last segment is one of `names`: `T` of
/// `Option<T>`, `Result<T, E>`, `Store<T>`...
pub(crate) fn type_argument<'a>(ty: &'a Type, names: &[&str]) -> Option<&'a Type> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    if !names.iter().any(|name| last.ident == name) {
        return None;
    }
    match &last.arguments {
        syn::PathArguments::AngleBracketed(args) => args.args.iter().find_map(|a| match a {
            syn::GenericArgument::Type(t) => Some(t),
            _ => None,
        }),
        _ => None,
    }
}

/// The type inside invisible groups (from `macro_rules!` substitutions) and parentheses.
pub(crate) fn ungroup(ty: &Type) -> &Type {
    match ty {
        Type::Group(group) => ungroup(&group.elem),
        Type::Paren(paren) => ungroup(&paren.elem),
        other => other,
    }
}

/// `T` of a `Result<T, E>` written out as a path.
pub(crate) fn result_ok_type(ty: &Type) -> Option<&Type> {
    type_argument(ty, &["Result"])
}

/// `T` of a parameter written `Option<T>`.
pub(crate) fn option_inner(ty: &Type) -> Option<&Type> {
    type_argument(ungroup(ty), &["Option"])
}

/// `T` of `Update<T>`.
pub(crate) fn update_inner(ty: &Type) -> Option<&Type> {
    type_argument(ty, &["Update"])
}

/// `T` of a field typed `Store<T>` or `ServerStore<T>`.
pub(crate) fn store_data_type(ty: &Type) -> Option<&Type> {
    type_argument(ty, &["Store", "ServerStore"])
}

/// Is this `#[ids]` field a `ServerStore<T>`?
pub(crate) fn is_server_store(ty: &Type) -> bool {
    is_named(ty, &["ServerStore"])
}

/// The generic `Component` has no prop fields.
pub(crate) fn is_untyped(ty: &Type) -> bool {
    match ty {
        Type::Path(_) => is_named(ty, &["Component"]),
        _ => true,
    }
}

/// Is this a type the checks can name? `_`, `impl Trait`, `!` and macros are left to rustc.
pub(crate) fn spelled_out(ty: &Type) -> bool {
    !matches!(
        ty,
        Type::Infer(_) | Type::ImplTrait(_) | Type::Never(_) | Type::Macro(_)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ty(text: &str) -> Type {
        syn::parse_str(text).expect("a type")
    }

    fn argument(text: &str, names: &[&str]) -> Option<String> {
        let ty = ty(text);
        type_argument(&ty, names).map(|t| quote::quote!(#t).to_string())
    }

    #[test]
    fn the_first_type_argument_of_a_segment_named_so() {
        assert_eq!(argument("Option<u32>", &["Option"]).as_deref(), Some("u32"));
        assert_eq!(
            argument("std::result::Result<(), E>", &["Result"]).as_deref(),
            Some("()")
        );
        assert_eq!(argument("Ctx<'a, T>", &["Ctx"]).as_deref(), Some("T"));
        assert_eq!(
            argument("Store<T>", &["Store", "ServerStore"]).as_deref(),
            Some("T")
        );
        assert_eq!(argument("Vec<u8>", &["Option"]), None);
        assert_eq!(argument("Option", &["Option"]), None);
        assert_eq!(argument("(u8, u8)", &["Option"]), None);
    }

    #[test]
    fn parentheses_are_seen_through() {
        let inner = ty("((Option<u8>))");
        assert_eq!(
            option_inner(&inner)
                .map(|t| quote::quote!(#t).to_string())
                .as_deref(),
            Some("u8")
        );
        assert!(is_untyped(&ty("dash::Component")));
        assert!(!is_untyped(&ty("dcc::Input")));
        assert!(is_server_store(&ty("ServerStore<Cleaned>")));
    }
}
