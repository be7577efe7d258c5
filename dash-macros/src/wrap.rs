//! The wrapper around generated items, and the one place the path to the runtime's
//! helpers is written.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};

/// `::dash::__private`, spanned at `span`: where the `dash` facade re-exports
/// `dash_core::__private`, the helpers generated code calls.
pub(crate) fn private(span: Span) -> TokenStream {
    quote_spanned!(span=> ::dash::__private)
}

/// `const _: () = { use ::dash::__private as __dash; tokens };`: generated items in a scope
/// of their own, which reach the helpers through the short alias `__dash`. Short paths
/// matter: every token of the expansion crosses the compiler's proc-macro bridge, and a
/// large module has tens of thousands of them.
pub(crate) fn wrap_in_const(tokens: TokenStream) -> TokenStream {
    let private = private(Span::call_site());
    quote! {
        #[doc(hidden)]
        const _: () = {
            #[allow(unused_imports)]
            use #private as __dash;
            #tokens
        };
    }
}
