//! Why an app cannot start: [`StartupError`], and the [`Problem`]s startup validation
//! finds in the callback graph and the layout.

use std::net::SocketAddr;

use crate::config::EnvError;

/// A problem found when the app starts, by the check that found it. Each message names
/// the callback and where it is declared.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Problem {
    /// A loop through several callbacks, each triggered by an output of the one before.
    #[error("{0}")]
    Cycle(String),
    /// A prop written by two callbacks, neither marked `allow_duplicate`.
    #[error("{0}")]
    DuplicateOutput(String),
    /// A layout id the browser cannot use (empty, or with `.` or `{`).
    #[error("{0}")]
    InvalidId(String),
    /// A callback with no inputs.
    #[error("{0}")]
    NoInputs(String),
    /// A `Shared<T>` parameter whose type the app does not share.
    #[error("{0}")]
    MissingShared(String),
    /// A callback that takes its context (or has an error handler) and is memoized or
    /// writes a server-side store.
    #[error("{0}")]
    Contextual(String),
    /// An argument that cannot take `null`, bound to a prop the layout leaves unset.
    #[error("{0}")]
    Unset(String),
    /// An argument whose type does not read a form the browser sends for its prop.
    #[error("{0}")]
    Form(String),
    /// An id a callback names that the layout does not hold.
    #[error("{0}")]
    MissingId(String),
    /// An API endpoint that cannot be served: a path that is not one, taken twice or by
    /// the protocol, or a callback the endpoint cannot call.
    #[error("{0}")]
    Endpoint(String),
    /// A clientside callback the browser could not run as built: a reserved namespace, a
    /// source that would end the page's script, a server-only setting.
    #[error("{0}")]
    Clientside(String),
    /// A callback marked `mcp = true` that cannot be an MCP tool, or an MCP endpoint's path
    /// that another route takes.
    #[error("{0}")]
    Mcp(String),
}

/// Why the app cannot start.
///
/// Its `Debug` output is its message, so `fn main() -> Result<(), StartupError>` prints
/// something readable.
#[derive(thiserror::Error)]
pub enum StartupError {
    /// A setting from the environment does not parse.
    #[error(transparent)]
    Env(#[from] EnvError),
    /// No layout was given.
    #[error("the app has no layout: call `.layout(..)` or `.layout_fn(..)`")]
    NoLayout,
    /// A setting is not valid: made in code, or read from its environment variable
    /// (`url_base_pathname` from `DASH_URL_BASE_PATHNAME`, ...).
    #[error("the setting `{setting}` is not valid: {reason}")]
    Setting {
        /// The builder method.
        setting: &'static str,
        /// What is wrong, and what is expected.
        reason: String,
    },
    /// The callback graph or the layout has problems; all of them are listed.
    #[error("the app is not valid:\n{}", list(.0))]
    Invalid(Vec<Problem>),
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// Why it could not be bound.
        source: std::io::Error,
    },
    /// Serving failed.
    #[error("server error: {0}")]
    Io(#[from] std::io::Error),
    /// The binary holds no front end: it was built with `DOCS_RS` set, as documentation
    /// hosts build, and would serve pages whose scripts are missing.
    #[error(
        "this binary has no front end: it was built with DOCS_RS set (for documentation \
         only); build it again without DOCS_RS"
    )]
    NoFrontEnd,
}

impl std::fmt::Debug for StartupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self, f)
    }
}

fn list(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("  - {p}"))
        .collect::<Vec<_>>()
        .join("\n")
}
