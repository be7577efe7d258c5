//! `POST /_dash-update-component`: decode the request, find the callback, run it, and
//! answer with its outputs.

use axum::body::Body;
use axum::extract::{Request, State as Extract};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

use dash_core::{CallContext, CallbackSpec, ComponentId, PropId};
use serde::Deserialize;
use serde_json::{Map, Value, json};

use crate::compute::{Call, Called};
use crate::error::ApiError;
use crate::sharing;
use crate::state::Shared;

/// The fields of the renderer's request that the server uses.
#[derive(Deserialize)]
struct UpdateRequest {
    output: String,
    inputs: Vec<PropValue>,
    #[serde(default)]
    state: Vec<PropValue>,
    #[serde(default, rename = "changedPropIds")]
    changed_prop_ids: Vec<String>,
}

#[derive(Deserialize)]
struct PropValue {
    id: Value,
    property: String,
    /// Absent when the browser has no value for the prop: decoded as null.
    #[serde(default)]
    value: Value,
}

pub(crate) async fn handle(Extract(state): Extract<Shared>, request: Request) -> Response {
    let debug = state.config.debug;
    match respond(&state, request).await {
        Ok(response) => response,
        Err(error) => error.into_response_with(debug),
    }
}

async fn respond(state: &Shared, request: Request) -> Result<Response, ApiError> {
    let headers: Vec<(String, String)> = request
        .headers()
        .iter()
        .filter_map(|(name, value)| {
            Some((name.as_str().to_owned(), value.to_str().ok()?.to_owned()))
        })
        .collect();
    let body = read_body(request, state.config.body_limit).await?;
    let request: UpdateRequest =
        serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_slice(&body))
            .map_err(|error| ApiError::Malformed {
                message: format!("at `{}`: {}", error.path(), error.inner()),
            })?;
    let spec = state
        .registry
        .get(&request.output)
        .ok_or_else(|| ApiError::UnknownOutput {
            output: request.output.clone(),
        })?
        .clone();
    let dependency = &spec.dependency;
    let mut args = Vec::with_capacity(dependency.inputs.len() + dependency.state.len());
    take_values(
        &spec,
        "inputs",
        &dependency.inputs,
        request.inputs,
        &mut args,
    )?;
    take_values(&spec, "state", &dependency.state, request.state, &mut args)?;

    let mut call_request = dash_core::Request::default();
    call_request.changed = changed(&request.changed_prop_ids)?;
    call_request.headers = headers;
    call_request.body = Some(Arc::new(body));
    let context = CallContext::new(state.resources.clone(), call_request);
    let cookies = context.header("cookie").map(str::to_owned);
    let call = Call {
        state,
        spec: &spec,
        session: sharing::session_from_cookies(cookies.as_deref()),
        context,
    };
    match call.answer(args).await? {
        Called::Outputs(outputs) | Called::Fallback(outputs) => {
            let side = call.context.take_side_updates();
            Ok(response(&spec, outputs, side))
        }
        Called::Prevented => {
            // `PreventUpdate` drops the side updates too, as in Python.
            drop(call.context.take_side_updates());
            Ok(StatusCode::NO_CONTENT.into_response())
        }
    }
}

/// `changedPropIds`, parsed: each entry is `<id>.<prop>`, the id in its text form.
fn changed(entries: &[String]) -> Result<Vec<PropId>, ApiError> {
    entries
        .iter()
        .enumerate()
        .map(|(index, entry)| {
            PropId::parse_changed(entry).ok_or_else(|| ApiError::Malformed {
                message: format!("at `changedPropIds[{index}]`: `{entry}` is not a prop id"),
            })
        })
        .collect()
}

async fn read_body(request: Request, limit: usize) -> Result<axum::body::Bytes, ApiError> {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|length| length > limit) {
        return Err(ApiError::TooLarge { limit });
    }
    axum::body::to_bytes(request.into_body(), limit)
        .await
        .map_err(|error| {
            let too_large = std::error::Error::source(&error)
                .is_some_and(|source| source.to_string().contains("length limit exceeded"));
            if too_large {
                ApiError::TooLarge { limit }
            } else {
                ApiError::Malformed {
                    message: format!("cannot read the body: {error}"),
                }
            }
        })
}

/// Checks that the request carries exactly the props the callback declares, in order, and
/// moves their values into `args`.
fn take_values(
    spec: &CallbackSpec,
    what: &str,
    declared: &[PropId],
    received: Vec<PropValue>,
    args: &mut Vec<Value>,
) -> Result<(), ApiError> {
    if declared.len() != received.len() {
        return Err(ApiError::Mismatch {
            callback: spec.name,
            message: format!(
                "expected {} {what}, received {}",
                declared.len(),
                received.len()
            ),
        });
    }
    for (expected, item) in declared.iter().zip(received) {
        let same_id = ComponentId::from_json(&item.id).is_some_and(|id| id == expected.id);
        if !same_id || item.property != expected.property {
            return Err(ApiError::Mismatch {
                callback: spec.name,
                message: format!(
                    "expected `{expected}` in {what}, received `{}.{}`",
                    id_text(&item.id),
                    item.property
                ),
            });
        }
        args.push(item.value);
    }
    Ok(())
}

fn id_text(id: &Value) -> String {
    id.as_str().map_or_else(|| id.to_string(), str::to_owned)
}

/// `{"multi": true, "response": {id: {prop: value}}}`, with `"sideUpdate": {id: {prop:
/// value}}` when the callback wrote props with `set_props`, or 204 when nothing is
/// updated. Ids are in their text form (../shared/dash-protocol.md §6.2).
fn response(
    spec: &CallbackSpec,
    outputs: Vec<Option<Value>>,
    side: Option<Map<String, Value>>,
) -> Response {
    let mut by_id: Map<String, Value> = Map::new();
    for (prop, value) in spec.dependency.outputs.iter().zip(outputs) {
        let Some(value) = value else { continue };
        let entry = by_id
            .entry(prop.id.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(props) = entry {
            props.insert(prop.property.to_string(), value);
        }
    }
    let body = match side {
        Some(side) => json!({"multi": true, "sideUpdate": side, "response": by_id}),
        None if by_id.is_empty() => return StatusCode::NO_CONTENT.into_response(),
        None => json!({"multi": true, "response": by_id}),
    }
    .to_string();
    (
        [(header::CONTENT_TYPE, "application/json")],
        Body::from(body),
    )
        .into_response()
}
