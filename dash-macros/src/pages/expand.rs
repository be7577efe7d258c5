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
    let pages = site.pages.iter().map(|page| page_expr(page, &private));
    let not_found = site.not_found.as_ref().map(|module| {
        quote! {
            pages.push(
                ::dash::Page::not_found()
                    .layout(|_: &::dash::PageRequest| {
                        ::core::result::Result::Ok::<_, ::dash::PageError>(#module::layout())
                    })
                    .app::<#module::__DashModule>(),
            );
        }
    });
    let shell = site.shell.as_ref().map(|module| {
        quote! {
            fn shell() -> ::core::option::Option<::dash::Shell> {
                ::core::option::Option::Some(
                    ::dash::Shell::new(#module::layout).app::<#module::__DashModule>(),
                )
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

fn page_expr(page: &PageVariant, _private: &TokenStream) -> TokenStream {
    let path = &page.path;
    let name = &page.name;
    let arguments = page.fields.iter().flatten().map(argument);
    let (layout, app) = match &page.source {
        Source::Module(module) => (
            quote_spanned!(module.span()=> #module::layout),
            Some(quote_spanned!(module.span()=> .app::<#module::__DashModule>())),
        ),
        Source::Layout(layout) => (quote!(#layout), None),
    };
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
            .layout(|request: &::dash::PageRequest| {
                ::core::result::Result::Ok::<_, ::dash::PageError>(#layout(#(#arguments),*))
            })
            #app
    }
}

/// The layout function's argument for one field, read from the visit's request.
fn argument(field: &Field) -> TokenStream {
    let name = field.ident.to_string();
    let ty = &field.ty;
    let span = ty.span();
    match &field.kind {
        FieldKind::Variable => quote_spanned!(span=> request.variable::<#ty>(#name)?),
        FieldKind::Query => quote_spanned!(span=> request.query::<#ty>(#name)?),
        FieldKind::QueryOption(inner) => quote_spanned!(span=> request.query_opt::<#inner>(#name)?),
        FieldKind::QueryAll(inner) => quote_spanned!(span=> request.query_all::<#inner>(#name)?),
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
