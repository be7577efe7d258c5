//! The HTTP side of a Dash app: the protocol routes the official Dash front end talks to,
//! the front end itself (embedded at build time), and callback execution.
//!
//! Use it through the `dash` crate: build a [`Dash`], give it a layout and the callbacks
//! of a `#[dash::app]` module, and [`Dash::run`] it.
//!
//! The modules, by concern, each depending only on those listed after it:
//!
//! - `app`: the [`Dash`] builder and the [`Server`];
//! - `http/`: the router, its layers, and one handler per route;
//! - `call/`: one callback call, with memoization and server-side stores (`keys`,
//!   `stores`);
//! - `protocol/`: the wire shapes of the update request and answer, the dependencies and
//!   the page (no axum types);
//! - `state`: what every request reads, built once;
//! - `startup/`: the checks of `Dash::build` (the callback graph, the layout, the forms
//!   the browser sends) and their [`Problem`]s;
//! - `execute`: how a callback runs (tasks, the blocking pool, panics);
//! - `cache/` (with `flights`, one fetch for readers that arrive together), `config`,
//!   `pathnames`, `assets`, `library`, `error`, `logging`.

// On the documentation host (nightly, `--cfg docsrs`): each item behind a feature shows
// the feature it needs.
#![cfg_attr(docsrs, feature(doc_cfg))]

mod app;
mod app_assets;
mod assets;
pub mod cache;
mod call;
mod config;
mod error;
mod execute;
mod graph;
mod http;
mod jobs;
mod library;
mod logging;
#[cfg(feature = "mcp")]
mod mcp;
mod pages;
mod pathnames;
mod protocol;
mod reload;
mod resource;
mod startup;
mod state;
mod testing;

pub use app::{Dash, Server, StartupError};
pub use app_assets::Assets;
pub use config::{Config, EnvError};
pub use graph::CallbackGraph;
pub use library::ComponentLibrary;
#[cfg(feature = "mcp")]
pub use mcp::Mcp;
pub use pages::{
    Page, PageError, PageLayout, PageRequest, Pages, Shell, page_container, relative_path,
};

/// What `#[derive(dash::Pages)]` generates code against.
#[doc(hidden)]
pub mod __pages {
    pub use crate::pages::Href;
}
pub use resource::Resource;
pub use startup::Problem;
pub use testing::TestClient;
