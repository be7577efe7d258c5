//! dash_daq 0.6.0 for Dash apps in Rust: its components, typed from the package's
//! metadata, with its bundle served by the app.
//!
//! Register it with `Dash::new().component_library(dash_daq::library())`, then use
//! its components in the layout and name their props in callbacks, as with `dcc`'s.
//!
//! The build fetches the wheel pinned in `suite.lock` with `pip download` (it needs
//! python3 with pip; `DASH_PYTHON` names another Python), checks its SHA-256, and
//! embeds the files the app serves, compressed. `dash-codegen suite` wrote this crate;
//! running it again with another version rewrites `suite.lock` and `src/generated.rs`
//! and leaves this file as it is.

mod generated;

pub use generated::*;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/suite.rs"));
}

/// The version of dash_daq whose files the app serves.
pub const VERSION: &str = embedded::VERSION;

/// Where the build unpacked the wheel (what `src/generated.rs` was typed from).
#[doc(hidden)]
pub const UNPACKED: &str = embedded::UNPACKED;

/// The package's files and components, for `Dash::component_library`.
pub fn library() -> ::dash::ComponentLibrary {
    embedded::add(::dash::ComponentLibrary::new(NAMESPACE, VERSION), None)
        .children_props(NAMESPACE, CHILDREN_PROPS)
}
