//! `Figure`: what `dcc.Graph` draws, as plain Plotly JSON.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A Plotly figure: traces, a layout and optional animation frames, as plain JSON.
///
/// Build it from `serde_json::json!` values, or with the `plotly` crate (cargo feature
/// `plotly`: `Figure::from(plot)`). Callbacks that output `graph.figure` return one;
/// callbacks that read it (as `State`, say) receive one.
///
/// ```
/// use dash_components::Figure;
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
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// The traces.
    #[serde(default)]
    pub data: Vec<Value>,
    /// The layout; left out of the JSON when empty.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub layout: Map<String, Value>,
    /// Animation frames.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frames: Option<Vec<Value>>,
}

impl Figure {
    /// A figure with no traces.
    pub fn new() -> Self {
        Figure::default()
    }

    /// Adds a trace.
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

    /// Sets the animation frames.
    pub fn frames(mut self, frames: impl IntoIterator<Item = Value>) -> Self {
        self.frames = Some(frames.into_iter().collect());
        self
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
    /// The plot's traces, layout and frames, as the plotly crate serializes them.
    fn from(plot: plotly::Plot) -> Self {
        serde_json::from_str(&plot.to_json()).expect("the plotly crate writes figure JSON")
    }
}
