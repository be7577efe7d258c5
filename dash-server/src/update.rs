//! `POST /_dash-update-component`: decode the request, find the callback, run it, and
//! answer with its outputs.

use axum::body::Body;
use axum::extract::{Request, State as Extract};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use dash_core::{CallbackSpec, PropId};
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
    _changed_prop_ids: Vec<String>,
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
    let cookies = request
        .headers()
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
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
    let mut args = Vec::with_capacity(spec.inputs.len() + spec.state.len());
    take_values(&spec, "inputs", &spec.inputs, request.inputs, &mut args)?;
    take_values(&spec, "state", &spec.state, request.state, &mut args)?;

    let call = Call {
        state,
        spec: &spec,
        session: sharing::session_from_cookies(cookies.as_deref()),
    };
    match call.answer(args).await? {
        Called::Outputs(outputs) => Ok(response(&spec, outputs)),
        Called::Prevented => Ok(StatusCode::NO_CONTENT.into_response()),
    }
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
        if item.id.as_str() != Some(expected.id) || item.property != expected.property {
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

/// `{"multi": true, "response": {id: {prop: value}}}`, or 204 when nothing is updated.
fn response(spec: &CallbackSpec, outputs: Vec<Option<Value>>) -> Response {
    let mut by_id: Map<String, Value> = Map::new();
    for (prop, value) in spec.outputs.iter().zip(outputs) {
        let Some(value) = value else { continue };
        let entry = by_id
            .entry(prop.id)
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(props) = entry {
            props.insert(prop.property.to_owned(), value);
        }
    }
    if by_id.is_empty() {
        return StatusCode::NO_CONTENT.into_response();
    }
    let body = json!({"multi": true, "response": by_id}).to_string();
    (
        [(header::CONTENT_TYPE, "application/json")],
        Body::from(body),
    )
        .into_response()
}
