//! What a clientside callback may name and hold: the macro refuses the rest at compile
//! time, the server at startup (for callbacks built by hand).

/// The namespace of `window.dash_clientside` that holds inline sources, each under the
/// SHA-256 of its text (Python Dash's).
pub const INLINE_NAMESPACE: &str = "_dashprivate_clientside_funcs";

/// The names the renderer owns on `window.dash_clientside`: no namespace may take them.
pub const RENDERER_NAMES: &[&str] = &[
    "no_update",
    "PreventUpdate",
    "set_props",
    "callback_context",
    "clean_url",
    "Patch",
];

/// Why a named clientside function's namespace cannot be used, if it cannot: Dash keeps
/// namespaces starting with `_dashprivate_` for itself, and the renderer's own names
/// would be overwritten.
///
/// ```
/// assert!(dash_syntax::namespace_problem("clientside").is_none());
/// assert!(dash_syntax::namespace_problem("_dashprivate_x").is_some());
/// assert!(dash_syntax::namespace_problem("no_update").is_some());
/// ```
pub fn namespace_problem(namespace: &str) -> Option<String> {
    if namespace.trim().is_empty() {
        return Some("the namespace is empty".to_owned());
    }
    if namespace.starts_with("_dashprivate_") {
        return Some(format!(
            "the namespace `{namespace}` starts with `_dashprivate_`, which Dash keeps for itself"
        ));
    }
    if RENDERER_NAMES.contains(&namespace) {
        return Some(format!(
            "`{namespace}` is the renderer's own name on `window.dash_clientside`, not a namespace"
        ));
    }
    None
}

/// Does this JavaScript hold `</script` (in any case)? Pasted into the page's inline
/// script it would end the script element early, and the rest of the page would break.
///
/// ```
/// assert!(dash_syntax::closes_script("(a) => '</SCRIPT>'"));
/// assert!(!dash_syntax::closes_script("(a) => a < b"));
/// ```
pub fn closes_script(source: &str) -> bool {
    source.to_ascii_lowercase().contains("</script")
}
