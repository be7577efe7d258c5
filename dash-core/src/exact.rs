//! `Exact<T>`: a number that travels as text, so the browser cannot round it.

use std::fmt::{self, Display};
use std::str::FromStr;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};

/// A number that travels as text, so every digit survives the browser.
///
/// The browser holds JSON numbers as doubles: integers beyond 2^53 (`i64::MAX`, `u64`
/// ids, `i128`) come back changed, and NaN and infinities have no JSON form at all. An
/// `Exact<T>` is written as its text (`"9223372036854775807"`, `"NaN"`, `"-inf"`) and read
/// from text or from a JSON number whose digits `T` parses, for any `T` with `Display`
/// and `FromStr` that agree: every integer type, `f32` and `f64`.
///
/// ```
/// use dash::Exact;
///
/// let id = Exact(i64::MAX);
/// assert_eq!(serde_json::to_string(&id).unwrap(), r#""9223372036854775807""#);
/// assert_eq!(serde_json::from_str::<Exact<i64>>(r#""9223372036854775807""#).unwrap(), id);
/// assert_eq!(serde_json::from_str::<Exact<i64>>("42").unwrap(), Exact(42));
/// let gap: Exact<f64> = serde_json::from_str(r#""NaN""#).unwrap();
/// assert!(gap.0.is_nan());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Exact<T>(pub T);

impl<T> Exact<T> {
    /// The number.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> From<T> for Exact<T> {
    fn from(value: T) -> Self {
        Exact(value)
    }
}

impl<T> std::ops::Deref for Exact<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Display> Display for Exact<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<T: Display> Serialize for Exact<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

impl<'de, T: FromStr> Deserialize<'de> for Exact<T>
where
    T::Err: Display,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ExactVisitor<T>(std::marker::PhantomData<T>);

        impl<T: FromStr> ExactVisitor<T>
        where
            T::Err: Display,
        {
            fn parse<E: de::Error>(text: &str) -> Result<Exact<T>, E> {
                text.parse().map(Exact).map_err(|error| {
                    E::custom(format_args!(
                        "`{text}` cannot be read as `{}`: {error}",
                        short::<T>()
                    ))
                })
            }
        }

        impl<T: FromStr> Visitor<'_> for ExactVisitor<T>
        where
            T::Err: Display,
        {
            type Value = Exact<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "`{}` as text or as a number", short::<T>())
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Exact<T>, E> {
                Self::parse(text)
            }

            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Exact<T>, E> {
                Self::parse(&n.to_string())
            }

            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Exact<T>, E> {
                Self::parse(&n.to_string())
            }

            fn visit_f64<E: de::Error>(self, x: f64) -> Result<Exact<T>, E> {
                // `1e21` is written in full, so an integer type reads an integral double.
                let text = if x.fract() == 0.0 && x.abs() < 1e300 {
                    format!("{x:.0}")
                } else {
                    x.to_string()
                };
                Self::parse(&text)
            }
        }

        deserializer.deserialize_any(ExactVisitor(std::marker::PhantomData))
    }
}

/// `i64` rather than `core::primitive::i64` in messages.
fn short<T>() -> &'static str {
    let name = std::any::type_name::<T>();
    name.rsplit("::").next().unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_round_trips_as_text() {
        for n in [i64::MIN, -1, 0, 1 << 53, i64::MAX] {
            let text = serde_json::to_string(&Exact(n)).unwrap();
            assert_eq!(serde_json::from_str::<Exact<i64>>(&text).unwrap(), Exact(n));
        }
        for x in [
            f64::INFINITY,
            f64::NEG_INFINITY,
            0.1,
            -0.0,
            f64::MAX,
            5e-324,
        ] {
            let text = serde_json::to_string(&Exact(x)).unwrap();
            let back = serde_json::from_str::<Exact<f64>>(&text).unwrap().0;
            assert_eq!(back.to_bits(), x.to_bits(), "{text}");
        }
        let text = serde_json::to_string(&Exact(u128::MAX)).unwrap();
        assert_eq!(
            serde_json::from_str::<Exact<u128>>(&text).unwrap(),
            Exact(u128::MAX)
        );
    }

    #[test]
    fn numbers_are_read_when_their_digits_fit() {
        assert_eq!(
            serde_json::from_str::<Exact<u8>>("200").unwrap(),
            Exact(200)
        );
        assert_eq!(
            serde_json::from_str::<Exact<u128>>("1e21").unwrap(),
            Exact(10_u128.pow(21))
        );
        assert_eq!(
            serde_json::from_str::<Exact<f64>>("2.5").unwrap(),
            Exact(2.5)
        );
        let error = serde_json::from_str::<Exact<u8>>("300")
            .unwrap_err()
            .to_string();
        assert!(error.contains("`300` cannot be read as `u8`"), "{error}");
        let error = serde_json::from_str::<Exact<i64>>("1.5")
            .unwrap_err()
            .to_string();
        assert!(error.contains("`1.5` cannot be read as `i64`"), "{error}");
        assert!(serde_json::from_str::<Exact<i64>>("null").is_err());
    }
}
