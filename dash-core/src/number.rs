//! `Number`: a JSON number that keeps integers integers and floats floats.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};

/// A number prop: an integer or a float, sent exactly as it was given.
///
/// Dash props typed `number` accept both; Python sends `5` for an `int` and `5.0` for a
/// `float`, and so does this type. Conversions exist from every primitive number type, so
/// builders take `1`, `2.5` or `n as u32` alike. Numbers compare by value: the browser
/// sends `5.0` back as `5`, and the two are equal.
///
/// ```
/// use dash::Number;
///
/// assert_eq!(serde_json::to_string(&Number::from(5)).unwrap(), "5");
/// assert_eq!(serde_json::to_string(&Number::from(2.5)).unwrap(), "2.5");
/// let n: Number = serde_json::from_str("7").unwrap();
/// assert_eq!(n.as_i64(), Some(7));
/// assert_eq!(n.as_f64(), 7.0);
/// assert_eq!(Number::from(5.0), Number::from(5));
/// ```
#[derive(Clone, Copy, Debug)]
pub enum Number {
    /// An integer that fits in `i64`.
    Int(i64),
    /// Any other number. NaN and infinities serialize as `null`, as JSON has no such numbers.
    Float(f64),
}

impl Number {
    /// The number as a float (integers beyond 2^53 lose precision).
    pub fn as_f64(self) -> f64 {
        match self {
            Number::Int(n) => n as f64,
            Number::Float(x) => x,
        }
    }

    /// The number as an integer, when it is one (a float with no fractional part counts).
    pub fn as_i64(self) -> Option<i64> {
        match self {
            Number::Int(n) => Some(n),
            Number::Float(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => Some(x as i64),
            Number::Float(_) => None,
        }
    }
}

impl PartialEq for Number {
    fn eq(&self, other: &Self) -> bool {
        match (*self, *other) {
            (Number::Int(a), Number::Int(b)) => a == b,
            (Number::Float(a), Number::Float(b)) => a == b,
            (Number::Int(n), Number::Float(x)) | (Number::Float(x), Number::Int(n)) => {
                x.fract() == 0.0 && (n as f64) == x && x as i128 == i128::from(n)
            }
        }
    }
}

impl PartialOrd for Number {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        match (*self, *other) {
            (Number::Int(a), Number::Int(b)) => Some(a.cmp(&b)),
            _ if self == other => Some(std::cmp::Ordering::Equal),
            (a, b) => a.as_f64().partial_cmp(&b.as_f64()),
        }
    }
}

impl Default for Number {
    fn default() -> Self {
        Number::Int(0)
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Number::Int(n) => n.fmt(f),
            Number::Float(x) => x.fmt(f),
        }
    }
}

macro_rules! from_integers {
    ($($t:ty),*) => {$(
        impl From<$t> for Number {
            fn from(n: $t) -> Self {
                Number::Int(n.into())
            }
        }
    )*};
}
from_integers!(i8, i16, i32, i64, u8, u16, u32);

macro_rules! from_wide_integers {
    ($($t:ty),*) => {$(
        impl From<$t> for Number {
            /// Integers beyond `i64` become floats.
            fn from(n: $t) -> Self {
                i64::try_from(n).map_or(Number::Float(n as f64), Number::Int)
            }
        }
    )*};
}
from_wide_integers!(u64, usize, isize, i128, u128);

impl From<f64> for Number {
    fn from(x: f64) -> Self {
        Number::Float(x)
    }
}

impl From<f32> for Number {
    fn from(x: f32) -> Self {
        Number::Float(x.into())
    }
}

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match *self {
            Number::Int(n) => serializer.serialize_i64(n),
            Number::Float(x) => serializer.serialize_f64(x),
        }
    }
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NumberVisitor;

        impl Visitor<'_> for NumberVisitor {
            type Value = Number;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number")
            }

            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Number, E> {
                Ok(Number::Int(n))
            }

            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Number, E> {
                Ok(n.into())
            }

            fn visit_f64<E: de::Error>(self, x: f64) -> Result<Number, E> {
                Ok(Number::Float(x))
            }
        }

        deserializer.deserialize_any(NumberVisitor)
    }
}

/// A JSON number.
#[cfg(feature = "mcp")]
impl schemars::JsonSchema for Number {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Number".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "number" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_integers_and_floats() {
        for (text, expected) in [
            ("0", Number::Int(0)),
            ("-3", Number::Int(-3)),
            // Above 2^53: an integer keeps every digit, where a double would not.
            ("9007199254740993", Number::Int(9_007_199_254_740_993)),
            ("1.0", Number::Float(1.0)),
            ("0.25", Number::Float(0.25)),
            ("-1e-7", Number::Float(-1e-7)),
        ] {
            let n: Number = serde_json::from_str(text).unwrap();
            assert_eq!(n, expected, "{text}");
            let back = serde_json::to_string(&n).unwrap();
            assert_eq!(
                serde_json::from_str::<Number>(&back).unwrap(),
                expected,
                "{text}"
            );
        }
        assert_eq!(
            serde_json::to_string(&Number::Int(9_007_199_254_740_993)).unwrap(),
            "9007199254740993"
        );
        assert_eq!(serde_json::to_string(&Number::from(1.0)).unwrap(), "1.0");
        assert_eq!(
            serde_json::to_string(&Number::from(u64::MAX)).unwrap(),
            "1.8446744073709552e+19"
        );
    }

    #[test]
    fn compares_by_value_as_the_browser_sends_it_back() {
        assert_eq!(Number::Float(5.0), Number::Int(5));
        assert_ne!(Number::Float(5.5), Number::Int(5));
        assert_ne!(
            Number::Float(9.223_372_036_854_776e18),
            Number::Int(i64::MAX)
        );
        assert!(Number::Int(2) < Number::Float(2.5));
        assert!(Number::Float(-1.0) < Number::Int(0));
        assert_ne!(Number::Float(f64::NAN), Number::Float(f64::NAN));
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        assert!(serde_json::from_str::<Number>("\"5\"").is_err());
        assert!(serde_json::from_str::<Number>("null").is_err());
    }
}
