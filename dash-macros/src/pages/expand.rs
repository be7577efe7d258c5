//! What `#[derive(Pages)]` writes: `Pages::pages` (each page's path, settings, layout
//! call and module), `href` (the typed link), and `From<Site> for String`, so that a
//! variant is a `dcc::Link`'s `href`.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::{Field, FieldKind, PageVariant, Site, Source};
use crate::wrap;

pub(super) fn site(site: &Site) -> TokenStream {
    let ident = &site.ident;
    let private = wrap::private(Span::call_site());
    let pages = site.pages.iter().map(page_expr);
    // Spanned at the module's path: a module without `layout`, or one that is not a
    // `#[dash::app]` module, is reported there.
    let not_found = site.not_found.as_ref().map(|module| {
        let span = module.span();
        let layout = quote_spanned!(span=> #module::layout());
        let app = quote_spanned!(span=> #module::__DashModule);
        quote! {
            pages.push(
                ::dash::Page::not_found()
                    .layout(|_: &::dash::PageRequest| {
                        ::core::result::Result::Ok::<_, ::dash::PageError>(#layout)
                    })
                    .app::<#app>(),
            );
        }
    });
    let shell = site.shell.as_ref().map(|module| {
        let span = module.span();
        let layout = quote_spanned!(span=> #module::layout);
        let app = quote_spanned!(span=> #module::__DashModule);
        quote! {
            fn shell() -> ::core::option::Option<::dash::Shell> {
                ::core::option::Option::Some(::dash::Shell::new(#layout).app::<#app>())
            }
        }
    });
    // Every variant is a page, linked to or not: construct each where rustc looks (a
    // closure never called), so that a page nothing links to is not dead code.
    let constructors = site.pages.iter().map(|page| {
        let variant = &page.ident;
        match &page.fields {
            None => quote!(|| #ident::#variant),
            Some(fields) => {
                let names: Vec<&syn::Ident> = fields.iter().map(|field| &field.ident).collect();
                let types = fields.iter().map(|field| &field.ty);
                quote!(|#(#names: #types),*| #ident::#variant { #(#names),* })
            }
        }
    });
    let arms = site
        .pages
        .iter()
        .map(|page| href_arm(ident, page, &private));
    quote! {
        #[automatically_derived]
        impl ::dash::Pages for #ident {
            fn pages() -> ::std::vec::Vec<::dash::Page> {
                let _pages = (#(#constructors,)*);
                let mut pages = ::std::vec::Vec::new();
                #(pages.push(#pages);)*
                #not_found
                pages
            }

            fn href(&self) -> ::std::string::String {
                #ident::href(self)
            }

            #shell
        }

        #[automatically_derived]
        impl #ident {
            /// This page's link, its variables and query parameters filled in, behind
            /// the app's prefix: the `href` of a `dcc::Link`.
            pub fn href(&self) -> ::std::string::String {
                #[allow(unused_variables, unused_mut)]
                match self {
                    #(#arms)*
                }
            }
        }

        #[automatically_derived]
        impl ::core::convert::From<#ident> for ::std::string::String {
            fn from(page: #ident) -> ::std::string::String {
                page.href()
            }
        }

        #[automatically_derived]
        impl ::core::convert::From<&#ident> for ::std::string::String {
            fn from(page: &#ident) -> ::std::string::String {
                page.href()
            }
        }
    }
}

/// Stand-ins for what a failed derive would have written, so that the errors it reported
/// are the only ones: links still convert, and `.pages::<Site>()` still compiles.
pub(super) fn stubs(ident: &syn::Ident) -> TokenStream {
    quote! {
        #[automatically_derived]
        impl ::dash::Pages for #ident {
            fn pages() -> ::std::vec::Vec<::dash::Page> {
                ::std::vec::Vec::new()
            }

            fn href(&self) -> ::std::string::String {
                ::std::string::String::new()
            }
        }

        #[automatically_derived]
        impl ::core::convert::From<#ident> for ::std::string::String {
            fn from(_: #ident) -> ::std::string::String {
                ::std::string::String::new()
            }
        }

        #[automatically_derived]
        impl ::core::convert::From<&#ident> for ::std::string::String {
            fn from(_: &#ident) -> ::std::string::String {
                ::std::string::String::new()
            }
        }
    }
}

fn page_expr(page: &PageVariant) -> TokenStream {
    let path = &page.path;
    let name = &page.name;
    // Each field is read into a variable of its declared type first (an error there is
    // the field's: its type does not parse from text), then the layout function is
    // called with them (an error there is the layout's: its parameters do not take the
    // fields, in order).
    let reads: Vec<TokenStream> = page.fields.iter().flatten().map(read).collect();
    let names: Vec<&syn::Ident> = page.fields.iter().flatten().map(|f| &f.ident).collect();
    let (layout, app, span) = match &page.source {
        Source::Module(module) => (
            quote_spanned!(module.span()=> #module::layout),
            Some(quote_spanned!(module.span()=> .app::<#module::__DashModule>())),
            module.span(),
        ),
        Source::Layout(layout) => (quote!(#layout), None, layout.span()),
    };
    let call = quote_spanned!(span=> #layout(#(#names),*));
    let settings = [
        ("title", &page.title),
        ("description", &page.description),
        ("image", &page.image),
        ("image_url", &page.image_url),
    ]
    .into_iter()
    .filter_map(|(method, value)| {
        let method = syn::Ident::new(method, Span::call_site());
        value.as_ref().map(|value| quote!(.#method(#value)))
    });
    let order = page.order.as_ref().map(|order| quote!(.order(#order)));
    let redirects = page
        .redirect_from
        .iter()
        .map(|from| quote!(.redirect_from(#from)));
    quote! {
        ::dash::Page::new(#path)
            .name(#name)
            #(#settings)*
            #order
            #(#redirects)*
            .accepts(|request: &::dash::PageRequest| {
                #(#reads)*
                ::core::result::Result::Ok::<(), ::dash::PageError>(())
            })
            .layout(|request: &::dash::PageRequest| {
                #(#reads)*
                ::core::result::Result::Ok::<_, ::dash::PageError>(#call)
            })
            #app
    }
}

/// One field, read from the visit's request into a variable of its declared type.
fn read(field: &Field) -> TokenStream {
    let ident = &field.ident;
    let name = ident.to_string();
    let ty = &field.ty;
    let span = ty.span();
    let value = match &field.kind {
        FieldKind::Variable => quote_spanned!(span=> request.variable::<#ty>(#name)),
        FieldKind::Query => quote_spanned!(span=> request.query::<#ty>(#name)),
        FieldKind::QueryOption(inner) => quote_spanned!(span=> request.query_opt::<#inner>(#name)),
        FieldKind::QueryAll(inner) => quote_spanned!(span=> request.query_all::<#inner>(#name)),
    };
    quote! {
        #[allow(unused_variables)]
        let #ident: #ty = #value?;
    }
}

/// One arm of `href`: the path's segments, then the query parameters.
fn href_arm(site: &syn::Ident, page: &PageVariant, private: &TokenStream) -> TokenStream {
    let variant = &page.ident;
    let pattern = match &page.fields {
        None => quote!(#site::#variant),
        Some(fields) => {
            let names = fields.iter().map(|field| &field.ident);
            quote!(#site::#variant { #(#names),* })
        }
    };
    let path = page.path.value();
    let segments = path.split('/').filter(|s| !s.is_empty()).map(|segment| {
        match segment.strip_prefix('<').and_then(|s| s.strip_suffix('>')) {
            Some(variable) => {
                let ident = syn::Ident::new(variable, page.path.span());
                quote!(href = href.variable(#ident);)
            }
            None => quote!(href = href.fixed(#segment);),
        }
    });
    let query = page.fields.iter().flatten().map(|field| {
        let ident = &field.ident;
        let name = ident.to_string();
        match &field.kind {
            FieldKind::Variable => TokenStream::new(),
            FieldKind::Query => quote!(href = href.query(#name, #ident);),
            FieldKind::QueryOption(_) => quote! {
                if let ::core::option::Option::Some(value) = #ident {
                    href = href.query(#name, value);
                }
            },
            FieldKind::QueryAll(_) => quote! {
                for value in #ident {
                    href = href.query(#name, value);
                }
            },
        }
    });
    quote! {
        #pattern => {
            let mut href = #private::Href::new();
            #(#segments)*
            #(#query)*
            href.finish()
        }
    }
}
