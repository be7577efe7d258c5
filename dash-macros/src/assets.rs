//! `embed_assets!`: the app's assets folder, read from disk in a debug build, and embedded
//! in the binary in a release build, so that a deployed app is one executable.
//!
//! The folder is found next to the calling crate's `Cargo.toml` (`CARGO_MANIFEST_DIR`), as
//! Python Dash finds `assets/` next to the app's module. Its files are listed when the
//! macro expands; a release build includes each with `include_bytes!`, so that an edit to
//! one of them rebuilds the crate. A file added to the folder is embedded by the next build
//! that expands the macro again.

use std::path::Path;

use proc_macro2::{Span, TokenStream};
use quote::quote;

use crate::message;
use crate::wrap;

/// Expands `embed_assets!()` or `embed_assets!("folder")`.
pub(crate) fn embed(input: TokenStream) -> TokenStream {
    let (folder, span) = if input.is_empty() {
        ("assets".to_owned(), Span::call_site())
    } else {
        match syn::parse2::<syn::LitStr>(input) {
            Ok(literal) => (literal.value(), literal.span()),
            Err(_) => {
                return syn::Error::new(Span::call_site(), message::EMBED_ASSETS_ARGUMENT)
                    .to_compile_error();
            }
        }
    };
    if Path::new(&folder).is_absolute() {
        return syn::Error::new(span, message::no_assets_folder(&folder)).to_compile_error();
    }
    let Ok(manifest) = std::env::var("CARGO_MANIFEST_DIR") else {
        return syn::Error::new(span, message::EMBED_ASSETS_NO_MANIFEST).to_compile_error();
    };
    let root = Path::new(&manifest).join(&folder);
    if !root.is_dir() {
        return syn::Error::new(span, message::no_assets_folder(&folder)).to_compile_error();
    }
    let mut files = Vec::new();
    if let Err(error) = walk(&root, "", &mut files) {
        return syn::Error::new(span, message::unreadable_assets(&folder, &error))
            .to_compile_error();
    }
    files.sort();
    let relative = files.iter().map(|(relative, _)| relative);
    let absolute = files.iter().map(|(_, absolute)| absolute);
    let private = wrap::private(Span::call_site());
    quote! {{
        #[cfg(debug_assertions)]
        let assets = #private::Assets::folder(::core::concat!(
            ::core::env!("CARGO_MANIFEST_DIR"), "/", #folder
        ));
        #[cfg(not(debug_assertions))]
        let assets = #private::Assets::embedded(&[
            #((#relative, ::core::include_bytes!(#absolute) as &[u8])),*
        ]);
        assets
    }}
}

/// Every file under `folder` whose path has no name starting with `.`: its path in the
/// folder, `/`-separated, and its absolute path.
fn walk(folder: &Path, prefix: &str, out: &mut Vec<(String, String)>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(folder)? {
        let entry = entry?;
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        let relative = format!("{prefix}{name}");
        let kind = entry.file_type()?;
        if kind.is_dir() {
            walk(&entry.path(), &format!("{relative}/"), out)?;
        } else if kind.is_file() {
            out.push((relative, entry.path().to_string_lossy().into_owned()));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_release_build_embeds_each_file_and_a_debug_build_reads_the_folder() {
        let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        walk(&dir, "", &mut files).unwrap();
        assert!(files.iter().any(|(relative, _)| relative == "assets.rs"));
        // (cargo sets CARGO_MANIFEST_DIR for tests too: this crate's folder.)
        let tokens = embed(quote!("src")).to_string();
        assert!(tokens.contains("include_bytes"), "{tokens}");
        assert!(tokens.contains("cfg (not (debug_assertions))"), "{tokens}");
        assert!(tokens.contains("Assets :: folder"), "{tokens}");
        let missing = embed(quote!("no_such_folder")).to_string();
        assert!(missing.contains("compile_error"), "{missing}");
    }
}
