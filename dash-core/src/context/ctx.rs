//! The callback's context parameter, `Ctx<T>`, and the parameters that take their value
//! from the call rather than from a prop ([`FromCall`]).

use std::fmt;
use std::marker::PhantomData;
use std::ops::Deref;

use crate::error::CallbackError;
use crate::id::PropId;
use crate::shared::Shared;

use super::CallContext;

/// A callback parameter that takes its value from the call rather than from a prop:
/// `Shared<T>` and `Ctx<T>`.
pub trait FromCall: Sized {
    /// The parameter's value for this call; `callback` names the callback in errors.
    fn from_call(call: &CallContext, callback: &'static str) -> Result<Self, CallbackError>;
}

impl<T: Send + Sync + 'static> FromCall for Shared<T> {
    fn from_call(call: &CallContext, callback: &'static str) -> Result<Self, CallbackError> {
        call.resources().get::<T>().ok_or_else(|| {
            CallbackError::msg(format_args!(
                "`{callback}` takes `Shared<{}>`, but the app shares no such value",
                std::any::type_name::<T>()
            ))
        })
    }
}

/// Which input of a callback fired, as a type the compiler checks. `#[dash::app]`
/// implements it for the `Trigger` enum it writes next to a callback that takes
/// `Ctx<name::Trigger>`: one variant per input.
#[diagnostic::on_unimplemented(
    message = "this context does not say which input fired",
    label = "the plain `Ctx` has no trigger type",
    note = "write `Ctx<name::Trigger>` in the signature, where `name` is the callback's name"
)]
pub trait Trigger: Sized {
    /// The variant for a prop that fired, or `None` if the prop is not an input of the
    /// callback.
    fn from_prop(prop: &PropId) -> Option<Self>;
}

/// The type parameter of a plain `Ctx`: a context that does not say which input fired
/// as a type (its [`CallContext::triggered`] list still does).
#[derive(Clone, Copy, Debug)]
pub enum NoTrigger {}

/// The context parameter of a callback: everything [`CallContext`] gives (it dereferences
/// to it), and with `Ctx<name::Trigger>`, which input fired as an enum to `match` on.
///
/// ```
/// # mod app { pub mod update {
/// #     #[derive(Debug, PartialEq)] pub enum Trigger { Inc, Dec }
/// #     impl dash::Trigger for Trigger {
/// #         fn from_prop(p: &dash::PropId) -> Option<Self> {
/// #             if p.is("inc", "n_clicks") { Some(Trigger::Inc) } else if p.is("dec", "n_clicks") { Some(Trigger::Dec) } else { None }
/// #         }
/// #     }
/// # } }
/// use dash::{CallContext, Ctx, PropId, Request};
/// use app::update::Trigger;
///
/// fn step(ctx: &Ctx<Trigger>) -> i64 {
///     match ctx.trigger() {
///         Some(Trigger::Inc) => 1,
///         Some(Trigger::Dec) => -1,
///         None => 0, // the initial call
///     }
/// }
/// let mut request = Request::default();
/// request.changed = vec![PropId::parse("dec.n_clicks").unwrap()];
/// let call = CallContext::new(Default::default(), request);
/// assert_eq!(step(&Ctx::new(call)), -1);
/// ```
pub struct Ctx<T = NoTrigger> {
    call: CallContext,
    trigger: PhantomData<fn() -> T>,
}

impl<T> Ctx<T> {
    /// Wraps a call's context.
    pub fn new(call: CallContext) -> Ctx<T> {
        Ctx {
            call,
            trigger: PhantomData,
        }
    }

    /// The untyped context.
    pub fn call(&self) -> &CallContext {
        &self.call
    }
}

impl<T> Ctx<T> {
    /// The input that fired first, or `None` on an initial call (and when the renderer
    /// calls because a component of an `ALL` input went away).
    pub fn trigger(&self) -> Option<T>
    where
        T: Trigger,
    {
        self.call.changed().iter().find_map(T::from_prop)
    }

    /// Every input that fired, in the request's order: the renderer merges changes that
    /// happen together into one call.
    pub fn triggers(&self) -> Vec<T>
    where
        T: Trigger,
    {
        self.call
            .changed()
            .iter()
            .filter_map(T::from_prop)
            .collect()
    }
}

impl<T> Clone for Ctx<T> {
    fn clone(&self) -> Self {
        Ctx::new(self.call.clone())
    }
}

impl<T> Deref for Ctx<T> {
    type Target = CallContext;

    fn deref(&self) -> &CallContext {
        &self.call
    }
}

impl<T> fmt::Debug for Ctx<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.call.fmt(f)
    }
}

impl<T> FromCall for Ctx<T> {
    fn from_call(call: &CallContext, _callback: &'static str) -> Result<Self, CallbackError> {
        Ok(Ctx::new(call.clone()))
    }
}
