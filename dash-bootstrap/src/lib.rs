//! Bootstrap for Dash apps in Rust: dash-bootstrap-components' layout and form components,
//! typed, with its bundle and Bootstrap's themes served by the app.
//!
//! ```no_run
//! use dash::prelude::*;
//! use dash_bootstrap::{themes, Button, Card, CardBody, Col, Container, Row};
//!
//! fn main() -> Result<(), dash::StartupError> {
//!     Dash::new()
//!         .component_library(dash_bootstrap::library(themes::FLATLY))
//!         .layout(Container::new().children(Row::new().children([
//!             Col::new().children(Card::new().children(CardBody::new().children("Oslo"))).into(),
//!             Col::new().children(Button::new().id("go").color("primary").children("Go")).into(),
//!         ])))
//!         .run()
//! }
//! ```
//!
//! The components are typed from the Python classes of the pinned wheel, which ships no
//! `metadata.json`: dash-codegen reads their annotations into one
//! (`dash_codegen::suite::metadata_of`) and writes `src/generated.rs` from it. The bundle comes from the wheel, fetched
//! at build time with `pip download` and checked against the SHA-256 in `suite.lock`; the
//! stylesheets from the npm packages `bootstrap` and `bootswatch`, checked the same way.
//! Building needs `python3` with pip and npm. Nothing of them is committed.

mod generated;
pub mod themes;

pub use generated::*;
pub use themes::Theme;

use dash::ComponentLibrary;

/// What the build embedded: `add`, `VERSION`, `UNPACKED` (see rust-dash-suite-build).
mod embedded {
    include!(concat!(env!("OUT_DIR"), "/suite.rs"));
}

/// The version of dash-bootstrap-components whose bundle and components this crate holds.
pub const VERSION: &str = embedded::VERSION;

/// Where the build unpacked the wheel (for the test that regenerates the components).
#[doc(hidden)]
pub const UNPACKED: &str = embedded::UNPACKED;

/// dash-bootstrap-components' front end, for
/// [`Dash::component_library`](dash::Dash::component_library): its bundle, and `theme`'s
/// stylesheet, linked in the page and served compressed, under
/// `/_dash-component-suites/dash_bootstrap_components/` (`themes::NONE` links none).
pub fn library(theme: Theme) -> ComponentLibrary {
    embedded::add(ComponentLibrary::new(NAMESPACE, VERSION), theme.path)
        .children_props(NAMESPACE, CHILDREN_PROPS)
}
