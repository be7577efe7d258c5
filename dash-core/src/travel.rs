//! What survives the trip through the browser: encoding that refuses values the browser
//! would silently change.
//!
//! Every value the server sends goes through `JSON.parse` and, when a callback reads it
//! back, `JSON.stringify`. Two kinds of Rust values do not survive:
//!
//! - **Non-finite floats.** JSON has no NaN or infinity; `serde_json` writes them as `null`,
//!   which an `f64` cannot read back.
//! - **Integers a JavaScript number cannot hold exactly**: beyond 2^53 only some integers
//!   are doubles (`i64::MAX` comes back as `9223372036854775808`), and from 10^21 up
//!   `JSON.stringify` writes an exponent (`1e+21`), which no integer type reads.
//!
//! [`to_json`] is `serde_json::to_value` that fails on either, naming the JSON path and the
//! type that travels instead: `Option<f64>` for a number that may be missing, and
//! [`Exact<T>`](crate::Exact), which travels as text, for the rest. Every output, side
//! update, patch, `running` value and layout prop is encoded with it.

use std::fmt::{self, Display};

use serde::Serialize;
use serde::ser;
use serde_json::Value;

/// Encodes `value` as JSON, as `serde_json::to_value` does, unless the browser would
/// change it: a NaN, an infinity or an integer a JavaScript number cannot hold is an error
/// whose message names the path (`rows[3].y`), what would arrive instead and the fix.
///
/// ```
/// use dash::to_json;
///
/// assert_eq!(to_json(&vec![Some(1.5), None]).unwrap(), serde_json::json!([1.5, null]));
/// let error = to_json(&vec![1.5, f64::NAN]).unwrap_err().to_string();
/// assert!(error.starts_with("at `[1]`: NaN"), "{error}");
/// assert!(to_json(&i64::MAX).is_err());
/// assert!(to_json(&(1_i64 << 60)).is_ok(), "a power of two is a double");
/// ```
pub fn to_json<T: ?Sized + Serialize>(value: &T) -> Result<Value, serde_json::Error> {
    let mut trail = Vec::new();
    match value.serialize(Checker { trail: &mut trail }) {
        Ok(()) => serde_json::to_value(value),
        // The value's own `Serialize` failed: serde_json reports it in its own words.
        Err(Halt::Custom(message)) => {
            serde_json::to_value(value).and_then(|_| Err(ser::Error::custom(message)))
        }
        Err(Halt::Lost(loss)) => {
            trail.reverse();
            let at = if trail.is_empty() {
                String::new()
            } else {
                format!("at `{}`: ", render(&trail))
            };
            Err(ser::Error::custom(format!("{at}{loss}")))
        }
    }
}

/// The largest integer from which every smaller one is a JavaScript number (2^53).
const EXACT_LIMIT: f64 = 9_007_199_254_740_992.0;

/// What would not survive.
#[derive(Debug)]
enum Loss {
    NotANumber,
    Infinite(f64),
    Integer(i128),
    Unsigned(u128),
}

impl Display for Loss {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Loss::NotANumber => f.write_str(
                "NaN cannot be sent to the browser: JSON has no NaN, so it would travel as \
                 `null`, which a float cannot read back. Send `None` in an `Option<f64>` for a \
                 missing number, or `dash::Exact<f64>` to keep NaN (it travels as text)",
            ),
            Loss::Infinite(x) => write!(
                f,
                "{x} cannot be sent to the browser: JSON has no infinities, so it would travel \
                 as `null`, which a float cannot read back. Send `dash::Exact<f64>` to keep it \
                 (it travels as text), or clamp it to `f64::MAX`"
            ),
            Loss::Integer(n) => integer(f, &n.to_string(), *n as f64),
            Loss::Unsigned(n) => integer(f, &n.to_string(), *n as f64),
        }
    }
}

fn integer(f: &mut fmt::Formatter<'_>, digits: &str, double: f64) -> fmt::Result {
    let back = if double.abs() < 1e21 {
        format!("{double:.0}")
    } else {
        format!("{double:e}")
            .replace('e', "e+")
            .replace("e+-", "e-")
    };
    write!(
        f,
        "{digits} cannot be sent to the browser as a number: a JavaScript number holds \
         integers exactly only up to 2^53 ({EXACT_LIMIT}) and writes them with an exponent \
         from 10^21 up, so it would come back as {back}. Send it as `dash::Exact<_>`, which \
         travels as text"
    )
}

/// Whether an integer comes back from the browser with the same digits.
fn survives(n: i128) -> bool {
    let double = n as f64;
    double.abs() < 1e21 && double as i128 == n
}

/// Why the check stopped.
#[derive(Debug)]
enum Halt {
    Lost(Loss),
    /// The value's `Serialize` impl failed on its own.
    Custom(String),
}

impl Display for Halt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Halt::Lost(loss) => loss.fmt(f),
            Halt::Custom(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Halt {}

impl ser::Error for Halt {
    fn custom<T: Display>(message: T) -> Self {
        Halt::Custom(message.to_string())
    }
}

/// One step of a JSON path, innermost first while an error bubbles up.
enum Step {
    Index(usize),
    Key(String),
}

fn render(trail: &[Step]) -> String {
    let mut out = String::new();
    for step in trail {
        match step {
            Step::Index(i) => out.push_str(&format!("[{i}]")),
            Step::Key(key) if is_plain(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Step::Key(key) => out.push_str(&format!("[{key:?}]")),
        }
    }
    out
}

fn is_plain(key: &str) -> bool {
    !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// Walks a value the way `serde_json` would write it, building nothing. The path of a
/// failure is recorded only while the error bubbles up, so a value that travels costs no
/// allocation here.
struct Checker<'a> {
    trail: &'a mut Vec<Step>,
}

/// A sequence, tuple, map or struct being walked; `variant` when it is an enum variant's
/// (`{"Variant": [..]}` or `{"Variant": {..}}`).
struct Compound<'a> {
    trail: &'a mut Vec<Step>,
    index: usize,
    variant: Option<&'static str>,
}

impl Compound<'_> {
    fn element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Halt> {
        let index = self.index;
        self.index += 1;
        let result = value.serialize(Checker { trail: self.trail });
        self.failed(result, || Step::Index(index))
    }

    fn field<T: ?Sized + Serialize>(&mut self, key: &str, value: &T) -> Result<(), Halt> {
        let result = value.serialize(Checker { trail: self.trail });
        self.failed(result, || Step::Key(key.to_owned()))
    }

    /// Records the steps to a failure, innermost first, as it bubbles up.
    fn failed(
        &mut self,
        result: Result<(), Halt>,
        step: impl FnOnce() -> Step,
    ) -> Result<(), Halt> {
        if result.is_err() {
            self.trail.push(step());
            if let Some(variant) = self.variant {
                self.trail.push(Step::Key(variant.to_owned()));
            }
        }
        result
    }
}

impl<'a> ser::Serializer for Checker<'a> {
    type Ok = ();
    type Error = Halt;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, _: bool) -> Result<(), Halt> {
        Ok(())
    }
    fn serialize_i8(self, _: i8) -> Result<(), Halt> {
        Ok(())
    }
    fn serialize_i16(self, _: i16) -> Result<(), Halt> {
        Ok(())
    }
    fn serialize_i32(self, _: i32) -> Result<(), Halt> {
        Ok(())
    }
    fn serialize_i64(self, n: i64) -> Result<(), Halt> {
        self.serialize_i128(n.into())
    }
    fn serialize_i128(self, n: i128) -> Result<(), Halt> {
        if survives(n) {
            Ok(())
        } else {
            Err(Halt::Lost(Loss::Integer(n)))
        }
    }
    fn serialize_u8(self, _: u8) -> Result<(), Halt> {
        Ok(())
    }
    fn serialize_u16(self, _: u16) -> Result<(), Halt> {
        Ok(())
    }
    fn serialize_u32(self, _: u32) -> Result<(), Halt> {
        Ok(())
    }
    fn serialize_u64(self, n: u64) -> Result<(), Halt> {
        self.serialize_u128(n.into())
    }
    fn serialize_u128(self, n: u128) -> Result<(), Halt> {
        match i128::try_from(n) {
            Ok(n) if survives(n) => Ok(()),
            _ => Err(Halt::Lost(Loss::Unsigned(n))),
        }
    }
    fn serialize_f32(self, x: f32) -> Result<(), Halt> {
        self.serialize_f64(x.into())
    }
    fn serialize_f64(self, x: f64) -> Result<(), Halt> {
        if x.is_nan() {
            Err(Halt::Lost(Loss::NotANumber))
        } else if x.is_infinite() {
            Err(Halt::Lost(Loss::Infinite(x)))
        } else {
            Ok(())
        }
    }
    fn serialize_char(self, _: char) -> Result<(), Halt> {
        Ok(())
    }
    fn serialize_str(self, _: &str) -> Result<(), Halt> {
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Halt> {
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Halt> {
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Halt> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Halt> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Halt> {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<(), Halt> {
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Halt> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Halt> {
        // `{"Variant": value}`, as serde_json writes it.
        self.compound().field(variant, value)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, Halt> {
        Ok(self.compound())
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'a>, Halt> {
        Ok(self.compound())
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Halt> {
        Ok(self.compound())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Halt> {
        Ok(self.variant(variant))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, Halt> {
        Ok(self.compound())
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Halt> {
        Ok(self.compound())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Halt> {
        Ok(self.variant(variant))
    }
}

impl<'a> Checker<'a> {
    fn compound(self) -> Compound<'a> {
        Compound {
            trail: self.trail,
            index: 0,
            variant: None,
        }
    }

    fn variant(self, variant: &'static str) -> Compound<'a> {
        Compound {
            variant: Some(variant),
            ..self.compound()
        }
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Halt;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Halt> {
        self.element(value)
    }
    fn end(self) -> Result<(), Halt> {
        Ok(())
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = Halt;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Halt> {
        self.element(value)
    }
    fn end(self) -> Result<(), Halt> {
        Ok(())
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = Halt;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Halt> {
        self.element(value)
    }
    fn end(self) -> Result<(), Halt> {
        Ok(())
    }
}

impl ser::SerializeTupleVariant for Compound<'_> {
    type Ok = ();
    type Error = Halt;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Halt> {
        self.element(value)
    }
    fn end(self) -> Result<(), Halt> {
        Ok(())
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Halt;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, _: &T) -> Result<(), Halt> {
        // Keys are text in JSON: serde_json itself refuses keys it cannot write.
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Halt> {
        self.field("?", value)
    }
    fn serialize_entry<K: ?Sized + Serialize, V: ?Sized + Serialize>(
        &mut self,
        key: &K,
        value: &V,
    ) -> Result<(), Halt> {
        let result = value.serialize(Checker { trail: self.trail });
        self.failed(result, || {
            Step::Key(match serde_json::to_value(key) {
                Ok(Value::String(text)) => text,
                Ok(other) => other.to_string(),
                Err(_) => "?".to_owned(),
            })
        })
    }
    fn end(self) -> Result<(), Halt> {
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Halt;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Halt> {
        self.field(key, value)
    }
    fn end(self) -> Result<(), Halt> {
        Ok(())
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = Halt;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Halt> {
        self.field(key, value)
    }
    fn end(self) -> Result<(), Halt> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::collections::BTreeMap;

    fn error<T: Serialize>(value: T) -> String {
        to_json(&value).unwrap_err().to_string()
    }

    #[test]
    fn what_travels_is_encoded_as_serde_json_does() {
        #[derive(Serialize)]
        enum Shape {
            Circle { r: f64 },
            Pair(u8, i64),
            Tag(String),
            Empty,
        }
        let value = (
            vec![
                Shape::Circle { r: 1.5 },
                Shape::Pair(1, -2),
                Shape::Tag("t".into()),
            ],
            Shape::Empty,
            BTreeMap::from([(3, "three")]),
            Some(f32::MAX),
            (1_u64 << 53, -(1_i64 << 53), 1_u128 << 60),
        );
        assert_eq!(
            to_json(&value).unwrap(),
            serde_json::to_value(&value).unwrap()
        );
    }

    #[test]
    fn non_finite_floats_are_refused_with_their_path() {
        #[derive(Serialize)]
        struct Row {
            y: Vec<f64>,
        }
        let rows = BTreeMap::from([(
            "rain fall",
            vec![Row {
                y: vec![0.0, f64::INFINITY],
            }],
        )]);
        let text = error(&rows);
        assert!(
            text.starts_with("at `[\"rain fall\"][0].y[1]`: inf "),
            "{text}"
        );
        assert!(text.contains("Exact<f64>"), "{text}");
        assert!(error(f64::NAN).starts_with("NaN cannot be sent"));
        assert!(error(vec![f32::NEG_INFINITY]).starts_with("at `[0]`: -inf"));
    }

    #[test]
    fn integers_beyond_doubles_are_refused() {
        let text = error(i64::MAX);
        assert!(text.contains("9223372036854775808"), "{text}");
        assert!(error((1_u64 << 53) + 1).contains("come back as 9007199254740992"));
        assert!(error(10_u128.pow(21)).contains("come back as 1e+21"));
        assert!(error(-(10_i128.pow(22))).contains("come back as -1e+22"));
        assert!(to_json(&u64::MAX).is_err());
        assert!(to_json(&(10_u128.pow(21) - 1)).is_err(), "not a double");
        assert!(to_json(&(1_u64 << 63)).is_ok(), "2^63 is a double");
    }

    #[test]
    fn variant_paths_name_the_variant() {
        #[derive(Serialize)]
        enum Shape {
            Circle { r: f64 },
            Pair(u8, f64),
            Wrap(f64),
        }
        assert!(error(vec![Shape::Circle { r: f64::NAN }]).starts_with("at `[0].Circle.r`"));
        assert!(error(Shape::Pair(1, f64::NAN)).starts_with("at `Pair[1]`"));
        assert!(error(Shape::Wrap(f64::NAN)).starts_with("at `Wrap`"));
        // A variant that travels leaves no step behind for a later failure.
        let later = (Shape::Pair(1, 2.0), f64::NAN);
        assert!(
            error(later).starts_with("at `[1]`"),
            "{}",
            error((Shape::Pair(1, 2.0), f64::NAN))
        );
    }

    #[test]
    fn values_from_json_travel_and_own_errors_pass_through() {
        let value = json!({"a": [1, 2.5, null, "x"], "b": u64::MAX});
        assert!(error(&value).starts_with("at `b`"));
        struct Failing;
        impl Serialize for Failing {
            fn serialize<S: ser::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
                Err(ser::Error::custom("no"))
            }
        }
        assert_eq!(error(Failing), "no");
        assert!(
            to_json(&BTreeMap::from([((1, 2), 3)])).is_err(),
            "serde_json's own rule"
        );
    }
}
