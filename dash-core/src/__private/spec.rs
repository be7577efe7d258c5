//! What the macro's spec functions call: a callback's props, argument types and settings,
//! built when the app starts.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::family::{Family, id_of};
use crate::id::{KeyValue, PropId};
use crate::memo::{Memoize, Scope};
use crate::shared::SharedNeed;

/// A prop of an attribute, `"id.prop"`, which the macro has already checked.
pub fn prop_id(text: &'static str) -> PropId {
    PropId::parse(text).expect("`#[dash::app]` checked every prop")
}

/// The type of an argument, as startup validation needs it.
pub fn argument_type<T: DeserializeOwned>() -> crate::callback::ArgumentType {
    fn reads<T: DeserializeOwned>(value: &Value) -> bool {
        T::deserialize(value).is_ok()
    }
    crate::callback::ArgumentType {
        name: std::any::type_name::<T>(),
        reads: reads::<T>,
    }
}

/// The type of a pattern argument, which startup validation leaves alone.
pub fn pattern_argument_type<T>() -> crate::callback::ArgumentType {
    crate::callback::ArgumentType {
        name: std::any::type_name::<T>(),
        reads: |_| true,
    }
}

/// The name of a type, for the callback graph (`std::any::type_name`).
pub fn type_name<T: ?Sized>() -> &'static str {
    std::any::type_name::<T>()
}

/// A pattern prop of an attribute: the family's `type` with the written keys.
pub fn pattern<F: Family>(keys: &[(&'static str, KeyValue)], prop: &'static str) -> PropId {
    PropId::new(id_of::<F>(keys.to_vec()), prop)
}

/// A fixed key value written in a pattern, as the spec carries it.
pub fn fixed_key<T: serde::Serialize>(value: &T) -> KeyValue {
    serde_json::to_value(value)
        .ok()
        .as_ref()
        .and_then(KeyValue::from_json)
        .expect("`#[dash::app]` checked the key's type")
}

/// A value written in an attribute (`running(.., on = EXPR, off = EXPR)`), as JSON for
/// the dependencies. Runs once, when the app starts.
pub fn json<T: serde::Serialize>(value: T, callback: &'static str) -> Value {
    crate::to_json(&value)
        .unwrap_or_else(|error| panic!("a `running` value of `{callback}` cannot be sent: {error}"))
}

/// `memoize(ttl = .., scope = ..)`: `ttl_secs` 0 means no time limit.
pub fn memoize(ttl_secs: u64, session: bool) -> Memoize {
    Memoize {
        ttl: (ttl_secs > 0).then(|| std::time::Duration::from_secs(ttl_secs)),
        scope: if session { Scope::Session } else { Scope::App },
    }
}

/// What startup validation needs to know about a `Shared<T>` parameter.
pub fn shared_need<T: 'static>() -> SharedNeed {
    SharedNeed {
        type_name: std::any::type_name::<T>(),
        type_id: std::any::TypeId::of::<T>,
    }
}
