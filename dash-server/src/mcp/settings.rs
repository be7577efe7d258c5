//! The MCP endpoint's settings, `Mcp`, and the rule for its path.

/// What the app's MCP endpoint serves, for [`Dash::mcp`](crate::Dash::mcp). By default:
/// every callback that can be a tool, the layout and its components, the pages, the
/// clientside callbacks; doc comments left out of the tools' descriptions, as Python
/// Dash leaves docstrings out; requests accepted with a loopback `Host` only.
///
/// ```
/// # use dash::Mcp;
/// let mcp = Mcp::new().docs(true).allowed_hosts(["dash.example.com"]);
/// ```
#[derive(Clone, Debug)]
pub struct Mcp {
    pub(crate) path: String,
    pub(crate) callbacks: bool,
    pub(crate) layout: bool,
    pub(crate) pages: bool,
    pub(crate) clientside: bool,
    pub(crate) docs: bool,
    pub(crate) allowed_hosts: Option<Vec<String>>,
}

impl Default for Mcp {
    fn default() -> Self {
        Mcp {
            path: "_mcp".to_owned(),
            callbacks: true,
            layout: true,
            pages: true,
            clientside: true,
            docs: false,
            allowed_hosts: None,
        }
    }
}

impl Mcp {
    /// The defaults: served at `_mcp` under the app's routes prefix.
    pub fn new() -> Mcp {
        Mcp::default()
    }

    /// Serves it at `path` (under the routes prefix) instead of `_mcp`.
    pub fn path(mut self, path: impl Into<String>) -> Self {
        self.path = path.into().trim_matches('/').to_owned();
        self
    }

    /// Lists every callback as a tool (`true`, the default), or only those marked
    /// `#[callback(mcp = true)]` (`false`). `#[callback(mcp = false)]` is never listed.
    pub fn callbacks(mut self, all: bool) -> Self {
        self.callbacks = all;
        self
    }

    /// Offers the layout (`dash://layout`, `dash://components` and the tool
    /// `get_dash_component`). On by default.
    pub fn layout(mut self, on: bool) -> Self {
        self.layout = on;
        self
    }

    /// Offers the pages (`dash://pages`, `dash://page-layout/{path}`). On by default.
    pub fn pages(mut self, on: bool) -> Self {
        self.pages = on;
        self
    }

    /// Offers the clientside callbacks' code (`dash://clientside-callbacks`). On by
    /// default.
    pub fn clientside(mut self, on: bool) -> Self {
        self.clientside = on;
        self
    }

    /// Puts each callback's doc comment at the start of its tool's description. Off by
    /// default, as in Python Dash: a doc comment may say more than the app means to.
    pub fn docs(mut self, on: bool) -> Self {
        self.docs = on;
        self
    }

    /// Accepts requests whose `Host` is one of these (`dash.example.com`, or with a port,
    /// `dash.example.com:8443`) as well as the loopback hosts (`localhost`, `127.0.0.1`,
    /// `::1`), which are the only ones accepted by default: that keeps a web page from
    /// reaching a server on the user's machine by DNS rebinding. A deployed app names its
    /// host here.
    pub fn allowed_hosts<S: Into<String>>(mut self, hosts: impl IntoIterator<Item = S>) -> Self {
        self.allowed_hosts = Some(hosts.into_iter().map(Into::into).collect());
        self
    }
}

/// The endpoint's path as given (`_mcp`, `/agents`), checked against the routes it could
/// shadow: the protocol's (`_` paths other than `_mcp`), the assets' and the health
/// check's. A page redirect or an API endpoint on it is found later (`super::check`).
pub(crate) fn checked_path(
    path: &str,
    assets: &str,
    health: Option<&str>,
) -> Result<String, String> {
    let path = crate::config::health_path(path)?.ok_or_else(|| "the path is empty".to_owned())?;
    let first = path.split('/').next().unwrap_or_default();
    if path.starts_with('_') && path != "_mcp" {
        Err(format!(
            "`{path}` starts with `_`, as the protocol's routes do; choose a path without it, \
             or keep `_mcp`"
        ))
    } else if first == assets.trim_matches('/') || health == Some(&*path) {
        Err(format!(
            "`{path}` is taken, by the assets or the health endpoint"
        ))
    } else {
        Ok(path)
    }
}

#[cfg(test)]
mod tests {
    use super::checked_path;

    #[test]
    fn a_path_that_would_shadow_a_route_is_refused() {
        assert_eq!(checked_path("/_mcp/", "assets", None).unwrap(), "_mcp");
        assert_eq!(checked_path("agents", "assets", None).unwrap(), "agents");
        assert!(checked_path("_reload-hash", "assets", None).is_err());
        assert!(checked_path("_dash-layout", "assets", None).is_err());
        assert!(checked_path("assets/mcp", "assets", None).is_err());
        assert!(checked_path("health", "assets", Some("health")).is_err());
        assert!(checked_path("", "assets", None).is_err());
    }
}
