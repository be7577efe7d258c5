//! `Trace`: one trace of a figure, built from Rust values, its numbers as typed arrays.

use serde_json::{Map, Value};

use super::TypedArray;

/// One trace of a [`Figure`](super::Figure), built key by key: its data from Rust
/// slices and vectors, which go out as typed arrays, the rest from anything that becomes
/// JSON.
///
/// Keys may be paths into nested objects, as plotly.js writes them (`"marker.color"`).
///
/// ```
/// use dash::figure::{Figure, Trace};
///
/// let x: Vec<f64> = (0..1000).map(f64::from).collect();
/// let y: Vec<f32> = x.iter().map(|x| (x / 100.0).sin() as f32).collect();
/// let figure = Figure::new().trace(
///     Trace::new("scattergl")
///         .array("x", &x)
///         .array("y", &y)
///         .array("marker.color", &[1_u8, 2, 3])
///         .set("mode", "markers")
///         .set("name", "sine"),
/// );
/// let json = serde_json::to_value(&figure).unwrap();
/// assert_eq!(json["data"][0]["x"]["dtype"], "f8");
/// assert_eq!(json["data"][0]["y"]["dtype"], "f4");
/// // Short arrays stay plain JSON, which is smaller and easier to read.
/// assert_eq!(json["data"][0]["marker"]["color"], serde_json::json!([1, 2, 3]));
/// assert_eq!(figure.values::<f32>(0, "y").unwrap(), y);
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trace(Map<String, Value>);

impl Trace {
    /// A trace of this type (`"scatter"`, `"scattergl"`, `"bar"`, `"heatmap"`, …).
    pub fn new(kind: &str) -> Self {
        Trace::default().set("type", kind)
    }

    /// Sets numbers (`x`, `y`, `z`, `marker.size`, …) from a `Vec`, a slice or an array
    /// of `f64`, `f32`, `i32`, `u32`, `i16`, `u16`, `i8` or `u8`, or from a
    /// [`TypedArray`] (a matrix, say). From [`TypedArray::MIN_LEN`] numbers on they go
    /// as a typed array of that element type; fewer, as plain JSON (NaN as `null`).
    pub fn array(self, key: &str, values: impl Into<TypedArray>) -> Self {
        let values = values.into();
        let value = if values.len() >= TypedArray::MIN_LEN {
            Value::from(values)
        } else {
            values.to_plain()
        };
        self.set(key, value)
    }

    /// Sets any other attribute (`mode`, `name`, `marker.symbol`, `text`, …).
    pub fn set(mut self, key: &str, value: impl Into<Value>) -> Self {
        let mut path = key.split('.').peekable();
        let mut object = &mut self.0;
        while let Some(step) = path.next() {
            if path.peek().is_none() {
                object.insert(step.to_owned(), value.into());
                break;
            }
            let entry = object
                .entry(step.to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            if !entry.is_object() {
                *entry = Value::Object(Map::new());
            }
            object = entry.as_object_mut().expect("made an object above");
        }
        self
    }
}

impl From<Trace> for Value {
    fn from(trace: Trace) -> Self {
        Value::Object(trace.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_build_nested_objects() {
        let trace = Trace::new("bar")
            .set("marker.line.width", 2)
            .set("marker.color", "red")
            .set("name", "rain");
        assert_eq!(
            Value::from(trace),
            json!({"type": "bar", "name": "rain", "marker": {"color": "red", "line": {"width": 2}}})
        );
    }

    #[test]
    fn long_arrays_are_typed_and_short_ones_plain() {
        let long: Vec<i32> = (0..TypedArray::MIN_LEN as i32).collect();
        let trace = Value::from(
            Trace::new("bar")
                .array("x", &long)
                .array("y", [1.5_f64, 2.0]),
        );
        assert_eq!(trace["x"]["dtype"], json!("i4"));
        assert_eq!(trace["y"], json!([1.5, 2.0]));
    }
}
