//! What `Dash::build` checks before the app serves anything: the callback graph across
//! every module (`registry.rs`), the layout, and the forms the browser sends for each
//! prop (`forms.rs`). Every problem is reported at once ([`Problem`]).

mod forms;
mod problem;
mod registry;

pub use problem::{Problem, StartupError};
pub(crate) use registry::{Registry, components_by_id, invalid_layout_ids};
