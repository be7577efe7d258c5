//! The MCP endpoint (Dash 4.3's `/_mcp`, on with [`Dash::mcp`](crate::Dash::mcp)): the
//! app's callbacks as tools an AI agent can call, the layout and the pages as resources
//! it can read. The protocol, Streamable HTTP with JSON answers and no session, is the
//! official MCP crate's (`rmcp`); this module says what the app offers through it.
//!
//! `tools.rs` makes the tools out of the callbacks (their schemas come from the Rust
//! types, written when the app compiles), `run.rs` calls one, `component.rs` is the tool
//! `get_dash_component`, `resources.rs` the resources, and `layout.rs` finds the
//! layout's components.

mod component;
mod layout;
mod resources;
mod run;
mod tools;

use std::sync::Arc;

use rmcp::ErrorData as McpError;
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, Implementation, ListResourceTemplatesResult,
    ListResourcesResult, ListToolsResult, PaginatedRequestParams, ReadResourceRequestParams,
    ReadResourceResponse, ServerCapabilities, ServerConfig,
};
use rmcp::service::{RequestContext, RoleServer};
use rmcp::transport::streamable_http_server::{
    StreamableHttpServerConfig, StreamableHttpService, session::never::NeverSessionManager,
};
use serde_json::Value;

use crate::state::AppState;

/// What the app's MCP endpoint serves, for [`Dash::mcp`](crate::Dash::mcp). By default:
/// every callback that can be a tool, the layout and its components, the pages, the
/// clientside callbacks; doc comments left out of the tools' descriptions, as Python
/// Dash leaves docstrings out; requests accepted with a loopback `Host` only.
///
/// ```
/// # use dash::Mcp;
/// let mcp = Mcp::new().docs(true).allowed_hosts(["dash.example.com"]);
/// ```
#[derive(Clone, Debug)]
pub struct Mcp {
    pub(crate) path: String,
    pub(crate) callbacks: bool,
    pub(crate) layout: bool,
    pub(crate) pages: bool,
    pub(crate) clientside: bool,
    pub(crate) docs: bool,
    pub(crate) allowed_hosts: Option<Vec<String>>,
}

impl Default for Mcp {
    fn default() -> Self {
        Mcp {
            path: "_mcp".to_owned(),
            callbacks: true,
            layout: true,
            pages: true,
            clientside: true,
            docs: false,
            allowed_hosts: None,
        }
    }
}

impl Mcp {
    /// The defaults: served at `_mcp` under the app's routes prefix.
    pub fn new() -> Mcp {
        Mcp::default()
    }

    /// Serves it at `path` (under the routes prefix) instead of `_mcp`.
    pub fn path(mut self, path: impl Into<String>) -> Self {
        self.path = path.into().trim_matches('/').to_owned();
        self
    }

    /// Lists every callback as a tool (`true`, the default), or only those marked
    /// `#[callback(mcp = true)]` (`false`). `#[callback(mcp = false)]` is never listed.
    pub fn callbacks(mut self, all: bool) -> Self {
        self.callbacks = all;
        self
    }

    /// Offers the layout (`dash://layout`, `dash://components` and the tool
    /// `get_dash_component`). On by default.
    pub fn layout(mut self, on: bool) -> Self {
        self.layout = on;
        self
    }

    /// Offers the pages (`dash://pages`, `dash://page-layout/{path}`). On by default.
    pub fn pages(mut self, on: bool) -> Self {
        self.pages = on;
        self
    }

    /// Offers the clientside callbacks' code (`dash://clientside-callbacks`). On by
    /// default.
    pub fn clientside(mut self, on: bool) -> Self {
        self.clientside = on;
        self
    }

    /// Puts each callback's doc comment at the start of its tool's description. Off by
    /// default, as in Python Dash: a doc comment may say more than the app means to.
    pub fn docs(mut self, on: bool) -> Self {
        self.docs = on;
        self
    }

    /// Accepts requests whose `Host` is one of these (`dash.example.com`, or with a port,
    /// `dash.example.com:8443`), besides none other. By default only loopback hosts
    /// (`localhost`, `127.0.0.1`, `::1`) are accepted, which keeps a web page from
    /// reaching a server on the user's machine by DNS rebinding; a deployed app names
    /// its host here.
    pub fn allowed_hosts<S: Into<String>>(mut self, hosts: impl IntoIterator<Item = S>) -> Self {
        self.allowed_hosts = Some(hosts.into_iter().map(Into::into).collect());
        self
    }
}

/// What every MCP request reads: built once when the router is.
struct Offer {
    state: Arc<AppState>,
    config: Mcp,
    tools: Vec<tools::Tool>,
    /// The tool list, once made, when the layout is built once (a layout function's
    /// values may change the descriptions).
    listed: std::sync::OnceLock<ListToolsResult>,
}

/// One request's handler (the transport makes one per request: no session is kept, so
/// any process behind a load balancer answers any request).
#[derive(Clone)]
struct Handler(Arc<Offer>);

/// The routes of the endpoint, or none when the app has no MCP endpoint.
pub(crate) fn router<S: Clone + Send + Sync + 'static>(
    state: &Arc<AppState>,
) -> Option<axum::Router<S>> {
    let config = state.config.mcp.clone()?;
    let server_store = |prop: &dash_core::PropId| state.sharing.is_server_store(prop);
    let tools = tools::catalogue(state.registry.iter(), &config, &server_store);
    let mut transport = StreamableHttpServerConfig::default()
        .with_legacy_session_mode(false)
        .with_json_response(true)
        .with_max_request_body_bytes(state.config.body_limit);
    if let Some(hosts) = &config.allowed_hosts {
        let mut all = vec![
            "localhost".to_owned(),
            "127.0.0.1".to_owned(),
            "::1".to_owned(),
        ];
        all.extend(hosts.iter().cloned());
        transport = transport.with_allowed_hosts(all);
    }
    let path = state.pathnames.route(&config.path);
    let offer = Arc::new(Offer {
        state: Arc::clone(state),
        config,
        tools,
        listed: std::sync::OnceLock::new(),
    });
    let service = StreamableHttpService::new(
        move || Ok(Handler(Arc::clone(&offer))),
        Arc::new(NeverSessionManager::default()),
        transport,
    );
    Some(axum::Router::new().route_service(&path, service))
}

/// A protocol value made from the JSON this module builds.
fn typed<T: serde::de::DeserializeOwned>(value: Value) -> Result<T, McpError> {
    serde_json::from_value(value).map_err(|error| McpError::internal_error(error.to_string(), None))
}

impl Handler {
    /// The layout's components, for the tools' descriptions and `get_dash_component`.
    async fn components(&self) -> Result<layout::Components, McpError> {
        let json = self.0.state.layout_json().await.map_err(|message| {
            McpError::internal_error(format!("the layout function failed: {message}"), None)
        })?;
        let layout: Value = serde_json::from_slice(&json)
            .map_err(|error| McpError::internal_error(error.to_string(), None))?;
        Ok(layout::Components::of(&layout))
    }
}

impl rmcp::ServerHandler for Handler {
    fn get_info(&self) -> ServerConfig {
        let capabilities = ServerCapabilities::builder()
            .enable_tools()
            .enable_resources()
            .build();
        ServerConfig::new(capabilities)
            .with_server_info(Implementation::new("rust-dash", env!("CARGO_PKG_VERSION")))
            .with_instructions(
                "This is a Dash web application. Each tool runs one of its callbacks on \
                 the server and answers what the page would receive; it does not change \
                 any user's page. Use the tools to find what the app computes for given \
                 inputs, and the resources to read its layout.",
            )
    }

    async fn list_tools(
        &self,
        _: Option<PaginatedRequestParams>,
        _: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, McpError> {
        let offer = &self.0;
        // A layout built once gives the same list every time: made on the first request.
        let fixed = matches!(offer.state.layout, crate::state::Layout::Static(_));
        if fixed && let Some(listed) = offer.listed.get() {
            return Ok(listed.clone());
        }
        let components = self.components().await?;
        let mut list: Vec<Value> = offer
            .tools
            .iter()
            .map(|tool| tool.definition(&offer.tools, &components, offer.config.docs))
            .collect();
        if offer.config.layout {
            list.push(component::definition());
        }
        let listed: ListToolsResult = typed(serde_json::json!({ "tools": list }))?;
        if fixed {
            let _ = offer.listed.set(listed.clone());
        }
        Ok(listed)
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, McpError> {
        let offer = &self.0;
        let arguments = request.arguments.unwrap_or_default();
        let result = if offer.config.layout && request.name == component::NAME {
            component::call(&self.components().await?, &offer.tools, &arguments)
        } else {
            let Some(tool) = offer.tools.iter().find(|tool| tool.name == request.name) else {
                return Err(McpError::invalid_params(
                    format!(
                        "no tool `{}`; tools/list says which there are",
                        request.name
                    ),
                    None,
                ));
            };
            let parts = context.extensions.get::<axum::http::request::Parts>();
            run::call(&offer.state, tool, arguments, parts).await
        };
        Ok(CallToolResponse::Complete(typed(result)?))
    }

    async fn list_resources(
        &self,
        _: Option<PaginatedRequestParams>,
        _: RequestContext<RoleServer>,
    ) -> Result<ListResourcesResult, McpError> {
        typed(resources::list(&self.0.state, &self.0.config))
    }

    async fn list_resource_templates(
        &self,
        _: Option<PaginatedRequestParams>,
        _: RequestContext<RoleServer>,
    ) -> Result<ListResourceTemplatesResult, McpError> {
        typed(resources::templates(&self.0.state, &self.0.config))
    }

    async fn read_resource(
        &self,
        request: ReadResourceRequestParams,
        _: RequestContext<RoleServer>,
    ) -> Result<ReadResourceResponse, McpError> {
        match resources::read(&self.0.state, &self.0.config, &request.uri).await {
            Ok(contents) => Ok(ReadResourceResponse::Complete(typed(contents)?)),
            Err(message) => Err(McpError::resource_not_found(message, None)),
        }
    }
}
