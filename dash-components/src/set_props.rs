//! `ctx.set_props(id, prop, value)`, checked when the app compiles.
//!
//! Inside a `#[dash::app]` module, the macro rewrites the literal id and prop of each
//! `set_props` call into typed keys ([`plain`], [`prop`]), spanned at the literals: rustc
//! then reports an unknown prop at its string and a value of the wrong type at the value,
//! through [`Fits`] as for a callback's outputs. Ids computed at run time go through the
//! unchecked `CallContext::set_props_dyn`.

use std::marker::PhantomData;

use dash_core::{ComponentId, Ctx};
use serde::Serialize;

use crate::fits::{Fits, Unchecked};

/// A component id that knows its component type, so that its props can be checked.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a typed component id",
    label = "expected a string literal naming an `#[ids]` field",
    note = "`set_props` checks its id and prop when both are written as literals; for an id computed at run time, use `set_props_dyn`, which is not checked"
)]
pub trait Id {
    /// The component's type.
    type Component;
    /// The id as the renderer knows it.
    fn into_id(self) -> ComponentId;
}

/// A plain string id of an `#[ids]` field, of component type `C`.
pub struct Plain<C> {
    id: &'static str,
    component: PhantomData<fn() -> C>,
}

impl<C> std::fmt::Debug for Plain<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Plain({:?})", self.id)
    }
}

#[diagnostic::do_not_recommend]
impl<C> Id for Plain<C> {
    type Component = C;
    fn into_id(self) -> ComponentId {
        ComponentId::from(self.id)
    }
}

/// A prop of component type `C` whose field type is `F`, and its name on the wire.
pub struct PropKey<C, F: ?Sized> {
    name: &'static str,
    marker: PhantomData<Marker<C, F>>,
}

impl<C, F: ?Sized> std::fmt::Debug for PropKey<C, F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PropKey({:?})", self.name)
    }
}

/// Ties a key to its types without owning values of them.
type Marker<C, F> = (fn(&C), fn(&F));

/// The typed key for the id literal `id`; `field` names the `#[ids]` field (never called).
pub fn plain<Ids, C>(field: fn(&Ids) -> &C, id: &'static str) -> Plain<C> {
    let _ = field;
    Plain {
        id,
        component: PhantomData,
    }
}

/// The typed key for the prop literal `name`; `field` names the prop's field (never
/// called).
pub fn prop<C, F: ?Sized>(field: fn(&C) -> &F, name: &'static str) -> PropKey<C, F> {
    let _ = field;
    PropKey {
        name,
        marker: PhantomData,
    }
}

/// What the macro writes for an id it has already reported as unknown: any prop and any
/// value pass, so that one mistake gives one error.
#[derive(Debug)]
pub struct Loose;

/// The field type of a prop of [`Loose`]: any value fits it.
#[derive(Debug)]
pub struct LooseField;

impl Unchecked for LooseField {}

/// An id the macro reported.
pub fn loose_id(id: &'static str) -> Plain<Loose> {
    Plain {
        id,
        component: PhantomData,
    }
}

/// A prop of an id the macro reported.
pub fn loose_prop(name: &'static str) -> PropKey<Loose, LooseField> {
    PropKey {
        name,
        marker: PhantomData,
    }
}

/// Writes props of components that are not outputs of the callback (Python's
/// `set_props`, sent as `sideUpdate`). In the prelude.
///
/// Write the id and the prop as string literals: `ctx.set_props("status", "children",
/// "saved")`. The id is a component id of the app's `#[ids]` (not the Rust field name)
/// and the prop its Dash name (`"className"`), as in the callback attributes; the value
/// must fit the prop's type, as an output would. Several writes to one id merge; the
/// browser applies them before the outputs, and they trigger the callbacks that read
/// them. A callback that ends with `PreventUpdate` sends none of them.
pub trait SetProps {
    /// Sets `prop` of `id` to `value`, in the prop's shape (`(label, value)` pairs become
    /// options). A value that cannot be sent (not JSON, or one the browser would change:
    /// see [`to_json`](dash_core::to_json)) makes the call fail with a 500 naming the prop.
    fn set_props<I: Id, F: ?Sized + 'static, V: Fits<F> + Serialize>(
        &self,
        id: I,
        prop: PropKey<I::Component, F>,
        value: V,
    );
}

impl<T> SetProps for Ctx<T> {
    fn set_props<I: Id, F: ?Sized + 'static, V: Fits<F> + Serialize>(
        &self,
        id: I,
        prop: PropKey<I::Component, F>,
        value: V,
    ) {
        self.set_props_encoded(
            id.into_id(),
            prop.name,
            crate::write::prop_json::<F, V>(&value),
        );
    }
}
