//! `TypedArray`: numbers as plotly.js reads them fastest, the bytes of a JavaScript typed
//! array in base64 with their element type (`{"dtype": "f8", "bdata": "..."}`), the form
//! plotly.py writes for NumPy arrays.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// The element type of a [`TypedArray`]: one of JavaScript's typed arrays, named as
/// plotly.js names it in `dtype`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DType {
    /// `i1`, `Int8Array`.
    I8,
    /// `u1`, `Uint8Array` (`u1c`, `Uint8ClampedArray`, reads as this too).
    U8,
    /// `i2`, `Int16Array`.
    I16,
    /// `u2`, `Uint16Array`.
    U16,
    /// `i4`, `Int32Array`.
    I32,
    /// `u4`, `Uint32Array`.
    U32,
    /// `f4`, `Float32Array`.
    F32,
    /// `f8`, `Float64Array`.
    F64,
}

impl DType {
    /// The short name plotly.js and plotly.py write: `i1`, `u1`, `i2`, `u2`, `i4`, `u4`,
    /// `f4` or `f8`.
    pub fn name(self) -> &'static str {
        match self {
            DType::I8 => "i1",
            DType::U8 => "u1",
            DType::I16 => "i2",
            DType::U16 => "u2",
            DType::I32 => "i4",
            DType::U32 => "u4",
            DType::F32 => "f4",
            DType::F64 => "f8",
        }
    }

    /// Bytes per element.
    pub fn size(self) -> usize {
        match self {
            DType::I8 | DType::U8 => 1,
            DType::I16 | DType::U16 => 2,
            DType::I32 | DType::U32 | DType::F32 => 4,
            DType::F64 => 8,
        }
    }

    /// A `dtype` as plotly.js accepts it: the short names and the long ones (`float64`).
    fn parse(name: &str) -> Option<DType> {
        Some(match name {
            "i1" | "int8" => DType::I8,
            "u1" | "uint8" | "u1c" | "uint8c" => DType::U8,
            "i2" | "int16" => DType::I16,
            "u2" | "uint16" => DType::U16,
            "i4" | "int32" => DType::I32,
            "u4" | "uint32" => DType::U32,
            "f4" | "float32" => DType::F32,
            "f8" | "float64" => DType::F64,
            _ => return None,
        })
    }

    /// One element, little-endian, as a double (exact for every type).
    fn read(self, bytes: &[u8]) -> f64 {
        match self {
            DType::I8 => f64::from(i8::read(bytes)),
            DType::U8 => f64::from(u8::read(bytes)),
            DType::I16 => f64::from(i16::read(bytes)),
            DType::U16 => f64::from(u16::read(bytes)),
            DType::I32 => f64::from(i32::read(bytes)),
            DType::U32 => f64::from(u32::read(bytes)),
            DType::F32 => f64::from(f32::read(bytes)),
            DType::F64 => f64::read(bytes),
        }
    }
}

mod sealed {
    pub trait Sealed {}
}

/// A number type a [`TypedArray`] holds: `i8`, `u8`, `i16`, `u16`, `i32`, `u32`, `f32` or
/// `f64`, the element types of JavaScript's typed arrays. (JavaScript has no typed array
/// plotly.js reads for 64-bit integers; send those as `f64` or as `i32`.)
pub trait Element: Copy + sealed::Sealed + 'static {
    /// The dtype of a typed array of this type.
    const DTYPE: DType;
    #[doc(hidden)]
    fn put(self, out: &mut Vec<u8>);
    #[doc(hidden)]
    fn write(self, slot: &mut [u8]);
    #[doc(hidden)]
    fn read(bytes: &[u8]) -> Self;
    /// This number, if it is exactly a value of this type.
    #[doc(hidden)]
    fn exactly(value: f64) -> Option<Self>;
    #[doc(hidden)]
    fn json(self) -> Value;
}

macro_rules! integer {
    ($($ty:ty => $dtype:ident),*) => {$(
        impl sealed::Sealed for $ty {}
        impl Element for $ty {
            const DTYPE: DType = DType::$dtype;
            fn put(self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.to_le_bytes());
            }
            fn write(self, slot: &mut [u8]) {
                slot.copy_from_slice(&self.to_le_bytes());
            }
            fn read(bytes: &[u8]) -> Self {
                <$ty>::from_le_bytes(bytes.try_into().expect("one element's bytes"))
            }
            fn exactly(value: f64) -> Option<Self> {
                let integer = value as $ty;
                (f64::from(integer) == value).then_some(integer)
            }
            fn json(self) -> Value {
                Value::from(self)
            }
        }
    )*};
}
integer!(i8 => I8, u8 => U8, i16 => I16, u16 => U16, i32 => I32, u32 => U32);

impl sealed::Sealed for f32 {}
impl Element for f32 {
    const DTYPE: DType = DType::F32;
    fn put(self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
    fn write(self, slot: &mut [u8]) {
        slot.copy_from_slice(&self.to_le_bytes());
    }
    fn read(bytes: &[u8]) -> Self {
        f32::from_le_bytes(bytes.try_into().expect("one element's bytes"))
    }
    fn exactly(value: f64) -> Option<Self> {
        let single = value as f32;
        (f64::from(single) == value || value.is_nan()).then_some(single)
    }
    fn json(self) -> Value {
        // The shortest decimal that reads back as this single (`0.1`, not
        // `0.10000000149011612`); NaN and the infinities become `null`, as in JSON.
        let text = self.to_string();
        text.parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map_or(Value::Null, Value::Number)
    }
}

impl sealed::Sealed for f64 {}
impl Element for f64 {
    const DTYPE: DType = DType::F64;
    fn put(self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
    fn write(self, slot: &mut [u8]) {
        slot.copy_from_slice(&self.to_le_bytes());
    }
    fn read(bytes: &[u8]) -> Self {
        f64::from_le_bytes(bytes.try_into().expect("one element's bytes"))
    }
    fn exactly(value: f64) -> Option<Self> {
        Some(value)
    }
    fn json(self) -> Value {
        Value::from(self)
    }
}

/// Why numbers could not be read from a figure.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ArrayError {
    /// Nothing is at this path.
    #[error("the figure has nothing at `{path}`")]
    Missing {
        /// The trace and key looked for, as `data[0].x`.
        path: String,
    },
    /// The value is neither a typed array nor a JSON array of numbers.
    #[error("expected a typed array or an array of numbers, found {found}")]
    NotNumbers {
        /// What was found, briefly.
        found: String,
    },
    /// The `dtype` is not one plotly.js knows.
    #[error("unknown dtype `{0}`: expected one of i1, u1, i2, u2, i4, u4, f4, f8")]
    DType(String),
    /// `bdata` is not base64, or not a whole number of elements.
    #[error("bdata does not hold {dtype} elements: {reason}")]
    Bytes {
        /// The array's dtype.
        dtype: &'static str,
        /// What is wrong with the bytes.
        reason: String,
    },
    /// `shape` does not describe the elements.
    #[error("shape `{shape}` does not fit {len} elements")]
    Shape {
        /// The shape as sent.
        shape: String,
        /// The number of elements.
        len: usize,
    },
    /// An element has no exact value of the type asked for (`2.5` as an `i32`, `300` as
    /// a `u8`).
    #[error("element {index} ({value}) is not exactly a {dtype} value")]
    Inexact {
        /// Its index.
        index: usize,
        /// Its value.
        value: f64,
        /// The type asked for, by its dtype's name.
        dtype: &'static str,
    },
}

/// Numbers in the form plotly.js decodes fastest: the bytes of a typed array, base64 in
/// JSON, with their type (`{"dtype": "f8", "bdata": "AAAAAAAA8D8..."}`), as plotly.py sends
/// NumPy arrays.
///
/// [`Trace::array`](crate::figure::Trace::array) and the figure's own encoding make these
/// for you; build one yourself to put in a `json!` trace. A long `Vec<f64>` costs 10.7
/// bytes per number on the wire, against about 19 as JSON text, and no parsing of
/// decimals in the browser. NaN is sent as NaN, which plotly.js draws as a gap, as it
/// draws `null`.
///
/// ```
/// use dash::figure::TypedArray;
/// use serde_json::json;
///
/// let x = TypedArray::from(vec![1.0_f64, 2.5]);
/// assert_eq!(json!(x), json!({"dtype": "f8", "bdata": "AAAAAAAA8D8AAAAAAAAEQA=="}));
/// // Read back, from a figure in `State` say, into the same type.
/// let back = TypedArray::try_from(&json!({"dtype": "f8", "bdata": "AAAAAAAA8D8AAAAAAAAEQA=="}));
/// assert_eq!(back.unwrap().to_vec::<f64>().unwrap(), vec![1.0, 2.5]);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct TypedArray {
    dtype: DType,
    /// The elements, little-endian, as plotly.js reads them.
    bytes: Vec<u8>,
    /// Rows and columns (numpy order), for a matrix; `None` for a list.
    shape: Option<Vec<usize>>,
}

impl TypedArray {
    /// The length from which a figure sends an array of numbers as a typed array: below
    /// it, plain JSON is about as small, and easier to read.
    pub const MIN_LEN: usize = 32;

    /// A list of numbers.
    pub fn new<T: Element>(values: &[T]) -> Self {
        // Written into place, element by element, which the compiler turns into a copy
        // on little-endian machines.
        let size = T::DTYPE.size();
        let mut bytes = vec![0; values.len() * size];
        for (slot, value) in bytes.chunks_exact_mut(size).zip(values) {
            value.write(slot);
        }
        TypedArray {
            dtype: T::DTYPE,
            bytes,
            shape: None,
        }
    }

    /// A matrix (the `z` of a heatmap, say) of rows of `columns` numbers each, from its
    /// numbers row after row.
    pub fn matrix<T: Element>(values: &[T], columns: usize) -> Result<Self, ArrayError> {
        if columns == 0 || !values.len().is_multiple_of(columns) {
            return Err(ArrayError::Shape {
                shape: format!("?, {columns}"),
                len: values.len(),
            });
        }
        let mut array = TypedArray::new(values);
        array.shape = Some(vec![values.len() / columns, columns]);
        Ok(array)
    }

    /// The element type.
    pub fn dtype(&self) -> DType {
        self.dtype
    }

    /// The number of elements.
    pub fn len(&self) -> usize {
        self.bytes.len() / self.dtype.size()
    }

    /// Whether it holds no element.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// Rows and columns for a matrix, `None` for a list.
    pub fn shape(&self) -> Option<&[usize]> {
        self.shape.as_deref()
    }

    /// The elements as `T`s (a matrix row after row), if each is exactly a `T`: an `i4`
    /// array reads as `i32`, `f64` or any type its values fit; an `f8` array as `f32`
    /// only where no precision is lost.
    pub fn to_vec<T: Element>(&self) -> Result<Vec<T>, ArrayError> {
        let size = self.dtype.size();
        let elements = self.bytes.chunks_exact(size);
        if self.dtype == T::DTYPE {
            return Ok(elements.map(T::read).collect());
        }
        elements
            .enumerate()
            .map(|(index, bytes)| {
                let value = self.dtype.read(bytes);
                T::exactly(value).ok_or(ArrayError::Inexact {
                    index,
                    value,
                    dtype: T::DTYPE.name(),
                })
            })
            .collect()
    }

    /// Reads a typed array (`{"dtype", "bdata", "shape"?}`), or a JSON array of numbers
    /// (a list, or a list of equally long rows), as the browser may send either. In JSON,
    /// `null` is a gap, read as NaN (as a typed array carries it), and `[]` is empty.
    pub fn from_json(value: &Value) -> Result<Self, ArrayError> {
        match value {
            Value::Object(spec) => TypedArray::from_spec(spec),
            Value::Array(items) => {
                if items.iter().all(Value::is_array) && !items.is_empty() {
                    return TypedArray::from_rows(items);
                }
                TypedArray::read_numbers(items)
            }
            other => Err(ArrayError::NotNumbers {
                found: kind(other).to_owned(),
            }),
        }
    }

    /// The base64 of the bytes, `bdata`.
    fn bdata(&self) -> String {
        STANDARD.encode(&self.bytes)
    }

    /// `shape` as plotly.py writes it, `"rows, columns"`.
    fn shape_text(&self) -> Option<String> {
        self.shape.as_ref().map(|shape| {
            shape
                .iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        })
    }

    fn from_spec(spec: &Map<String, Value>) -> Result<Self, ArrayError> {
        let (Some(Value::String(dtype)), Some(Value::String(bdata))) =
            (spec.get("dtype"), spec.get("bdata"))
        else {
            return Err(ArrayError::NotNumbers {
                found: "an object without string `dtype` and `bdata`".to_owned(),
            });
        };
        let dtype = DType::parse(dtype).ok_or_else(|| ArrayError::DType(dtype.clone()))?;
        let bytes = STANDARD.decode(bdata).map_err(|error| ArrayError::Bytes {
            dtype: dtype.name(),
            reason: error.to_string(),
        })?;
        if bytes.len() % dtype.size() != 0 {
            return Err(ArrayError::Bytes {
                dtype: dtype.name(),
                reason: format!("{} bytes", bytes.len()),
            });
        }
        let len = bytes.len() / dtype.size();
        let shape = match spec.get("shape") {
            None | Some(Value::Null) => None,
            Some(shape) => Some(read_shape(shape, len)?),
        };
        Ok(TypedArray {
            dtype,
            bytes,
            shape: shape.filter(|dims| dims.len() > 1),
        })
    }

    fn from_rows(rows: &[Value]) -> Result<Self, ArrayError> {
        let columns = rows[0].as_array().map_or(0, Vec::len);
        let mut numbers = Vec::with_capacity(rows.len() * columns);
        for row in rows {
            let row = row.as_array().expect("checked: every item is an array");
            if row.len() != columns {
                return Err(ArrayError::Shape {
                    shape: format!("{}, {columns}", rows.len()),
                    len: numbers.len() + row.len(),
                });
            }
            numbers.extend(row.iter().cloned());
        }
        let mut array = TypedArray::read_numbers(&numbers)?;
        array.shape = Some(vec![rows.len(), columns]);
        Ok(array)
    }

    /// JSON numbers read back: [`from_numbers`](Self::from_numbers), with `null` read as
    /// NaN (as doubles), nothing as an empty list, and an error that says what is wrong.
    fn read_numbers(items: &[Value]) -> Result<Self, ArrayError> {
        if items.is_empty() {
            return Ok(TypedArray::new::<f64>(&[]));
        }
        if let Some(array) = TypedArray::from_numbers(items) {
            return Ok(array);
        }
        if !items.iter().all(|item| item.is_number() || item.is_null()) {
            return Err(ArrayError::NotNumbers {
                found: "an array with other values than numbers".to_owned(),
            });
        }
        let mut doubles = Vec::with_capacity(items.len());
        for item in items {
            doubles.push(match item.as_number() {
                None => f64::NAN,
                Some(number) if number.is_f64() => number.as_f64().expect("a double"),
                Some(number) => {
                    let exact = number.as_i64().filter(|n| n.unsigned_abs() <= 1 << 53);
                    exact.ok_or_else(|| ArrayError::NotNumbers {
                        found: format!("the integer {number}, which a double does not hold"),
                    })? as f64
                }
            });
        }
        Ok(TypedArray::new(&doubles))
    }

    /// JSON numbers as a typed array of the smallest type that holds each exactly:
    /// integers as `i1` to `u4`, others as `f8`. `None` when an item is not a number, or
    /// an integer beyond what a double holds exactly.
    pub(crate) fn from_numbers(items: &[Value]) -> Option<Self> {
        const EXACT: i64 = 1 << 53;
        if items.is_empty() {
            return None;
        }
        let (mut low, mut high, mut float) = (i64::MAX, i64::MIN, false);
        for item in items {
            let Value::Number(number) = item else {
                return None;
            };
            match number.as_i64() {
                Some(integer) => {
                    low = low.min(integer);
                    high = high.max(integer);
                }
                None if number.is_u64() => return None, // above i64, so beyond 2^53
                None => float = true,
            }
        }
        if float && low <= high && (low < -EXACT || high > EXACT) {
            return None; // integers a double would change
        }
        let dtype = match (float, low, high) {
            (true, ..) => DType::F64,
            (_, low, high) if low >= i64::from(i8::MIN) && high <= i64::from(i8::MAX) => DType::I8,
            (_, 0.., high) if high <= i64::from(u8::MAX) => DType::U8,
            (_, low, high) if low >= i64::from(i16::MIN) && high <= i64::from(i16::MAX) => {
                DType::I16
            }
            (_, 0.., high) if high <= i64::from(u16::MAX) => DType::U16,
            (_, low, high) if low >= i64::from(i32::MIN) && high <= i64::from(i32::MAX) => {
                DType::I32
            }
            (_, 0.., high) if high <= i64::from(u32::MAX) => DType::U32,
            (_, low, high) if low >= -EXACT && high <= EXACT => DType::F64,
            _ => return None,
        };
        let mut bytes = Vec::with_capacity(items.len() * dtype.size());
        for item in items {
            let Value::Number(number) = item else {
                unreachable!("checked above: every item is a number")
            };
            match (dtype, number.as_i64()) {
                (DType::F64, _) | (_, None) => {
                    number.as_f64().expect("a JSON number").put(&mut bytes)
                }
                // The range check above chose a type that holds every integer.
                (DType::I8, Some(n)) => (n as i8).put(&mut bytes),
                (DType::U8, Some(n)) => (n as u8).put(&mut bytes),
                (DType::I16, Some(n)) => (n as i16).put(&mut bytes),
                (DType::U16, Some(n)) => (n as u16).put(&mut bytes),
                (DType::I32, Some(n)) => (n as i32).put(&mut bytes),
                (DType::U32, Some(n)) => (n as u32).put(&mut bytes),
                (DType::F32, Some(n)) => (n as f32).put(&mut bytes),
            }
        }
        Some(TypedArray {
            dtype,
            bytes,
            shape: None,
        })
    }

    /// The elements as a plain JSON array (a list of rows for a matrix): what a short
    /// array is sent as.
    pub(crate) fn to_plain(&self) -> Value {
        fn plain<T: Element>(array: &TypedArray) -> Vec<Value> {
            array
                .bytes
                .chunks_exact(T::DTYPE.size())
                .map(|bytes| T::read(bytes).json())
                .collect()
        }
        let values = match self.dtype {
            DType::I8 => plain::<i8>(self),
            DType::U8 => plain::<u8>(self),
            DType::I16 => plain::<i16>(self),
            DType::U16 => plain::<u16>(self),
            DType::I32 => plain::<i32>(self),
            DType::U32 => plain::<u32>(self),
            DType::F32 => plain::<f32>(self),
            DType::F64 => plain::<f64>(self),
        };
        match self.shape.as_deref() {
            Some([_, columns, ..]) if *columns > 0 => Value::Array(
                values
                    .chunks(*columns)
                    .map(|row| Value::Array(row.to_vec()))
                    .collect(),
            ),
            _ => Value::Array(values),
        }
    }
}

fn read_shape(shape: &Value, len: usize) -> Result<Vec<usize>, ArrayError> {
    let text = match shape {
        Value::String(text) => text.clone(),
        Value::Number(number) => number.to_string(),
        Value::Array(dims) => dims
            .iter()
            .map(|dim| dim.to_string())
            .collect::<Vec<_>>()
            .join(","),
        other => other.to_string(),
    };
    let wrong = || ArrayError::Shape {
        shape: text.clone(),
        len,
    };
    let dims = text
        .split(',')
        .map(|dim| dim.trim().parse::<usize>().map_err(|_| wrong()))
        .collect::<Result<Vec<_>, _>>()?;
    let count = dims
        .iter()
        .try_fold(1_usize, |count, &dim| count.checked_mul(dim));
    if count != Some(len) {
        return Err(wrong());
    }
    Ok(dims)
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl<T: Element> From<&[T]> for TypedArray {
    fn from(values: &[T]) -> Self {
        TypedArray::new(values)
    }
}

impl<T: Element> From<Vec<T>> for TypedArray {
    fn from(values: Vec<T>) -> Self {
        TypedArray::new(&values)
    }
}

impl<T: Element> From<&Vec<T>> for TypedArray {
    fn from(values: &Vec<T>) -> Self {
        TypedArray::new(values)
    }
}

impl<T: Element, const N: usize> From<[T; N]> for TypedArray {
    fn from(values: [T; N]) -> Self {
        TypedArray::new(&values)
    }
}

impl<T: Element, const N: usize> From<&[T; N]> for TypedArray {
    fn from(values: &[T; N]) -> Self {
        TypedArray::new(values)
    }
}

impl TryFrom<&Value> for TypedArray {
    type Error = ArrayError;

    /// [`TypedArray::from_json`].
    fn try_from(value: &Value) -> Result<Self, Self::Error> {
        TypedArray::from_json(value)
    }
}

impl From<TypedArray> for Value {
    /// The typed-array object, `{"dtype", "bdata"}`, with `"shape"` for a matrix.
    fn from(array: TypedArray) -> Self {
        let mut spec = Map::new();
        spec.insert("dtype".to_owned(), Value::from(array.dtype.name()));
        spec.insert("bdata".to_owned(), Value::String(array.bdata()));
        if let Some(shape) = array.shape_text() {
            spec.insert("shape".to_owned(), Value::String(shape));
        }
        Value::Object(spec)
    }
}

impl Serialize for TypedArray {
    /// The typed-array object, `{"dtype", "bdata"}`, with `"shape"` for a matrix.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let shape = self.shape_text();
        let mut map = serializer.serialize_map(Some(2 + usize::from(shape.is_some())))?;
        map.serialize_entry("dtype", self.dtype.name())?;
        map.serialize_entry("bdata", &self.bdata())?;
        if let Some(shape) = shape {
            map.serialize_entry("shape", &shape)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for TypedArray {
    /// A typed array, or a JSON array of numbers ([`TypedArray::from_json`]).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        TypedArray::from_json(&value).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_type_round_trips_through_json() {
        fn check<T: Element + PartialEq + std::fmt::Debug>(values: Vec<T>, dtype: &str) {
            let json = json!(TypedArray::from(&values));
            assert_eq!(json["dtype"], json!(dtype));
            let back = TypedArray::from_json(&json).unwrap();
            assert_eq!(back.to_vec::<T>().unwrap(), values);
        }
        check(vec![-128_i8, 0, 127], "i1");
        check(vec![0_u8, 255], "u1");
        check(vec![i16::MIN, i16::MAX], "i2");
        check(vec![0_u16, u16::MAX], "u2");
        check(vec![i32::MIN, 7, i32::MAX], "i4");
        check(vec![0_u32, u32::MAX], "u4");
        check(vec![0.1_f32, -2.5, f32::MAX], "f4");
        check(vec![0.1_f64, -2.5e300, f64::MIN_POSITIVE], "f8");
    }

    #[test]
    fn bytes_are_little_endian_as_plotly_py_writes_them() {
        // numpy.array([1, 2], dtype="int32") in plotly.py: AQAAAAIAAAA=
        assert_eq!(
            json!(TypedArray::from([1_i32, 2])),
            json!({"dtype": "i4", "bdata": "AQAAAAIAAAA="})
        );
    }

    #[test]
    fn numbers_widen_but_never_lose_precision() {
        let small = TypedArray::from([1_u8, 200]);
        assert_eq!(small.to_vec::<i32>().unwrap(), vec![1, 200]);
        assert_eq!(small.to_vec::<f64>().unwrap(), vec![1.0, 200.0]);
        assert!(matches!(
            small.to_vec::<i8>(),
            Err(ArrayError::Inexact { index: 1, .. })
        ));
        let doubles = TypedArray::from([0.5_f64, 0.1]);
        assert_eq!(
            doubles.to_vec::<f32>(),
            Err(ArrayError::Inexact {
                index: 1,
                value: 0.1,
                dtype: "f4"
            })
        );
        assert!(TypedArray::from([2.5_f64]).to_vec::<i32>().is_err());
    }

    #[test]
    fn json_numbers_take_the_smallest_exact_type() {
        let of = |value: Value| TypedArray::from_json(&value).unwrap().dtype();
        assert_eq!(of(json!([1, -3, 100])), DType::I8);
        assert_eq!(of(json!([1, 200])), DType::U8);
        assert_eq!(of(json!([-1, 200])), DType::I16);
        assert_eq!(of(json!([1, 60000])), DType::U16);
        assert_eq!(of(json!([-1, 60000])), DType::I32);
        assert_eq!(of(json!([1, 4_000_000_000_u32])), DType::U32);
        assert_eq!(of(json!([-1, 4_000_000_000_u32])), DType::F64);
        assert_eq!(of(json!([1, 2.5])), DType::F64);
        assert_eq!(of(json!([1.5, 2])), DType::F64);
        // Beyond 2^53 a double would change the number.
        let error = TypedArray::from_json(&json!([1.5, 9_007_199_254_740_993_i64])).unwrap_err();
        assert!(
            error.to_string().contains("the integer 9007199254740993"),
            "{error}"
        );
        assert!(TypedArray::from_json(&json!([u64::MAX])).is_err());
        let error = TypedArray::from_json(&json!([1, "a"])).unwrap_err();
        assert!(
            error.to_string().contains("other values than numbers"),
            "{error}"
        );
    }

    #[test]
    fn gaps_and_empty_lists_read_back() {
        let gaps = TypedArray::from_json(&json!([1.5, null, 2])).unwrap();
        let doubles = gaps.to_vec::<f64>().unwrap();
        assert_eq!((doubles[0], doubles[2]), (1.5, 2.0));
        assert!(doubles[1].is_nan());
        assert!(gaps.to_vec::<i32>().is_err(), "a gap is no integer");
        let empty = TypedArray::from_json(&json!([])).unwrap();
        assert_eq!(empty.to_vec::<i32>().unwrap(), Vec::<i32>::new());
        let rows = TypedArray::from_json(&json!([[], []])).unwrap();
        assert_eq!((rows.len(), rows.shape()), (0, Some(&[2, 0][..])));
    }

    #[test]
    fn a_shape_too_large_is_an_error_not_an_overflow() {
        for shape in ["18446744073709551615, 2", "9223372036854775808, 2"] {
            let spec = json!({"dtype": "u1", "bdata": "", "shape": shape});
            assert!(TypedArray::from_json(&spec).is_err(), "{shape}");
        }
    }

    #[test]
    fn matrices_carry_their_shape() {
        let z = TypedArray::matrix(&[1_u8, 2, 3, 4, 5, 6], 3).unwrap();
        let json = json!(z);
        assert_eq!(json["shape"], json!("2, 3"));
        let back = TypedArray::from_json(&json).unwrap();
        assert_eq!(back.shape(), Some(&[2, 3][..]));
        assert_eq!(back.to_plain(), json!([[1, 2, 3], [4, 5, 6]]));
        let rows = TypedArray::from_json(&json!([[1, 2], [3, 4]])).unwrap();
        assert_eq!(rows.shape(), Some(&[2, 2][..]));
        assert!(TypedArray::from_json(&json!([[1, 2], [3]])).is_err());
        assert!(TypedArray::matrix(&[1_u8, 2, 3], 2).is_err());
        assert!(
            TypedArray::from_json(&json!({"dtype": "u1", "bdata": "AQID", "shape": "2, 2"}))
                .is_err()
        );
    }

    #[test]
    fn bad_specs_are_errors_that_say_why() {
        let error = TypedArray::from_json(&json!({"dtype": "c16", "bdata": ""})).unwrap_err();
        assert!(error.to_string().contains("unknown dtype `c16`"), "{error}");
        let error = TypedArray::from_json(&json!({"dtype": "f8", "bdata": "AQID"})).unwrap_err();
        assert!(error.to_string().contains("3 bytes"), "{error}");
        let error = TypedArray::from_json(&json!({"dtype": "f8", "bdata": "!!"})).unwrap_err();
        assert!(
            error.to_string().starts_with("bdata does not hold f8"),
            "{error}"
        );
        assert!(TypedArray::from_json(&json!("x")).is_err());
    }

    #[test]
    fn singles_as_json_are_their_shortest_decimals() {
        assert_eq!(
            TypedArray::from([0.1_f32, f32::NAN]).to_plain(),
            json!([0.1, null])
        );
    }
}
