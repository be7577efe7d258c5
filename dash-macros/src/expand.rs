//! Code generation: the module as written (inert attributes removed), one adapter per
//! callback, and the registry `impl App for Ids`.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::ItemMod;

use crate::ast::{App, Callback};
use crate::check;
use crate::ctxt::Errors;
use crate::fallback;
use crate::message;
use crate::props;

/// Entry point of `#[dash::app]`.
pub fn app(args: TokenStream, input: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    let errors_before = errors.len();
    let ids_path = fragment_of(args, &mut errors);
    let arguments_failed = errors.len() > errors_before;
    let module: ItemMod = match syn::parse2(input.clone()) {
        Ok(module) => module,
        Err(error) => return fallback::unparsed(input, error),
    };
    let mut app = App::from_syn(module, &mut errors);
    app.arguments_failed = arguments_failed;
    if let Some(path) = ids_path {
        // The fragment's own `#[ids]` is an error; checking ids against it would only
        // cascade.
        if let Some(ids) = app.ids.take() {
            errors.spanned(&ids.ident, message::FRAGMENT_WITH_IDS);
        }
        app.fragment_of = Some(path);
    }
    check::app(&app, &mut errors);
    if !errors.is_empty() {
        return fallback::checked(&app, &errors);
    }
    expand(&app)
}

/// `ids = path::to::Ids`: this module is a fragment of an app whose `Ids` is elsewhere.
fn fragment_of(args: TokenStream, errors: &mut Errors) -> Option<syn::Path> {
    if args.is_empty() {
        return None;
    }
    let mut path = None;
    let parser = syn::meta::parser(|meta| {
        if meta.path.is_ident("ids") {
            path = Some(meta.value()?.parse::<syn::Path>()?);
            Ok(())
        } else {
            Err(meta.error(message::APP_ARGUMENTS))
        }
    });
    if let Err(error) = syn::parse::Parser::parse2(parser, args) {
        errors.push(error);
    }
    path
}

fn expand(app: &App) -> TokenStream {
    let mut extra = registry(app);
    extra.extend(props::existence(app));
    module_with(app, extra)
}

/// The user's module as written (inert attributes already removed), with `extra` items
/// appended inside it.
pub fn module_with(app: &App, extra: TokenStream) -> TokenStream {
    let ItemMod {
        attrs,
        vis,
        unsafety,
        mod_token,
        ident,
        content,
        ..
    } = &app.module;
    let items = content
        .as_ref()
        .map(|(_, items)| items.as_slice())
        .unwrap_or_default();
    quote! {
        #(#attrs)* #vis #unsafety #mod_token #ident {
            #(#items)*
            #extra
        }
    }
}

/// The type the registry is implemented for: the module's `Ids`, or for a fragment a
/// `Callbacks` struct of its own (the `Ids` already has its module's registry).
fn registry_target(app: &App) -> Option<(TokenStream, TokenStream)> {
    if app.fragment_of.is_some() {
        let callbacks = quote! {
            /// The callbacks of this app fragment: register them with `.app::<Callbacks>()`.
            pub struct Callbacks;
        };
        return Some((quote!(Callbacks), callbacks));
    }
    let ids = &app.ids.as_ref()?.ident;
    Some((quote!(#ids), TokenStream::new()))
}

fn registry(app: &App) -> TokenStream {
    let Some((ids, declaration)) = registry_target(app) else {
        return TokenStream::new();
    };
    // One small function per callback keeps each body rustc checks small: a single
    // function holding every adapter grows faster than linearly with the callbacks.
    let specs = app.callbacks.iter().map(registry_entry);
    let server_stores = server_stores(app);
    let pushes = app.callbacks.iter().map(|callback| {
        let cfgs = &callback.cfgs;
        let spec = spec_fn(callback);
        quote!(#(#cfgs)* callbacks.push(#spec());)
    });
    quote! {
        #declaration
        #[doc(hidden)]
        const _: () = {
            #[automatically_derived]
            impl ::dash::__private::App for #ids {
                fn callbacks() -> ::std::vec::Vec<::dash::__private::CallbackSpec> {
                    let mut callbacks = ::std::vec::Vec::new();
                    #(#pushes)*
                    callbacks
                }
                #server_stores
            }
            #(#specs)*
        };
    }
}

/// `fn server_stores()`: the ids whose `#[ids]` field is a `ServerStore<T>` (by the type's
/// last path segment, as the type checks read it).
fn server_stores(app: &App) -> TokenStream {
    let Some(ids) = &app.ids else {
        return TokenStream::new();
    };
    let stores: Vec<&str> = ids
        .fields
        .iter()
        .filter(|field| props::is_server_store(&field.ty))
        .map(|field| field.id.as_str())
        .collect();
    if stores.is_empty() {
        return TokenStream::new();
    }
    quote! {
        fn server_stores() -> &'static [&'static str] {
            &[#(#stores),*]
        }
    }
}

/// A stub registry for the error path, so code that names `Ids` as an app still compiles.
pub fn stub_registry(app: &App) -> TokenStream {
    let Some((ids, declaration)) = registry_target(app) else {
        return TokenStream::new();
    };
    quote! {
        #declaration
        const _: () = {
            impl ::dash::__private::App for #ids {
                fn callbacks() -> ::std::vec::Vec<::dash::__private::CallbackSpec> {
                    ::std::vec::Vec::new()
                }
            }
        };
    }
}

/// The name of the function that builds one callback's spec.
fn spec_fn(callback: &Callback) -> syn::Ident {
    format_ident!("__dash_spec_{}", callback.ident, span = Span::mixed_site())
}

fn registry_entry(callback: &Callback) -> TokenStream {
    let cfgs = &callback.cfgs;
    let spec = spec_fn(callback);
    let name = callback.ident.to_string();
    let adapter = adapter(callback);
    let location = quote_spanned! {callback.ident.span()=>
        ::core::concat!(::core::file!(), ":", ::core::line!(), ":", ::core::column!())
    };
    let prop_ids = |lits: &[syn::LitStr]| -> Vec<TokenStream> {
        lits.iter()
            .filter_map(|lit| {
                let text = lit.value();
                let (id, property) = check::split_prop(&text)?;
                Some(quote!(::dash::__private::PropId { id: #id, property: #property }))
            })
            .collect()
    };
    let outputs = prop_ids(&callback.attr.outputs);
    let inputs = prop_ids(&callback.attr.inputs);
    let state = prop_ids(&callback.attr.state);
    let prevent_initial_call = callback.attr.prevent_initial_call;
    let allow_duplicate = callback.attr.allow_duplicate.is_some();
    let shared = callback
        .shared
        .iter()
        .flatten()
        .map(|ty| quote!(::dash::__private::shared_need::<#ty>()));
    let version = &callback.version;
    let memoize = match &callback.attr.memoize {
        None => quote!(::core::option::Option::None),
        Some(options) => {
            let ttl = match options.ttl_secs {
                Some(secs) => {
                    quote!(::core::option::Option::Some(::core::time::Duration::from_secs(#secs)))
                }
                None => quote!(::core::option::Option::None),
            };
            let scope = if options.session {
                quote!(Session)
            } else {
                quote!(App)
            };
            quote!(::core::option::Option::Some(::dash::__private::Memoize {
                ttl: #ttl,
                scope: ::dash::__private::Scope::#scope,
            }))
        }
    };
    let handler = if callback.is_async {
        quote!(Async)
    } else if callback.attr.blocking {
        quote!(Blocking)
    } else {
        quote!(Inline)
    };
    quote! {
        #(#cfgs)*
        fn #spec() -> ::dash::__private::CallbackSpec {
            #adapter
            ::dash::__private::CallbackSpec {
                name: #name,
                location: #location,
                outputs: ::std::vec::Vec::from([#(#outputs),*]),
                inputs: ::std::vec::Vec::from([#(#inputs),*]),
                state: ::std::vec::Vec::from([#(#state),*]),
                prevent_initial_call: #prevent_initial_call,
                allow_duplicate: #allow_duplicate,
                shared: ::std::vec::Vec::from([#(#shared),*]),
                path: ::core::concat!(::core::module_path!(), "::", #name),
                version: #version,
                memoize: #memoize,
                handler: ::dash::__private::Handler::#handler(__dash_adapter),
            }
        }
    }
}

/// `fn __dash_adapter(args) -> result`: decodes each argument, calls the callback, and
/// encodes each output.
fn adapter(callback: &Callback) -> TokenStream {
    let name = callback.ident.to_string();
    let function = &callback.ident;
    let span = Span::mixed_site();
    let args = quote_spanned!(span=> __args);
    let props: Vec<String> = callback
        .attr
        .inputs
        .iter()
        .chain(&callback.attr.state)
        .map(|l| l.value())
        .collect();
    let locals: Vec<_> = (0..callback.params.len())
        .map(|i| format_ident!("__a{}", i, span = span))
        .collect();
    let resources = quote_spanned!(span=> __resources);
    let mut input_index = 0usize;
    let decodes: Vec<TokenStream> = callback
        .params
        .iter()
        .zip(&callback.shared)
        .map(|(ty, shared)| match shared {
            Some(inner) => quote!(::dash::__private::shared::<#inner>(#resources, #name)?),
            None => {
                let index = input_index;
                input_index += 1;
                let prop = props.get(index).cloned().unwrap_or_default();
                quote!(::dash::__private::arg::<#ty>(&mut #args, #index, #name, #prop)?)
            }
        })
        .collect();
    let ret = quote_spanned!(span=> __ret);
    let unwrap_result = callback
        .returns_result()
        .then(|| quote!(let #ret = ::dash::__private::result(#ret)?;));
    let outputs: Vec<String> = callback.attr.outputs.iter().map(|l| l.value()).collect();
    let encode = if outputs.len() == 1 {
        let prop = &outputs[0];
        quote!(::std::vec::Vec::from([::dash::__private::output(#ret, #name, #prop)?]))
    } else {
        let parts: Vec<_> = (0..outputs.len())
            .map(|i| format_ident!("__o{}", i, span = span))
            .collect();
        quote! {{
            let (#(#parts,)*) = #ret;
            ::std::vec::Vec::from([#(::dash::__private::output(#parts, #name, #outputs)?),*])
        }}
    };
    let types = &callback.params;
    if callback.is_async {
        quote! {
            #[allow(unused_mut, unused_variables)]
            fn __dash_adapter(
                mut #args: ::std::vec::Vec<::dash::__private::Value>,
                #resources: &::dash::__private::Resources,
            ) -> ::dash::__private::BoxFuture<::dash::__private::CallbackResult> {
                let decoded = (|| -> ::core::result::Result<(#(#types,)*), ::dash::__private::CallbackError> {
                    ::core::result::Result::Ok((#(#decodes,)*))
                })();
                ::std::boxed::Box::pin(async move {
                    let (#(#locals,)*) = decoded?;
                    let #ret = #function(#(#locals),*).await;
                    #unwrap_result
                    ::core::result::Result::Ok(#encode)
                })
            }
        }
    } else {
        quote! {
            #[allow(unused_mut, unused_variables)]
            fn __dash_adapter(
                mut #args: ::std::vec::Vec<::dash::__private::Value>,
                #resources: &::dash::__private::Resources,
            ) -> ::dash::__private::CallbackResult {
                #(let #locals: #types = #decodes;)*
                let #ret = #function(#(#locals),*);
                #unwrap_result
                ::core::result::Result::Ok(#encode)
            }
        }
    }
}
