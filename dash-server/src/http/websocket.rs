//! `GET _dash-ws-callback`: WebSocket callbacks (Dash 4.2+), as the renderer's shared
//! worker speaks them (../shared/dash-protocol-part2.md; the renderer's
//! `dash-websocket-worker`). One socket carries every tab of a browser, so each message
//! names its tab (`rendererId`); text frames hold JSON `{type, rendererId, requestId,
//! payload}`.
//!
//! - `callback_request`: the body an HTTP update would have; the answer is a
//!   `callback_response` whose payload is `{status: "ok", data: <the HTTP answer>}`,
//!   `{status: "prevent_update"}` or `{status: "error", message}`. Callbacks run
//!   concurrently; answers are matched by `requestId`.
//! - While one runs, each `set_props` goes out at once as a `set_props` message, before
//!   the callback's answer; `ctx.get_prop(..)` sends a `get_props_request` and waits for
//!   the page's `get_props_response`.
//! - `heartbeat` is answered with `heartbeat_ack`.
//!
//! When the socket closes, the connection's `async` callbacks are stopped and pending
//! reads fail; sync ones run to their end, and their answers go nowhere. Nothing of a
//! connection outlives it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State as Extract;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use dash_core::{BoxFuture, CallContext, ComponentId, LiveCall};
use serde_json::{Map, Value, json};
use tokio::sync::{mpsc, oneshot};

use super::update::{prepare, spec_for};
use crate::call::{Call, Called};
use crate::error::ApiError;
use crate::protocol::request::UpdateRequest;
use crate::protocol::response;
use crate::state::AppState;

/// How long `get_prop` waits for the page (Python's default).
const GET_PROP_TIMEOUT: Duration = Duration::from_secs(30);

/// The upgrade: a page of this app (its `Origin` is this host, or one the app allows)
/// gets a socket; others get 403.
pub(crate) async fn upgrade(
    Extract(state): Extract<Arc<AppState>>,
    headers: HeaderMap,
    socket: WebSocketUpgrade,
) -> Response {
    if !origin_allowed(&state, &headers) {
        return (StatusCode::FORBIDDEN, "origin not allowed").into_response();
    }
    // A message is held to the update body's limit, as over HTTP.
    let limit = state.config.body_limit;
    socket
        .max_message_size(limit)
        .max_frame_size(limit)
        .on_upgrade(move |socket| connection(state, socket, headers))
}

/// Same host, or listed in `websocket_allowed_origins`.
fn origin_allowed(state: &AppState, headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let allowed = &state.config.websocket_allowed_origins;
    if allowed.iter().any(|a| a == origin || a == "*") {
        return true;
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let origin_host = origin.split_once("://").map(|(_, rest)| rest);
    host.is_some() && origin_host == host
}

/// What the tabs' calls on one connection share: the way out, and the reads waiting for
/// the page.
struct Connection {
    outbound: mpsc::UnboundedSender<String>,
    pending: Mutex<HashMap<String, oneshot::Sender<Value>>>,
}

impl Connection {
    fn send(&self, message: Value) {
        // (A closed socket: the message goes nowhere, as its call's answer would.)
        let _ = self.outbound.send(message.to_string());
    }
}

async fn connection(state: Arc<AppState>, mut socket: WebSocket, headers: HeaderMap) {
    let (outbound, mut queued) = mpsc::unbounded_channel::<String>();
    let connection = Arc::new(Connection {
        outbound,
        pending: Mutex::default(),
    });
    let mut calls = tokio::task::JoinSet::new();
    let headers = Arc::new(headers);
    tracing::debug!("websocket open");
    loop {
        tokio::select! {
            message = socket.recv() => {
                let Some(Ok(message)) = message else { break };
                match message {
                    Message::Text(text) => {
                        handle(&state, &connection, &headers, &mut calls, text.as_str());
                    }
                    Message::Close(_) => break,
                    _ => {}
                }
            }
            Some(text) = queued.recv() => {
                if socket.send(Message::Text(text.into())).await.is_err() {
                    break;
                }
            }
            Some(_) = calls.join_next(), if !calls.is_empty() => {}
        }
    }
    // Gone: the async calls stop at their next `.await`; reads waiting for the page fail.
    calls.abort_all();
    connection
        .pending
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clear();
    tracing::debug!("websocket closed");
}

/// One message from the page.
fn handle(
    state: &Arc<AppState>,
    connection: &Arc<Connection>,
    headers: &Arc<HeaderMap>,
    calls: &mut tokio::task::JoinSet<()>,
    text: &str,
) {
    let Ok(message) = serde_json::from_str::<Value>(text) else {
        tracing::debug!("websocket: a frame that is not JSON, ignored");
        return;
    };
    let field = |name: &str| {
        message
            .get(name)
            .and_then(Value::as_str)
            .unwrap_or_default()
    };
    match field("type") {
        "heartbeat" => connection.send(json!({"type": "heartbeat_ack"})),
        "get_props_response" => {
            let waiting = connection
                .pending
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .remove(field("requestId"));
            if let Some(waiting) = waiting {
                let _ = waiting.send(message.get("payload").cloned().unwrap_or(Value::Null));
            }
        }
        "callback_request" => {
            let renderer = field("rendererId").to_owned();
            let request = field("requestId").to_owned();
            let payload = message.get("payload").cloned().unwrap_or(Value::Null);
            let (state, connection, headers) = (state.clone(), connection.clone(), headers.clone());
            calls.spawn(async move {
                let live = Arc::new(Live {
                    connection: connection.clone(),
                    renderer: renderer.clone(),
                });
                let answer = match call(&state, &headers, payload, live).await {
                    Ok(Some(data)) => json!({"status": "ok", "data": data}),
                    Ok(None) => json!({"status": "prevent_update"}),
                    Err(error) => {
                        let (_, body) = error.render(state.config.debug);
                        let message = body["error"]["message"].clone();
                        json!({"status": "error", "message": message})
                    }
                };
                connection.send(json!({
                    "type": "callback_response",
                    "rendererId": renderer,
                    "requestId": request,
                    "payload": answer,
                }));
            });
        }
        _ => {}
    }
}

/// Runs one callback request: the HTTP answer's JSON, or `None` for no update.
async fn call(
    state: &Arc<AppState>,
    headers: &HeaderMap,
    payload: Value,
    live: Arc<Live>,
) -> Result<Option<Value>, ApiError> {
    let body = axum::body::Bytes::from(serde_json::to_vec(&payload).expect("JSON"));
    let request = UpdateRequest::parse(&body)?;
    let spec = spec_for(state, &request)?;
    if !spec.dependency.websocket && !state.config.websocket_callbacks {
        return Err(ApiError::Malformed {
            message: format!(
                "`{}` is not a WebSocket callback: mark it `websocket`, or turn WebSocket \
                 callbacks on for the app",
                spec.name
            ),
        });
    }
    let prepared = prepare(state, spec, request, &body, headers)?;
    let call = Call {
        state,
        spec,
        session: prepared.session.as_deref(),
        context: CallContext::live(state.resources.clone(), prepared.request, live),
    };
    let (outputs, side) = match call.answer(prepared.args).await? {
        Called::Outputs(outputs, side) | Called::Fallback(outputs, side) => (outputs, side),
        Called::Prevented => return Ok(None),
    };
    Ok(
        response::body(spec, outputs, side.as_ref(), &prepared.targets)?
            .map(|bytes| serde_json::from_slice(&bytes).expect("the server wrote this JSON")),
    )
}

/// One call's end of the connection: what it pushes and asks names its tab.
struct Live {
    connection: Arc<Connection>,
    renderer: String,
}

impl LiveCall for Live {
    fn push(&self, id: &ComponentId, props: Map<String, Value>) {
        self.connection.send(json!({
            "type": "set_props",
            "rendererId": self.renderer,
            "payload": {"componentId": id.to_string(), "props": props},
        }));
    }

    fn get_prop(&self, id: &ComponentId, prop: &str) -> BoxFuture<Result<Value, String>> {
        if self.connection.outbound.is_closed() {
            return Box::pin(std::future::ready(Err("the page went away".to_owned())));
        }
        let request = crate::jobs::handle::random_value();
        let (answer, answered) = oneshot::channel();
        self.connection
            .pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(request.clone(), answer);
        self.connection.send(json!({
            "type": "get_props_request",
            "rendererId": self.renderer,
            "requestId": request,
            "payload": {"componentId": id.to_string(), "properties": [prop]},
        }));
        let (connection, prop) = (self.connection.clone(), prop.to_owned());
        Box::pin(async move {
            let answer = tokio::time::timeout(GET_PROP_TIMEOUT, answered).await;
            connection
                .pending
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .remove(&request);
            match answer {
                Ok(Ok(payload)) => Ok(payload.get(&prop).cloned().unwrap_or(Value::Null)),
                Ok(Err(_)) => Err("the page went away".to_owned()),
                Err(_) => Err(format!(
                    "the page did not answer within {GET_PROP_TIMEOUT:?}"
                )),
            }
        })
    }
}
