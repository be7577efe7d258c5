//! What every request may read: built once by `Dash::build`, shared behind an `Arc` and
//! never mutated. The routes, the update handler and the call pipeline depend on this
//! module; it depends on none of them.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use dash_core::{CallbackSpec, Node, PropId};

use crate::cache::Cache;
use crate::config::Config;
use crate::execute::Executor;
use crate::library::Libraries;
use crate::startup::Registry;

/// Where the layout comes from.
#[derive(Clone)]
pub(crate) enum Layout {
    /// Built once; its JSON is computed at startup.
    Static(axum::body::Bytes),
    /// Built again for every page load, like a Python layout function.
    Dynamic(Arc<dyn Fn() -> Node + Send + Sync>),
}

/// Everything a request may need.
pub(crate) struct AppState {
    pub config: Config,
    /// The page; rendered again when hot reload sees the assets folder change.
    pub index: std::sync::RwLock<axum::body::Bytes>,
    /// Where the routes are served, and where the browser requests them.
    pub pathnames: crate::pathnames::Pathnames,
    pub dependencies: axum::body::Bytes,
    pub layout: Layout,
    pub registry: Registry,
    pub executor: Executor,
    pub libraries: Libraries,
    /// The app's assets folder, if it has one.
    pub assets: Option<crate::app_assets::AssetsFolder>,
    /// What `_reload-hash` answers, when hot reload is on.
    pub reload: Option<Arc<crate::reload::Reload>>,
    pub resources: Arc<dash_core::Resources>,
    pub sharing: Sharing,
    /// The app's `on_error` handler, for callbacks without their own.
    pub on_error: Option<ErrorHandler>,
    /// The app's pages, when it has some.
    pub pages: Option<dash_core::Shared<crate::pages::PageRegistry>>,
    /// Every page's layout with the app's, for the renderer's checks (`_dash-config`).
    pub validation_layout: Option<serde_json::Value>,
    /// The background jobs of this process, when the app has background callbacks.
    pub jobs: Option<crate::jobs::JobStore>,
    /// Signs the page loads' ids and the jobs' handles.
    pub signer: crate::jobs::handle::Signer,
    /// The app has WebSocket callbacks: the page gets a `websocket` block, and
    /// `_dash-ws-callback` is served.
    pub websocket: bool,
}

impl AppState {
    /// The layout as the browser gets it: the JSON computed at startup, or the user's
    /// function run again, on the blocking pool (it may query a database), its panics
    /// caught so that the server keeps serving.
    pub(crate) async fn layout_json(&self) -> Result<axum::body::Bytes, String> {
        let build = match &self.layout {
            Layout::Static(json) => return Ok(json.clone()),
            Layout::Dynamic(build) => build.clone(),
        };
        let prefix = self.pathnames.requests.clone();
        tokio::task::spawn_blocking(move || {
            let _scope = crate::pages::PrefixScope::enter(&prefix);
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| build()))
                .map_err(|panic| crate::execute::panic_message(&*panic))
                .and_then(|layout| serde_json::to_vec(&layout).map_err(|error| error.to_string()))
        })
        .await
        .unwrap_or_else(|error| Err(error.to_string()))
        .map(Into::into)
    }
}

/// An app-wide error handler (`Dash::on_error`).
pub(crate) type ErrorHandler =
    Arc<dyn Fn(&dash_core::CallbackError, &dash_core::CallContext) + Send + Sync>;

/// How values are shared between callbacks: memoization and server-side stores.
pub(crate) struct Sharing {
    /// Where memoized results and server-side store values are kept.
    pub cache: Cache,
    /// The app's part of every cache key (`Dash::cache_version`).
    pub cache_version: String,
    /// How long a server-side store value is kept when its callback sets no `ttl`.
    pub store_ttl: Duration,
    /// The ids of the server-side stores.
    pub server_stores: HashSet<&'static str>,
    /// Some callback is memoized per session: the page sets a session cookie.
    pub sessions: bool,
    /// The server-side store values this process computed, as returned, in front of a
    /// backend that keeps bytes elsewhere (unused when the backend is in this process).
    pub near: crate::cache::MemoryCache,
    /// The fetches from that backend under way, shared by readers that arrive together.
    pub flights: crate::cache::flights::Flights,
}

/// Is this prop the `data` of one of these server-side stores (by id)?
pub(crate) fn is_server_store(stores: &HashSet<&'static str>, prop: &PropId) -> bool {
    prop.property == "data" && prop.id.as_str().is_some_and(|id| stores.contains(id))
}

impl Sharing {
    /// Is this prop the `data` of a server-side store?
    pub(crate) fn is_server_store(&self, prop: &PropId) -> bool {
        is_server_store(&self.server_stores, prop)
    }

    /// Where this process keeps server-side store values as the callbacks returned them:
    /// the backend itself when it is in memory, the near copy otherwise.
    pub(crate) fn local(&self) -> &crate::cache::MemoryCache {
        self.cache.in_process().unwrap_or(&self.near)
    }

    /// Does this callback write a server-side store?
    pub(crate) fn writes_server_store(&self, spec: &CallbackSpec) -> bool {
        spec.dependency
            .outputs
            .iter()
            .any(|prop| self.is_server_store(prop))
    }
}
