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
mod result;
mod run;
mod settings;
mod tools;

pub use settings::Mcp;
pub(crate) use settings::checked_path;

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
    let reserved: &[&str] = if config.layout {
        &[component::NAME]
    } else {
        &[]
    };
    let tools = tools::catalogue(state.registry.iter(), &config, &server_store, reserved);
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

/// What keeps the endpoint from serving as configured, for `Dash::build`: callbacks
/// marked `mcp = true` that cannot be tools, and a path that an API endpoint or a page's
/// redirect takes.
pub(crate) fn check(
    config: &Mcp,
    registry: &crate::startup::Registry,
    server_stores: &std::collections::HashSet<&'static str>,
    redirects: &[String],
) -> Vec<crate::Problem> {
    let server_store =
        |prop: &dash_core::PropId| crate::state::is_server_store(server_stores, prop);
    let mut problems: Vec<crate::Problem> = tools::refused(registry.iter(), &server_store)
        .into_iter()
        .map(crate::Problem::Mcp)
        .collect();
    let endpoints = registry.iter().filter_map(|spec| {
        let path = spec.api_endpoint?;
        (path.trim_matches('/') == config.path)
            .then(|| format!("the API endpoint of `{}` ({})", spec.name, spec.location))
    });
    let redirected = redirects
        .iter()
        .filter(|from| from.trim_matches('/') == config.path)
        .map(|from| format!("a page's redirect from `{from}`"));
    problems.extend(endpoints.chain(redirected).map(|by| {
        crate::Problem::Mcp(format!(
            "the MCP endpoint's path `{}` is taken by {by}",
            config.path
        ))
    }));
    problems
}

/// A protocol value made from the JSON this module builds.
fn typed<T: serde::de::DeserializeOwned>(value: Value) -> Result<T, McpError> {
    serde_json::from_value(value).map_err(|error| McpError::internal_error(error.to_string(), None))
}

impl Handler {
    /// The layout's components, for the tools' descriptions and `get_dash_component`;
    /// when the layout function fails, the message an answer may carry (its details only
    /// in debug mode, as for the page), the failure logged.
    async fn components(&self) -> Result<layout::Components, String> {
        layout::Components::of_app(&self.0.state)
            .await
            .map_err(|message| self.failure(message))
    }

    /// The layout or a page failed: logged, and told as the page would tell it.
    fn failure(&self, message: String) -> String {
        tracing::error!(%message, "the layout function failed (MCP)");
        let (_, body) =
            crate::error::ApiError::Layout { message }.render(self.0.state.config.debug);
        body["error"]["message"]
            .as_str()
            .unwrap_or("the layout function failed")
            .to_owned()
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
        // Without the layout, the tools are still listed, their props undescribed.
        let components = self.components().await.unwrap_or_default();
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
            match self.components().await {
                Ok(components) => component::call(&components, &offer.tools, &arguments),
                Err(message) => result::failed(&message),
            }
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
            Err(resources::Unread::Unknown(message)) => {
                Err(McpError::resource_not_found(message, None))
            }
            Err(resources::Unread::Failed(message)) => {
                Err(McpError::internal_error(self.failure(message), None))
            }
        }
    }
}
