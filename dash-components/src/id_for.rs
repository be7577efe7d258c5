//! Which ids a component accepts: `.id(..)` on a typed component takes a string, or a
//! value of an id family declared for that component type.

use std::borrow::Cow;

use dash_core::ComponentId;

/// A value that can be the id of a component of type `C`: any string, or a value of an
/// id family declared for `C` (`#[family(dcc::Checklist)] struct Done { index: u32 }`).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an id for a `{C}`",
    label = "expected a string, or a value of an id family declared for `{C}`",
    note = "an id family is declared for one component type: `#[family(Component)]` on the struct"
)]
pub trait IdFor<C> {
    /// The id as the layout carries it.
    fn into_component_id(self) -> ComponentId;
}

impl<C> IdFor<C> for &str {
    fn into_component_id(self) -> ComponentId {
        ComponentId::Plain(Cow::Owned(self.to_owned()))
    }
}

impl<C> IdFor<C> for String {
    fn into_component_id(self) -> ComponentId {
        ComponentId::Plain(Cow::Owned(self))
    }
}

impl<C> IdFor<C> for &String {
    fn into_component_id(self) -> ComponentId {
        ComponentId::Plain(Cow::Owned(self.clone()))
    }
}

impl<C> IdFor<C> for ComponentId {
    fn into_component_id(self) -> ComponentId {
        self
    }
}
