//! Dash dashboards in Rust.
//!
//! Write a layout of components and plain functions marked `#[callback]`; the official,
//! unmodified Dash front end draws the page and calls your functions over HTTP. The
//! callback graph is checked when the app compiles.
//!
//! ```no_run
//! use dash::prelude::*;
//!
//! #[dash::app]
//! mod hello {
//!     use dash::prelude::*;
//!
//!     #[ids]
//!     pub struct Ids {
//!         name: Component,
//!         greeting: Component,
//!     }
//!
//!     #[callback(output = "greeting.children", input = "name.value")]
//!     fn greet(name: Option<String>) -> String {
//!         format!("Hello, {}!", name.unwrap_or_default())
//!     }
//! }
//!
//! fn main() -> Result<(), dash::StartupError> {
//!     Dash::new()
//!         .layout(Component::html("Div").children([
//!             Component::dcc("Input").id("name").prop("value", "Dash").into(),
//!             Component::html("P").id("greeting").into(),
//!         ]))
//!         .app::<hello::Ids>()
//!         .run()
//! }
//! ```
//!
//! # Callbacks
//!
//! `#[callback(output = "id.prop", input = "id.prop", state = "id.prop", ...)]` goes on a
//! plain `fn` or an `async fn` inside a `#[dash::app]` module. Keys may repeat; parameters
//! take the inputs, then the state, in order, each decoded from JSON into its Rust type.
//! With several outputs, return a tuple. Return `Result<_, CallbackError>` to fail or to
//! prevent the update ([`PreventUpdate`]), and [`Update::NoUpdate`] to leave one output
//! alone. Flags: `prevent_initial_call`, and `blocking = false` to run a trivial sync
//! callback inline instead of on the blocking pool.

pub use dash_core::{
    App, CallbackError, CallbackResult, CallbackSpec, Component, DASH_TABLE, DCC, HTML, Handler,
    IntoOutput, Node, PreventUpdate, PropId, Update,
};
pub use dash_macros::{app, callback, ids};
pub use dash_server::{Config, Dash, EnvError, Problem, Server, StartupError};

/// What an app file usually needs.
pub mod prelude {
    pub use crate::{CallbackError, Component, Dash, Node, PreventUpdate, Update};
}

#[doc(hidden)]
pub use dash_core::__private;
