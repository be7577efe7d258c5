//! The rules that `#[dash::app]` (at compile time), `dash-codegen` (when it writes the
//! components) and the server (at startup) must apply alike, each in one place:
//!
//! - [`split_prop`]: what an `"id.prop"` string is;
//! - [`field_name`]: the Rust field a prop becomes (`className` → `class_name`);
//! - [`cycles`]: loops through several callbacks;
//! - [`duplicate_outputs`]: the one-writer rule, and [`overlapping_outputs`] for
//!   pattern-matching outputs, by the renderer's rule ([`overlap`]);
//! - [`cycle_message`] and [`duplicate_output_message`]: how the macro and the server
//!   word a break of those two rules;
//! - [`BROWSER_NULLS`]: the props the browser sets to `null` on its own.
//!
//! No dependencies, no I/O: a proc-macro crate can depend on it.

mod forms;
mod graph;
mod naming;
mod pattern;
mod prop;

pub use forms::{BROWSER_NULLS, BrowserNull, browser_null, namespace_of_module};
pub use graph::{
    Duplicate, Named, cycle_message, cycles, duplicate_output_message, duplicate_outputs,
};
pub use naming::{KEYWORDS, field_name, snake};
pub use pattern::{Pattern, Slot, overlap, overlapping_outputs};
pub use prop::split_prop;
