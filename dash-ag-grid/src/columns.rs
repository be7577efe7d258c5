//! A column definition, typed: the metadata declares `columnDefs` only as a list of
//! objects, so the keys most grids use are written here from AG Grid's column properties.
//! Any other key goes through [`ColumnDef::set`].

use serde::Serialize;
use serde_json::{Map, Value};

/// One column of a grid (an item of `columnDefs`), or a group of columns
/// ([`ColumnDef::group`]).
///
/// ```
/// use dash_ag_grid::{CellDataType, ColumnDef};
///
/// let celsius = ColumnDef::new("celsius")
///     .header_name("°C")
///     .editable(true)
///     .cell_data_type(CellDataType::Number)
///     .set("cellStyle", serde_json::json!({"color": "#d9480f"}));
/// assert_eq!(
///     serde_json::Value::from(celsius),
///     serde_json::json!({
///         "field": "celsius", "headerName": "°C", "editable": true,
///         "cellDataType": "number", "cellStyle": {"color": "#d9480f"}
///     })
/// );
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ColumnDef {
    /// The row's key this column shows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The column's id, when it is not its `field` (the `colId` edits and the column state
    /// carry).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub col_id: Option<String>,
    /// The header's text; by default the field's, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub header_name: Option<String>,
    /// Whether a user may edit its cells.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub editable: Option<bool>,
    /// Whether a click on the header sorts by it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sortable: Option<bool>,
    /// The filter: `true` for the one that fits the data type, or a filter's name
    /// (`"agNumberColumnFilter"`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter: Option<Value>,
    /// The type of its values, which picks the editor and the filter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell_data_type: Option<CellDataType>,
    /// Its width in pixels.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub width: Option<f64>,
    /// Its share of the remaining width.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flex: Option<f64>,
    /// Whether it is hidden.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hide: Option<bool>,
    /// Pinned to one side.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pinned: Option<Pinned>,
    /// The columns of a group, under this header.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<ColumnDef>,
    /// Any other column property, by its AG Grid name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The type of a column's values (`cellDataType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum CellDataType {
    /// Text.
    Text,
    /// A number: a number editor and filter; an edit arrives as a JSON number.
    Number,
    /// `true` or `false`, as a checkbox.
    Boolean,
    /// A date held as a `Date` object.
    Date,
    /// A date held as text (`YYYY-MM-DD`).
    DateString,
    /// An object, shown through a formatter.
    Object,
}

/// Where a column is pinned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Pinned {
    /// On the left.
    Left,
    /// On the right.
    Right,
}

impl ColumnDef {
    /// A column showing the rows' `field`.
    pub fn new(field: impl Into<String>) -> ColumnDef {
        ColumnDef {
            field: Some(field.into()),
            ..ColumnDef::default()
        }
    }

    /// A group of columns under one header.
    pub fn group(header: impl Into<String>, children: impl IntoIterator<Item = ColumnDef>) -> Self {
        ColumnDef {
            header_name: Some(header.into()),
            children: children.into_iter().collect(),
            ..ColumnDef::default()
        }
    }

    /// Sets `colId`.
    pub fn col_id(mut self, id: impl Into<String>) -> Self {
        self.col_id = Some(id.into());
        self
    }

    /// Sets `headerName`.
    pub fn header_name(mut self, name: impl Into<String>) -> Self {
        self.header_name = Some(name.into());
        self
    }

    /// Sets `editable`.
    pub fn editable(mut self, editable: bool) -> Self {
        self.editable = Some(editable);
        self
    }

    /// Sets `sortable`.
    pub fn sortable(mut self, sortable: bool) -> Self {
        self.sortable = Some(sortable);
        self
    }

    /// Sets `filter`: `true`, or a filter's name.
    pub fn filter(mut self, filter: impl Into<Value>) -> Self {
        self.filter = Some(filter.into());
        self
    }

    /// Sets `cellDataType`.
    pub fn cell_data_type(mut self, ty: CellDataType) -> Self {
        self.cell_data_type = Some(ty);
        self
    }

    /// Sets `width`.
    pub fn width(mut self, pixels: f64) -> Self {
        self.width = Some(pixels);
        self
    }

    /// Sets `flex`.
    pub fn flex(mut self, share: f64) -> Self {
        self.flex = Some(share);
        self
    }

    /// Sets `hide`.
    pub fn hide(mut self, hide: bool) -> Self {
        self.hide = Some(hide);
        self
    }

    /// Sets `pinned`.
    pub fn pinned(mut self, side: Pinned) -> Self {
        self.pinned = Some(side);
        self
    }

    /// Sets any other column property, by its AG Grid name (`"cellStyle"`,
    /// `"valueFormatter"`…).
    pub fn set(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
        self.extra.insert(key.into(), value.into());
        self
    }
}

impl From<ColumnDef> for Value {
    fn from(column: ColumnDef) -> Value {
        serde_json::to_value(column).expect("a column definition is JSON")
    }
}
