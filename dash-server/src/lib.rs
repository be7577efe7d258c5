//! The HTTP side of a Dash app: the protocol routes the official Dash front end talks to,
//! the front end itself (embedded at build time), and callback execution.
//!
//! Use it through the `dash` crate: build a [`Dash`], give it a layout and the callbacks
//! of a `#[dash::app]` module, and [`Dash::run`] it.

mod app;
mod assets;
pub mod cache;
mod compute;
mod config;
mod error;
mod execute;
mod favicon;
mod flights;
mod forms;
mod index;
mod library;
mod logging;
mod pathnames;
mod registry;
mod routes;
mod sharing;
mod state;
mod update;

pub use app::{Dash, Server, StartupError};
pub use config::{Config, EnvError};
pub use library::ComponentLibrary;
pub use registry::Problem;
