//! Pieces of layout and arithmetic the weather examples share.

use dash::prelude::*;

/// How long the "cleaning" step takes on top of its computation: a stand-in for a slow
/// query, so that running it once instead of twice is visible.
pub const CLEANING_TIME: std::time::Duration = std::time::Duration::from_millis(400);

/// The dropdown of cities, Paris chosen.
pub fn city_dropdown(cities: &[&str]) -> Node {
    dcc::Dropdown::new()
        .id("city")
        .options(cities.iter().copied())
        .value("Paris")
        .clearable(false)
        .into()
}

/// A table with a header row of `titles` and an empty body with the id `body_id`, which a
/// callback fills.
pub fn table(titles: &[&str], body_id: &str) -> Node {
    let header = html::Tr::new().children(
        titles
            .iter()
            .map(|title| Node::from(html::Th::new().children(*title)))
            .collect::<Vec<Node>>(),
    );
    html::Table::new()
        .children([
            html::Thead::new().children(header).into(),
            html::Tbody::new().id(body_id).into(),
        ])
        .into()
}

/// `(lowest, mean, highest)` of some values.
pub fn stats(values: &[f64]) -> (f64, f64, f64) {
    let mean = values.iter().sum::<f64>() / values.len().max(1) as f64;
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (min, mean, max)
}

/// A table row of text cells.
pub fn row(cells: impl IntoIterator<Item = String>) -> Node {
    html::Tr::new()
        .children(
            cells
                .into_iter()
                .map(|cell| Node::from(html::Td::new().children(cell)))
                .collect::<Vec<Node>>(),
        )
        .into()
}
