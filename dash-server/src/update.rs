//! `POST /_dash-update-component`: decode the request, find the callback, run it, and
//! answer with its outputs.

use axum::body::Body;
use axum::extract::{Request, State as Extract};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

use dash_core::{CallContext, CallbackSpec, ComponentId, PropId};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::compute::{Call, Called};
use crate::error::ApiError;
use crate::sharing;
use crate::state::Shared;

/// The fields of the renderer's request that the server uses.
#[derive(Deserialize)]
struct UpdateRequest {
    output: String,
    /// One `{id, property}` for a single output, a list for several; a wildcard `ALL`
    /// position is itself a list. Absent for a callback without outputs.
    #[serde(default)]
    outputs: Value,
    /// One item per input: `{id, property, value}` (the value absent when the browser has
    /// none: decoded as null), or a list of them for an `ALL` or `ALLSMALLER` input.
    inputs: Vec<Value>,
    #[serde(default)]
    state: Vec<Value>,
    #[serde(default, rename = "changedPropIds")]
    changed_prop_ids: Vec<String>,
}

/// The body of a `200` answer, written without building it as a `Value` first.
#[derive(Serialize)]
struct Answer<'a> {
    multi: bool,
    response: &'a Map<String, Value>,
    #[serde(rename = "sideUpdate", skip_serializing_if = "Option::is_none")]
    side_update: Option<&'a Map<String, Value>>,
}

/// The `id` and `property` of one item of a request's lists.
#[derive(Deserialize)]
struct Item {
    id: Value,
    property: String,
}

pub(crate) async fn handle(Extract(state): Extract<Shared>, request: Request) -> Response {
    let debug = state.config.debug;
    match respond(&state, request).await {
        Ok(response) => response,
        Err(error) => error.into_response_with(debug),
    }
}

async fn respond(state: &Shared, request: Request) -> Result<Response, ApiError> {
    let (parts, body) = request.into_parts();
    let body = read_body(&parts.headers, body, state.config.body_limit).await?;
    let mut request: UpdateRequest = decode_request(&body)?;
    let spec = state
        .registry
        .get(&request.output)
        .ok_or_else(|| ApiError::UnknownOutput {
            output: request.output.clone(),
        })?;
    let dependency = &spec.dependency;
    let requested = std::mem::take(&mut request.outputs);
    let mut args = Vec::with_capacity(dependency.inputs.len() + dependency.state.len());
    take_values(
        spec,
        "inputs",
        &dependency.inputs,
        request.inputs,
        &mut args,
    )?;
    take_values(spec, "state", &dependency.state, request.state, &mut args)?;

    let mut call_request = dash_core::Request::default();
    call_request.changed = changed(&request.changed_prop_ids)?;
    // Only a callback that takes its context, or an error handler, reads the headers:
    // copying them costs a request several allocations.
    if spec.contextual || state.on_error.is_some() {
        call_request.headers = parts
            .headers
            .iter()
            .filter_map(|(name, value)| {
                Some((name.as_str().to_owned(), value.to_str().ok()?.to_owned()))
            })
            .collect();
    }
    call_request.body = Some(Arc::new(body));
    let context = CallContext::new(state.resources.clone(), call_request);
    let cookies = parts
        .headers
        .get(header::COOKIE)
        .and_then(|value| value.to_str().ok());
    let call = Call {
        state,
        spec,
        session: sharing::session_from_cookies(cookies),
        context,
    };
    match call.answer(args).await? {
        Called::Outputs(outputs) | Called::Fallback(outputs) => {
            let side = call.context.take_side_updates();
            response(spec, outputs, side, &requested)
        }
        Called::Prevented => {
            // `PreventUpdate` drops the side updates too, as in Python.
            drop(call.context.take_side_updates());
            Ok(StatusCode::NO_CONTENT.into_response())
        }
    }
}

/// The request's body. Read once without tracking where the reader is; a body that does
/// not decode is read again with the path, for the message.
fn decode_request(body: &[u8]) -> Result<UpdateRequest, ApiError> {
    serde_json::from_slice(body).or_else(|_| {
        serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_slice(body)).map_err(
            |error| ApiError::Malformed {
                message: format!("at `{}`: {}", error.path(), error.inner()),
            },
        )
    })
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

async fn read_body(
    headers: &axum::http::HeaderMap,
    body: Body,
    limit: usize,
) -> Result<axum::body::Bytes, ApiError> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|length| length > limit) {
        return Err(ApiError::TooLarge { limit });
    }
    axum::body::to_bytes(body, limit).await.map_err(|error| {
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
/// moves their values into `args`: the value of a plain prop; for a pattern, the item with
/// its concrete id (`MATCH`) or the list of items (`ALL`, `ALLSMALLER`), which the adapter
/// decodes, so that cache keys hold the concrete ids too.
fn take_values(
    spec: &CallbackSpec,
    what: &str,
    declared: &[PropId],
    received: Vec<Value>,
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
    for (position, (expected, mut item)) in declared.iter().zip(received).enumerate() {
        let mismatch = |message: String| ApiError::Mismatch {
            callback: spec.name,
            message,
        };
        if expected.id.is_many() {
            let Value::Array(items) = &item else {
                return Err(mismatch(format!(
                    "expected the list of components matching `{expected}` at {what}[{position}]"
                )));
            };
            for element in items {
                check_item(expected, element, what).map_err(mismatch)?;
            }
            args.push(item);
        } else {
            check_item(expected, &item, what).map_err(mismatch)?;
            // A dictionary id, wildcards or not: the adapter reads the item.
            if expected.id.as_str().is_none() {
                args.push(item);
            } else {
                args.push(
                    item.get_mut("value")
                        .map(std::mem::take)
                        .unwrap_or(Value::Null),
                );
            }
        }
    }
    Ok(())
}

/// One `{id, property, ..}` of a request's list: the prop it names matches `expected`.
fn check_item(expected: &PropId, item: &Value, what: &str) -> Result<(), String> {
    // The common case, a plain id as the callback declares it, is compared in place.
    let field = |name: &str| item.get(name).and_then(Value::as_str);
    if let (Some(id), Some(property)) = (field("id"), field("property"))
        && expected.is(id, property)
    {
        return Ok(());
    }
    let parsed = Item::deserialize(item).map_err(|error| {
        format!("expected `{expected}` in {what}, received an item that is not a prop ({error})")
    })?;
    let same_id = ComponentId::from_json(&parsed.id).is_some_and(|id| expected.id.matches(&id));
    if !same_id || parsed.property != expected.property {
        return Err(format!(
            "expected `{expected}` in {what}, received `{}.{}`",
            id_text(&parsed.id),
            parsed.property
        ));
    }
    Ok(())
}

/// `1 value`, `3 values`.
fn counted(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

fn id_text(id: &Value) -> String {
    id.as_str().map_or_else(|| id.to_string(), str::to_owned)
}

/// `{"multi": true, "response": {id: {prop: value}}}`, with `"sideUpdate": {id: {prop:
/// value}}` when the callback wrote props with `set_props`, or 204 when nothing is
/// updated. Ids are in their text form (../shared/dash-protocol.md §6.2); a pattern
/// output is keyed by the concrete ids the request's `outputs` names.
fn response(
    spec: &CallbackSpec,
    outputs: Vec<Option<Value>>,
    side: Option<Map<String, Value>>,
    requested: &Value,
) -> Result<Response, ApiError> {
    let declared = &spec.dependency.outputs;
    let positions: Vec<&Value> = match (declared.len(), requested) {
        (1, one) => vec![one],
        (_, Value::Array(many)) => many.iter().collect(),
        _ => Vec::new(),
    };
    let mut by_id: Map<String, Value> = Map::new();
    let mut set = |id: String, prop: &PropId, value: Value| {
        let entry = by_id.entry(id).or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(props) = entry {
            props.insert(prop.property.to_string(), value);
        }
    };
    for (index, (prop, value)) in declared.iter().zip(outputs).enumerate() {
        let Some(value) = value else { continue };
        if !prop.id.is_wild() {
            set(prop.id.to_string(), prop, value);
            continue;
        }
        let concrete = |position: &Value| -> Result<String, ApiError> {
            // The request's property may carry `@…` (`allow_duplicate`).
            let property = position.get("property").and_then(Value::as_str);
            let same_prop =
                property.is_some_and(|p| p.split('@').next() == Some(prop.property.as_ref()));
            position
                .get("id")
                .and_then(ComponentId::from_json)
                .filter(|id| same_prop && prop.id.matches(id))
                .map(|id| id.to_string())
                .ok_or_else(|| ApiError::Mismatch {
                    callback: spec.name,
                    message: format!(
                        "`outputs[{index}]` does not name a component matching `{prop}`"
                    ),
                })
        };
        let position = positions.get(index).copied().unwrap_or(&Value::Null);
        if !prop.id.is_many() {
            set(concrete(position)?, prop, value);
            continue;
        }
        let (Value::Array(values), Value::Array(targets)) = (value, position) else {
            return Err(ApiError::Mismatch {
                callback: spec.name,
                message: format!(
                    "`outputs[{index}]` is not the list of components matching `{prop}`"
                ),
            });
        };
        if values.len() != targets.len() {
            let message = format!(
                "`{}` returned {} for `{prop}`, which matches {} in this request: return one \
                 value per component, in the order of the request",
                spec.name,
                counted(values.len(), "value"),
                counted(targets.len(), "component")
            );
            tracing::error!(callback = spec.name, location = spec.location, %message, "wrong number of values");
            return Err(ApiError::Encode {
                callback: spec.name,
                location: spec.location,
                message,
            });
        }
        for (target, value) in targets.iter().zip(values) {
            // `[value]` sets it, `[]` leaves it as it is (`Update::NoUpdate`).
            if let Value::Array(mut one) = value
                && let Some(value) = one.pop()
            {
                set(concrete(target)?, prop, value);
            }
        }
    }
    if side.is_none() && by_id.is_empty() {
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    let body = serde_json::to_vec(&Answer {
        multi: true,
        response: &by_id,
        side_update: side.as_ref(),
    })
    .expect("JSON values encode");
    Ok((
        [(header::CONTENT_TYPE, "application/json")],
        Body::from(body),
    )
        .into_response())
}
