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
//!         name: dcc::Input,
//!         greeting: html::P,
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
//!         .layout(html::Div::new().children([
//!             dcc::Input::new().id("name").value("Dash").into(),
//!             html::P::new().id("greeting").into(),
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
//! alone. Flags: `prevent_initial_call`, `allow_duplicate`, and `blocking = false` to run a
//! trivial sync callback inline instead of on the blocking pool, and `memoize` (below).
//!
//! A [`Ctx`] parameter (no `"id.prop"` either) is the call's context: with
//! `Ctx<name::Trigger>` it says which input fired as an enum the macro writes next to the
//! callback; it also gives the request's lists, headers and cookies, and
//! [`SetProps::set_props`] writes props that are not outputs (checked when written with
//! literals). A callback may have no outputs, return a [`Patch`], set props while it runs
//! (`running(prop = "id.prop", on = .., off = ..)`) and answer its errors with a fallback
//! (`on_error = handler`, or [`Dash::on_error`] for the whole app). README's "Which input
//! fired" section has the details.
//!
//! Read-only data (a table, a model) reaches a callback through a [`Shared<T>`] parameter,
//! registered once with [`Dash::share`]; it takes no `"id.prop"`. Callbacks never write
//! global state: the macro rejects the writes it can see in their bodies.
//!
//! # Sharing data between callbacks
//!
//! Compute an expensive step once and let several callbacks read it:
//!
//! - in the browser: a typed [`Store<T>`] written by one callback and read by others;
//! - on the server: a [`ServerStore<T>`], written and read the same way, whose value stays
//!   in the server's cache while the browser keeps a small handle;
//! - with `memoize` on `#[callback]`, a call made before (by anyone, in any process that
//!   shares the cache) is answered from the cache. `memoize(ttl = "10m", scope =
//!   "session")` limits how long and who shares.
//!
//! The cache is in memory by default; [`cache`] has the disk and Redis backends, chosen
//! with [`Dash::cache`] or `DASH_CACHE=memory|disk|redis`.
//!
//! ```no_run
//! use dash::prelude::*;
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(Serialize, Deserialize)]
//! pub struct Cleaned {
//!     rows: Vec<(String, f64)>,
//! }
//!
//! #[dash::app]
//! mod weather {
//!     use super::Cleaned;
//!     use dash::prelude::*;
//!
//!     #[ids]
//!     pub struct Ids {
//!         city: dcc::Dropdown,
//!         intermediate: ServerStore<Cleaned>,
//!         count: html::P,
//!     }
//!
//!     #[callback(output = "intermediate.data", input = "city.value", memoize(ttl = "1h"))]
//!     fn clean_data(city: Option<String>) -> Result<Cleaned, CallbackError> {
//!         // A cleared Dropdown sends `null`.
//!         let city = city.ok_or(PreventUpdate)?;
//!         Ok(Cleaned { rows: vec![(city, 21.5)] })
//!     }
//!
//!     #[callback(output = "count.children", input = "intermediate.data")]
//!     fn count_rows(data: Cleaned) -> usize {
//!         data.rows.len()
//!     }
//! }
//!
//! fn main() -> Result<(), dash::StartupError> {
//!     Dash::new()
//!         .layout(html::Div::new().children([
//!             dcc::Dropdown::new().id("city").options(["Paris", "Oslo"]).value("Paris").into(),
//!             ServerStore::<Cleaned>::new("intermediate").into(),
//!             html::P::new().id("count").into(),
//!         ]))
//!         .app::<weather::Ids>()
//!         .run()
//! }
//! ```
//!
//! # Pages
//!
//! A site with several pages is an enum with `#[derive(Pages)]`, one variant per page.
//! A variant's fields are its path variables and query parameters, typed, and the
//! variant is its link: a link to a page that does not exist, or without a variable, does
//! not compile. `module = m` names the `#[dash::app]` module whose `layout` function draws
//! the page from the fields and whose callbacks come with it; `layout = f` is a function,
//! for a page without callbacks. The pages go into [`page_container`]; the startup checks
//! see every page's layout at once.
//!
//! ```no_run
//! use dash::prelude::*;
//!
//! #[dash::app]
//! mod city {
//!     use dash::prelude::*;
//!
//!     #[ids]
//!     pub struct Ids {
//!         days: dcc::Slider,
//!         summary: html::P,
//!     }
//!
//!     /// `/city/<name>?days=N`: the fields of `Page::City`, in order.
//!     pub fn layout(name: String, days: Option<u32>) -> html::Div {
//!         html::Div::new().children([
//!             html::H2::new().children(name).into(),
//!             dcc::Slider::new().id("days").min(1).max(30).value(days.unwrap_or(7)).into(),
//!             html::P::new().id("summary").into(),
//!         ])
//!     }
//!
//!     #[callback(output = "summary.children", input = "days.value")]
//!     fn summary(days: Option<f64>) -> String {
//!         format!("the last {} days", days.unwrap_or(7.0))
//!     }
//! }
//!
//! fn home() -> html::Div {
//!     // `/city/Oslo?days=3`
//!     let oslo = Page::City { name: "Oslo".into(), days: Some(3) };
//!     html::Div::new().children(dcc::Link::new(oslo).children("Oslo, three days"))
//! }
//!
//! #[derive(dash::Pages)]
//! enum Page {
//!     #[page(path = "/", layout = home, title = "Weather")]
//!     Home,
//!     #[page(path = "/city/<name>", module = city, title = "Weather in {name}")]
//!     City { name: String, days: Option<u32> },
//! }
//!
//! fn main() -> Result<(), dash::StartupError> {
//!     Dash::new().title("Weather").pages::<Page>().run()
//! }
//! ```

// On the documentation host (nightly, `--cfg docsrs`): each item behind a feature shows
// the feature it needs.
#![cfg_attr(docsrs, feature(doc_cfg))]

/// The plotly crate (0.14), with the feature `plotly`: `Figure::from(plot)` converts its
/// `Plot`. Use it as `dash::plotly`, so that its version is always the one `Figure`
/// converts from.
#[cfg(feature = "plotly")]
pub use dash_components::plotly;
pub use dash_components::{
    Choice, Figure, Id, IdFor, LabeledOption, Location, Options, Patch, Plain, PropKey, Scalar,
    ServerStore, SetProps, Step, StorageType, Store, StringOrNumber, dash_table, dcc, figure, html,
};
pub use dash_core::{
    AllArg, App, Arg, Args, Background, CallContext, CallbackError, CallbackResult, CallbackSpec,
    Cancelled, Children, Clientside, ClientsideFunction, Component, ComponentId, Ctx, DASH_TABLE,
    DCC, Dependency, Exact, Family, FromCall, HTML, Handler, IntoOutput, Key, KeyFrom, KeyValue,
    Lists, Memoize, NoTrigger, Node, Number, Out, PatternItem, PreventUpdate, Progress, PropId,
    Request, Resources, Returned, Running, Scope, Shared, StoreInput, StoredValue, Trigger,
    Triggered, TypedComponent, Update, Wildcard, decode_stored, to_json,
};
pub use dash_macros::{Pages, app, callback, clientside, embed_assets, ids};
/// The MCP endpoint's settings ([`Dash::mcp`]).
#[cfg(feature = "mcp")]
pub use dash_server::Mcp;
pub use dash_server::{
    Assets, CallbackGraph, ComponentLibrary, Config, Dash, EnvError, Page, PageError, PageLayout,
    PageRequest, Pages, Problem, Resource, Server, Shell, StartupError, TestClient, cache,
    page_container, relative_path,
};

/// What an app file usually needs.
pub mod prelude {
    pub use crate::figure::Trace;
    pub use crate::{
        CallContext, CallbackError, ClientsideFunction, Component, Ctx, Dash, Exact, Figure, Node,
        Number, Patch, PreventUpdate, Progress, ServerStore, SetProps, Shared, Store, Update,
        dash_table, dcc, html,
    };
}

/// What `#[dash::app]` generates code against. Not a public API.
#[doc(hidden)]
pub mod __private {
    pub use dash_components::__support::{
        all_output_as, fits, fits_value, loose_id, loose_prop, output_as, plain, prop, store_fits,
        store_reads,
    };
    pub use dash_core::__private::*;
    pub use dash_server::__pages::Href;
    pub use dash_server::Assets;
}

/// What code generated by `dash-codegen` for other component libraries uses.
#[doc(hidden)]
pub use dash_components::__support;

/// The README's code samples, compiled (and run where they are not `no_run`) as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
mod readme {}
