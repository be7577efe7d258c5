//! Conveniences for `DataTable` beyond its generated builder.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use crate::dash_table::DataTable;

impl DataTable {
    /// Sets `data` from rows of any type that serializes to a flat object: a struct with
    /// `#[derive(Serialize)]`, a map, or `serde_json::json!({..})` values.
    ///
    /// ```
    /// use dash::dash_table::DataTable;
    ///
    /// #[derive(serde::Serialize)]
    /// struct Row { city: &'static str, temperature: f64 }
    ///
    /// let table = DataTable::new().rows([Row { city: "Oslo", temperature: -3.5 }]);
    /// assert_eq!(table.data.unwrap()[0]["temperature"], -3.5);
    /// ```
    ///
    /// # Panics
    /// If a row does not serialize to a JSON object.
    pub fn rows<T: Serialize>(mut self, rows: impl IntoIterator<Item = T>) -> Self {
        let data = rows
            .into_iter()
            .enumerate()
            .map(|(i, row)| match serde_json::to_value(row) {
                Ok(Value::Object(cells)) => cells.into_iter().collect::<BTreeMap<_, _>>(),
                Ok(other) => panic!("DataTable row {i} is not an object: {other}"),
                Err(e) => panic!("DataTable row {i} is not JSON: {e}"),
            })
            .collect();
        self.data = Some(data);
        self
    }
}
