//! Errors a callback can end with, and "prevent update".

use std::fmt;

/// Return `Err(PreventUpdate.into())` (or use `?` on `Err(PreventUpdate)`) to leave every
/// output unchanged: the server answers 204 and the renderer stops the chain there, like
/// Python's `raise PreventUpdate`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PreventUpdate;

/// Why a callback did not produce outputs.
///
/// Any `std::error::Error` converts into it, so callbacks returning
/// `Result<T, CallbackError>` can use `?` freely:
///
/// ```
/// use dash::CallbackError;
///
/// fn parse(text: String) -> Result<i64, CallbackError> {
///     Ok(text.trim().parse::<i64>()?)
/// }
/// assert!(parse("x".into()).is_err());
/// ```
#[derive(Debug)]
pub enum CallbackError {
    /// Leave every output unchanged (HTTP 204).
    PreventUpdate,
    /// An argument could not be decoded into its Rust type (HTTP 400).
    BadInput {
        /// The callback's name.
        callback: &'static str,
        /// The `id.prop` the argument comes from.
        prop: String,
        /// The argument's position among the callback's parameters.
        index: usize,
        /// The Rust type it should have been.
        expected: &'static str,
        /// Where in the value decoding failed (`.` for the root).
        path: String,
        /// What serde said.
        message: String,
    },
    /// An output value could not be turned into JSON (HTTP 500).
    Encode {
        /// The callback's name.
        callback: &'static str,
        /// The `id.prop` of the output.
        prop: String,
        /// What serde said.
        message: String,
    },
    /// A value written with `set_props` could not be turned into JSON (HTTP 500).
    SetProps {
        /// Which prop, and what serde said.
        message: String,
    },
    /// The callback itself failed (HTTP 500, or `status` when set).
    Failed {
        /// What went wrong, shown to the user in debug mode only.
        message: String,
        /// An HTTP status to answer with instead of 500.
        status: Option<u16>,
    },
}

impl CallbackError {
    /// A failure with a message, answered as HTTP 500.
    pub fn msg(message: impl fmt::Display) -> Self {
        CallbackError::Failed {
            message: message.to_string(),
            status: None,
        }
    }

    /// A failure answered with the given HTTP status (for example 403 or 409).
    pub fn with_status(status: u16, message: impl fmt::Display) -> Self {
        CallbackError::Failed {
            message: message.to_string(),
            status: Some(status),
        }
    }
}

impl CallbackError {
    /// This error, met while sending what an `on_error` handler answered for `first`: the
    /// message names both.
    pub(crate) fn after_handled(self, first: &str) -> CallbackError {
        let both =
            |message: String| format!("{message} (while sending the on_error answer to: {first})");
        match self {
            CallbackError::Encode {
                callback,
                prop,
                message,
            } => CallbackError::Encode {
                callback,
                prop,
                message: both(message),
            },
            CallbackError::SetProps { message } => CallbackError::SetProps {
                message: both(message),
            },
            CallbackError::Failed { message, status } => CallbackError::Failed {
                message: both(message),
                status,
            },
            other => other,
        }
    }
}

impl fmt::Display for CallbackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallbackError::PreventUpdate => f.write_str("update prevented"),
            CallbackError::BadInput {
                callback,
                prop,
                index,
                expected,
                path,
                message,
            } => write!(
                f,
                "`{callback}`: argument {index} from `{prop}` at `{path}`: {message} (expected `{expected}`)"
            ),
            CallbackError::Encode {
                callback,
                prop,
                message,
            } => {
                write!(f, "`{callback}`: output `{prop}` cannot be sent: {message}")
            }
            CallbackError::SetProps { message } | CallbackError::Failed { message, .. } => {
                f.write_str(message)
            }
        }
    }
}

impl From<PreventUpdate> for CallbackError {
    fn from(_: PreventUpdate) -> Self {
        CallbackError::PreventUpdate
    }
}

impl<E: std::error::Error + Send + Sync + 'static> From<E> for CallbackError {
    fn from(error: E) -> Self {
        CallbackError::msg(error)
    }
}
