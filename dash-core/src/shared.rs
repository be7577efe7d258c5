//! `Shared<T>`: read-only data the server hands to callbacks.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// Read-only data shared by every callback of an app, registered once with
/// `Dash::share(value)` and received by any callback that takes a `Shared<T>` parameter
/// (which is not an input: it takes no `"id.prop"`).
///
/// It dereferences to `&T` only, so callbacks read it and never write it. Put a table, a
/// model or a connection pool here rather than in a global. The type system cannot stop
/// interior mutability inside `T` (a `Mutex` field, say); the global-write lint treats a
/// `Shared` parameter like a global, so writes through it in the callback's body are
/// reported.
///
/// ```
/// use dash::{Resources, Shared};
///
/// let mut resources = Resources::default();
/// resources.insert(vec![1, 5, 2]);
/// let scores: Shared<Vec<i32>> = resources.get().unwrap();
/// assert_eq!(scores.len(), 3);
/// ```
pub struct Shared<T: ?Sized>(Arc<T>);

impl<T: ?Sized> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T: ?Sized> Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: ?Sized + fmt::Debug> fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// The values an app shares with its callbacks, one per type.
#[derive(Default, Clone)]
pub struct Resources {
    values: HashMap<TypeId, Arc<dyn Any + Send + Sync>>,
}

impl Resources {
    /// Shares `value`; a second value of the same type replaces the first.
    pub fn insert<T: Send + Sync + 'static>(&mut self, value: T) {
        self.values.insert(TypeId::of::<T>(), Arc::new(value));
    }

    /// The shared value of type `T`, if one was registered.
    pub fn get<T: Send + Sync + 'static>(&self) -> Option<Shared<T>> {
        let value = self.values.get(&TypeId::of::<T>())?.clone();
        value.downcast::<T>().ok().map(Shared)
    }

    /// Is a value of this type registered?
    pub fn contains(&self, type_id: TypeId) -> bool {
        self.values.contains_key(&type_id)
    }
}

impl fmt::Debug for Resources {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Resources({} values)", self.values.len())
    }
}

/// A `Shared<T>` parameter of a callback, checked at startup.
#[derive(Clone, Copy, Debug)]
pub struct SharedNeed {
    /// `T`'s name, for messages.
    pub type_name: &'static str,
    /// `T`'s type id.
    pub type_id: fn() -> TypeId,
}
