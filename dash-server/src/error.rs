//! Errors the server answers with: always a status and a JSON body.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

/// Something a request could not get, and the answer it gets instead.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ApiError {
    /// The body is not the JSON the renderer sends.
    #[error("malformed request: {message}")]
    Malformed { message: String },
    /// The body is larger than the configured limit.
    #[error("request body is larger than the limit of {limit} bytes")]
    TooLarge { limit: usize },
    /// The body is encoded in a way the server does not read (it reads `gzip`).
    #[error("the request's Content-Encoding `{encoding}` is not supported: send it as is, or gzip")]
    UnsupportedEncoding { encoding: String },
    /// No callback has this output descriptor.
    #[error("no callback has the output `{output}`")]
    UnknownOutput { output: String },
    /// The request's inputs or state do not match the callback's declaration.
    #[error("`{callback}`: {message}")]
    Mismatch {
        callback: &'static str,
        message: String,
    },
    /// An argument did not decode into its Rust type.
    #[error("{message}")]
    BadInput {
        callback: &'static str,
        prop: String,
        path: String,
        message: String,
    },
    /// The callback returned an error.
    #[error("callback `{callback}` failed: {message}")]
    Callback {
        callback: &'static str,
        location: &'static str,
        message: String,
        status: StatusCode,
    },
    /// The callback panicked.
    #[error("callback `{callback}` panicked: {message}")]
    Panic {
        callback: &'static str,
        location: &'static str,
        message: String,
    },
    /// An output could not be encoded.
    #[error("{message}")]
    Encode {
        callback: &'static str,
        location: &'static str,
        message: String,
    },
    /// A server-side store's handle names a value that is gone, with the arguments that
    /// would compute it again (a handle too large to carry them).
    #[error("`{callback}`: {message}")]
    StoreGone {
        callback: &'static str,
        message: String,
    },
    /// The callback took longer than the app's `callback_timeout`.
    #[error("callback `{callback}` did not answer within {limit:?} (the app's callback_timeout)")]
    Timeout {
        callback: &'static str,
        location: &'static str,
        limit: std::time::Duration,
    },
    /// The store that background jobs share (Redis) cannot be reached.
    #[error("the background jobs' store is unavailable: {message}")]
    #[cfg_attr(not(feature = "redis"), allow(dead_code))]
    JobsUnavailable { message: String },
    /// The app's layout function panicked, or built a layout that is not JSON.
    #[error("the layout could not be built: {message}")]
    Layout { message: String },
    /// No such route or file.
    #[error("not found: {path}")]
    NotFound { path: String },
    /// The route exists, the method does not.
    #[error("method not allowed")]
    MethodNotAllowed,
}

impl ApiError {
    fn status(&self) -> StatusCode {
        match self {
            ApiError::Malformed { .. } | ApiError::Mismatch { .. } | ApiError::BadInput { .. } => {
                StatusCode::BAD_REQUEST
            }
            ApiError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedEncoding { .. } => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::StoreGone { .. } => StatusCode::GONE,
            ApiError::Timeout { .. } => StatusCode::GATEWAY_TIMEOUT,
            ApiError::JobsUnavailable { .. } => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::UnknownOutput { .. } | ApiError::NotFound { .. } => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Callback { status, .. } => *status,
            ApiError::Panic { .. } | ApiError::Encode { .. } | ApiError::Layout { .. } => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            ApiError::Malformed { .. } => "malformed_request",
            ApiError::TooLarge { .. } => "too_large",
            ApiError::UnsupportedEncoding { .. } => "unsupported_encoding",
            ApiError::UnknownOutput { .. } => "unknown_output",
            ApiError::Mismatch { .. } => "mismatched_request",
            ApiError::BadInput { .. } => "bad_input",
            ApiError::Callback { .. } => "callback_error",
            ApiError::Panic { .. } => "panic",
            ApiError::Encode { .. } => "encode_error",
            ApiError::StoreGone { .. } => "store_gone",
            ApiError::Timeout { .. } => "timeout",
            ApiError::JobsUnavailable { .. } => "jobs_unavailable",
            ApiError::Layout { .. } => "layout_error",
            ApiError::NotFound { .. } => "not_found",
            ApiError::MethodNotAllowed => "method_not_allowed",
        }
    }

    /// The JSON answer. Failures inside a callback (5xx) keep their message and location
    /// out of the body unless `debug` is on; the server log always has them.
    pub(crate) fn into_response_with(self, debug: bool) -> Response {
        let (status, body) = self.render(debug);
        (status, axum::Json(body)).into_response()
    }

    /// The status and the JSON body of [`into_response_with`](Self::into_response_with),
    /// for an answer kept to be sent later (a background job's, on Redis).
    pub(crate) fn render(self, debug: bool) -> (StatusCode, Value) {
        let status = self.status();
        let mut error = Map::new();
        error.insert("kind".into(), self.kind().into());
        // A time limit says nothing of the callback's insides: always told.
        let hide = status.is_server_error() && !debug && !matches!(self, ApiError::Timeout { .. });
        match &self {
            ApiError::BadInput {
                callback,
                prop,
                path,
                ..
            } => {
                error.insert("callback".into(), (*callback).into());
                error.insert("prop".into(), prop.as_str().into());
                error.insert("path".into(), path.as_str().into());
            }
            ApiError::Mismatch { callback, .. } | ApiError::StoreGone { callback, .. } => {
                error.insert("callback".into(), (*callback).into());
            }
            ApiError::Callback {
                callback, location, ..
            }
            | ApiError::Panic {
                callback, location, ..
            }
            | ApiError::Encode {
                callback, location, ..
            }
            | ApiError::Timeout {
                callback, location, ..
            } => {
                error.insert("callback".into(), (*callback).into());
                if debug {
                    error.insert("location".into(), (*location).into());
                }
            }
            _ => {}
        }
        let message = if hide {
            "the callback failed; details are in the server log (run with debug on to see them here)".to_owned()
        } else {
            self.to_string()
        };
        error.insert("message".into(), Value::String(message));
        (status, json!({ "error": error }))
    }
}

impl IntoResponse for ApiError {
    /// Without access to the debug flag: the production answer.
    fn into_response(self) -> Response {
        self.into_response_with(false)
    }
}
