//! A tool call: the callback runs as it does for the page (decoding, time limit, memo,
//! error handlers), with its arguments by name, and answers what the page would get,
//! `{"multi": true, "response": {id: {prop: value}}}`, as the tool's structured result.
//! An argument of the wrong type or a failing callback is a tool error, which the agent
//! reads, as the MCP specification advises; its message is the HTTP answer's (a failing
//! callback's details only in debug mode). The server keeps serving.

use serde_json::{Map, Value, json};

use super::result::{done, failed};
use super::tools::Tool;
use crate::call::{Call, Called};
use crate::protocol::request::Targets;
use crate::state::AppState;

/// Runs `tool` with `arguments`; `request` is the HTTP request that carried the call,
/// whose headers and cookies the callback's context reads. Answers the `CallToolResult`.
pub(crate) async fn call(
    state: &AppState,
    tool: &Tool,
    arguments: Map<String, Value>,
    request: Option<&axum::http::request::Parts>,
) -> Value {
    let spec = &tool.spec;
    let args = match crate::call::arguments_by_name(spec, arguments) {
        Ok(args) => args,
        Err(error) => return failed_with(state, error),
    };
    let call = Call::by_name(state, spec, request.map(|parts| &parts.headers));
    let (outputs, side) = match call.answer(args).await {
        Ok(Called::Outputs(outputs, side) | Called::Fallback(outputs, side)) => (outputs, side),
        Ok(Called::Prevented) => {
            return done(json!({ "multi": true, "response": {} }));
        }
        Err(error) => {
            tracing::debug!(tool = %tool.name, %error, "MCP tool call failed");
            return failed_with(state, error);
        }
    };
    match crate::protocol::response::body(spec, outputs, side.as_ref(), &Targets::default()) {
        Ok(Some(body)) => match serde_json::from_slice::<Value>(&body) {
            Ok(answer) => done(answer),
            Err(error) => failed(&error.to_string()),
        },
        Ok(None) => done(json!({ "multi": true, "response": {} })),
        Err(error) => failed_with(state, error),
    }
}

/// A tool error, with the message the HTTP answer would carry: what was wrong with the
/// arguments, always; what went wrong inside the callback, only in debug mode (the
/// server's log has it), as for the page.
fn failed_with(state: &AppState, error: crate::error::ApiError) -> Value {
    let (_, body) = error.render(state.config.debug);
    failed(
        body["error"]["message"]
            .as_str()
            .unwrap_or("the call failed"),
    )
}
