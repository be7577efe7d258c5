//! The grid's rows as the app's own type, both ways: `AgGrid::rows` sends them, and
//! [`CellEdit<T>`] (an item of `cellValueChanged`) and `Vec<T>` (`selectedRows`,
//! `virtualRowData`) read them back.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::AgGrid;

impl AgGrid {
    /// The grid's rows (`rowData`), each serialized from the app's own row type. A row
    /// the browser cannot hold as it is (a NaN, an integer beyond 2^53) panics with its
    /// path: build rows of values JSON carries.
    pub fn rows<'a, T: Serialize + 'a>(self, rows: impl IntoIterator<Item = &'a T>) -> Self {
        self.row_data(rows_of(rows))
    }
}

/// Rows as the grid's `rowData` holds them: for a callback that returns a new `rowData`,
/// or for [`AgGrid::rows`].
pub fn rows_of<'a, T: Serialize + 'a>(rows: impl IntoIterator<Item = &'a T>) -> Vec<Value> {
    rows.into_iter()
        .map(|row| dash::to_json(row).unwrap_or_else(|error| panic!("a grid row: {error}")))
        .collect()
}

/// One edit of a cell, as the grid reports it in `cellValueChanged`: the whole row after
/// the edit, typed as the app's row type, and the cell's values before and after.
///
/// What the browser sends, pinned by the browser tests: an edited number cell is a JSON
/// number when the column has a number editor (`cellDataType: "number"`, or AG Grid's
/// inference from the first row), a cleared cell is `null`, and text typed into a text
/// cell stays text. Take `Option<f64>` for a cell that may be cleared: a plain `f64`
/// cannot hold the `null` that then arrives, and the call is refused as a bad request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CellEdit<T> {
    /// The row after the edit.
    pub data: T,
    /// The column's id (its `field`, unless `colId` says otherwise).
    pub col_id: String,
    /// The cell's value before the edit.
    #[serde(default)]
    pub old_value: Value,
    /// The cell's value after the edit.
    #[serde(default)]
    pub value: Value,
    /// The row's index among the grid's rows.
    #[serde(default)]
    pub row_index: Option<u64>,
    /// The row's id: its `getRowId`, else its index as text.
    #[serde(default)]
    pub row_id: Option<String>,
    /// When the edit happened, in milliseconds since the epoch.
    #[serde(default)]
    pub timestamp: Option<f64>,
}
