//! The `#[dash::app]` attribute.
//!
//! It reads one inline module, finds its `#[ids]` struct and its `#[callback(...)]`
//! functions, checks the callback graph, reports every problem at once, and generates the
//! adapters and the registry the server runs. Use it through the `dash` crate.

mod assets;
mod ast;
mod attr;
mod check;
mod clientside;
mod ctxt;
mod expand;
mod family;
mod js;
mod message;
mod pages;
mod pattern;
mod purity;
mod set_props;
mod stores;
mod tokens;
mod trigger;
mod ty;
mod typecheck;
mod wrap;

use proc_macro::TokenStream;

/// Turns an inline module into a Dash app: see the `dash` crate's documentation.
#[proc_macro_attribute]
pub fn app(args: TokenStream, input: TokenStream) -> TokenStream {
    expand::app(args.into(), input.into()).into()
}

/// Marks a callback. Only meaningful inside a `#[dash::app]` module, which reads it.
#[proc_macro_attribute]
pub fn callback(_args: TokenStream, input: TokenStream) -> TokenStream {
    outside_app(message::CALLBACK_OUTSIDE_APP, input)
}

/// Marks a clientside callback: a `const` holding the JavaScript the browser runs. Only
/// meaningful inside a `#[dash::app]` module, which reads it.
#[proc_macro_attribute]
pub fn clientside(_args: TokenStream, input: TokenStream) -> TokenStream {
    outside_app(message::CLIENTSIDE_OUTSIDE_APP, input)
}

/// Marks the struct of component ids. Only meaningful inside a `#[dash::app]` module.
#[proc_macro_attribute]
pub fn ids(_args: TokenStream, input: TokenStream) -> TokenStream {
    outside_app(message::IDS_OUTSIDE_APP, input)
}

/// The app's assets folder, for `Dash::assets`: `embed_assets!()` for the folder
/// `assets` next to the crate's `Cargo.toml`, or `embed_assets!("static/app")` for another.
///
/// A debug build reads the folder when files are asked for, so that an edit shows on the
/// next load. A release build embeds every file (but those whose path has a name starting
/// with `.`) in the binary, so that the app deploys as one executable; editing a file
/// rebuilds it. Cargo does not notice a file added to the folder: it is embedded by the
/// next build of the crate (touch a source file if nothing else changed). The folder's
/// path is relative to `Cargo.toml`; a folder that does not exist is a compile error.
#[proc_macro]
pub fn embed_assets(input: TokenStream) -> TokenStream {
    assets::embed(input.into()).into()
}

/// A site's pages, as an enum: one variant per page, `#[page(path = "/city/<name>",
/// module = city)]` on each; see the `dash` crate's documentation, "Pages".
#[proc_macro_derive(Pages, attributes(page, pages))]
pub fn pages(input: TokenStream) -> TokenStream {
    pages::derive(input.into()).into()
}

fn outside_app(message: &str, input: TokenStream) -> TokenStream {
    let input = proc_macro2::TokenStream::from(input);
    let error = syn::Error::new(proc_macro2::Span::call_site(), message).to_compile_error();
    quote::quote!(#error #input).into()
}
