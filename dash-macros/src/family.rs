//! What `#[family(Component)]` generates for a struct: `Family` (its ids, both ways),
//! `IdFor<Component>` (so `.id(Item { index: 3 })` compiles on that component only),
//! `Id` (for `set_props`), `From<Item> for ComponentId`, and the comparisons a trigger
//! variant needs, where the user did not derive them.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::ext::IdentExt;
use syn::spanned::Spanned;

use crate::ast::{App, Family};
use crate::wrap::wrap_in_const;

pub(crate) fn impls(app: &App) -> TokenStream {
    app.families
        .iter()
        // A generic family is the checks' error: its impls would only add rustc's.
        .filter(|family| !family.generic)
        .map(family)
        .collect()
}

fn family(family: &Family) -> TokenStream {
    let ident = &family.ident;
    let component = &family.component;
    let type_name = &family.type_name;
    let count = family.fields.len();
    let names: Vec<String> = family
        .fields
        .iter()
        .map(|(name, _)| name.unraw().to_string())
        .collect();
    let fields: Vec<&syn::Ident> = family.fields.iter().map(|(name, _)| name).collect();
    let to_keys = family.fields.iter().map(|(name, ty)| {
        let key = name.unraw().to_string();
        quote_spanned!(ty.span()=> (#key, <#ty as __dash::Key>::to_key(&self.#name)))
    });
    let from_keys = family.fields.iter().map(|(name, ty)| {
        let key = name.unraw().to_string();
        quote_spanned!(ty.span()=> #name: <#ty as __dash::Key>::from_key(keys.get(#key)?)?)
    });
    let derived = |name: &str| family.derives.iter().any(|d| d == name);
    let clone = (!derived("Clone")).then(|| {
        quote! {
            impl ::core::clone::Clone for #ident {
                fn clone(&self) -> Self {
                    Self { #(#fields: ::core::clone::Clone::clone(&self.#fields)),* }
                }
            }
        }
    });
    let debug = (!derived("Debug")).then(|| {
        let name = ident.to_string();
        quote! {
            impl ::core::fmt::Debug for #ident {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.debug_struct(#name)#(.field(#names, &self.#fields))*.finish()
                }
            }
        }
    });
    let partial_eq = (!derived("PartialEq")).then(|| {
        quote! {
            impl ::core::cmp::PartialEq for #ident {
                fn eq(&self, other: &Self) -> bool {
                    true #(&& self.#fields == other.#fields)*
                }
            }
        }
    });
    let eq = (!derived("Eq")).then(|| quote!(impl ::core::cmp::Eq for #ident {}));
    let hash = (!derived("Hash")).then(|| {
        // Through the key values, spanned at each field's type: a field that is not a key
        // is reported there, as such.
        let hashes = family.fields.iter().map(|(name, ty)| {
            quote_spanned! {ty.span()=>
                ::core::hash::Hash::hash(&<#ty as __dash::Key>::to_key(&self.#name), state);
            }
        });
        quote! {
            impl ::core::hash::Hash for #ident {
                fn hash<H: ::core::hash::Hasher>(&self, state: &mut H) {
                    #(#hashes)*
                }
            }
        }
    });
    wrap_in_const(quote_spanned! {ident.span()=>
        #[automatically_derived]
        impl __dash::Family for #ident {
            const TYPE: &'static str = #type_name;
            type Component = #component;

            fn to_id(&self) -> __dash::ComponentId {
                __dash::id_of::<Self>(__dash::Vec::from([#(#to_keys),*]))
            }

            fn from_id(id: &__dash::ComponentId) -> __dash::Option<Self> {
                let keys = __dash::keys_of::<Self>(id, #count)?;
                let _ = &keys;
                __dash::Some(Self { #(#from_keys),* })
            }
        }

        #[automatically_derived]
        impl ::dash::IdFor<#component> for #ident {
            fn into_component_id(self) -> __dash::ComponentId {
                __dash::Family::to_id(&self)
            }
        }

        #[automatically_derived]
        impl ::dash::Id for #ident {
            type Component = #component;
            fn into_id(self) -> __dash::ComponentId {
                __dash::Family::to_id(&self)
            }
        }

        #[automatically_derived]
        impl ::core::convert::From<#ident> for __dash::ComponentId {
            fn from(value: #ident) -> Self {
                __dash::Family::to_id(&value)
            }
        }

        #clone
        #debug
        #partial_eq
        #eq
        #hash
    })
}
