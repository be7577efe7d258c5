//! The rules that `#[dash::app]` (at compile time), `dash-codegen` (when it writes the
//! components) and the server (at startup) must apply alike, each in one place:
//!
//! - [`split_prop`]: what an `"id.prop"` string is;
//! - [`endpoint_problem`]: what an API endpoint's path may be;
//! - [`namespace_problem`], [`closes_script`] and [`clientside_definition`]: what a
//!   clientside callback may name and hold, and how the page defines its source;
//! - [`field_name`]: the Rust field a prop becomes (`className` → `class_name`), and
//!   [`camel`]: the type and variant names (`is_RTL` → `IsRtl`);
//! - [`cycles`]: loops through several callbacks;
//! - [`duplicate_outputs`]: the one-writer rule, and [`overlapping_outputs`] for
//!   pattern-matching outputs, by the renderer's rule ([`overlap`]);
//! - [`cycle_message`] and [`duplicate_output_message`]: how the macro and the server
//!   word a break of those two rules;
//! - [`BROWSER_NULLS`]: the props the browser sets to `null` on its own;
//! - [`DASH_VERSION`]: the Dash version whose front end and metadata are pinned, and
//!   [`hex`]: lower-case hexadecimal, for keys, ids and fingerprints;
//! - [`PathTemplate`]: a page's path with its variables (`/city/<name>`), and the
//!   percent-encoding of links ([`percent_encode`], [`percent_decode`]).
//!
//! No dependencies, no I/O: a proc-macro crate can depend on it.

mod clientside;
mod endpoint;
mod forms;
mod graph;
mod hex;
mod naming;
mod pattern;
mod prop;
mod route;
mod version;

pub use clientside::{
    INLINE_NAMESPACE, RENDERER_NAMES, clientside_definition, closes_script, namespace_problem,
};
pub use endpoint::endpoint_problem;
pub use forms::{BROWSER_NULLS, BrowserNull, browser_null, namespace_of_module};
pub use graph::{
    Duplicate, Named, cycle_message, cycles, duplicate_output_message, duplicate_outputs,
};
pub use hex::hex;
pub use naming::{KEYWORDS, camel, field_name, snake};
pub use pattern::{Pattern, Slot, overlap, overlapping_outputs};
pub use prop::split_prop;
pub use route::{PathTemplate, percent_decode, percent_encode};
pub use version::DASH_VERSION;
