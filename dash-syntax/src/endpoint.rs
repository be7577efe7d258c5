//! What an API endpoint's path may be (`#[callback(api_endpoint = "/api/clean")]`): the
//! macro refuses the rest at the string, the server at startup.

/// Why `path` cannot be an API endpoint's path, if it cannot: it is written `/name` (more
/// segments allowed), with none of the characters a route or a URL reads otherwise, and
/// its first segment does not start with `_`, which the protocol's routes
/// (`_dash-update-component`, ...) take.
///
/// ```
/// assert!(dash_syntax::endpoint_problem("/api/clean").is_none());
/// assert!(dash_syntax::endpoint_problem("api").is_some());
/// assert!(dash_syntax::endpoint_problem("/_dash-layout").is_some());
/// assert!(dash_syntax::endpoint_problem("/items/{id}").is_some());
/// ```
pub fn endpoint_problem(path: &str) -> Option<&'static str> {
    let plain = path.starts_with('/')
        && path.len() > 1
        && !path.contains("//")
        && !path
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "{}*?#%:".contains(c));
    if !plain {
        return Some(
            "is not a plain path: write it `/name` or `/name/more`, without spaces, `{`, `}`, \
             `*`, `?`, `#`, `%` or `:`",
        );
    }
    if path.trim_start_matches('/').starts_with('_') {
        return Some("starts with `_`, which the protocol's own routes take");
    }
    None
}
