//! Figures for `dcc.Graph`: [`Figure`], its traces ([`Trace`]) and the typed arrays their
//! numbers travel as ([`TypedArray`]).
//!
//! Large figures are about numbers, and the form they travel in decides the time they
//! take. A typed array is base64 bytes with their type, the form plotly.py uses for
//! NumPy arrays and plotly.js decodes without parsing a decimal:
//!
//! - [`Trace::array`] sets numbers from a `Vec<f64>`, `&[i32]`, … (the fastest: no JSON
//!   value per number), as a typed array from [`TypedArray::MIN_LEN`] numbers on;
//! - a figure also sends each list of that many JSON numbers in its traces as a typed
//!   array, whatever built it: a `json!` trace or the plotly crate (`Figure::from(plot)`,
//!   feature `plotly`). Lists with `null` or other values, integers beyond 2^53, and
//!   lists inside lists (a `json!` heatmap's `z`; build it with [`TypedArray::matrix`])
//!   stay JSON, and so do the layout and the trace attributes `customdata`,
//!   `selectedpoints` and `meta`;
//! - a figure that comes back from the browser (in `State`, say) reads either form:
//!   [`Figure::values`].
//!
//! The browser cannot grow a typed array: for a figure whose arrays a [`Patch`] extends
//! or appends to, or `dcc.Graph`'s `extendData` grows, set those arrays with
//! [`Trace::set`] and send the figure with [`Figure::plain_arrays`].
//!
//! ```
//! use dash::figure::{Figure, Trace, TypedArray};
//!
//! let x: Vec<f64> = (0..100).map(|i| f64::from(i) / 10.0).collect();
//! let z: Vec<f32> = (0..300).map(|i| i as f32).collect();
//! let figure = Figure::new()
//!     .trace(Trace::new("scattergl").array("x", &x).array("y", &x))
//!     // A heatmap's rows: 100 rows of 3 numbers.
//!     .trace(Trace::new("heatmap").array("z", TypedArray::matrix(&z, 3).unwrap()));
//! let json = serde_json::to_value(&figure).unwrap();
//! assert_eq!(json["data"][0]["x"]["dtype"], "f8");
//! assert_eq!(json["data"][1]["z"]["shape"], "100, 3");
//! ```
//!
//! [`Patch`]: crate::Patch

#[cfg(feature = "mcp")]
mod schema;
mod trace;
mod typed_array;
mod wire;

use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub use trace::Trace;
pub use typed_array::{ArrayError, DType, Element, TypedArray};

/// A Plotly figure: traces, a layout and optional animation frames.
///
/// Build its traces with [`Trace`], from `serde_json::json!` values, or with the plotly
/// crate (cargo feature `plotly`: `Figure::from(plot)`). Callbacks that output
/// `graph.figure` return one; callbacks that read it (as `State`, say) receive one.
///
/// ```
/// use dash::Figure;
/// use serde_json::json;
///
/// let figure = Figure::new()
///     .trace(json!({"type": "scatter", "x": [1, 2, 3], "y": [2, 1, 3]}))
///     .layout(json!({"title": {"text": "Rain"}}));
/// assert_eq!(
///     serde_json::to_value(&figure).unwrap(),
///     json!({
///         "data": [{"type": "scatter", "x": [1, 2, 3], "y": [2, 1, 3]}],
///         "layout": {"title": {"text": "Rain"}}
///     })
/// );
/// ```
///
/// It serializes as Plotly JSON with its long arrays of numbers as typed arrays (see the
/// [module](self)); the fields hold what was put in.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct Figure {
    /// Send lists of JSON numbers as they are, whatever their length, rather than as
    /// typed arrays: for a figure whose arrays the browser will grow (a [`Patch`]'s
    /// `extend` or `append`, `dcc.Graph`'s `extendData`). Arrays set with
    /// [`Trace::array`] are typed arrays already. Off by default.
    ///
    /// [`Patch`]: crate::Patch
    #[serde(skip)]
    pub plain_arrays: bool,
    /// The traces.
    #[serde(default)]
    pub data: Vec<Value>,
    /// The layout; left out of the JSON when empty.
    #[serde(default)]
    pub layout: Map<String, Value>,
    /// Animation frames.
    #[serde(default)]
    pub frames: Option<Vec<Value>>,
}

impl Figure {
    /// A figure with no traces.
    pub fn new() -> Self {
        Figure::default()
    }

    /// Adds a trace: a [`Trace`] or a JSON object.
    pub fn trace(mut self, trace: impl Into<Value>) -> Self {
        self.data.push(trace.into());
        self
    }

    /// Merges keys into the layout (an object; other values are ignored).
    pub fn layout(mut self, layout: impl Into<Value>) -> Self {
        if let Value::Object(keys) = layout.into() {
            self.layout.extend(keys);
        }
        self
    }

    /// Sends lists of JSON numbers as they are ([`Figure::plain_arrays`](#structfield.plain_arrays)).
    pub fn plain_arrays(mut self) -> Self {
        self.plain_arrays = true;
        self
    }

    /// Sets the animation frames.
    pub fn frames(mut self, frames: impl IntoIterator<Item = Value>) -> Self {
        self.frames = Some(frames.into_iter().collect());
        self
    }

    /// The numbers at `key` (`"x"`, `"marker.color"`) of trace `trace`, as `T`s, whether
    /// they are a typed array or JSON numbers: how a figure read from the browser gives
    /// back the vectors it was built from. A matrix comes back row after row (its shape
    /// is in [`TypedArray::from_json`]'s answer); keys are object keys, not list indexes.
    ///
    /// ```
    /// use dash::figure::{Figure, Trace};
    ///
    /// let y: Vec<f64> = (0..100).map(|i| f64::from(i) / 4.0).collect();
    /// let sent = serde_json::to_value(Figure::new().trace(Trace::new("scatter").array("y", &y)));
    /// // What the callback reads from `State("graph", "figure")`:
    /// let back: Figure = serde_json::from_value(sent.unwrap()).unwrap();
    /// assert_eq!(back.values::<f64>(0, "y").unwrap(), y);
    /// assert!(back.values::<i32>(0, "y").is_err(), "0.25 is not an i32");
    /// ```
    pub fn values<T: Element>(&self, trace: usize, key: &str) -> Result<Vec<T>, ArrayError> {
        let missing = || ArrayError::Missing {
            path: format!("data[{trace}].{key}"),
        };
        let mut value = self.data.get(trace).ok_or_else(missing)?;
        for step in key.split('.') {
            value = value.get(step).ok_or_else(missing)?;
        }
        TypedArray::from_json(value)?.to_vec()
    }
}

impl Serialize for Figure {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let fields = 1 + usize::from(!self.layout.is_empty()) + usize::from(self.frames.is_some());
        let mut figure = serializer.serialize_struct("Figure", fields)?;
        if self.plain_arrays {
            figure.serialize_field("data", &self.data)?;
        } else {
            figure.serialize_field("data", &wire::Traces(&self.data))?;
        }
        if self.layout.is_empty() {
            figure.skip_field("layout")?;
        } else {
            figure.serialize_field("layout", &self.layout)?;
        }
        match &self.frames {
            Some(frames) if self.plain_arrays => figure.serialize_field("frames", frames)?,
            Some(frames) => {
                let frames: Vec<wire::Frame<'_>> = frames.iter().map(wire::Frame).collect();
                figure.serialize_field("frames", &frames)?;
            }
            None => figure.skip_field("frames")?,
        }
        figure.end()
    }
}

impl TryFrom<Value> for Figure {
    type Error = serde_json::Error;

    /// Reads a figure from Plotly JSON (`{"data": [...], "layout": {...}}`).
    fn try_from(value: Value) -> Result<Self, Self::Error> {
        serde_json::from_value(value)
    }
}

#[cfg(feature = "plotly")]
impl From<plotly::Plot> for Figure {
    /// The plot's traces, layout and frames, as the plotly crate serializes them; its
    /// long arrays of numbers go out as typed arrays, as every figure's do.
    fn from(plot: plotly::Plot) -> Self {
        serde_json::from_str(&plot.to_json()).expect("the plotly crate writes figure JSON")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn long(n: usize) -> Vec<Value> {
        (0..n).map(|i| json!(i as f64 + 0.5)).collect()
    }

    #[test]
    fn long_json_arrays_in_traces_go_as_typed_arrays() {
        let n = TypedArray::MIN_LEN;
        let figure = Figure::new()
            .trace(json!({
                "type": "scattergl",
                "x": long(n),
                "y": long(n - 1),
                "marker": {"color": long(n), "colorscale": [[0, "red"], [1, "blue"]]},
                "dimensions": [{"values": long(n)}],
                "text": vec!["a"; n],
                "selectedpoints": (0..n).collect::<Vec<_>>(),
                "customdata": vec![long(n)],
            }))
            .layout(json!({"xaxis": {"tickvals": long(n)}}))
            .frames([json!({"name": "one", "data": [{"x": long(n)}], "layout": {"a": long(n)}})]);
        let json = serde_json::to_value(&figure).unwrap();
        let trace = &json["data"][0];
        assert_eq!(trace["x"]["dtype"], json!("f8"));
        assert_eq!(trace["y"], json!(long(n - 1)), "shorter than MIN_LEN");
        assert_eq!(trace["marker"]["color"]["dtype"], json!("f8"));
        assert_eq!(
            trace["marker"]["colorscale"],
            json!([[0, "red"], [1, "blue"]])
        );
        assert_eq!(trace["dimensions"][0]["values"]["dtype"], json!("f8"));
        assert_eq!(trace["text"], json!(vec!["a"; n]));
        assert!(
            trace["selectedpoints"].is_array(),
            "plotly.js reads it as it is"
        );
        assert_eq!(
            trace["customdata"],
            json!(vec![long(n)]),
            "arrays in arrays stay"
        );
        assert!(
            json["layout"]["xaxis"]["tickvals"].is_array(),
            "the layout stays"
        );
        assert_eq!(json["frames"][0]["data"][0]["x"]["dtype"], json!("f8"));
        assert!(json["frames"][0]["layout"]["a"].is_array());
        // And back: the figure read from that JSON gives the same numbers.
        let back: Figure = serde_json::from_value(json).unwrap();
        let numbers: Vec<f64> = (0..n).map(|i| i as f64 + 0.5).collect();
        assert_eq!(back.values::<f64>(0, "x").unwrap(), numbers);
        assert_eq!(back.values::<f64>(0, "marker.color").unwrap(), numbers);
        assert_eq!(
            back.values::<f64>(1, "x").unwrap_err().to_string(),
            "the figure has nothing at `data[1].x`"
        );
    }

    #[test]
    fn integers_take_the_smallest_type() {
        let figure = Figure::new().trace(json!({"x": (0..40).collect::<Vec<i64>>()}));
        let json = serde_json::to_value(&figure).unwrap();
        assert_eq!(json["data"][0]["x"]["dtype"], json!("i1"));
        let back = Figure::try_from(json).unwrap();
        assert_eq!(
            back.values::<i32>(0, "x").unwrap(),
            (0..40).collect::<Vec<i32>>()
        );
    }

    #[test]
    fn plain_arrays_stay_plain() {
        let figure = Figure::new()
            .trace(json!({"y": long(64), "customdata": long(64)}))
            .plain_arrays();
        let json = serde_json::to_value(&figure).unwrap();
        assert_eq!(json["data"][0]["y"], json!(long(64)));
        let figure = Figure::new().trace(json!({"y": long(64), "customdata": long(64)}));
        let json = serde_json::to_value(&figure).unwrap();
        assert_eq!(json["data"][0]["y"]["dtype"], "f8");
        assert_eq!(
            json["data"][0]["customdata"],
            json!(long(64)),
            "read by events as is"
        );
    }

    #[test]
    fn empty_layout_and_frames_are_left_out() {
        assert_eq!(
            serde_json::to_value(Figure::new()).unwrap(),
            json!({"data": []})
        );
        let figure: Figure = serde_json::from_value(json!({"data": [], "frames": []})).unwrap();
        assert_eq!(
            serde_json::to_value(&figure).unwrap(),
            json!({"data": [], "frames": []})
        );
    }
}
