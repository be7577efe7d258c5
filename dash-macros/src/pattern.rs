//! Pattern-matching props in callback attributes: `input(Item { index: MATCH }, "value")`.
//!
//! The id is a struct literal of an id family (`#[family(Component)]`), its fields the
//! keys: a wildcard word (`MATCH`, `ALL`, `ALLSMALLER`) or a fixed value. The literal is
//! re-emitted from the user's tokens in a never-called function, wildcards replaced by a
//! value of the key's type, so rustc reports an unknown key, a missing key or a fixed
//! value of the wrong type at the exact token.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{Ident, LitStr};

/// A wildcard, as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Wild {
    Match,
    All,
    AllSmaller,
}

impl Wild {
    fn from_ident(ident: &Ident) -> Option<Wild> {
        Some(match ident.to_string().as_str() {
            "MATCH" => Wild::Match,
            "ALL" => Wild::All,
            "ALLSMALLER" => Wild::AllSmaller,
            _ => return None,
        })
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Wild::Match => "MATCH",
            Wild::All => "ALL",
            Wild::AllSmaller => "ALLSMALLER",
        }
    }
}

/// The value of one key of a pattern.
pub(crate) enum KeyExpr {
    Wild(Wild, Ident),
    Fixed(syn::Expr),
}

/// One key of a pattern.
pub(crate) struct Key {
    pub name: Ident,
    pub value: KeyExpr,
}

/// `Family { key: VALUE, .. }, "prop"`.
pub(crate) struct Pattern {
    pub family: syn::Path,
    pub brace: syn::token::Brace,
    pub keys: Vec<Key>,
    /// `..base`: refused by the checks.
    pub rest: Option<TokenStream>,
    pub prop: LitStr,
}

impl Parse for Pattern {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let family: syn::Path = input.parse()?;
        let content;
        let brace = syn::braced!(content in input);
        let mut keys = Vec::new();
        let mut rest = None;
        while !content.is_empty() {
            if content.peek(syn::Token![..]) {
                rest = Some(content.parse::<TokenStream>()?);
                break;
            }
            let name: Ident = content.parse()?;
            content.parse::<syn::Token![:]>()?;
            let value = if content.peek(Ident) && !content.peek2(syn::Token![::]) {
                let fork = content.fork();
                let ident: Ident = fork.parse()?;
                match Wild::from_ident(&ident) {
                    Some(wild) if fork.is_empty() || fork.peek(syn::Token![,]) => {
                        content.parse::<Ident>()?;
                        KeyExpr::Wild(wild, ident)
                    }
                    _ => KeyExpr::Fixed(content.parse()?),
                }
            } else {
                KeyExpr::Fixed(content.parse()?)
            };
            keys.push(Key { name, value });
            if content.is_empty() {
                break;
            }
            content.parse::<syn::Token![,]>()?;
        }
        input.parse::<syn::Token![,]>()?;
        let prop: LitStr = input.parse()?;
        if !input.is_empty() {
            input.parse::<syn::Token![,]>()?;
        }
        Ok(Pattern {
            family,
            brace,
            keys,
            rest,
            prop,
        })
    }
}

impl Pattern {
    /// The family as written, for messages: `Item`.
    pub(crate) fn family_name(&self) -> String {
        self.family.to_token_stream().to_string().replace(' ', "")
    }

    /// `Item{index:MATCH}.value`, for messages and for telling props apart.
    pub(crate) fn text(&self) -> String {
        let keys: Vec<String> = self
            .keys
            .iter()
            .map(|key| {
                let value = match &key.value {
                    KeyExpr::Wild(wild, _) => wild.name().to_owned(),
                    KeyExpr::Fixed(expr) => expr.to_token_stream().to_string(),
                };
                format!("{}:{value}", key.name)
            })
            .collect();
        format!(
            "{}{{{}}}.{}",
            self.family_name(),
            keys.join(","),
            self.prop.value()
        )
    }

    /// The keys holding `wild`, by name.
    pub(crate) fn keys_with(&self, wild: Wild) -> Vec<String> {
        self.keys
            .iter()
            .filter(|key| matches!(key.value, KeyExpr::Wild(w, _) if w == wild))
            .map(|key| key.name.unraw().to_string())
            .collect()
    }

    /// Does any key hold `ALL` or `ALLSMALLER` (the values arrive as a list)?
    pub(crate) fn is_many(&self) -> bool {
        self.keys
            .iter()
            .any(|key| matches!(key.value, KeyExpr::Wild(Wild::All | Wild::AllSmaller, _)))
    }

    /// `__dash::pattern::<Family>(&[("key", KEY), ..], "prop")`: the spec's prop id, built
    /// when the app starts.
    pub(crate) fn prop_id(&self) -> TokenStream {
        let family = &self.family;
        self.prop_id_with(quote!(#family))
    }

    /// [`prop_id`](Self::prop_id) with the family's path written as `family` (from a
    /// module nested in the app module).
    pub(crate) fn prop_id_with(&self, family: TokenStream) -> TokenStream {
        let prop = &self.prop;
        let keys = self.keys.iter().map(|key| {
            let name = key.name.unraw().to_string();
            match &key.value {
                KeyExpr::Wild(wild, _) => {
                    let variant = Ident::new(
                        match wild {
                            Wild::Match => "Match",
                            Wild::All => "All",
                            Wild::AllSmaller => "AllSmaller",
                        },
                        Span::call_site(),
                    );
                    quote!((#name, __dash::KeyValue::Wildcard(__dash::Wildcard::#variant)))
                }
                KeyExpr::Fixed(expr) => quote!((#name, __dash::fixed_key(&(#expr)))),
            }
        });
        quote!(__dash::pattern::<#family>(&[#(#keys),*], #prop))
    }

    /// `let _: Family = Family { key: __dash::wild(), fixed: __dash::fixed(EXPR) };`: rustc
    /// checks the keys and the fixed values' types at the user's tokens.
    pub(crate) fn literal_check(&self) -> TokenStream {
        // `..base` is the macro's own error; the literal would only add "missing fields".
        if self.rest.is_some() {
            return TokenStream::new();
        }
        let family = &self.family;
        let fields = self.keys.iter().map(|key| {
            let name = &key.name;
            match &key.value {
                KeyExpr::Wild(_, ident) => {
                    quote_spanned!(ident.span()=> #name: __dash::wild())
                }
                KeyExpr::Fixed(expr) => {
                    quote_spanned!(expr.span()=> #name: __dash::fixed(#expr))
                }
            }
        });
        let mut body = TokenStream::new();
        self.brace.surround(&mut body, |tokens| {
            tokens.extend(quote!(#(#fields),*));
        });
        quote!(let _: #family = #family #body;)
    }
}
