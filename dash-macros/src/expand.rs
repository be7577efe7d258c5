//! Code generation: the module as written (inert attributes removed), one adapter per
//! callback, and the registry `impl App for Ids`.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::ItemMod;
use syn::spanned::Spanned;

use crate::ast::{App, Arguments, Callback};
use crate::attr::Prop;
use crate::check;
use crate::clientside::Source;
use crate::ctxt::Errors;
use crate::family;
use crate::message;
use crate::set_props;
use crate::stores;
use crate::tokens;
use crate::trigger;
use crate::ty;
use crate::typecheck;
use crate::wrap::wrap_in_const;

/// Entry point of `#[dash::app]`.
pub(crate) fn app(args: TokenStream, input: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    let arguments = arguments(args, &mut errors);
    let module: ItemMod = match syn::parse2(input.clone()) {
        Ok(module) => module,
        Err(error) => return unparsed(input, error),
    };
    let mut app = App::from_syn(module, input, arguments, &mut errors);
    check::app(&app, &mut errors);
    app.tokens = set_props::rewrite(&app, &mut errors);
    if !errors.is_empty() {
        return checked(&app, &errors);
    }
    expand(&app)
}

/// The macro's arguments: none, or `ids = path::to::Ids` when this module is a fragment of
/// an app whose `Ids` is elsewhere.
fn arguments(args: TokenStream, errors: &mut Errors) -> Arguments {
    let mut arguments = Arguments::default();
    if args.is_empty() {
        return arguments;
    }
    let parser = syn::meta::parser(|meta| {
        if meta.path.is_ident("ids") {
            arguments.fragment_of = Some(meta.value()?.parse::<syn::Path>()?);
            Ok(())
        } else {
            Err(meta.error(message::APP_ARGUMENTS))
        }
    });
    if let Err(error) = syn::parse::Parser::parse2(parser, args) {
        errors.push(error);
        arguments.failed = true;
    }
    arguments
}

/// The module did not even parse (for example mid-edit): return it with the inert
/// attributes stripped at token level. Rustc then reports the syntax error itself, once,
/// and nothing else; syn's copy of it would only repeat it.
fn unparsed(input: TokenStream, _error: syn::Error) -> TokenStream {
    tokens::strip_inert(input)
}

/// The module parsed, but checks failed: the user's module (never just `compile_error!`,
/// so the rest of the crate still resolves and rust-analyzer keeps working), a stub
/// registry, the checks rustc makes for us (so it reports misspelt props in the same
/// compile), and the errors.
fn checked(app: &App, errors: &Errors) -> TokenStream {
    let mut extra = stub_registry(app);
    extra.extend(page_module(app));
    extra.extend(checks_and_impls(app));
    let mut output = tokens::module_with(app.tokens.clone(), extra);
    output.extend(errors.to_compile_errors());
    output
}

fn expand(app: &App) -> TokenStream {
    let mut extra = registry(app);
    extra.extend(page_module(app));
    extra.extend(checks_and_impls(app));
    tokens::module_with(app.tokens.clone(), extra)
}

/// What both endings emit besides the registry: the families' impls, the trigger modules
/// and the checks rustc makes for us.
fn checks_and_impls(app: &App) -> TokenStream {
    let mut extra = family::impls(app);
    extra.extend(trigger::modules(app));
    extra.extend(trigger::context_checks(app));
    extra.extend(typecheck::existence(app));
    extra
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
    let specs = app
        .callbacks
        .iter()
        .map(|callback| registry_entry(app, callback));
    let server_stores = server_stores(app);
    let pushes = app.callbacks.iter().map(|callback| {
        let cfgs = &callback.cfgs;
        let spec = spec_fn(callback);
        quote!(#(#cfgs)* callbacks.push(#spec());)
    });
    let items = wrap_in_const(quote! {
        #[automatically_derived]
        impl __dash::App for #ids {
            fn callbacks() -> __dash::Vec<__dash::CallbackSpec> {
                let mut callbacks = __dash::Vec::new();
                #(#pushes)*
                callbacks
            }
            #server_stores
        }
        #(#specs)*
    });
    quote!(#declaration #items)
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
        .filter(|field| ty::is_server_store(&field.ty))
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
fn stub_registry(app: &App) -> TokenStream {
    let Some((ids, declaration)) = registry_target(app) else {
        return TokenStream::new();
    };
    let items = wrap_in_const(quote! {
        impl __dash::App for #ids {
            fn callbacks() -> __dash::Vec<__dash::CallbackSpec> {
                __dash::Vec::new()
            }
        }
    });
    quote!(#declaration #items)
}

/// `__DashModule`, the module's callbacks under one name whatever the module declares (an
/// `Ids`, a fragment's `Callbacks`, or neither): what `#[derive(Pages)]` registers for a
/// page's `module = ..`, so that a page never leaves its module's callbacks out.
fn page_module(app: &App) -> TokenStream {
    let body = match registry_target(app) {
        Some((target, _)) => quote! {
            fn callbacks() -> __dash::Vec<__dash::CallbackSpec> {
                <#target as __dash::App>::callbacks()
            }
            fn server_stores() -> &'static [&'static str] {
                <#target as __dash::App>::server_stores()
            }
        },
        None => quote! {
            fn callbacks() -> __dash::Vec<__dash::CallbackSpec> {
                __dash::Vec::new()
            }
        },
    };
    let items = wrap_in_const(quote! {
        #[automatically_derived]
        impl __dash::App for __DashModule {
            #body
        }
    });
    quote! {
        /// This module's callbacks, for a page's `module = ..` (`#[derive(dash::Pages)]`).
        #[doc(hidden)]
        pub struct __DashModule;
        #items
    }
}

/// The name of the function that builds one callback's spec.
fn spec_fn(callback: &Callback) -> syn::Ident {
    format_ident!("__dash_spec_{}", callback.ident, span = Span::mixed_site())
}

/// Only memoized callbacks and writers of server-side stores use their code version (in
/// cache keys); hashing every callback's tokens would slow the expansion of large modules.
/// A fragment cannot see which ids are server-side stores, so it always hashes.
fn needs_version(app: &App, callback: &Callback) -> bool {
    if callback.attr.memoize.is_some() || app.fragment_of.is_some() {
        return true;
    }
    app.ids.is_none() || stores::writes_server_store(app, callback)
}

/// A hash of the callback's parameters, return type and body as tokens (spans and
/// comments do not count), in hex. It only has to change when the code does; a new
/// compiler may change it, which merely starts the cache afresh.
fn code_version(callback: &Callback) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    let Callback {
        params,
        output,
        body,
        ..
    } = callback;
    quote!(#(#params)* #output #body)
        .to_string()
        .hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

/// `__dash::prop_id(..)` for each prop.
fn prop_ids(props: &[Prop]) -> Vec<TokenStream> {
    props
        .iter()
        .map(|prop| match prop {
            Prop::Plain(lit) => quote!(__dash::prop_id(#lit)),
            Prop::Pattern(pattern) => pattern.prop_id(),
        })
        .collect()
}

/// Where the callback is declared, `file:line:col`.
fn location(callback: &Callback) -> TokenStream {
    quote_spanned! {callback.ident.span()=>
        __dash::concat!(__dash::file!(), ":", __dash::line!(), ":", __dash::column!())
    }
}

/// What every callback's spec says, whichever side runs it: where it is declared, its
/// props, `running`, `prevent_initial_call`, `allow_duplicate`, `hidden` and the optional
/// props.
fn common_settings(callback: &Callback) -> TokenStream {
    let name = callback.ident.to_string();
    let location = location(callback);
    let attr = &callback.attr;
    let (outputs, inputs, state) = (
        prop_ids(&attr.outputs),
        prop_ids(&attr.inputs),
        prop_ids(&attr.state),
    );
    let running = attr.running.iter().map(|running| {
        let (on, off) = (&running.on, &running.off);
        let prop = match &running.prop {
            Prop::Plain(lit) => quote!(__dash::prop_id(#lit)),
            Prop::Pattern(pattern) => pattern.prop_id(),
        };
        quote! {
            .running(#prop, __dash::json(#on, #name), __dash::json(#off, #name))
        }
    });
    let prevent_initial_call = attr
        .prevent_initial_call
        .then(|| quote!(.prevent_initial_call(true)));
    let allow_duplicate = attr
        .allow_duplicate
        .is_some()
        .then(|| quote!(.allow_duplicate(true)));
    let hidden = attr.hidden.then(|| quote!(.hidden(true)));
    let optional = attr
        .optional
        .iter()
        .map(|lit| quote!(.optional(__dash::prop_id(#lit))));
    quote! {
        .location(#location)
        .path(__dash::concat!(__dash::module_path!(), "::", #name))
        #(.output(#outputs))*
        #(.input(#inputs))*
        #(.state(#state))*
        #(#running)*
        #prevent_initial_call
        #allow_duplicate
        #hidden
        #(#optional)*
    }
}

/// The spec of a `#[clientside]` const: its props and settings, and the function the
/// const holds.
fn clientside_entry(callback: &Callback, source: &Source) -> TokenStream {
    let cfgs = &callback.cfgs;
    let spec = spec_fn(callback);
    let name = callback.ident.to_string();
    let ident = &callback.ident;
    let clientside = match source {
        Source::Inline(_) => quote!(__dash::Clientside::inline(#ident)),
        Source::Function { .. } => quote!(__dash::Clientside::from(#ident)),
    };
    let common = common_settings(callback);
    quote! {
        #(#cfgs)*
        #[allow(non_snake_case)]
        fn #spec() -> __dash::CallbackSpec {
            __dash::CallbackSpec::clientside(#name, #clientside) #common
        }
    }
}

fn registry_entry(app: &App, callback: &Callback) -> TokenStream {
    if let Some(source) = &callback.clientside {
        return clientside_entry(callback, source);
    }
    let cfgs = &callback.cfgs;
    let spec = spec_fn(callback);
    let name = callback.ident.to_string();
    let adapter = adapter(app, callback);
    let common = common_settings(callback);
    let shared = callback
        .shared
        .iter()
        .flatten()
        .map(|ty| quote!(.shared(__dash::shared_need::<#ty>())));
    let version = needs_version(app, callback).then(|| {
        let version = code_version(callback);
        quote!(.version(#version))
    });
    let memoize = callback.attr.memoize.as_ref().map(|options| {
        let ttl = options.ttl_secs.unwrap_or(0);
        let session = options.session;
        quote!(.memoize(__dash::memoize(#ttl, #session)))
    });
    let handler = if callback.is_async {
        quote!(Async)
    } else if callback.attr.blocking {
        quote!(Blocking)
    } else {
        quote!(Inline)
    };
    let websocket = callback.attr.websocket.then(|| quote!(.websocket(true)));
    let api_endpoint = callback
        .attr
        .api_endpoint
        .as_ref()
        .map(|path| quote!(.api_endpoint(#path)));
    // The names of the parameters that take props: the keys of the endpoint's JSON.
    let argument_names = callback
        .param_pats
        .iter()
        .zip(&callback.context)
        .filter(|(_, context)| !**context)
        .enumerate()
        .map(|(index, (pat, _))| {
            let name = match pat {
                syn::Pat::Ident(ident) => syn::ext::IdentExt::unraw(&ident.ident)
                    .to_string()
                    .trim_start_matches('_')
                    .to_owned(),
                _ => format!("arg{index}"),
            };
            quote!(.argument_name(#name))
        });
    let background = callback.attr.background.map(|_| {
        let interval = callback
            .attr
            .interval
            .as_ref()
            .and_then(|lit| lit.base10_parse::<u64>().ok())
            .unwrap_or(1000);
        let progress = callback.attr.progress.iter().map(|progress| {
            let prop = &progress.prop;
            let default = match &progress.default {
                Some(value) => quote!(__dash::Some(__dash::json(#value, #name))),
                None => quote!(__dash::None),
            };
            quote!(.progress(__dash::prop_id(#prop), #default))
        });
        let cancel = callback
            .attr
            .cancel
            .iter()
            .map(|prop| quote!(.cancel(__dash::prop_id(#prop))));
        quote! {
            .background(
                __dash::Background::new().interval_ms(#interval) #(#progress)* #(#cancel)*
            )
        }
    });
    // Pattern arguments name components made at run time: no layout decides them.
    let argument_types = callback
        .prop_types()
        .zip(callback.attr.inputs.iter().chain(&callback.attr.state))
        .map(|(ty, prop)| match prop {
            Prop::Plain(_) => quote!(.argument_type(__dash::argument_type::<#ty>())),
            Prop::Pattern(_) => quote!(.argument_type(__dash::pattern_argument_type::<#ty>())),
        });
    // The graph shows each output's type; a type that names no type (`impl Trait`) is
    // left out, with the others, so that the types stay in the outputs' order.
    let output_types = named_output_types(callback)
        .into_iter()
        .map(|ty| quote!(.output_type(__dash::type_name::<#ty>())));
    let doc = callback.doc.as_ref().map(|doc| quote!(.doc(#doc)));
    let mcp = callback.attr.mcp.map(|listed| quote!(.mcp(#listed)));
    let schemas = schemas(callback);
    let contextual = (callback.attr.on_error.is_some()
        || callback
            .params
            .iter()
            .zip(&callback.context)
            .any(|(ty, context)| *context && callback.reads_context(ty)))
    .then(|| quote!(.contextual(true)));
    let typed_stores = callback
        .attr
        .inputs
        .iter()
        .chain(&callback.attr.state)
        .any(|prop| stores::store_data(app, prop) == Some(true))
        .then(|| quote!(.typed_stores(true)));
    let store_decoders = callback
        .attr
        .inputs
        .iter()
        .chain(&callback.attr.state)
        .enumerate()
        .filter_map(|(index, prop)| {
            let ty = stores::server_store_type(app, prop)?;
            Some(quote!(.store_decoder(#index, __dash::store_decoder::<#ty>)))
        });
    quote! {
        #(#cfgs)*
        #[allow(unused_mut, unused_variables)]
        fn #spec() -> __dash::CallbackSpec {
            __dash::CallbackSpec::new(#name, __dash::Handler::#handler(#adapter))
                #common
                #background
                #websocket
                #api_endpoint
                #(#argument_names)*
                #(#shared)*
                #version
                #memoize
                #contextual
                #typed_stores
                #(#store_decoders)*
                #(#argument_types)*
                #(#output_types)*
                #doc
                #mcp
                #schemas
        }
    }
}

/// Each output's type, or none when a type names no type (`impl Trait`): all or none,
/// so that the types stay in the outputs' order.
fn named_output_types(callback: &Callback) -> Vec<&syn::Type> {
    typecheck::output_types(callback)
        .filter(|types| {
            types
                .iter()
                .all(|ty| !quote!(#ty).to_string().contains("impl "))
        })
        .unwrap_or_default()
}

/// With the feature `mcp`, the JSON schema of each argument and output, for the
/// callback's MCP tool: the type's `JsonSchema` where it has one (chosen by method
/// resolution on the concrete type, see `dash_core::__private::schema`).
#[cfg(feature = "mcp")]
fn schemas(callback: &Callback) -> TokenStream {
    let probe = |ty: &syn::Type, output: bool| {
        quote! {
            || {
                use __dash::schema::{Described as _, Undescribed as _};
                (&__dash::schema::Probe::<#ty>::NEW).json_schema(#output)
            }
        }
    };
    let arguments = callback.prop_types().map(|ty| {
        let probe = probe(ty, false);
        quote!(.argument_schema(#probe))
    });
    let outputs = named_output_types(callback)
        .into_iter()
        .map(|ty| {
            let probe = probe(ty, true);
            quote!(.output_schema(#probe))
        })
        .collect::<Vec<_>>();
    quote!(#(#arguments)* #(#outputs)*)
}

/// Without the feature, no schemas: an app that serves no MCP tools pays nothing.
#[cfg(not(feature = "mcp"))]
fn schemas(_: &Callback) -> TokenStream {
    TokenStream::new()
}

/// How the adapter encodes one output: `ALL` outputs take a list, one value per matching
/// component; outputs of typed props name their field, so that the value gets the prop's
/// shape (`output_as`).
struct Encoder {
    many: bool,
    /// When the output is the data of a `ServerStore`, the store's type if written out:
    /// the value goes to the server as returned.
    store: Option<Option<syn::Type>>,
    field: Option<TokenStream>,
    callback: String,
    prop: String,
}

impl Encoder {
    /// The expression of the output's [`Out`](dash_core::Out).
    fn encode(&self, value: &TokenStream) -> TokenStream {
        let Encoder { callback, prop, .. } = self;
        if let Some(ty) = &self.store {
            return match ty {
                Some(ty) => quote!(__dash::typed_store_output::<#ty, _>(#value)?),
                None => quote!(__dash::store_output(#value)?),
            };
        }
        match (&self.field, self.many) {
            (Some(field), true) => {
                quote!(__dash::Out::Many(__dash::all_output_as(#value, #callback, #prop, #field)?))
            }
            (Some(field), false) => {
                quote!(__dash::out(__dash::output_as(#value, #callback, #prop, #field)?))
            }
            (None, true) => {
                quote!(__dash::Out::Many(__dash::all_output(#value, #callback, #prop)?))
            }
            (None, false) => quote!(__dash::out(__dash::output(#value, #callback, #prop)?)),
        }
    }
}

/// The adapter, a closure that captures nothing (so it is a `fn` pointer): decodes each
/// argument, calls the callback, and encodes each output. A closure rather than a nested
/// `fn` so rustc checks it with the spec function, one body instead of two.
fn adapter(app: &App, callback: &Callback) -> TokenStream {
    let name = callback.ident.to_string();
    let function = &callback.ident;
    let span = Span::mixed_site();
    let args = quote_spanned!(span=> __args);
    let props: Vec<&Prop> = callback
        .attr
        .inputs
        .iter()
        .chain(&callback.attr.state)
        .collect();
    let locals: Vec<_> = (0..callback.params.len())
        .map(|i| format_ident!("__a{}", i, span = span))
        .collect();
    let context = quote_spanned!(span=> __context);
    let mut input_index = 0usize;
    let decodes: Vec<TokenStream> = callback
        .params
        .iter()
        .zip(&callback.context)
        .map(|(ty, context_param)| match context_param {
            true => quote!(__dash::from_call::<#ty>(#context, #name)?),
            false => {
                let index = input_index;
                input_index += 1;
                let prop = props.get(index).copied();
                let text = prop.map(Prop::text).unwrap_or_default();
                if prop
                    .and_then(|prop| stores::store_data(app, prop))
                    .is_some()
                {
                    // Method resolution on the type, without its `Option`, picks how to
                    // read it (`StoreArg`).
                    let (inner, take) = match ty::option_inner(ty) {
                        Some(inner) => (inner, quote!(take_optional)),
                        None => (ty, quote!(take)),
                    };
                    return quote! {{
                        use __dash::{CloneStoreArg as _, DecodeStoreArg as _};
                        __dash::StoreArg::<#inner>::new().#take(__dash::Slot {
                            args: &mut #args,
                            index: #index,
                            callback: #name,
                            prop: #text,
                        })?
                    }};
                }
                let decode = match prop.and_then(Prop::pattern) {
                    None => quote!(arg),
                    Some(pattern) if pattern.is_many() => quote!(all_arg),
                    Some(_) => quote!(match_arg),
                };
                quote!(__dash::#decode::<#ty>(&mut #args, #index, #name, #text)?)
            }
        })
        .collect();
    let ret = quote_spanned!(span=> __ret);
    let outputs: Vec<String> = callback.attr.outputs.iter().map(Prop::text).collect();
    let encoders: Vec<Encoder> = callback
        .attr
        .outputs
        .iter()
        .map(|prop| Encoder {
            many: prop.pattern().is_some_and(|pattern| pattern.is_many()),
            store: (crate::stores::store_data(app, prop) == Some(true))
                .then(|| crate::stores::server_store_type(app, prop).cloned()),
            field: crate::typecheck::field_of(app, prop),
            callback: name.clone(),
            prop: prop.text(),
        })
        .collect();
    let count = outputs.len();
    let handled = quote_spanned!(span=> __handled);
    let mut handled_init = None;
    let unwrap_result = match (&callback.attr.on_error, callback.returns_result()) {
        (_, false) => None,
        (None, true) => Some(quote!(let #ret = __dash::result(#ret)?;)),
        (Some(handler), true) => Some({
            // The fallback's type is the callback's `Ok` type, so a handler returning
            // another is reported at the handler.
            let ok = match &callback.output {
                syn::ReturnType::Type(_, ty) => crate::ty::result_ok_type(ty),
                syn::ReturnType::Default => None,
            };
            let ok = ok.map_or_else(|| quote!(_), |ty| quote!(#ty));
            let run = quote_spanned! {handler.span()=>
                __dash::on_error::<#ok, _>(error, &#context, #handler)
            };
            handled_init = Some(quote!(let mut #handled = __dash::None;));
            quote! {
            let #ret = match __dash::result(#ret) {
                __dash::Ok(value) => value,
                __dash::Err(error) => {
                    let (fallback, message) = #run?;
                    #handled = __dash::Some(message);
                    match fallback {
                        __dash::Some(fallback) => fallback,
                        __dash::None => {
                            return __dash::finish(
                                __dash::Ok(__dash::no_update(#count)),
                                &#context,
                                #handled,
                            );
                        }
                    }
                }
            };
            }
        }),
    };
    let handled_value = match handled_init {
        Some(_) => quote!(#handled),
        None => quote!(__dash::None),
    };
    // The outputs encoded in a closure of their own, so that a failure to encode reaches
    // `finish` (which names the error an `on_error` handler answered for).
    let encode_outputs = if outputs.is_empty() {
        quote!({ let () = #ret; __dash::Vec::new() })
    } else if outputs.len() == 1 {
        let encoded = encoders[0].encode(&ret);
        quote!(__dash::Vec::from([#encoded]))
    } else {
        let parts: Vec<_> = (0..outputs.len())
            .map(|i| format_ident!("__o{}", i, span = span))
            .collect();
        let encoded = parts
            .iter()
            .zip(&encoders)
            .map(|(part, encoder)| encoder.encode(&quote!(#part)));
        quote! {{
            let (#(#parts,)*) = #ret;
            __dash::Vec::from([#(#encoded),*])
        }}
    };
    let encode = quote! {
        (|| -> __dash::Result<__dash::Vec<__dash::Out>, __dash::CallbackError> {
            __dash::Ok(#encode_outputs)
        })()
    };
    let types = &callback.params;
    // The closure's signature comes from the `Handler` variant's `fn` pointer type.
    if callback.is_async {
        quote! {
            |mut #args, #context| {
                let decoded = (|| -> __dash::Result<(#(#types,)*), __dash::CallbackError> {
                    __dash::Ok((#(#decodes,)*))
                })();
                let #context = #context.clone();
                __dash::Box::pin(async move {
                    let (#(#locals,)*) = decoded?;
                    let #ret = #function(#(#locals),*).await;
                    #handled_init
                    #unwrap_result
                    __dash::finish(#encode, &#context, #handled_value)
                })
            }
        }
    } else {
        quote! {
            |mut #args, #context| {
                #(let #locals: #types = #decodes;)*
                let #ret = #function(#(#locals),*);
                #handled_init
                #unwrap_result
                __dash::finish(#encode, #context, #handled_value)
            }
        }
    }
}
