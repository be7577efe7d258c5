//! Parsing of the inert attributes `#[ids]` and `#[callback(...)]`.

use syn::{Attribute, LitBool, LitStr, meta::ParseNestedMeta};

use crate::ctxt::Errors;
use crate::message;

/// The keys of one `#[callback(...)]`.
#[derive(Default)]
pub struct CallbackAttr {
    pub outputs: Vec<LitStr>,
    pub inputs: Vec<LitStr>,
    pub state: Vec<LitStr>,
    pub prevent_initial_call: bool,
    pub blocking: bool,
    /// `allow_duplicate`: its outputs may have other writers; where the key was written.
    pub allow_duplicate: Option<proc_macro2::Span>,
    /// `allow_global_writes = "reason"`: the purity lint is off for this callback.
    pub allow_global_writes: Option<LitStr>,
    /// An `output` key was written, even if its value did not parse.
    pub saw_output: bool,
    /// The attribute did not parse to the end: checks that count its keys would mislead.
    pub malformed: bool,
}

/// Is this attribute `#[NAME]` or `#[dash::NAME]`?
pub fn is(attr: &Attribute, name: &str) -> bool {
    attr.path().segments.last().is_some_and(|s| s.ident == name)
        && (attr.path().segments.len() == 1
            || attr
                .path()
                .segments
                .first()
                .is_some_and(|s| s.ident == "dash"))
}

pub fn parse_callback(attr: &Attribute, errors: &mut Errors) -> CallbackAttr {
    let mut parsed = CallbackAttr {
        blocking: true,
        ..CallbackAttr::default()
    };
    if matches!(attr.meta, syn::Meta::Path(_)) {
        return parsed;
    }
    let result = attr.parse_nested_meta(|meta| {
        let key = meta
            .path
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        match key.as_str() {
            "output" => {
                parsed.saw_output = true;
                parsed.outputs.push(string_value(&meta)?);
            }
            "input" => parsed.inputs.push(string_value(&meta)?),
            "state" => parsed.state.push(string_value(&meta)?),
            "prevent_initial_call" => parsed.prevent_initial_call = flag(&meta)?,
            "blocking" => parsed.blocking = flag(&meta)?,
            "allow_duplicate" => {
                if flag(&meta)? {
                    parsed.allow_duplicate = Some(
                        meta.path
                            .get_ident()
                            .map_or_else(proc_macro2::Span::call_site, syn::Ident::span),
                    );
                }
            }
            "allow_global_writes" => {
                let reason = string_value(&meta)?;
                if reason.value().trim().is_empty() {
                    return Err(syn::Error::new(reason.span(), message::EMPTY_REASON));
                }
                parsed.allow_global_writes = Some(reason);
            }
            _ => {
                let path = &meta.path;
                let shown = quote::quote!(#path).to_string().replace(' ', "");
                return Err(meta.error(message::unknown_key(shown)));
            }
        }
        Ok(())
    });
    if let Err(error) = result {
        parsed.malformed = true;
        errors.push(error);
    }
    parsed
}

fn string_value(meta: &ParseNestedMeta) -> syn::Result<LitStr> {
    meta.value()?.parse()
}

/// `key` alone means true; `key = true|false` sets it.
fn flag(meta: &ParseNestedMeta) -> syn::Result<bool> {
    if meta.input.peek(syn::Token![=]) {
        Ok(meta.value()?.parse::<LitBool>()?.value)
    } else {
        Ok(true)
    }
}
