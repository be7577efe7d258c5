//! What generated component code uses. Not a public API: it may change with any release.

pub use crate::id_for::IdFor;
pub use dash_core::{Component, ComponentId, Node, Number, TypedComponent, serialize_component};
pub use serde;
pub use serde::{Deserialize, Serialize};
pub use serde_json::{Map, Value, json};
pub use std::collections::BTreeMap;

pub use crate::figure::Figure;
pub use crate::options::Options;
pub use crate::scalar::{Scalar, StringOrNumber};
pub use crate::store::{StorageType, Store};

pub use crate::fits::{
    Fits, StoreFits, StoreReads, Unchecked, fits, fits_value, store_fits, store_reads,
};
pub use crate::patch::Patch;
pub use crate::set_props::{loose_id, loose_prop, plain, prop};
pub use crate::write::{all_output_as, output_as, prop_json};
pub use crate::{
    __fits as fits, __fits_any as fits_any, __from_numbers as from_numbers,
    __literal_enum as literal_enum,
};

/// Defines an enum of fixed JSON values (`"local"`, `true`, `3`, `null`) that serializes
/// to exactly those values.
#[doc(hidden)]
#[macro_export]
macro_rules! __literal_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $value:tt),* $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        $vis enum $name { $($(#[$vmeta])* $variant),* }

        impl $name {
            /// The JSON value this variant stands for.
            pub fn to_json(self) -> $crate::__support::Value {
                match self { $(Self::$variant => $crate::__support::json!($value)),* }
            }

            /// The variant for a JSON value, if it is one of the allowed values.
            pub fn from_json(value: &$crate::__support::Value) -> Option<Self> {
                $(if *value == $crate::__support::json!($value) { return Some(Self::$variant); })*
                None
            }
        }

        impl $crate::__support::Serialize for $name {
            fn serialize<S: $crate::__support::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                $crate::__support::Serialize::serialize(&self.to_json(), serializer)
            }
        }

        impl<'de> $crate::__support::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__support::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <$crate::__support::Value as $crate::__support::Deserialize>::deserialize(deserializer)?;
                Self::from_json(&value).ok_or_else(|| {
                    let allowed: &[&str] = &[$(stringify!($value)),*];
                    <D::Error as $crate::__support::serde::de::Error>::custom(format!(
                        "{value} is not one of {}", allowed.join(", ")
                    ))
                })
            }
        }
    };
}

/// `From` every primitive number type into a union's number variant.
#[doc(hidden)]
#[macro_export]
macro_rules! __from_numbers {
    ($name:ident :: $variant:ident) => {
        $crate::__from_numbers!(@each $name::$variant; i8 i16 i32 i64 isize u8 u16 u32 u64 usize f32 f64);
    };
    (@each $name:ident :: $variant:ident; $($t:ty)*) => {$(
        impl From<$t> for $name {
            fn from(value: $t) -> Self {
                $name::$variant($crate::__support::Number::from(value))
            }
        }
    )*};
}
