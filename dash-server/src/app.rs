//! `Dash`: the builder a user configures, and the validated `Server` it becomes.

use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use dash_core::{App, CallbackSpec, Node, Resources, Scope};
use tokio::net::TcpListener;

use crate::cache::{Cache, CacheBackend};
use crate::config::{Config, EnvError};
use crate::execute::Executor;
use crate::graph::CallbackGraph;
use crate::library::{ComponentLibrary, Libraries};
use crate::pages::PageRegistry;
use crate::protocol::{dependencies, page};
use crate::startup::{self, Registry};
use crate::state::{AppState, Layout, Sharing};

pub use crate::startup::StartupError;

/// How long a server-side store value is kept by default: one day.
const DEFAULT_STORE_TTL: Duration = Duration::from_secs(86_400);

impl std::fmt::Debug for Dash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dash")
            .field("config", &self.config)
            .field("callbacks", &self.callbacks.len())
            .field("server_stores", &self.server_stores)
            .finish_non_exhaustive()
    }
}

/// A Dash app: a layout, callbacks and settings.
///
/// ```no_run
/// use dash::Component;
/// use dash::Dash;
///
/// Dash::new()
///     .title("Hello")
///     .layout(Component::html("H1").children("Hello, Dash"))
///     .run()
///     .unwrap();
/// ```
pub struct Dash {
    config: Config,
    env_error: Option<EnvError>,
    layout: Option<LayoutSource>,
    callbacks: Vec<CallbackSpec>,
    libraries: Libraries,
    resources: Resources,
    cache: Option<Cache>,
    cache_version: String,
    store_ttl: Duration,
    server_stores: Vec<&'static str>,
    on_error: Option<crate::state::ErrorHandler>,
    assets: Option<crate::Assets>,
    pages: Vec<crate::Page>,
    shell: Option<crate::Shell>,
    secret_key: Option<Vec<u8>>,
}

enum LayoutSource {
    Static(Node),
    Dynamic(Arc<dyn Fn() -> Node + Send + Sync>),
}

impl Default for Dash {
    fn default() -> Self {
        Dash::new()
    }
}

impl Dash {
    /// An app with the default settings, overridden by the environment variables
    /// [`Config::from_env`] reads (`HOST`, `PORT`, `DASH_DEBUG`, `DASH_URL_BASE_PATHNAME`,
    /// ...). Settings made in code win over the environment; a variable that does not
    /// parse makes [`Dash::build`] fail.
    pub fn new() -> Self {
        let (config, env_error) = match Config::from_env() {
            Ok(config) => (config, None),
            Err(error) => (Config::default(), Some(error)),
        };
        Dash {
            config,
            env_error,
            layout: None,
            callbacks: Vec::new(),
            libraries: Libraries::default(),
            resources: Resources::default(),
            cache: None,
            cache_version: String::new(),
            store_ttl: DEFAULT_STORE_TTL,
            server_stores: Vec::new(),
            on_error: None,
            assets: None,
            pages: Vec::new(),
            shell: None,
            secret_key: None,
        }
    }

    /// Shares a read-only value with every callback that takes a `Shared<T>` parameter: a
    /// table, a model, a connection pool. One value per type.
    ///
    /// ```
    /// use dash::Dash;
    ///
    /// struct Scores(Vec<i64>);
    /// let app = Dash::new().share(Scores(vec![1, 5, 2]));
    /// # let _ = app;
    /// ```
    pub fn share<T: Send + Sync + 'static>(mut self, value: T) -> Self {
        self.resources.insert(value);
        self
    }

    /// Serves another component library's bundle and registers its `children_props`. A
    /// library registered again (by its package name) replaces the first: its bundle is
    /// loaded once, with the last registration's stylesheets.
    pub fn component_library(mut self, library: ComponentLibrary) -> Self {
        self.libraries
            .0
            .retain(|known| known.package() != library.package());
        self.libraries.0.push(library);
        self
    }

    /// The layout, built once.
    pub fn layout(mut self, layout: impl Into<Node>) -> Self {
        self.layout = Some(LayoutSource::Static(layout.into()));
        self
    }

    /// A layout built anew for every page load (fresh per-visit values, like a Python
    /// layout function). It is also built once at startup to validate the callbacks' ids.
    pub fn layout_fn(mut self, layout: impl Fn() -> Node + Send + Sync + 'static) -> Self {
        self.layout = Some(LayoutSource::Dynamic(Arc::new(layout)));
        self
    }

    /// Adds the callbacks of a `#[dash::app]` module, given its `Ids` type.
    pub fn app<A: App>(mut self) -> Self {
        self.callbacks.extend(A::callbacks());
        self.server_stores.extend(A::server_stores());
        self
    }

    /// Adds the pages of a site (an enum with `#[derive(dash::Pages)]`) and the
    /// callbacks of their modules. The pages go into [`page_container`](crate::page_container),
    /// which the layout must hold; without a layout, it is the layout.
    ///
    /// The startup checks see every page's layout, built from default values, with the
    /// app's layout: a callback may name the components of any page, and an id on no
    /// page is still an error.
    ///
    /// A site with a shell (`#[pages(shell = module)]`) takes its layout from it, with the
    /// shell module's callbacks: such an app needs no `.layout(..)` and no `.app::<..>()`.
    pub fn pages<P: crate::Pages>(mut self) -> Self {
        self.pages.extend(P::pages());
        if let Some(shell) = P::shell() {
            self.shell = Some(shell);
        }
        self
    }

    /// Adds one page written by hand.
    pub fn page(mut self, page: crate::Page) -> Self {
        self.pages.push(page);
        self
    }

    /// Where memoized results and server-side store values are kept. Without this call
    /// the environment decides (`DASH_CACHE=memory|disk|redis`, see [`cache`](crate::cache)),
    /// and the default is [`MemoryCache`](crate::cache::MemoryCache) bounded to 256 MiB.
    ///
    /// ```
    /// use dash::Dash;
    /// use dash::cache::DiskCache;
    ///
    /// let folder = std::env::temp_dir().join("dash-doc-cache");
    /// let app = Dash::new().cache(DiskCache::open(&folder, 1 << 30).unwrap());
    /// # let _ = app;
    /// ```
    ///
    /// With the `redis` feature, `RedisCache::new("redis://127.0.0.1:6379/")?` shares the
    /// values between every process pointed at that server.
    pub fn cache(mut self, backend: impl CacheBackend) -> Self {
        self.cache = Some(Arc::new(backend));
        self
    }

    /// A time limit for background jobs (none by default; `callback_timeout` does not
    /// apply to them). Past it the job is cancelled (an `async` callback stops at once, a
    /// sync one at its next `Progress::set`) and its next poll gets the timeout: the app's
    /// `on_error` handler answers for it, or the poll gets a 504.
    pub fn background_timeout(mut self, limit: std::time::Duration) -> Self {
        self.config.background_timeout = Some(limit);
        self
    }

    /// Sends every server callback over the page's WebSocket, not only those marked
    /// `#[callback(websocket)]` (Dash's `websocket_callbacks=True`): their `set_props`
    /// reach the page while they run, and `ctx.get_prop(..)` reads the page. Background
    /// callbacks stay on HTTP.
    pub fn websocket_callbacks(mut self, all: bool) -> Self {
        self.config.websocket_callbacks = all;
        self
    }

    /// Origins besides the app's own host whose pages may open its WebSocket (compared
    /// whole, `https://portal.example.com`; `*` allows any). The app's own pages always
    /// may.
    pub fn websocket_allowed_origins(
        mut self,
        origins: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        self.config.websocket_allowed_origins = origins.into_iter().map(Into::into).collect();
        self
    }

    /// The secret that signs background jobs' handles and page loads' ids (Dash's
    /// `secret_key`); `DASH_SECRET_KEY` sets it from the environment. Without one, replicas
    /// whose jobs live on Redis share a secret the first of them writes there; a process
    /// on its own draws one, and a restart then makes every handle the browser holds
    /// unknown (its job ends with no update).
    pub fn secret_key(mut self, key: impl Into<Vec<u8>>) -> Self {
        self.secret_key = Some(key.into());
        self
    }

    /// A version for the whole app, part of every cache key: change it when something
    /// the callbacks depend on changes outside their own code (a helper function, a data
    /// file), so no earlier result is reused. Each callback's own code is hashed already.
    pub fn cache_version(mut self, version: impl Into<String>) -> Self {
        self.cache_version = version.into();
        self
    }

    /// How long a server-side store value is kept when its callback sets no
    /// `memoize(ttl = ..)`. Default one day. A handle whose value is gone is computed
    /// again, so this bounds memory, not correctness.
    pub fn store_ttl(mut self, ttl: Duration) -> Self {
        self.store_ttl = ttl;
        self
    }

    /// Handles the errors of every callback that has no `on_error` of its own: `handler`
    /// receives the error (a callback's own `Err`, not a bad request or a panic) and the
    /// call's context, with which it may write props (`set_props_dyn`). The outputs are
    /// then left as they are: the answer is 200 with the side updates, or 204. The error
    /// is still logged. Without a handler, a failing callback answers 500.
    ///
    /// ```
    /// use dash::Dash;
    /// let app = Dash::new().on_error(|error, ctx| {
    ///     ctx.set_props_dyn("status", "children", format!("failed: {error}"));
    /// });
    /// # let _ = app;
    /// ```
    pub fn on_error(
        mut self,
        handler: impl Fn(&dash_core::CallbackError, &dash_core::CallContext) + Send + Sync + 'static,
    ) -> Self {
        self.on_error = Some(Arc::new(handler));
        self
    }

    /// Adds one callback written by hand.
    pub fn callback(mut self, spec: CallbackSpec) -> Self {
        self.callbacks.push(spec);
        self
    }

    /// Replaces every setting at once.
    pub fn config(mut self, config: Config) -> Self {
        self.config = config;
        self
    }

    /// The settings as they stand.
    pub fn settings(&self) -> &Config {
        &self.config
    }

    /// The page title.
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.config.title = title.into();
        self
    }

    /// The site's description, for the link previews of pages without their own
    /// (`Page::description`).
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.config.description = Some(description.into());
        self
    }

    /// Debug mode: error details in responses, the dev-tools UI and prop-type checks.
    pub fn debug(mut self, debug: bool) -> Self {
        self.config.debug = debug;
        self
    }

    /// The address to listen on.
    pub fn host(mut self, host: std::net::IpAddr) -> Self {
        self.config.host = host;
        self
    }

    /// The port to listen on; 0 picks a free one.
    pub fn port(mut self, port: u16) -> Self {
        self.config.port = port;
        self
    }

    /// The largest request body accepted, in bytes.
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.config.body_limit = bytes;
        self
    }

    /// How many sync callbacks may run at once.
    pub fn callback_threads(mut self, threads: usize) -> Self {
        self.config.callback_threads = threads;
        self
    }

    /// The title shown while callbacks run (`None` keeps the page title).
    pub fn update_title(mut self, title: Option<String>) -> Self {
        self.config.update_title = title;
        self
    }

    /// Serves a health check for load balancers at `GET /{path}`, answering `200 OK` as
    /// `text/plain` (Python Dash's `health_endpoint`): `.health_endpoint("health")`. Off by
    /// default, as in Python; `DASH_HEALTH_ENDPOINT` sets it from the environment. A path
    /// under the protocol's `_dash-` routes is refused when the app starts.
    pub fn health_endpoint(mut self, path: impl Into<String>) -> Self {
        self.config.health_endpoint = Some(path.into());
        self
    }

    /// Serves an MCP endpoint, at `/_mcp` by default (Dash 4.3's `enable_mcp`): an AI
    /// agent lists the app's callbacks as tools and calls them, each tool's input and
    /// output JSON schemas made from the callback's Rust types when the app compiled,
    /// and reads the layout and the pages as resources. Off by default, as in Python;
    /// `DASH_MCP_ENABLED=true` turns it on with its defaults.
    ///
    /// ```no_run
    /// # use dash::{Dash, Mcp};
    /// # let app = Dash::new();
    /// let app = app.mcp(Mcp::new());
    /// ```
    ///
    /// A tool runs its callback as the page's request would (decoding, time limit,
    /// memoization, error handlers) and answers what the page would receive. Not tools:
    /// clientside, background and pattern-matching callbacks, and those reading or
    /// writing a server-side store.
    #[cfg(feature = "mcp")]
    pub fn mcp(mut self, mcp: crate::Mcp) -> Self {
        self.config.mcp = Some(mcp);
        self
    }

    /// Lets pages from these origins call the app from the browser (CORS), for a dashboard
    /// embedded in another site: `.cors(["https://portal.example.com"])`, or `["*"]` for any
    /// origin. Preflights are answered, and the routes send `Access-Control-Allow-Origin`
    /// for an allowed origin; with listed origins, cookies go along (the session cookie of
    /// `scope = "session"`), which `*` does not allow. Off by default;
    /// `DASH_CORS_ORIGINS` (comma-separated) sets it from the environment. An origin that
    /// is not a valid header value is refused when the app starts.
    pub fn cors<S: Into<String>>(mut self, origins: impl IntoIterator<Item = S>) -> Self {
        self.config.cors_origins = origins.into_iter().map(Into::into).collect();
        self
    }

    /// How long a callback may take: past it, the request is answered 504 with a JSON body
    /// and the server goes on serving. An async callback is stopped there; a sync one
    /// cannot be stopped, so it runs to its end on its thread, keeping its place among the
    /// `callback_threads`, and its result is dropped. No limit by default;
    /// `DASH_CALLBACK_TIMEOUT` (seconds) sets it from the environment. The app's
    /// `on_error` handler hears of a timeout as of any failure (a
    /// `CallbackError::Failed` with status 504); without one, the answer is a 504.
    /// Background callbacks run without a limit.
    pub fn callback_timeout(mut self, limit: std::time::Duration) -> Self {
        self.config.callback_timeout = Some(limit);
        self
    }

    /// Whether the page and the JSON answers are compressed as they go out where that
    /// pays (on by default): level 1 of zstd, brotli or gzip, except for a client on this
    /// machine, to which sending is cheaper than compressing. Turn it off when a proxy in
    /// front compresses. The front-end bundles are compressed when the server is built and
    /// sent that way regardless. `DASH_COMPRESS` (`true` or `false`) sets it from the
    /// environment.
    pub fn compress(mut self, compress: bool) -> Self {
        self.config.compress = compress;
        self
    }

    /// Stylesheets from outside the app, linked first in `<head>`: URLs, or
    /// [`Resource::tag`](crate::Resource::tag)s with their attributes (`integrity`,
    /// `crossorigin`, `media`).
    pub fn external_stylesheets<R: Into<crate::Resource>>(
        mut self,
        stylesheets: impl IntoIterator<Item = R>,
    ) -> Self {
        self.config.external_stylesheets = stylesheets.into_iter().map(Into::into).collect();
        self
    }

    /// Scripts from outside the app, loaded after React and before the component libraries
    /// and the assets' scripts, which may use them: URLs, or
    /// [`Resource::tag`](crate::Resource::tag)s (`type="module"`, `async`, `integrity`).
    pub fn external_scripts<R: Into<crate::Resource>>(
        mut self,
        scripts: impl IntoIterator<Item = R>,
    ) -> Self {
        self.config.external_scripts = scripts.into_iter().map(Into::into).collect();
        self
    }

    /// The page's meta tags, each as its attributes: link previews, say,
    /// `[("property", "og:description"), ("content", "Rain in Oslo")]`. Python Dash's
    /// three defaults (`X-UA-Compatible`, `charset`, `viewport`) come first, each unless a
    /// tag here is like it.
    pub fn meta_tags<T, K, V>(mut self, tags: impl IntoIterator<Item = T>) -> Self
    where
        T: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: Into<String>,
    {
        self.config.meta_tags = tags
            .into_iter()
            .map(|tag| tag.into_iter().map(|(k, v)| (k.into(), v.into())).collect())
            .collect();
        self
    }

    /// The page's template (Python Dash's `index_string`): any HTML with the markers
    /// `{%metas%}`, `{%title%}`, `{%favicon%}`, `{%css%}`, `{%app_entry%}`, `{%config%}`,
    /// `{%scripts%}` and `{%renderer%}`, each replaced by its part of the page. A template
    /// without `{%app_entry%}`, `{%config%}` or `{%scripts%}`, or whose page lacks the
    /// renderer's bootstrap, stops the app with a message naming what is missing.
    pub fn index_string(mut self, template: impl Into<String>) -> Self {
        self.config.index_string = Some(template.into());
        self
    }

    /// The app's assets, as `dash::embed_assets!()` makes them: the folder `assets` next to
    /// the app's `Cargo.toml`, read from disk in a debug build and embedded in the binary
    /// in a release build, so that the app deploys as one executable. Takes precedence over
    /// [`assets_folder`](Dash::assets_folder).
    ///
    /// ```ignore
    /// // In an app crate, beside the folder `assets`:
    /// Dash::new().assets(dash::embed_assets!())
    /// ```
    pub fn assets(mut self, assets: crate::Assets) -> Self {
        self.assets = Some(assets);
        self
    }

    /// The app's assets folder (Python Dash's `assets_folder`): its stylesheets and scripts
    /// are linked in the page, in Python Dash's order, `favicon.ico` is the page's icon,
    /// and every file in it is served under [`assets_url_path`](Dash::assets_url_path).
    /// Without it, `assets` in the directory the app starts in is used when there is one.
    /// A folder set here that does not exist stops the app with a message.
    pub fn assets_folder(mut self, folder: impl Into<std::path::PathBuf>) -> Self {
        self.config.assets_folder = Some(folder.into());
        self
    }

    /// Where the assets are served, under the routes prefix: `assets` by default
    /// (`/assets/style.css`).
    pub fn assets_url_path(mut self, path: impl Into<String>) -> Self {
        self.config.assets_url_path = path.into();
        self
    }

    /// A regular expression: assets whose file name it matches are not linked in the page
    /// (they are still served). Python Dash's `assets_ignore`.
    pub fn assets_ignore(mut self, pattern: impl Into<String>) -> Self {
        self.config.assets_ignore = Some(pattern.into());
        self
    }

    /// Regular expressions: asset folders whose name one of them matches are not linked in
    /// the page, with everything under them (they are still served). Python Dash's
    /// `assets_path_ignore`.
    pub fn assets_path_ignore<S: Into<String>>(
        mut self,
        patterns: impl IntoIterator<Item = S>,
    ) -> Self {
        self.config.assets_path_ignore = patterns.into_iter().map(Into::into).collect();
        self
    }

    /// Hot reload (Python Dash's `dev_tools_hot_reload`): an edited stylesheet of the
    /// assets folder is swapped into the open page in place, without losing its state; any
    /// other edited asset, or a restarted server, reloads the page. Follows
    /// [`debug`](Dash::debug) unless set; `DASH_HOT_RELOAD`.
    pub fn hot_reload(mut self, on: bool) -> Self {
        self.config.hot_reload = Some(on);
        self
    }

    /// Whether the assets' stylesheets and scripts are linked in the page (on by default;
    /// `DASH_INCLUDE_ASSETS_FILES`). Off, they are still served.
    pub fn include_assets_files(mut self, include: bool) -> Self {
        self.config.include_assets_files = include;
        self
    }

    /// Serves the app under a path, such as `/sales/`, and has the browser request it
    /// there (Python Dash's `url_base_pathname`): the page at `/sales/`, the protocol's
    /// routes at `/sales/_dash-layout` and so on, and the health check under it too. Also
    /// `DASH_URL_BASE_PATHNAME`. Set it alone, or the two settings below instead.
    pub fn url_base_pathname(mut self, prefix: impl Into<String>) -> Self {
        self.config.url_base_pathname = Some(prefix.into());
        self
    }

    /// The prefix the routes are served under (`/` by default). Also
    /// `DASH_ROUTES_PATHNAME_PREFIX`.
    pub fn routes_pathname_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.config.routes_pathname_prefix = Some(prefix.into());
        self
    }

    /// The prefix the browser puts in front of every request, when a proxy adds a path
    /// that it strips before passing requests on: behind a proxy that serves the app's `/`
    /// at `/sales/`, `.requests_pathname_prefix("/sales/")`. It must end with the routes'
    /// prefix. Also `DASH_REQUESTS_PATHNAME_PREFIX`.
    pub fn requests_pathname_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.config.requests_pathname_prefix = Some(prefix.into());
        self
    }

    /// Allow callbacks on ids that are not in the initial layout.
    pub fn suppress_callback_exceptions(mut self, suppress: bool) -> Self {
        self.config.suppress_callback_exceptions = suppress;
        self
    }

    /// Validates the app and prepares everything served.
    pub fn build(self) -> Result<Server, StartupError> {
        if let Some(error) = self.env_error {
            return Err(error.into());
        }
        if crate::assets::ASSETS.is_empty() {
            return Err(StartupError::NoFrontEnd);
        }
        let mut config = self.config;
        if let Some(path) = &config.health_endpoint {
            config.health_endpoint =
                crate::config::health_path(path).map_err(|reason| StartupError::Setting {
                    setting: "health_endpoint",
                    reason,
                })?;
        }
        #[cfg(feature = "mcp")]
        if let Some(mcp) = &mut config.mcp {
            mcp.path = crate::mcp::checked_path(
                &mcp.path,
                &config.assets_url_path,
                config.health_endpoint.as_deref(),
            )
            .map_err(|reason| StartupError::Setting {
                setting: "mcp",
                reason,
            })?;
        }
        let config = config;
        let pathnames = config
            .pathnames()
            .map_err(|(setting, reason)| StartupError::Setting { setting, reason })?;
        crate::http::cors(&config.cors_origins).map_err(|reason| StartupError::Setting {
            setting: "cors",
            reason,
        })?;
        let assets = crate::app_assets::from_config(&config, self.assets)?;
        let mut callbacks = self.callbacks;
        let mut server_stores = self.server_stores;
        let mut resources = self.resources;
        let pages = if self.pages.is_empty() {
            None
        } else {
            for page in &self.pages {
                callbacks.extend(page.callbacks.iter().flat_map(|callbacks| callbacks()));
                server_stores.extend(page.server_stores.iter().flat_map(|stores| stores()));
            }
            if let Some(shell) = &self.shell {
                callbacks.extend(shell.callbacks.iter().flat_map(|callbacks| callbacks()));
                server_stores.extend(shell.server_stores.iter().flat_map(|stores| stores()));
            }
            callbacks.extend(crate::pages::routing_callbacks());
            let registry = PageRegistry::new(
                self.pages,
                &config.title,
                &pathnames.requests,
                assets.as_ref(),
            )
            .map(|registry| registry.describe(config.description.clone()))
            .map_err(|reason| StartupError::Setting {
                setting: "pages",
                reason,
            })?;
            resources.insert(registry);
            resources.get::<PageRegistry>()
        };
        // A module registered twice (by its page and by `.app::<..>()`, say) counts once:
        // a callback is known by where it is written.
        let mut written = HashSet::new();
        callbacks.retain(|spec| spec.location.is_empty() || written.insert(spec.location));
        let background = callbacks
            .iter()
            .any(|spec| spec.dependency.background.is_some());
        let websocket =
            config.websocket_callbacks || callbacks.iter().any(|spec| spec.dependency.websocket);
        callbacks.extend(crate::jobs::cancel_callbacks(&callbacks));
        let registry = Registry::new(callbacks).map_err(StartupError::Invalid)?;
        let endpoints =
            registry.check_endpoints(&config.assets_url_path, config.health_endpoint.as_deref());
        if !endpoints.is_empty() {
            return Err(StartupError::Invalid(endpoints));
        }
        let missing = registry.check_shared(&resources);
        if !missing.is_empty() {
            return Err(StartupError::Invalid(missing));
        }
        let shell = self.shell.is_some();
        let layout = match (self.layout, self.shell, &pages) {
            (Some(_), Some(_), _) => {
                return Err(StartupError::Setting {
                    setting: "pages",
                    reason: "the site has a shell, which is the app's layout: give no \
                             `.layout(..)` as well"
                        .to_owned(),
                });
            }
            (Some(layout), None, _) => layout,
            (None, Some(shell), Some(_)) => LayoutSource::Dynamic(shell.layout),
            (None, _, Some(_)) => LayoutSource::Static(crate::page_container()),
            (None, _, None) => return Err(StartupError::NoLayout),
        };
        let scope = crate::pages::PrefixScope::enter(&pathnames.requests);
        let (layout, initial) = match layout {
            LayoutSource::Static(node) => (
                Layout::Static(serde_json::to_vec(&node).expect("a layout is JSON").into()),
                node,
            ),
            LayoutSource::Dynamic(build) => {
                let initial = build();
                (Layout::Dynamic(build), initial)
            }
        };
        drop(scope);
        // With pages, the checks see the app's layout and every page's (Python Dash's
        // validation layout), and the renderer gets them for its own checks.
        let (initial, validation_layout) = match &pages {
            Some(pages) => {
                let validation = crate::pages::validation_layout(pages, initial, shell)?;
                if let Some(health) = &config.health_endpoint
                    && let Some((from, _)) = pages
                        .redirects()
                        .into_iter()
                        .find(|(from, _)| from.trim_matches('/') == health.trim_matches('/'))
                {
                    return Err(StartupError::Setting {
                        setting: "pages",
                        reason: format!("`{from}` is a redirect and the health endpoint"),
                    });
                }
                let json = (!config.suppress_callback_exceptions)
                    .then(|| serde_json::to_value(&validation).expect("a layout is JSON"));
                (validation, json)
            }
            None => (initial, None),
        };
        let mut invalid = startup::invalid_layout_ids(&initial);
        let components = startup::components_by_id(&initial);
        invalid.extend(registry.check_unset(&components));
        invalid.extend(registry.check_forms(&components));
        invalid.extend(registry.check_optional());
        if !invalid.is_empty() {
            return Err(StartupError::Invalid(invalid));
        }
        if !config.suppress_callback_exceptions {
            let problems = registry.check_layout(&initial);
            if !problems.is_empty() {
                return Err(StartupError::Invalid(problems));
            }
        }
        let cache = match self.cache {
            Some(cache) => cache,
            None => crate::cache::from_env()?,
        };
        let contextual = registry.check_contextual(&server_stores);
        if !contextual.is_empty() {
            return Err(StartupError::Invalid(contextual));
        }
        let sessions = registry
            .iter()
            .any(|spec| spec.memoize.is_some_and(|m| m.scope == Scope::Session));
        let server_stores: HashSet<&'static str> = server_stores.into_iter().collect();
        #[cfg(feature = "mcp")]
        if let Some(mcp) = &config.mcp {
            let redirects = pages.iter().flat_map(|pages| pages.redirects());
            let redirects: Vec<String> = redirects.map(|(from, _)| from).collect();
            let problems = crate::mcp::check(mcp, &registry, &server_stores, &redirects);
            if !problems.is_empty() {
                return Err(StartupError::Invalid(problems));
            }
        }
        if !server_stores.is_empty() || registry.iter().any(|spec| spec.memoize.is_some()) {
            tracing::info!(cache = %cache.describe(), "sharing values between callbacks");
        }
        let index = page::render(
            &config,
            &pathnames,
            &self.libraries,
            assets.as_ref(),
            validation_layout.as_ref(),
            page::Features {
                pages: pages.is_some(),
                background,
                websocket,
            },
            &crate::protocol::clientside::scripts(registry.iter().map(|spec| &spec.dependency)),
        )
        .map_err(|reason| StartupError::Setting {
            setting: "index_string",
            reason,
        })?;
        let reload = config.hot_reload().then(|| {
            let mut packages = vec!["dash".to_owned()];
            packages.extend(self.libraries.packages());
            Arc::new(crate::reload::Reload::new(packages))
        });
        let watched = reload
            .as_ref()
            .zip(assets.as_ref().and_then(|assets| assets.folder()))
            .map(|(reload, folder)| (reload.clone(), folder.to_owned()));
        let executor = Executor::new(config.callback_threads, registry.iter().map(|spec| &**spec))
            .with_prefix(&pathnames.requests);
        let jobs = background.then(|| crate::jobs::store_for(&cache));
        let state = AppState {
            reload,
            index: std::sync::RwLock::new(index.into()),
            assets,
            pathnames,
            dependencies: dependencies::json(registry.iter().map(|spec| &spec.dependency)).into(),
            executor,
            config,
            layout,
            registry,
            libraries: self.libraries,
            resources: Arc::new(resources),
            pages,
            validation_layout,
            sharing: Sharing {
                cache: cache.clone(),
                cache_version: self.cache_version,
                store_ttl: self.store_ttl,
                server_stores,
                sessions,
                near: crate::cache::MemoryCache::new(crate::cache::NEAR_BYTES),
                flights: Default::default(),
            },
            on_error: self.on_error,
            signer: crate::jobs::signer(self.secret_key, jobs.as_ref()),
            jobs,
            websocket,
        };
        let state = Arc::new(state);
        if let Some((reload, folder)) = watched {
            watch_assets(&state, &reload, folder);
        }
        Ok(Server { state })
    }

    /// Validates, binds the configured address, prints where the app is served, and serves
    /// until Ctrl-C or SIGTERM. Creates its own async runtime.
    pub fn run(self) -> Result<(), StartupError> {
        if let Some(format) = std::env::var_os("DASH_GRAPH") {
            return self.print_graph(&format.to_string_lossy());
        }
        crate::logging::init();
        let server = self.build()?;
        let runtime = tokio::runtime::Runtime::new()?;
        runtime.block_on(server.run())
    }
}

impl Dash {
    /// The app's callback graph, without serving it: every callback of its modules and
    /// pages (the pages' own routing callbacks marked hidden), with the Rust types of
    /// its inputs, state and outputs. Write it with
    /// [`to_json`](CallbackGraph::to_json), [`to_mermaid`](CallbackGraph::to_mermaid) or
    /// [`to_dot`](CallbackGraph::to_dot); snapshot it in a test so that a change to the
    /// graph shows in review.
    ///
    /// `DASH_GRAPH=json|mermaid|dot cargo run` prints it from [`run`](Dash::run) instead
    /// of serving.
    pub fn graph(&self) -> CallbackGraph {
        CallbackGraph::new(&self.specs())
    }

    /// Every callback the app will serve: its modules', its pages' and the pages' own,
    /// each once.
    pub(crate) fn specs(&self) -> Vec<CallbackSpec> {
        let mut callbacks = self.callbacks.clone();
        if !self.pages.is_empty() {
            for page in &self.pages {
                callbacks.extend(page.callbacks.iter().flat_map(|callbacks| callbacks()));
            }
            if let Some(shell) = &self.shell {
                callbacks.extend(shell.callbacks.iter().flat_map(|callbacks| callbacks()));
            }
            callbacks.extend(crate::pages::routing_callbacks());
        }
        // As `build` counts them: a callback is known by where it is written.
        let mut written = HashSet::new();
        callbacks.retain(|spec| spec.location.is_empty() || written.insert(spec.location));
        callbacks
    }

    /// `DASH_GRAPH`: prints the graph in that format.
    fn print_graph(&self, format: &str) -> Result<(), StartupError> {
        let graph = self.graph();
        let text = match format {
            "json" => format!("{:#}\n", graph.to_json()),
            "mermaid" => graph.to_mermaid(),
            "dot" => graph.to_dot(),
            _ => {
                return Err(StartupError::Setting {
                    setting: "DASH_GRAPH",
                    reason: format!("`{format}` is not a format: write json, mermaid or dot"),
                });
            }
        };
        print!("{text}");
        Ok(())
    }
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server")
            .field("config", &self.state.config)
            .finish_non_exhaustive()
    }
}

/// A validated app, ready to serve.
pub struct Server {
    state: Arc<AppState>,
}

impl Server {
    /// The axum router, to serve yourself or to put into a larger app. Its routes are
    /// already under `routes_pathname_prefix`, and its fallback answers every other path
    /// (the page, or 404): to share a server with other routes, set the prefix (say
    /// `url_base_pathname("/sales/")`) and `merge` this router into one without a
    /// fallback. Nesting it under a path instead (`nest("/sales", ..)`) needs
    /// `requests_pathname_prefix("/sales/")`, so that the page asks there. Serve it with
    /// `into_make_service_with_connect_info::<SocketAddr>()`, as [`Server::serve`] does,
    /// so that clients on this machine get answers without compression.
    pub fn router(&self) -> Router {
        crate::http::router(self.state.clone())
    }

    /// The router with each request's peer address, which tells a client on this machine
    /// (answered without compression) from others.
    fn service(
        &self,
    ) -> axum::extract::connect_info::IntoMakeServiceWithConnectInfo<Router, SocketAddr> {
        self.router()
            .into_make_service_with_connect_info::<SocketAddr>()
    }

    /// The settings the app runs with.
    pub fn settings(&self) -> &Config {
        &self.state.config
    }

    /// Serves on a listener you bound, until the future is dropped.
    pub async fn serve(self, listener: TcpListener) -> Result<(), StartupError> {
        axum::serve(listener, self.service()).await?;
        Ok(())
    }

    /// Binds the configured address, prints the URL, and serves until Ctrl-C or SIGTERM,
    /// letting requests in flight finish.
    pub async fn run(self) -> Result<(), StartupError> {
        let addr = SocketAddr::new(self.state.config.host, self.state.config.port);
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|source| StartupError::Bind { addr, source })?;
        let local = listener.local_addr()?;
        println!(
            "Dash is running on http://{local}{}",
            self.state.pathnames.routes
        );
        tracing::info!(%local, debug = self.state.config.debug, "serving");
        axum::serve(listener, self.service())
            .with_graceful_shutdown(shutdown_signal())
            .await?;
        tracing::info!("stopped");
        Ok(())
    }
}

/// Hot reload's watcher over the assets folder: each change is told to the page, and the
/// page is rendered again, so that a new file is linked at once.
fn watch_assets(
    state: &Arc<AppState>,
    reload: &Arc<crate::reload::Reload>,
    folder: std::path::PathBuf,
) {
    let url_path = state.config.assets_url_path.trim_matches('/').to_owned();
    let prefix = state.pathnames.requests.clone();
    let url = move |path: &str| format!("{prefix}{url_path}/{}", crate::app_assets::url_path(path));
    let weak = Arc::downgrade(state);
    let watched = folder.clone();
    let render = move || {
        let Some(state) = weak.upgrade() else { return };
        let assets =
            crate::app_assets::from_config(&state.config, Some(crate::Assets::folder(&watched)));
        let page = assets.ok().and_then(|assets| {
            page::render(
                &state.config,
                &state.pathnames,
                &state.libraries,
                assets.as_ref(),
                state.validation_layout.as_ref(),
                page::Features {
                    pages: state.pages.is_some(),
                    background: state.jobs.is_some(),
                    websocket: state.websocket,
                },
                &crate::protocol::clientside::scripts(
                    state.registry.iter().map(|spec| &spec.dependency),
                ),
            )
            .ok()
        });
        if let Some(page) = page {
            *state.index.write().unwrap_or_else(|e| e.into_inner()) = page.into();
        }
    };
    crate::reload::watch(folder, reload, url, render);
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
    println!("Shutting down");
}
