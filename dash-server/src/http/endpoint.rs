//! Callbacks served at paths of their own (`#[callback(api_endpoint = "/api/clean")]`,
//! Dash 3.3's `api_endpoint`): a `POST` whose body is a JSON object of the callback's
//! arguments by parameter name answers what the callback returns, as JSON. The call is
//! the same as from the page (decoding, time limit, memo, error handlers); only the way
//! in and out differs.

use std::sync::Arc;

use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use dash_core::{Args, CallbackSpec};
use serde_json::Value;

use crate::call::{Call, Called};
use crate::error::ApiError;
use crate::state::AppState;

/// Answers a request to the endpoint of the callback whose output key is `key`.
pub(crate) async fn handle(state: Arc<AppState>, key: String, request: Request) -> Response {
    let debug = state.config.debug;
    match respond(&state, &key, request).await {
        Ok(response) => response,
        Err(error) => error.into_response_with(debug),
    }
}

async fn respond(state: &Arc<AppState>, key: &str, request: Request) -> Result<Response, ApiError> {
    let spec = state
        .registry
        .get(key)
        .expect("endpoints are routed to registered callbacks");
    let (parts, body) = request.into_parts();
    let body = super::update::read_body(&parts.headers, body, state.config.body_limit).await?;
    let args = arguments(spec, &body)?;
    let call = Call::by_name(state, spec, Some(&parts.headers));
    let outputs = match call.answer(args).await? {
        Called::Outputs(outputs, _) | Called::Fallback(outputs, _) => outputs,
        Called::Prevented => return Ok(StatusCode::NO_CONTENT.into_response()),
    };
    let value = match outputs.as_slice() {
        [] => return Ok(StatusCode::NO_CONTENT.into_response()),
        [one] => one.clone().unwrap_or(Value::Null),
        many => Value::Array(
            many.iter()
                .map(|o| o.clone().unwrap_or(Value::Null))
                .collect(),
        ),
    };
    Ok((
        [(header::CONTENT_TYPE, "application/json")],
        value.to_string(),
    )
        .into_response())
}

/// The arguments from the body, a JSON object keyed by their names (an empty body is an
/// empty object).
fn arguments(spec: &CallbackSpec, body: &[u8]) -> Result<Args, ApiError> {
    let object = if body.iter().all(u8::is_ascii_whitespace) {
        serde_json::Map::new()
    } else {
        match serde_json::from_slice::<Value>(body) {
            Ok(Value::Object(object)) => object,
            Ok(_) | Err(_) => {
                return Err(ApiError::Malformed {
                    message: format!(
                        "`{}` takes a JSON object of its arguments by name: {}",
                        spec.name,
                        crate::call::expected_arguments(spec)
                    ),
                });
            }
        }
    };
    crate::call::arguments_by_name(spec, object)
}
