//! Never-called checks: functions and traits the macro emits so that rustc reports a
//! mistake at the user's tokens, with a message of ours.

use crate::context::{Ctx, NoTrigger, Trigger};
use crate::family::{Family, KeyFrom};

/// Stands for a wildcard in the never-called check of a pattern's struct literal.
pub fn wild<K>() -> K {
    unreachable!("only in a function that is never called")
}

/// A fixed value in the never-called check of a pattern's struct literal.
pub fn fixed<K: KeyFrom<V>, V>(value: V) -> K {
    K::key_from(value)
}

/// A value of a family's component type, to name its props in never-called checks.
pub fn component_of<F: Family>() -> F::Component {
    unreachable!("only in a function that is never called")
}

/// `A` and `B` are the same type (a never-called check).
pub fn same<A: Same<B>, B>() {}

/// See [`same`].
#[diagnostic::on_unimplemented(
    message = "expected ids of the family `{T}`, found `{Self}`",
    label = "this input's ids are `{T}`"
)]
pub trait Same<T> {}
impl<T> Same<T> for T {}

/// The context type `C` a callback takes is its own: `Ctx<T>` with its `Trigger` `T`, or
/// a plain `Ctx`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not the context of this callback",
    label = "this callback's context is `Ctx<{T}>`",
    note = "write `Ctx<name::Trigger>` (`name` being the callback's name) to match on the input that fired, or `Ctx` alone"
)]
pub trait CtxOf<T> {}
#[diagnostic::do_not_recommend]
impl<T: Trigger> CtxOf<T> for Ctx<T> {}
#[diagnostic::do_not_recommend]
impl<T: Trigger> CtxOf<T> for Ctx<NoTrigger> {}

/// The check the macro emits at a context parameter's type.
pub fn ctx_of<C: CtxOf<T>, T>() {}
