//! Which Rust types may read or write a prop: the compile-time check of callback
//! signatures against the props they bind.
//!
//! `#[dash::app]` asks, for every parameter and every returned value, that its type
//! `P: Fits<F>` where `F` is the prop's field type. The impls for Dash's own components
//! are generated (`generated/fits.rs` and each component's module): a prop's own type,
//! `Option` of it, each member of a union, any number type for a number, and
//! `serde_json::Value`, which fits everything. Props holding arbitrary JSON take any type,
//! children take anything that converts into a `Node` and lists of components or text
//! ([`Children`]), `options` take lists of values or of `(label, value)` pairs
//! (`options.rs`, shaped by `write.rs`), and the types of other
//! libraries' generated components are `Unchecked`.

use dash_core::{Children, Node};

/// `Self` may be a callback parameter or return value for a prop whose field type is `F`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not fit a property declared as `{F}`",
    label = "the property's type is `{F}`",
    note = "a value read from or written to a prop has the prop's type: its own type, `Option` \
            of it, a member of a union, another number type for a number, or `serde_json::Value`; \
            `options` also take a `Vec` of values (`Vec<String>`) or of `(label, value)` pairs, \
            and `children` a `Vec` of components or text"
)]
// Hidden from the docs: a relation the macro checks signatures with, implemented for
// every type, which would be listed on every type's page.
#[doc(hidden)]
pub trait Fits<F: ?Sized> {}

/// Types of component libraries other than Dash's own: any Rust type fits their props
/// (the orphan rule keeps their generated code from spelling out the exact impls).
// Hidden from the docs: a relation the macro checks signatures with, implemented for
// every type, which would be listed on every type's page.
#[doc(hidden)]
pub trait Unchecked {}

impl<X: Unchecked> Unchecked for Vec<X> {}
impl<X: Unchecked> Unchecked for std::collections::BTreeMap<String, X> {}

#[diagnostic::do_not_recommend]
impl<T, X: Unchecked> Fits<Option<X>> for T {}
#[diagnostic::do_not_recommend]
impl<T, X: Unchecked> Fits<X> for T {}

/// Children, and props typed `node`: anything that converts into a `Node`, and lists of
/// components or text ([`Children`]).
#[diagnostic::do_not_recommend]
impl<T: Children> Fits<Node> for T {}
#[diagnostic::do_not_recommend]
impl<T: Children> Fits<Option<Node>> for T {}

/// Text props take borrowed text too: a literal, or a `&str` of a value the callback
/// holds (the generated impls list owned types only).
#[diagnostic::do_not_recommend]
impl Fits<String> for &str {}
#[diagnostic::do_not_recommend]
impl Fits<Option<String>> for &str {}
#[diagnostic::do_not_recommend]
impl Fits<Option<String>> for Option<&str> {}

/// A patch fits every prop: the browser applies it to the value the prop holds.
#[diagnostic::do_not_recommend]
impl Fits<Node> for crate::patch::Patch {}
#[diagnostic::do_not_recommend]
impl Fits<Option<Node>> for crate::patch::Patch {}

/// The data of a typed `Store<T>`: exactly `T`, or `Option<T>` (empty until written).
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not fit this store, whose data is declared as `{T}`",
    label = "the store holds `{T}`",
    note = "a `Store<T>` fixes the type of its data for the callback that writes it and every \
            callback that reads it: use `{T}` or `Option<{T}>`"
)]
// Hidden from the docs: a relation the macro checks signatures with, implemented for
// every type, which would be listed on every type's page.
#[doc(hidden)]
pub trait StoreFits<T> {}

#[diagnostic::do_not_recommend]
impl<T> StoreFits<T> for T {}
#[diagnostic::do_not_recommend]
impl<T> StoreFits<T> for Option<T> {}

/// Never constructed: a second impl that keeps rustc from guessing a store's `T` from the
/// callback's type (it must come from the `Ids` field, so a mismatch is reported).
enum Never {}

#[diagnostic::do_not_recommend]
impl<T> StoreFits<(Never, T)> for T {}

/// A parameter reading the data of a typed `Store<T>` or `ServerStore<T>`: `T` or
/// `Option<T>` as for [`StoreFits`], or the value shared, `Arc<T>` or `Option<Arc<T>>`
/// (a server-side store's readers in the process that computed it then share it,
/// neither copied nor decoded).
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not fit this store, whose data is declared as `{T}`",
    label = "the store holds `{T}`",
    note = "a store fixes the type of its data for the callback that writes it and every \
            callback that reads it: read it as `{T}`, `Option<{T}>`, `Arc<{T}>` or \
            `Option<Arc<{T}>>`"
)]
// Hidden from the docs: a relation the macro checks signatures with, implemented for
// every type, which would be listed on every type's page.
#[doc(hidden)]
pub trait StoreReads<T> {}

#[diagnostic::do_not_recommend]
impl<T> StoreReads<T> for T {}
#[diagnostic::do_not_recommend]
impl<T> StoreReads<T> for Option<T> {}
#[diagnostic::do_not_recommend]
impl<T> StoreReads<T> for std::sync::Arc<T> {}
#[diagnostic::do_not_recommend]
impl<T> StoreReads<T> for Option<std::sync::Arc<T>> {}
#[diagnostic::do_not_recommend]
impl<T> StoreReads<(Never, T)> for T {}

/// The check the macro emits for a parameter or output of type `P` bound to a prop.
pub fn fits<P: ?Sized + Fits<F>, F: ?Sized>(_field: &F) {}

/// The check for a value written in an attribute (`running(.., on = EXPR)`): it fits the
/// prop `field`.
pub fn fits_value<F: ?Sized, V: Fits<F>>(_field: &F, _value: &V) {}

/// The check for the `data` of a typed `Store<T>` that a callback writes.
pub fn store_fits<P: StoreFits<T>, T>(_data: &Option<T>) {}

/// The check for the `data` of a typed `Store<T>` that a callback reads.
pub fn store_reads<P: StoreReads<T>, T>(_data: &Option<T>) {}

/// `rt::fits!(F => P, Q)`: `P`, `Q`, their `Option`s and `Value` fit a prop of type `F`.
#[doc(hidden)]
#[macro_export]
macro_rules! __fits {
    ($field:ty => $($fits:ty),* $(,)?) => {
        $(
            #[diagnostic::do_not_recommend]
            impl $crate::__support::Fits<$field> for $fits {}
            #[diagnostic::do_not_recommend]
            impl $crate::__support::Fits<$field> for ::core::option::Option<$fits> {}
        )*
        #[diagnostic::do_not_recommend]
        impl $crate::__support::Fits<$field> for $crate::__support::Patch {}
        #[diagnostic::do_not_recommend]
        impl $crate::__support::Fits<$field> for $crate::__support::Value {}
        #[diagnostic::do_not_recommend]
        impl $crate::__support::Fits<$field> for ::core::option::Option<$crate::__support::Value> {}
    };
}

/// `rt::fits_any!(F)`: any type fits a prop of type `F` (it holds arbitrary JSON).
#[doc(hidden)]
#[macro_export]
macro_rules! __fits_any {
    ($field:ty) => {
        #[diagnostic::do_not_recommend]
        impl<T: ?Sized> $crate::__support::Fits<$field> for T {}
    };
}
