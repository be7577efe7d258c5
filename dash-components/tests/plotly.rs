//! `Figure::from(plotly::Plot)`: figures built with the plotly crate (feature `plotly`).
#![cfg(feature = "plotly")]

use dash_components::Figure;
// Through the re-export, as users reach it (`dash::plotly`): always the version `Figure`
// converts from.
use dash_components::plotly::{Layout, Plot, Scatter};
use serde_json::json;

#[test]
fn a_plotly_plot_becomes_the_same_figure_json() {
    let mut plot = Plot::new();
    plot.add_trace(Scatter::new(vec![1, 2, 3], vec![4, 1, 2]).name("rain"));
    plot.set_layout(Layout::new().title("Rain"));
    let figure = Figure::from(plot.clone());
    assert_eq!(figure.data.len(), 1);
    assert_eq!(figure.data[0]["type"], json!("scatter"));
    assert_eq!(figure.data[0]["x"], json!([1, 2, 3]));
    assert_eq!(figure.data[0]["name"], json!("rain"));
    assert_eq!(figure.layout["title"]["text"], json!("Rain"));
    // Nothing is lost on the way: the figure serializes to what the plot wrote.
    let plot_json: serde_json::Value = serde_json::from_str(&plot.to_json()).unwrap();
    let figure_json = serde_json::to_value(&figure).unwrap();
    assert_eq!(figure_json["data"], plot_json["data"]);
    assert_eq!(figure_json["layout"], plot_json["layout"]);
}

#[test]
fn a_plotly_plot_sends_its_long_arrays_as_typed_arrays() {
    let x: Vec<f64> = (0..1000).map(|i| f64::from(i) / 8.0).collect();
    let y: Vec<i32> = (0..1000).collect();
    let mut plot = Plot::new();
    plot.add_trace(Scatter::new(x.clone(), y.clone()));
    let figure = Figure::from(plot);
    let json = serde_json::to_value(&figure).unwrap();
    assert_eq!(json["data"][0]["x"]["dtype"], json!("f8"));
    assert_eq!(
        json["data"][0]["y"]["dtype"],
        json!("i2"),
        "the smallest exact type"
    );
    let back: Figure = serde_json::from_value(json).unwrap();
    assert_eq!(back.values::<f64>(0, "x").unwrap(), x);
    assert_eq!(back.values::<i32>(0, "y").unwrap(), y);
}
