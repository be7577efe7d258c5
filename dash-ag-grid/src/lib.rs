//! AG Grid for Dash apps in Rust: dash-ag-grid's `AgGrid` component, typed from the
//! metadata of the pinned wheel, with its bundle served by the app.
//!
//! ```no_run
//! use dash::prelude::*;
//! use dash_ag_grid::{AgGrid, CellEdit};
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(Serialize, Deserialize)]
//! pub struct Reading {
//!     city: String,
//!     celsius: f64,
//! }
//!
//! #[dash::app]
//! mod grid {
//!     use super::Reading;
//!     use dash::prelude::*;
//!     use dash_ag_grid::{AgGrid, CellEdit};
//!
//!     #[ids]
//!     pub struct Ids {
//!         readings: AgGrid,
//!         last: html::P,
//!     }
//!
//!     /// The grid sends each edit with its whole row, typed.
//!     #[callback(output = "last.children", input = "readings.cellValueChanged")]
//!     fn edited(edits: Option<Vec<CellEdit<Reading>>>) -> String {
//!         match edits.as_deref() {
//!             Some([edit, ..]) => format!("{} is now {} °C", edit.data.city, edit.data.celsius),
//!             _ => String::new(),
//!         }
//!     }
//! }
//!
//! fn main() -> Result<(), dash::StartupError> {
//!     let rows = vec![Reading { city: "Oslo".into(), celsius: 6.5 }];
//!     Dash::new()
//!         .component_library(dash_ag_grid::library())
//!         .layout(html::Div::new().children([
//!             AgGrid::new()
//!                 .id("readings")
//!                 .rows(&rows)
//!                 .column_defs([
//!                     dash_ag_grid::ColumnDef::new("city"),
//!                     dash_ag_grid::ColumnDef::new("celsius").editable(true),
//!                 ])
//!                 .into(),
//!             html::P::new().id("last").into(),
//!         ]))
//!         .app::<grid::Ids>()
//!         .run()
//! }
//! ```
//!
//! The bundle comes from the dash-ag-grid wheel, fetched at build time with `pip download`
//! and checked against the SHA-256 in `suite.lock`: building needs `python3` with pip
//! (`DASH_PYTHON` names another interpreter). Nothing of the wheel is committed.

mod columns;
mod generated;
mod rows;

pub use columns::{CellDataType, ColumnDef, Pinned};
pub use generated::*;
pub use rows::{CellEdit, rows_of};

use dash::ComponentLibrary;

/// What the build embedded: `add`, `VERSION`, `UNPACKED` (see rust-dash-suite-build).
mod embedded {
    include!(concat!(env!("OUT_DIR"), "/suite.rs"));
}

/// The version of dash-ag-grid whose bundle and metadata this crate holds.
pub const VERSION: &str = embedded::VERSION;

/// Where the build unpacked the wheel, whose `dash_ag_grid/metadata.json` `generated.rs`
/// is written from (for the test that regenerates it).
#[doc(hidden)]
pub const UNPACKED: &str = embedded::UNPACKED;

/// dash-ag-grid's front end, for [`Dash::component_library`](dash::Dash::component_library):
/// its bundle (loaded by the page) and the grid's code (loaded by the bundle when a grid is
/// drawn), each served compressed, under `/_dash-component-suites/dash_ag_grid/`.
pub fn library() -> ComponentLibrary {
    embedded::add(ComponentLibrary::new(NAMESPACE, VERSION), None)
        .children_props(NAMESPACE, CHILDREN_PROPS)
}
