//! Mantine for Dash apps in Rust: dash-mantine-components' controls and layout, typed, with
//! its bundle served by the app.
//!
//! Every Mantine component must sit inside a [`MantineProvider`], as in Python: wrap the
//! layout in one.
//!
//! ```no_run
//! use dash::prelude::*;
//! use dash_mantine::{MantineProvider, SegmentedControl, Stack, Title};
//!
//! fn main() -> Result<(), dash::StartupError> {
//!     Dash::new()
//!         .component_library(dash_mantine::library())
//!         .layout(MantineProvider::new().children(Stack::new().children([
//!             Title::new().children("Weather").into(),
//!             SegmentedControl::new().id("unit").data(["°C", "°F"]).value("°C").into(),
//!         ])))
//!         .run()
//! }
//! ```
//!
//! The components are typed from the Python classes of the pinned wheel, which ships no
//! `metadata.json`: dash-codegen reads their annotations into one
//! (`dash_codegen::suite::metadata_of`) and writes `src/generated.rs` from it. The bundle comes from the wheel, fetched
//! at build time with `pip download` and checked against the SHA-256 in `suite.lock`:
//! building needs `python3` with pip. Nothing of it is committed.

mod generated;

pub use generated::*;

use dash::ComponentLibrary;

/// What the build embedded: `add`, `VERSION`, `UNPACKED` (see rust-dash-suite-build).
mod embedded {
    include!(concat!(env!("OUT_DIR"), "/suite.rs"));
}

/// The version of dash-mantine-components whose bundle and components this crate holds.
pub const VERSION: &str = embedded::VERSION;

/// Where the build unpacked the wheel (for the test that regenerates the components).
#[doc(hidden)]
pub const UNPACKED: &str = embedded::UNPACKED;

/// dash-mantine-components' front end, for
/// [`Dash::component_library`](dash::Dash::component_library): its bundle, which holds
/// Mantine's styles, and the chunks it loads itself, served compressed under
/// `/_dash-component-suites/dash_mantine_components/`.
pub fn library() -> ComponentLibrary {
    embedded::add(ComponentLibrary::new(NAMESPACE, VERSION), None)
        .children_props(NAMESPACE, CHILDREN_PROPS)
}
