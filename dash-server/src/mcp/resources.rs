//! What an agent can read besides the tools: the layout, its components, the pages and
//! each page's layout, and the clientside callbacks (which no tool runs). URIs as Python
//! Dash names them.

use std::sync::Arc;

use serde_json::{Value, json};

use super::Mcp;
use super::layout::Components;
use crate::state::AppState;

const LAYOUT: &str = "dash://layout";
const COMPONENTS: &str = "dash://components";
const PAGES: &str = "dash://pages";
const PAGE_LAYOUT: &str = "dash://page-layout/";
const CLIENTSIDE: &str = "dash://clientside-callbacks";

/// `resources/list`.
pub(crate) fn list(state: &AppState, config: &Mcp) -> Value {
    let mut resources = Vec::new();
    if config.layout {
        resources.push(resource(
            LAYOUT,
            "dash_app_layout",
            "The app's whole component tree, as the browser gets it. dash://components \
             lists the components with an id.",
        ));
        resources.push(resource(
            COMPONENTS,
            "dash_components",
            "Every component with an id in the layout, with its type. The tool \
             get_dash_component reads one component's props.",
        ));
    }
    if config.pages && state.pages.is_some() {
        resources.push(resource(
            PAGES,
            "dash_app_pages",
            "The pages of this multi-page app: path, name, title and description.",
        ));
    }
    if config.clientside
        && state
            .registry
            .iter()
            .any(|spec| spec.dependency.clientside.is_some())
    {
        resources.push(resource(
            CLIENTSIDE,
            "dash_clientside_callbacks",
            "The callbacks the browser runs, in JavaScript: their props and functions. \
             No tool runs them.",
        ));
    }
    json!({ "resources": resources })
}

/// `resources/templates/list`.
pub(crate) fn templates(state: &AppState, config: &Mcp) -> Value {
    let mut templates = Vec::new();
    if config.pages && state.pages.is_some() {
        templates.push(json!({
            "uriTemplate": "dash://page-layout/{path}",
            "name": "dash_page_layout",
            "description": "The component tree of the page at a path, such as \
                            dash://page-layout/city/Oslo (the path's variables filled).",
            "mimeType": "application/json",
        }));
    }
    json!({ "resourceTemplates": templates })
}

fn resource(uri: &str, name: &str, description: &str) -> Value {
    json!({ "uri": uri, "name": name, "description": description, "mimeType": "application/json" })
}

/// `resources/read`: the contents, or why there are none (the URI is unknown, or the
/// layout function failed).
pub(crate) async fn read(state: &Arc<AppState>, config: &Mcp, uri: &str) -> Result<Value, Unread> {
    let text = match uri {
        LAYOUT if config.layout => {
            let layout = state.layout_json().await.map_err(Unread::Failed)?;
            String::from_utf8_lossy(&layout).into_owned()
        }
        COMPONENTS if config.layout => Components::of_app(state)
            .await
            .map_err(Unread::Failed)?
            .list()
            .to_string(),
        PAGES if config.pages => pages(state)
            .ok_or_else(|| Unread::Unknown(unknown(uri)))?
            .to_string(),
        CLIENTSIDE if config.clientside => clientside(state).to_string(),
        _ if config.pages && state.pages.is_some() && uri.starts_with(PAGE_LAYOUT) => {
            let path = format!("/{}", uri[PAGE_LAYOUT.len()..].trim_start_matches('/'));
            page_layout(Arc::clone(state), path)
                .await
                .map_err(Unread::Failed)?
        }
        _ => return Err(Unread::Unknown(unknown(uri))),
    };
    Ok(json!({
        "contents": [{ "uri": uri, "mimeType": "application/json", "text": text }]
    }))
}

/// Why a resource was not read.
pub(crate) enum Unread {
    /// No such resource.
    Unknown(String),
    /// The app's layout or page function failed (or panicked): the message, for the log.
    Failed(String),
}

fn unknown(uri: &str) -> String {
    format!("no resource `{uri}`; resources/list and resources/templates/list say which there are")
}

/// Each page's path, name, title and description, in the app's order.
fn pages(state: &AppState) -> Option<Value> {
    let pages = state.pages.as_ref()?;
    Some(Value::Array(
        pages
            .pages
            .iter()
            .map(|entry| {
                let page = &entry.page;
                json!({
                    "path": page.path,
                    "name": page.name,
                    "title": pages.title(entry, &crate::pages::PageRequest::validation()),
                    "description": page.description.clone().or_else(|| pages.app_description.clone()),
                })
            })
            .collect(),
    ))
}

/// The layout of the page at `path` (a path with its variables filled, and a query if
/// any), as a visit builds it; the 404 page for a path that is no page's. The page's
/// function runs on the blocking pool, as for a visit, its panics caught.
async fn page_layout(state: Arc<AppState>, path: String) -> Result<String, String> {
    tokio::task::spawn_blocking(move || {
        let pages = state
            .pages
            .as_ref()
            .ok_or_else(|| "the app has no pages".to_owned())?;
        let (path, search) = match path.split_once('?') {
            Some((path, query)) => (path.to_owned(), Some(format!("?{query}"))),
            None => (path, None),
        };
        let pathname = format!("{}{}", pages.prefix.trim_end_matches('/'), path);
        let routed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            pages.route(Some(&pathname), search.as_deref())
        }))
        .map_err(|panic| crate::execute::panic_message(&*panic))?;
        serde_json::to_string(&routed.layout).map_err(|error| error.to_string())
    })
    .await
    .unwrap_or_else(|error| Err(error.to_string()))
}

/// The clientside callbacks: outputs, inputs, state, and the function (its source, or the
/// namespace and name of a function the app's assets define).
fn clientside(state: &AppState) -> Value {
    let props = |props: &[dash_core::PropId]| -> Vec<String> {
        props.iter().map(ToString::to_string).collect()
    };
    Value::Array(
        state
            .registry
            .iter()
            .filter_map(|spec| {
                let dependency = &spec.dependency;
                let function = match dependency.clientside.as_ref()? {
                    dash_core::Clientside::Inline(source) => json!({ "source": source }),
                    dash_core::Clientside::Function {
                        namespace,
                        function,
                    } => {
                        json!({ "namespace": namespace, "function_name": function })
                    }
                };
                Some(json!({
                    "name": spec.name,
                    "outputs": props(&dependency.outputs),
                    "inputs": props(&dependency.inputs),
                    "state": props(&dependency.state),
                    "function": function,
                }))
            })
            .collect(),
    )
}
