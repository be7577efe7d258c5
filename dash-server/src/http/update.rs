//! `POST /_dash-update-component`: read the body, parse and validate it against the
//! callback (`protocol::request`), run the call (`call`), and answer with its outputs
//! (`protocol::response`).

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State as Extract};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use dash_core::CallContext;

use super::background;
use crate::call::{Call, Called, keys};
use crate::error::ApiError;
use crate::protocol::request::UpdateRequest;
use crate::protocol::response;
use crate::state::AppState;

pub(crate) async fn handle(Extract(state): Extract<Arc<AppState>>, request: Request) -> Response {
    let debug = state.config.debug;
    match respond(&state, request).await {
        Ok(response) => response,
        Err(error) => error.into_response_with(debug),
    }
}

async fn respond(state: &Arc<AppState>, request: Request) -> Result<Response, ApiError> {
    let (parts, body) = request.into_parts();
    let body = read_body(&parts.headers, body, state.config.body_limit).await?;
    let request = UpdateRequest::parse(&body)?;
    let spec = spec_for(state, &request)?;
    if let Some(jobs) = &state.jobs {
        let query = background::JobQuery::parse(parts.uri.query());
        let background = spec.dependency.background.is_some();
        background::cancel_named(state, jobs, &query, background && !query.is_poll()).await;
        if background {
            if query.is_poll() {
                return Ok(background::poll(state, jobs, spec, &query).await);
            }
            let prepared = prepare(state, spec, request, &body, &parts.headers)?;
            return background::start(state, jobs, spec, &query, prepared, body).await;
        }
    }
    let prepared = prepare(state, spec, request, &body, &parts.headers)?;
    drop(body); // (parsed: the values are in the arguments now)
    let call = Call {
        state,
        spec,
        session: prepared.session.as_deref(),
        context: CallContext::new(state.resources.clone(), prepared.request),
    };
    let (outputs, side) = match call.answer(prepared.args).await? {
        Called::Outputs(outputs, side) | Called::Fallback(outputs, side) => (outputs, side),
        Called::Prevented => return Ok(StatusCode::NO_CONTENT.into_response()),
    };
    match response::body(spec, outputs, side.as_ref(), &prepared.targets)? {
        None => Ok(StatusCode::NO_CONTENT.into_response()),
        Some(body) => Ok((
            [(header::CONTENT_TYPE, "application/json")],
            Body::from(body),
        )
            .into_response()),
    }
}

/// The callback a request is for, by its output key; a 404 for an unknown one, and for a
/// clientside one, which the browser runs itself and never asks for.
pub(super) fn spec_for<'a>(
    state: &'a AppState,
    request: &UpdateRequest<'_>,
) -> Result<&'a dash_core::CallbackSpec, ApiError> {
    state
        .registry
        .get(&request.output)
        .filter(|spec| spec.dependency.clientside.is_none())
        .map(|spec| &**spec)
        .ok_or_else(|| ApiError::UnknownOutput {
            output: request.output.clone(),
        })
}

/// A request validated against its callback, with what the call needs of the rest.
pub(super) struct Prepared {
    /// The arguments, inputs then state.
    pub args: dash_core::Args,
    /// Where each output goes.
    pub targets: crate::protocol::request::Targets,
    /// What the callback's context reads.
    pub request: dash_core::Request,
    /// The browser session, for callbacks memoized per session.
    pub session: Option<String>,
}

/// Validates the request against `spec` (a 400 when it does not fit) and gathers what
/// the call's context needs.
pub(super) fn prepare(
    state: &AppState,
    spec: &dash_core::CallbackSpec,
    request: UpdateRequest<'_>,
    body: &axum::body::Bytes,
    headers: &HeaderMap,
) -> Result<Prepared, ApiError> {
    // Only a callback that takes its context, or the app's error handler, reads the
    // headers and the lists: copying them costs a request several allocations. The lists
    // come from this parse for the callback; the error handler, which runs only when a
    // call fails, reads them from the body if it asks.
    let request = request.validate(spec, spec.contextual)?;
    let mut call_request = dash_core::Request::default();
    call_request.changed = request.changed;
    call_request.lists = request.lists;
    if !spec.contextual && state.on_error.is_some() {
        call_request.body = Some(body.clone());
    }
    if crate::call::reads_headers(state, spec) {
        call_request.headers = crate::call::copy_headers(headers);
    }
    let session = keys::session_from_cookies(
        headers
            .get(header::COOKIE)
            .and_then(|value| value.to_str().ok()),
    );
    Ok(Prepared {
        args: request.args,
        targets: request.targets,
        request: call_request,
        session: session.map(str::to_owned),
    })
}

/// The largest gzip body inflated on the async worker; larger ones go to the blocking
/// pool (inflating runs at a few hundred MB/s: 64 KiB takes well under a millisecond).
const INFLATE_INLINE_BYTES: usize = 64 * 1024;

/// The body, under the size limit: a body longer than it, declared or not, is a 413. A
/// body sent with `Content-Encoding: gzip` (Dash 4.5's `compress_payload`, for large
/// `State`) is inflated, and the limit holds for what it inflates to as well.
pub(super) async fn read_body(
    headers: &HeaderMap,
    body: Body,
    limit: usize,
) -> Result<axum::body::Bytes, ApiError> {
    let gzip = gzip_encoded(headers)?;
    let bytes = read_raw(headers, body, limit).await?;
    if !gzip {
        return Ok(bytes);
    }
    if bytes.len() <= INFLATE_INLINE_BYTES {
        return inflate(&bytes, limit);
    }
    tokio::task::spawn_blocking(move || inflate(&bytes, limit))
        .await
        .unwrap_or_else(|error| {
            Err(ApiError::Malformed {
                message: format!("cannot inflate the body: {error}"),
            })
        })
}

/// Whether the body is gzip-encoded (`Content-Encoding: gzip`; `identity` or none is
/// plain). Any other encoding is a 415.
fn gzip_encoded(headers: &HeaderMap) -> Result<bool, ApiError> {
    let Some(value) = headers.get(header::CONTENT_ENCODING) else {
        return Ok(false);
    };
    let text = value.to_str().unwrap_or("").trim();
    if text.eq_ignore_ascii_case("gzip") || text.eq_ignore_ascii_case("x-gzip") {
        Ok(true)
    } else if text.is_empty() || text.eq_ignore_ascii_case("identity") {
        Ok(false)
    } else {
        Err(ApiError::UnsupportedEncoding {
            encoding: String::from_utf8_lossy(value.as_bytes()).into_owned(),
        })
    }
}

/// A gzip body inflated, at most `limit` bytes of it.
fn inflate(bytes: &[u8], limit: usize) -> Result<axum::body::Bytes, ApiError> {
    use std::io::Read;
    let mut out = Vec::new();
    let read = flate2::read::MultiGzDecoder::new(bytes)
        .take(limit as u64 + 1)
        .read_to_end(&mut out);
    match read {
        Err(error) => Err(ApiError::Malformed {
            message: format!("the body is not valid gzip: {error}"),
        }),
        Ok(length) if length > limit => Err(ApiError::TooLarge { limit }),
        Ok(_) => Ok(out.into()),
    }
}

/// The body as sent, under the size limit.
async fn read_raw(
    headers: &HeaderMap,
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
        // As axum's own extractors tell them apart: by the error's type, not its text.
        let too_large = std::error::Error::source(&error)
            .is_some_and(|source| source.is::<http_body_util::LengthLimitError>());
        if too_large {
            ApiError::TooLarge { limit }
        } else {
            ApiError::Malformed {
                message: format!("cannot read the body: {error}"),
            }
        }
    })
}
